import { decodeTypedSearchAttributes } from '@temporalio/common/lib/converter/payload-search-attributes';
import type { WorkflowExecutionDescription } from '@temporalio/client';
import { temporal } from '@temporalio/proto';
import type {
  OpsExecutionStatus,
  OpsPendingActivity,
  OpsPendingChild,
  OpsPendingWorkflowTask,
  OpsSearchAttributes,
  OpsWorkflowDetail,
  OpsWorkflowSummary,
} from '../../schema/ops';
import {
  decodePayload,
  enumPascal,
  enumWords,
  pendingTimersIn,
  resetPointsIn,
  summarizeFailure,
  toIso,
  toMs,
  toNumber,
  type HistoryEvent,
} from './historyEvents';

/** How Temporal's execution records look to the operations console. */

const enums = temporal.api.enums.v1;
type RawExecutionInfo = temporal.api.workflow.v1.IWorkflowExecutionInfo;

const knownStatuses = new Set<string>([
  'Running',
  'Completed',
  'Failed',
  'Canceled',
  'Terminated',
  'ContinuedAsNew',
  'TimedOut',
  'Paused',
]);

export function executionStatusName(code: unknown): OpsExecutionStatus {
  const name = enumPascal(enums.WorkflowExecutionStatus, code, 'WORKFLOW_EXECUTION_STATUS_');
  return name && knownStatuses.has(name) ? (name as OpsExecutionStatus) : 'Unspecified';
}

/**
 * Search attributes as a plain object. Typed decoding (the server tags each value with its type)
 * gives dates and lists their proper shape; a value without a type tag is decoded as JSON.
 */
export function searchAttributesOf(
  indexedFields: Record<string, temporal.api.common.v1.IPayload> | null | undefined,
): OpsSearchAttributes {
  const out: OpsSearchAttributes = {};
  let typed: { key: { name: string }; value: unknown }[] = [];
  try {
    typed = decodeTypedSearchAttributes(indexedFields).getAll();
  } catch {
    typed = [];
  }
  for (const { key, value } of typed) out[key.name] = plainValue(value);
  for (const [name, payload] of Object.entries(indexedFields ?? {})) {
    if (!(name in out)) out[name] = plainValue(decodePayload(payload));
  }
  return out;
}

function plainValue(value: unknown): OpsSearchAttributes[string] {
  if (value instanceof Date) return value.toISOString();
  if (Array.isArray(value)) return value.map((v) => (v instanceof Date ? v.toISOString() : String(v)));
  if (typeof value === 'number' || typeof value === 'boolean' || typeof value === 'string') return value;
  return JSON.stringify(value ?? null);
}

/** One row of the list (also the head of the detail). */
export function workflowSummaryOf(raw: RawExecutionInfo): OpsWorkflowSummary {
  const parent = raw.parentExecution?.workflowId
    ? { workflowId: raw.parentExecution.workflowId, runId: raw.parentExecution.runId ?? '' }
    : null;
  return {
    workflowId: raw.execution?.workflowId ?? '',
    runId: raw.execution?.runId ?? '',
    type: raw.type?.name ?? '',
    status: executionStatusName(raw.status),
    startTime: toIso(raw.startTime) ?? new Date(0).toISOString(),
    closeTime: toIso(raw.closeTime),
    executionTime: toIso(raw.executionTime),
    historyLength: toNumber(raw.historyLength),
    historySizeBytes: raw.historySizeBytes ? toNumber(raw.historySizeBytes) || null : null,
    taskQueue: raw.taskQueue ?? '',
    searchAttributes: searchAttributesOf(raw.searchAttributes?.indexedFields),
    parent,
  };
}

const activityStates = new Set(['Scheduled', 'Started', 'CancelRequested', 'Paused', 'PauseRequested']);

export function pendingActivityOf(p: temporal.api.workflow.v1.IPendingActivityInfo): OpsPendingActivity {
  const state = enumPascal(enums.PendingActivityState, p.state, 'PENDING_ACTIVITY_STATE_');
  return {
    activityId: p.activityId ?? '',
    activityType: p.activityType?.name ?? '',
    state: (state && activityStates.has(state) ? state : 'Unspecified') as OpsPendingActivity['state'],
    attempt: p.attempt ?? 1,
    maximumAttempts: p.maximumAttempts ? p.maximumAttempts : null,
    lastFailure: summarizeFailure(p.lastFailure),
    lastHeartbeatTime: toIso(p.lastHeartbeatTime),
    scheduledTime: toIso(p.scheduledTime),
    lastStartedTime: toIso(p.lastStartedTime),
    lastAttemptCompleteTime: toIso(p.lastAttemptCompleteTime),
    nextAttemptScheduleTime: toIso(p.nextAttemptScheduleTime),
    currentRetryIntervalMs: toMs(p.currentRetryInterval),
    expirationTime: toIso(p.expirationTime),
    lastWorkerIdentity: p.lastWorkerIdentity || null,
    paused: p.paused ?? false,
  };
}

export function pendingChildOf(p: temporal.api.workflow.v1.IPendingChildExecutionInfo): OpsPendingChild {
  return {
    workflowId: p.workflowId ?? '',
    runId: p.runId || null,
    workflowType: p.workflowTypeName ?? '',
    initiatedEventId: toNumber(p.initiatedId),
    parentClosePolicy: enumWords(enums.ParentClosePolicy, p.parentClosePolicy, 'PARENT_CLOSE_POLICY_'),
  };
}

export function pendingWorkflowTaskOf(
  p: temporal.api.workflow.v1.IPendingWorkflowTaskInfo | null | undefined,
): OpsPendingWorkflowTask | null {
  if (!p) return null;
  const state = enumPascal(enums.PendingWorkflowTaskState, p.state, 'PENDING_WORKFLOW_TASK_STATE_');
  return {
    state: state === 'Scheduled' || state === 'Started' ? state : 'Unspecified',
    attempt: p.attempt ?? 1,
    scheduledTime: toIso(p.scheduledTime),
    originalScheduledTime: toIso(p.originalScheduledTime),
    startedTime: toIso(p.startedTime),
  };
}

/** Describe + the run's history → everything the detail screen shows. */
export function workflowDetailOf(description: WorkflowExecutionDescription, events: HistoryEvent[]): OpsWorkflowDetail {
  const raw = description.raw;
  const points = resetPointsIn(events);
  return {
    ...workflowSummaryOf(raw.workflowExecutionInfo ?? {}),
    memo: description.memo ?? {},
    pendingActivities: (raw.pendingActivities ?? []).map(pendingActivityOf),
    pendingChildren: (raw.pendingChildren ?? []).map(pendingChildOf),
    pendingTimers: pendingTimersIn(events),
    pendingWorkflowTask: pendingWorkflowTaskOf(raw.pendingWorkflowTask),
    reset: {
      possible: points.last !== null,
      reason:
        points.last === null
          ? 'No workflow task of this run has completed yet, so there is no point to reset to; look for a failing workflow task in its history.'
          : null,
      firstWorkflowTaskEventId: points.first,
      lastWorkflowTaskEventId: points.last,
    },
  };
}
