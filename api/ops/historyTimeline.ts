import { temporal } from '@temporalio/proto';
import type { OpsTimelineEntry, OpsTimelineKind, OpsTimelineStatus } from '../../schema/ops';
import {
  decodePayloadMap,
  decodePayloads,
  enumWords,
  eventTypeName,
  formatDuration,
  formatTime,
  isCloseEvent,
  summarizeFailure,
  toDate,
  toIso,
  toMs,
  toNumber,
  type HistoryEvent,
} from './historyEvents';

/**
 * A workflow's event history as a timeline an operator can read: one entry per meaningful event,
 * with a sentence ("Activity projectCase failed (attempt 3): connection refused"), a status, the
 * events it pairs with, and small decoded details. Routine workflow tasks
 * (scheduled → started → completed) collapse into one `kind: 'task'` entry the console may hide.
 *
 * Pure: takes the events as `fetchHistory()` returns them; no Temporal client, no clock.
 */
export function historyTimeline(events: HistoryEvent[]): OpsTimelineEntry[] {
  return new TimelineBuilder(events).build();
}

const enums = temporal.api.enums.v1;

type Entry = OpsTimelineEntry;

interface ActivityInfo {
  type: string;
  activityId: string;
  scheduledEventId: number;
  startedEventId?: number;
  closeEventId?: number;
}

class TimelineBuilder {
  private readonly byId = new Map<number, HistoryEvent>();
  private readonly activities = new Map<number, ActivityInfo>();
  private readonly timerClosedBy = new Map<number, number>();
  private readonly timerStartedById = new Map<string, number>();
  private readonly updateNames = new Map<string, string>();
  private readonly updateClosedBy = new Map<number, number>();
  private readonly childClosedBy = new Map<number, number[]>();
  private readonly signalExternalClosedBy = new Map<number, number>();
  /** Workflow task scheduled id → started id and close id. */
  private readonly taskStarted = new Map<number, number>();
  private readonly taskClosed = new Map<number, number>();

  /** Once the run is closed nothing in it is pending any more. */
  private readonly closed: boolean;

  constructor(private readonly events: HistoryEvent[]) {
    for (const e of events) this.index(e);
    this.closed = events.some(isCloseEvent);
  }

  /** The status of an opening event (scheduled, started, accepted …): pending until resolved. */
  private openStatus(resolved: boolean): OpsTimelineStatus {
    return resolved || this.closed ? 'info' : 'pending';
  }

  /** First pass: who pairs with whom. */
  private index(e: HistoryEvent) {
    const id = toNumber(e.eventId);
    this.byId.set(id, e);
    switch (eventTypeName(e)) {
      case 'ActivityTaskScheduled': {
        const s = e.activityTaskScheduledEventAttributes!;
        this.activities.set(id, { type: s.activityType?.name ?? '?', activityId: s.activityId ?? '', scheduledEventId: id });
        break;
      }
      case 'ActivityTaskStarted':
        this.activityAt(e.activityTaskStartedEventAttributes?.scheduledEventId, (act) => (act.startedEventId = id));
        break;
      case 'ActivityTaskCompleted':
        this.activityAt(e.activityTaskCompletedEventAttributes?.scheduledEventId, (act) => (act.closeEventId = id));
        break;
      case 'ActivityTaskFailed':
        this.activityAt(e.activityTaskFailedEventAttributes?.scheduledEventId, (act) => (act.closeEventId = id));
        break;
      case 'ActivityTaskTimedOut':
        this.activityAt(e.activityTaskTimedOutEventAttributes?.scheduledEventId, (act) => (act.closeEventId = id));
        break;
      case 'ActivityTaskCanceled':
        this.activityAt(e.activityTaskCanceledEventAttributes?.scheduledEventId, (act) => (act.closeEventId = id));
        break;
      case 'TimerStarted':
        this.timerStartedById.set(e.timerStartedEventAttributes?.timerId ?? '', id);
        break;
      case 'TimerFired':
        this.timerClosedBy.set(toNumber(e.timerFiredEventAttributes?.startedEventId), id);
        break;
      case 'TimerCanceled':
        this.timerClosedBy.set(toNumber(e.timerCanceledEventAttributes?.startedEventId), id);
        break;
      case 'WorkflowExecutionUpdateAdmitted': {
        const r = e.workflowExecutionUpdateAdmittedEventAttributes?.request;
        if (r?.meta?.updateId) this.updateNames.set(r.meta.updateId, r.input?.name ?? '?');
        break;
      }
      case 'WorkflowExecutionUpdateAccepted': {
        const r = e.workflowExecutionUpdateAcceptedEventAttributes?.acceptedRequest;
        if (r?.meta?.updateId) this.updateNames.set(r.meta.updateId, r.input?.name ?? '?');
        break;
      }
      case 'WorkflowExecutionUpdateCompleted':
        this.updateClosedBy.set(toNumber(e.workflowExecutionUpdateCompletedEventAttributes?.acceptedEventId), id);
        break;
      case 'ChildWorkflowExecutionStarted':
        this.childEvent(e.childWorkflowExecutionStartedEventAttributes?.initiatedEventId, id);
        break;
      case 'ChildWorkflowExecutionCompleted':
        this.childEvent(e.childWorkflowExecutionCompletedEventAttributes?.initiatedEventId, id);
        break;
      case 'ChildWorkflowExecutionFailed':
        this.childEvent(e.childWorkflowExecutionFailedEventAttributes?.initiatedEventId, id);
        break;
      case 'ChildWorkflowExecutionCanceled':
        this.childEvent(e.childWorkflowExecutionCanceledEventAttributes?.initiatedEventId, id);
        break;
      case 'ChildWorkflowExecutionTimedOut':
        this.childEvent(e.childWorkflowExecutionTimedOutEventAttributes?.initiatedEventId, id);
        break;
      case 'ChildWorkflowExecutionTerminated':
        this.childEvent(e.childWorkflowExecutionTerminatedEventAttributes?.initiatedEventId, id);
        break;
      case 'StartChildWorkflowExecutionFailed':
        this.childEvent(e.startChildWorkflowExecutionFailedEventAttributes?.initiatedEventId, id);
        break;
      case 'ExternalWorkflowExecutionSignaled':
        this.signalExternalClosedBy.set(toNumber(e.externalWorkflowExecutionSignaledEventAttributes?.initiatedEventId), id);
        break;
      case 'SignalExternalWorkflowExecutionFailed':
        this.signalExternalClosedBy.set(toNumber(e.signalExternalWorkflowExecutionFailedEventAttributes?.initiatedEventId), id);
        break;
      case 'WorkflowTaskStarted':
        this.taskStarted.set(toNumber(e.workflowTaskStartedEventAttributes?.scheduledEventId), id);
        break;
      case 'WorkflowTaskCompleted':
        this.taskClosed.set(toNumber(e.workflowTaskCompletedEventAttributes?.scheduledEventId), id);
        break;
      case 'WorkflowTaskFailed':
        this.taskClosed.set(toNumber(e.workflowTaskFailedEventAttributes?.scheduledEventId), id);
        break;
      case 'WorkflowTaskTimedOut':
        this.taskClosed.set(toNumber(e.workflowTaskTimedOutEventAttributes?.scheduledEventId), id);
        break;
    }
  }

  private activityAt(scheduledEventId: unknown, f: (a: ActivityInfo) => void) {
    const act = this.activities.get(toNumber(scheduledEventId));
    if (act) f(act);
  }

  private childEvent(initiatedEventId: unknown, id: number) {
    const key = toNumber(initiatedEventId);
    this.childClosedBy.set(key, [...(this.childClosedBy.get(key) ?? []), id]);
  }

  build(): Entry[] {
    const entries: Entry[] = [];
    for (const e of this.events) {
      const entry = this.entryFor(e);
      if (entry) entries.push(entry);
    }
    return entries;
  }

  private entry(
    e: HistoryEvent,
    kind: OpsTimelineKind,
    title: string,
    status: OpsTimelineStatus,
    related: (number | undefined | null)[] = [],
    details: Record<string, unknown> = {},
  ): Entry {
    return {
      eventId: toNumber(e.eventId),
      at: toIso(e.eventTime) ?? new Date(0).toISOString(),
      kind,
      eventType: eventTypeName(e),
      title,
      status,
      relatedEventIds: related.filter((r): r is number => typeof r === 'number' && r > 0),
      details: withoutEmpty(details),
    };
  }

  private activityLabel(scheduledEventId: unknown): { act: ActivityInfo | undefined; label: string } {
    const act = this.activities.get(toNumber(scheduledEventId));
    return { act, label: `Activity ${act?.type ?? '?'}` };
  }

  private startedAttempt(act: ActivityInfo | undefined) {
    const started = act?.startedEventId ? this.byId.get(act.startedEventId) : undefined;
    const s = started?.activityTaskStartedEventAttributes;
    return {
      attempt: s?.attempt ?? null,
      previousFailure: summarizeFailure(s?.lastFailure),
      startedAt: started ? toIso(started.eventTime) : null,
    };
  }

  private updateName(updateId: string | null | undefined) {
    return (updateId && this.updateNames.get(updateId)) ?? '?';
  }

  private entryFor(e: HistoryEvent): Entry | null {
    const id = toNumber(e.eventId);
    switch (eventTypeName(e)) {
      // ---------------------------------------------------------------- the workflow itself
      case 'WorkflowExecutionStarted': {
        const a = e.workflowExecutionStartedEventAttributes!;
        const type = a.workflowType?.name ?? '?';
        let title = `Workflow ${type} started`;
        if (a.parentWorkflowExecution?.workflowId) title += ` by parent ${a.parentWorkflowExecution.workflowId}`;
        if (a.continuedExecutionRunId) title += `, continuing run ${a.continuedExecutionRunId}`;
        if ((a.attempt ?? 1) > 1) title += ` (attempt ${a.attempt})`;
        return this.entry(e, 'workflow', title, 'info', [], {
          workflowType: type,
          taskQueue: a.taskQueue?.name,
          input: decodePayloads(a.input),
          attempt: a.attempt,
          parent: a.parentWorkflowExecution?.workflowId
            ? { workflowId: a.parentWorkflowExecution.workflowId, runId: a.parentWorkflowExecution.runId }
            : null,
          continuedFromRunId: a.continuedExecutionRunId,
          firstExecutionRunId: a.firstExecutionRunId,
          cronSchedule: a.cronSchedule,
          workflowExecutionTimeout: msOrNull(a.workflowExecutionTimeout),
          workflowRunTimeout: msOrNull(a.workflowRunTimeout),
          memo: a.memo?.fields ? decodePayloadMap(a.memo.fields) : null,
          searchAttributes: a.searchAttributes?.indexedFields ? decodePayloadMap(a.searchAttributes.indexedFields) : null,
          identity: a.identity,
        });
      }
      case 'WorkflowExecutionCompleted': {
        const a = e.workflowExecutionCompletedEventAttributes!;
        return this.entry(e, 'workflow', 'Workflow completed', 'ok', [], { result: decodePayloads(a.result)[0] ?? null });
      }
      case 'WorkflowExecutionFailed': {
        const a = e.workflowExecutionFailedEventAttributes!;
        const failure = summarizeFailure(a.failure);
        return this.entry(e, 'workflow', `Workflow failed: ${failure?.message ?? 'no reason given'}`, 'failed', [], {
          failure,
          retryState: enumWords(enums.RetryState, a.retryState, 'RETRY_STATE_'),
        });
      }
      case 'WorkflowExecutionTimedOut': {
        const a = e.workflowExecutionTimedOutEventAttributes!;
        return this.entry(e, 'workflow', 'Workflow timed out', 'failed', [], {
          retryState: enumWords(enums.RetryState, a.retryState, 'RETRY_STATE_'),
        });
      }
      case 'WorkflowExecutionCancelRequested': {
        const a = e.workflowExecutionCancelRequestedEventAttributes!;
        return this.entry(e, 'workflow', a.cause ? `Cancellation requested: ${a.cause}` : 'Cancellation requested', 'info', [], {
          reason: a.cause,
          identity: a.identity,
        });
      }
      case 'WorkflowExecutionCanceled': {
        const a = e.workflowExecutionCanceledEventAttributes!;
        return this.entry(e, 'workflow', 'Workflow canceled', 'info', [], { details: decodePayloads(a.details) });
      }
      case 'WorkflowExecutionTerminated': {
        const a = e.workflowExecutionTerminatedEventAttributes!;
        return this.entry(
          e,
          'workflow',
          a.reason ? `Workflow terminated: ${a.reason}` : 'Workflow terminated',
          'failed',
          [],
          { reason: a.reason, identity: a.identity, details: decodePayloads(a.details) },
        );
      }
      case 'WorkflowExecutionContinuedAsNew': {
        const a = e.workflowExecutionContinuedAsNewEventAttributes!;
        return this.entry(e, 'workflow', `Workflow continued as new run ${a.newExecutionRunId}`, 'info', [], {
          newRunId: a.newExecutionRunId,
          workflowType: a.workflowType?.name,
          input: decodePayloads(a.input),
          initiator: enumWords(enums.ContinueAsNewInitiator, a.initiator, 'CONTINUE_AS_NEW_INITIATOR_'),
          failure: summarizeFailure(a.failure),
        });
      }

      // ---------------------------------------------------------------- workflow tasks
      case 'WorkflowTaskScheduled': {
        // Shown at its close (completed/failed/timed out); only an unfinished task shows here.
        if (this.taskStarted.has(id) || this.taskClosed.has(id)) return null;
        const a = e.workflowTaskScheduledEventAttributes!;
        return this.entry(e, 'task', 'Workflow task scheduled, waiting for a worker', this.openStatus(false), [], {
          attempt: a.attempt,
          taskQueue: a.taskQueue?.normalName || a.taskQueue?.name,
        });
      }
      case 'WorkflowTaskStarted': {
        const a = e.workflowTaskStartedEventAttributes!;
        const scheduledId = toNumber(a.scheduledEventId);
        if (this.taskClosed.has(scheduledId)) return null;
        return this.entry(e, 'task', 'Workflow task started, running on a worker', this.openStatus(false), [scheduledId], {
          identity: a.identity,
        });
      }
      case 'WorkflowTaskCompleted': {
        const a = e.workflowTaskCompletedEventAttributes!;
        const scheduledId = toNumber(a.scheduledEventId);
        const attempt = this.byId.get(scheduledId)?.workflowTaskScheduledEventAttributes?.attempt ?? 1;
        return this.entry(
          e,
          'task',
          attempt > 1 ? `Workflow task completed (attempt ${attempt})` : 'Workflow task completed',
          'ok',
          [scheduledId, toNumber(a.startedEventId)],
          { identity: a.identity, attempt },
        );
      }
      case 'WorkflowTaskFailed': {
        const a = e.workflowTaskFailedEventAttributes!;
        const scheduledId = toNumber(a.scheduledEventId);
        const related = [scheduledId, toNumber(a.startedEventId)];
        const cause = enumWords(enums.WorkflowTaskFailedCause, a.cause, 'WORKFLOW_TASK_FAILED_CAUSE_');
        if (cause === 'reset workflow') {
          return this.entry(
            e,
            'workflow',
            `Workflow reset to here from run ${a.baseRunId}${a.failure?.message ? `: ${a.failure.message}` : ''}`,
            'info',
            related,
            { reason: a.failure?.message, baseRunId: a.baseRunId, newRunId: a.newRunId, identity: a.identity },
          );
        }
        const attempt = this.byId.get(scheduledId)?.workflowTaskScheduledEventAttributes?.attempt ?? 1;
        const failure = summarizeFailure(a.failure);
        return this.entry(
          e,
          'task',
          `Workflow task failed (attempt ${attempt})${cause ? `, ${cause}` : ''}: ${failure?.message ?? 'no message'}`,
          'failed',
          related,
          { cause, failure, attempt, identity: a.identity },
        );
      }
      case 'WorkflowTaskTimedOut': {
        const a = e.workflowTaskTimedOutEventAttributes!;
        const timeout = enumWords(enums.TimeoutType, a.timeoutType, 'TIMEOUT_TYPE_');
        return this.entry(
          e,
          'task',
          `Workflow task timed out${timeout ? ` (${timeout})` : ''}`,
          'failed',
          [toNumber(a.scheduledEventId), toNumber(a.startedEventId)],
          { timeoutType: timeout },
        );
      }

      // ---------------------------------------------------------------- activities
      case 'ActivityTaskScheduled': {
        const a = e.activityTaskScheduledEventAttributes!;
        const act = this.activities.get(id);
        const open = !act?.closeEventId;
        const retry = a.retryPolicy;
        return this.entry(
          e,
          'activity',
          `Activity ${act?.type ?? '?'} scheduled`,
          this.openStatus(!open),
          [act?.startedEventId, act?.closeEventId],
          {
            activityType: act?.type,
            activityId: a.activityId,
            input: decodePayloads(a.input),
            taskQueue: a.taskQueue?.name,
            startToCloseTimeout: msOrNull(a.startToCloseTimeout),
            scheduleToCloseTimeout: msOrNull(a.scheduleToCloseTimeout),
            heartbeatTimeout: msOrNull(a.heartbeatTimeout),
            retryPolicy: retry
              ? {
                  initialInterval: msOrNull(retry.initialInterval),
                  backoffCoefficient: retry.backoffCoefficient,
                  maximumInterval: msOrNull(retry.maximumInterval),
                  maximumAttempts: retry.maximumAttempts || 'unlimited',
                  nonRetryableErrorTypes: retry.nonRetryableErrorTypes?.length ? retry.nonRetryableErrorTypes : undefined,
                }
              : null,
          },
        );
      }
      case 'ActivityTaskStarted': {
        const a = e.activityTaskStartedEventAttributes!;
        const { act, label } = this.activityLabel(a.scheduledEventId);
        if (act?.closeEventId) return null; // shown with its outcome
        return this.entry(e, 'activity', `${label} started (attempt ${a.attempt ?? 1})`, this.openStatus(false), [act?.scheduledEventId], {
          activityType: act?.type,
          attempt: a.attempt,
          previousFailure: summarizeFailure(a.lastFailure),
          identity: a.identity,
        });
      }
      case 'ActivityTaskCompleted': {
        const a = e.activityTaskCompletedEventAttributes!;
        const { act, label } = this.activityLabel(a.scheduledEventId);
        const { attempt, previousFailure } = this.startedAttempt(act);
        const title =
          attempt && attempt > 1
            ? `${label} completed (attempt ${attempt}, after ${attempt - 1} failed ${attempt === 2 ? 'attempt' : 'attempts'}${previousFailure ? `: ${previousFailure.message}` : ''})`
            : `${label} completed`;
        return this.entry(e, 'activity', title, 'ok', [act?.scheduledEventId, act?.startedEventId], {
          activityType: act?.type,
          attempt,
          previousFailure,
          result: decodePayloads(a.result)[0] ?? null,
          identity: a.identity,
        });
      }
      case 'ActivityTaskFailed': {
        const a = e.activityTaskFailedEventAttributes!;
        const { act, label } = this.activityLabel(a.scheduledEventId);
        const { attempt } = this.startedAttempt(act);
        const failure = summarizeFailure(a.failure);
        return this.entry(
          e,
          'activity',
          `${label} failed${attempt ? ` (attempt ${attempt})` : ''}: ${failure?.message ?? 'no message'}`,
          'failed',
          [act?.scheduledEventId, act?.startedEventId],
          {
            activityType: act?.type,
            attempt,
            failure,
            retryState: enumWords(enums.RetryState, a.retryState, 'RETRY_STATE_'),
            identity: a.identity,
          },
        );
      }
      case 'ActivityTaskTimedOut': {
        const a = e.activityTaskTimedOutEventAttributes!;
        const { act, label } = this.activityLabel(a.scheduledEventId);
        const { attempt } = this.startedAttempt(act);
        const timeout = enumWords(enums.TimeoutType, a.failure?.timeoutFailureInfo?.timeoutType, 'TIMEOUT_TYPE_');
        const failure = summarizeFailure(a.failure);
        return this.entry(
          e,
          'activity',
          `${label} timed out${timeout ? ` (${timeout})` : ''}${attempt ? ` on attempt ${attempt}` : ''}`,
          'failed',
          [act?.scheduledEventId, act?.startedEventId],
          {
            activityType: act?.type,
            attempt,
            timeoutType: timeout,
            failure,
            retryState: enumWords(enums.RetryState, a.retryState, 'RETRY_STATE_'),
          },
        );
      }
      case 'ActivityTaskCancelRequested': {
        const a = e.activityTaskCancelRequestedEventAttributes!;
        const { act } = this.activityLabel(a.scheduledEventId);
        return this.entry(e, 'activity', `Cancellation of activity ${act?.type ?? '?'} requested`, 'info', [act?.scheduledEventId], {
          activityType: act?.type,
        });
      }
      case 'ActivityTaskCanceled': {
        const a = e.activityTaskCanceledEventAttributes!;
        const { act, label } = this.activityLabel(a.scheduledEventId);
        return this.entry(
          e,
          'activity',
          `${label} canceled`,
          'info',
          [act?.scheduledEventId, act?.startedEventId, toNumber(a.latestCancelRequestedEventId)],
          { activityType: act?.type, details: decodePayloads(a.details) },
        );
      }

      // ---------------------------------------------------------------- timers
      case 'TimerStarted': {
        const a = e.timerStartedEventAttributes!;
        const ms = toMs(a.startToFireTimeout) ?? 0;
        const at = toDate(e.eventTime) ?? new Date(0);
        const due = new Date(at.getTime() + ms);
        const closedBy = this.timerClosedBy.get(id);
        return this.entry(
          e,
          'timer',
          `Timer ${a.timerId} started (${formatDuration(ms)}), fires ${formatTime(due)}`,
          this.openStatus(!!closedBy),
          [closedBy],
          { timerId: a.timerId, durationMs: ms, duration: formatDuration(ms), dueAt: due.toISOString() },
        );
      }
      case 'TimerFired': {
        const a = e.timerFiredEventAttributes!;
        return this.entry(e, 'timer', `Timer ${a.timerId} fired`, 'ok', [toNumber(a.startedEventId)], { timerId: a.timerId });
      }
      case 'TimerCanceled': {
        const a = e.timerCanceledEventAttributes!;
        return this.entry(e, 'timer', `Timer ${a.timerId} canceled`, 'info', [toNumber(a.startedEventId)], {
          timerId: a.timerId,
        });
      }

      // ---------------------------------------------------------------- updates
      case 'WorkflowExecutionUpdateAdmitted': {
        const r = e.workflowExecutionUpdateAdmittedEventAttributes?.request;
        return this.entry(e, 'update', `Update ${r?.input?.name ?? '?'} admitted`, 'info', [], {
          updateId: r?.meta?.updateId,
          updateName: r?.input?.name,
          args: decodePayloads(r?.input?.args),
          identity: r?.meta?.identity,
        });
      }
      case 'WorkflowExecutionUpdateAccepted': {
        const a = e.workflowExecutionUpdateAcceptedEventAttributes!;
        const r = a.acceptedRequest;
        const closedBy = this.updateClosedBy.get(id);
        return this.entry(e, 'update', `Update ${r?.input?.name ?? '?'} accepted`, this.openStatus(!!closedBy), [closedBy], {
          updateId: r?.meta?.updateId,
          updateName: r?.input?.name,
          args: decodePayloads(r?.input?.args),
          identity: r?.meta?.identity,
        });
      }
      case 'WorkflowExecutionUpdateCompleted': {
        const a = e.workflowExecutionUpdateCompletedEventAttributes!;
        const name = this.updateName(a.meta?.updateId);
        const failure = summarizeFailure(a.outcome?.failure);
        const accepted = toNumber(a.acceptedEventId);
        if (failure) {
          return this.entry(e, 'update', `Update ${name} failed: ${failure.message}`, 'failed', [accepted], {
            updateId: a.meta?.updateId,
            updateName: name,
            failure,
          });
        }
        return this.entry(e, 'update', `Update ${name} completed`, 'ok', [accepted], {
          updateId: a.meta?.updateId,
          updateName: name,
          result: decodePayloads(a.outcome?.success)[0] ?? null,
        });
      }

      // ---------------------------------------------------------------- signals
      case 'WorkflowExecutionSignaled': {
        const a = e.workflowExecutionSignaledEventAttributes!;
        return this.entry(e, 'signal', `Signal ${a.signalName} received`, 'info', [], {
          signalName: a.signalName,
          args: decodePayloads(a.input),
          identity: a.identity,
        });
      }
      case 'SignalExternalWorkflowExecutionInitiated': {
        const a = e.signalExternalWorkflowExecutionInitiatedEventAttributes!;
        const closedBy = this.signalExternalClosedBy.get(id);
        return this.entry(
          e,
          'signal',
          `Signal ${a.signalName} sent to workflow ${a.workflowExecution?.workflowId}`,
          this.openStatus(!!closedBy),
          [closedBy],
          { signalName: a.signalName, workflowId: a.workflowExecution?.workflowId, args: decodePayloads(a.input) },
        );
      }
      case 'ExternalWorkflowExecutionSignaled': {
        const a = e.externalWorkflowExecutionSignaledEventAttributes!;
        return this.entry(e, 'signal', `Signal delivered to workflow ${a.workflowExecution?.workflowId}`, 'ok', [
          toNumber(a.initiatedEventId),
        ], { workflowId: a.workflowExecution?.workflowId });
      }
      case 'SignalExternalWorkflowExecutionFailed': {
        const a = e.signalExternalWorkflowExecutionFailedEventAttributes!;
        const cause = enumWords(enums.SignalExternalWorkflowExecutionFailedCause, a.cause, 'SIGNAL_EXTERNAL_WORKFLOW_EXECUTION_FAILED_CAUSE_');
        return this.entry(
          e,
          'signal',
          `Signal to workflow ${a.workflowExecution?.workflowId} failed${cause ? `: ${cause}` : ''}`,
          'failed',
          [toNumber(a.initiatedEventId)],
          { workflowId: a.workflowExecution?.workflowId, cause },
        );
      }

      // ---------------------------------------------------------------- children
      case 'StartChildWorkflowExecutionInitiated': {
        const a = e.startChildWorkflowExecutionInitiatedEventAttributes!;
        const closedBy = this.childClosedBy.get(id) ?? [];
        const finished = closedBy.some((c) => eventTypeName(this.byId.get(c)!) !== 'ChildWorkflowExecutionStarted');
        return this.entry(
          e,
          'child',
          `Child workflow ${a.workflowType?.name} (${a.workflowId}) requested`,
          this.openStatus(finished),
          closedBy,
          {
            workflowType: a.workflowType?.name,
            workflowId: a.workflowId,
            input: decodePayloads(a.input),
            parentClosePolicy: enumWords(enums.ParentClosePolicy, a.parentClosePolicy, 'PARENT_CLOSE_POLICY_'),
          },
        );
      }
      case 'StartChildWorkflowExecutionFailed': {
        const a = e.startChildWorkflowExecutionFailedEventAttributes!;
        const cause = enumWords(enums.StartChildWorkflowExecutionFailedCause, a.cause, 'START_CHILD_WORKFLOW_EXECUTION_FAILED_CAUSE_');
        return this.entry(
          e,
          'child',
          `Child workflow ${a.workflowType?.name} (${a.workflowId}) could not start${cause ? `: ${cause}` : ''}`,
          'failed',
          [toNumber(a.initiatedEventId)],
          { workflowType: a.workflowType?.name, workflowId: a.workflowId, cause },
        );
      }
      case 'ChildWorkflowExecutionStarted': {
        const a = e.childWorkflowExecutionStartedEventAttributes!;
        const initiated = toNumber(a.initiatedEventId);
        const closedBy = (this.childClosedBy.get(initiated) ?? []).filter((c) => c !== id);
        return this.entry(
          e,
          'child',
          `Child workflow ${a.workflowType?.name} (${a.workflowExecution?.workflowId}) started`,
          this.openStatus(closedBy.length > 0),
          [initiated, ...closedBy],
          { workflowType: a.workflowType?.name, workflowId: a.workflowExecution?.workflowId, runId: a.workflowExecution?.runId },
        );
      }
      case 'ChildWorkflowExecutionCompleted': {
        const a = e.childWorkflowExecutionCompletedEventAttributes!;
        return this.childClose(e, a, `completed`, 'ok', { result: decodePayloads(a.result)[0] ?? null });
      }
      case 'ChildWorkflowExecutionFailed': {
        const a = e.childWorkflowExecutionFailedEventAttributes!;
        const failure = summarizeFailure(a.failure);
        return this.childClose(e, a, `failed: ${failure?.message ?? 'no message'}`, 'failed', { failure });
      }
      case 'ChildWorkflowExecutionCanceled': {
        const a = e.childWorkflowExecutionCanceledEventAttributes!;
        return this.childClose(e, a, 'canceled', 'info', {});
      }
      case 'ChildWorkflowExecutionTimedOut': {
        const a = e.childWorkflowExecutionTimedOutEventAttributes!;
        return this.childClose(e, a, 'timed out', 'failed', {});
      }
      case 'ChildWorkflowExecutionTerminated': {
        const a = e.childWorkflowExecutionTerminatedEventAttributes!;
        return this.childClose(e, a, 'terminated', 'failed', {});
      }

      // ---------------------------------------------------------------- markers, attributes
      case 'MarkerRecorded':
        return this.marker(e);
      case 'UpsertWorkflowSearchAttributes': {
        const fields = decodePayloadMap(e.upsertWorkflowSearchAttributesEventAttributes?.searchAttributes?.indexedFields);
        const list = Object.entries(fields)
          .map(([k, v]) => `${k} = ${v === null ? '(removed)' : Array.isArray(v) ? v.join(', ') : String(v)}`)
          .join('; ');
        return this.entry(e, 'search-attributes', `Search attributes set: ${list || '(none)'}`, 'info', [], {
          searchAttributes: fields,
        });
      }
      case 'WorkflowPropertiesModified': {
        const fields = decodePayloadMap(e.workflowPropertiesModifiedEventAttributes?.upsertedMemo?.fields);
        return this.entry(e, 'other', `Memo changed: ${Object.keys(fields).join(', ') || '(none)'}`, 'info', [], { memo: fields });
      }

      default:
        return this.entry(e, 'other', sentenceOf(eventTypeName(e)), 'info');
    }
  }

  private childClose(
    e: HistoryEvent,
    a: { initiatedEventId?: unknown; startedEventId?: unknown; workflowType?: { name?: string | null } | null; workflowExecution?: { workflowId?: string | null; runId?: string | null } | null },
    outcome: string,
    status: OpsTimelineStatus,
    details: Record<string, unknown>,
  ): Entry {
    return this.entry(
      e,
      'child',
      `Child workflow ${a.workflowType?.name} (${a.workflowExecution?.workflowId}) ${outcome}`,
      status,
      [toNumber(a.initiatedEventId), toNumber(a.startedEventId)],
      { workflowType: a.workflowType?.name, workflowId: a.workflowExecution?.workflowId, runId: a.workflowExecution?.runId, ...details },
    );
  }

  private marker(e: HistoryEvent): Entry {
    const a = e.markerRecordedEventAttributes!;
    const name = a.markerName ?? '?';
    const details: Record<string, unknown> = Object.fromEntries(
      Object.entries(a.details ?? {}).map(([k, v]) => {
        const values = decodePayloads(v);
        return [k, values.length === 1 ? values[0] : values];
      }),
    );
    const failure = summarizeFailure(a.failure);
    if (name === 'core_patch') {
      const data = (details['patch-data'] ?? details['patch_data'] ?? {}) as { id?: string; deprecated?: boolean };
      return this.entry(e, 'marker', `Patch ${data.id ?? '?'} applied${data.deprecated ? ' (deprecated)' : ''}`, 'info', [], {
        patchId: data.id,
        deprecated: data.deprecated ?? false,
      });
    }
    if (name === 'core_local_activity') {
      const data = (details['data'] ?? {}) as { activity_type?: string; activity_id?: string; attempt?: number };
      const label = `Local activity ${data.activity_type ?? '?'}`;
      return failure
        ? this.entry(e, 'activity', `${label} failed (attempt ${data.attempt ?? '?'}): ${failure.message}`, 'failed', [], {
            activityType: data.activity_type,
            attempt: data.attempt,
            failure,
          })
        : this.entry(e, 'activity', `${label} completed`, 'ok', [], {
            activityType: data.activity_type,
            attempt: data.attempt,
            result: details['result'] ?? null,
          });
    }
    return this.entry(e, 'marker', `Marker ${name} recorded`, failure ? 'failed' : 'info', [], { ...details, failure });
  }
}

/** "ActivityTaskCancelRequested" → "Activity task cancel requested". */
function sentenceOf(pascalName: string): string {
  const spaced = pascalName.replace(/([a-z])([A-Z])/g, '$1 $2').toLowerCase();
  return spaced.charAt(0).toUpperCase() + spaced.slice(1);
}

function msOrNull(d: unknown): number | null {
  const ms = toMs(d);
  return ms === null || ms === 0 ? null : ms;
}

/** Details without undefined/null/empty-array clutter. */
function withoutEmpty(details: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(
    Object.entries(details).filter(
      ([, v]) => v !== undefined && v !== null && v !== '' && !(Array.isArray(v) && v.length === 0),
    ),
  );
}

