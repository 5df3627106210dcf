import { z } from '@hono/zod-openapi';

/**
 * Shapes of the operations console's API (`/api/ops`): operators find stuck case workflows in
 * Temporal, inspect them (pending activities, timers, history as a timeline) and signal, cancel,
 * terminate or reset them. These schemas are the validation, the OpenAPI document and the
 * console's TypeScript types at once.
 *
 * Times are ISO 8601 strings (UTC). Absent values are `null`, never omitted, so the console can
 * rely on every field being present.
 */

// ---------------------------------------------------------------------------------------------
// Building blocks

/** Temporal's execution statuses, spelled as in visibility queries (`ExecutionStatus = 'Running'`). */
export const workflowStatuses = [
  'Running',
  'Completed',
  'Failed',
  'Canceled',
  'Terminated',
  'ContinuedAsNew',
  'TimedOut',
] as const;
export const OpsWorkflowStatus = z.enum(workflowStatuses).openapi('OpsWorkflowStatus');
export type OpsWorkflowStatus = z.infer<typeof OpsWorkflowStatus>;

/** A status as reported for one execution: one of the above, or what a newer server adds. */
export const OpsExecutionStatus = z
  .enum([...workflowStatuses, 'Paused', 'Unspecified'])
  .openapi('OpsExecutionStatus');
export type OpsExecutionStatus = z.infer<typeof OpsExecutionStatus>;

const isoTime = z.string().openapi({ format: 'date-time', example: '2026-12-09T10:00:00.000Z' });
const nullableTime = isoTime.nullable();

/** A date (`2026-12-09`) or a date-time with offset (`2026-12-09T10:00:00Z`) in a filter. */
const timeFilter = z
  .union([z.iso.date(), z.iso.datetime({ offset: true })])
  .openapi({ description: 'A date (YYYY-MM-DD, midnight UTC) or an ISO 8601 date-time.', example: '2026-12-09' });

const workflowIdParam = z
  .string()
  .min(1)
  .max(1000)
  .openapi({ param: { name: 'workflowId', in: 'path' }, example: 'request-6c1b0b0e-4a7e-4c3e-9d0a-3f1f0c7d2a11' });

const runIdField = z.string().min(1).max(100).openapi({ example: '0194c0a7-9a55-7c83-b5a8-3a2d1f1e0c11' });

export const OpsWorkflowParams = z.object({ workflowId: workflowIdParam }).openapi('OpsWorkflowParams');
export type OpsWorkflowParams = z.infer<typeof OpsWorkflowParams>;

/** A value of a decoded search attribute: keyword/text → string, keyword list → string[], datetime → ISO string, int/double → number, bool → boolean. */
export const OpsSearchAttributeValue = z
  .union([z.string(), z.number(), z.boolean(), z.array(z.string())])
  .openapi('OpsSearchAttributeValue');
export const OpsSearchAttributes = z
  .record(z.string(), OpsSearchAttributeValue)
  .openapi('OpsSearchAttributes', {
    example: { CaseType: 'request', CaseStatus: 'open', CountryCode: 'DK', AuthorityIds: ['authority-1'] },
  });
export type OpsSearchAttributes = z.infer<typeof OpsSearchAttributes>;

export const OpsExecutionRef = z
  .object({ workflowId: z.string(), runId: z.string() })
  .openapi('OpsExecutionRef');
export type OpsExecutionRef = z.infer<typeof OpsExecutionRef>;

/** A failure as an operator reads it: message and kind, no stack trace. */
export const OpsFailure = z
  .object({
    message: z.string(),
    /** The application error type (e.g. `ConnectionRefused`) or the failure kind (e.g. `TimeoutFailure`). */
    type: z.string().nullable(),
  })
  .openapi('OpsFailure');
export type OpsFailure = z.infer<typeof OpsFailure>;

// ---------------------------------------------------------------------------------------------
// GET /workflows and GET /workflows/counts

/** Filters shared by the list and the counts. All are combined with AND. */
export const OpsWorkflowFilter = z
  .object({
    /** Workflow type, e.g. `contactCheckWorkflow`. */
    type: z.string().min(1).max(200).optional(),
    status: OpsWorkflowStatus.optional(),
    caseType: z.string().min(1).max(200).optional(),
    caseStatus: z.string().min(1).max(200).optional(),
    countryCode: z.string().min(1).max(20).optional(),
    /** Matches workflows whose `AuthorityIds` contain this id. */
    authorityId: z.string().min(1).max(200).optional(),
    /** `CaseDeadline` strictly before this time. */
    deadlineBefore: timeFilter.optional(),
    /** `CaseDeadline` strictly after this time. */
    deadlineAfter: timeFilter.optional(),
    /** Workflow ids starting with this text (`WorkflowId STARTS_WITH '…'`). */
    workflowIdPrefix: z.string().min(1).max(1000).optional(),
    /** Started at or after this time. */
    startedFrom: timeFilter.optional(),
    /** Started at or before this time. */
    startedTo: timeFilter.optional(),
    /**
     * A raw Temporal visibility query for experts, e.g. `CaseStatus = 'open' AND HistoryLength > 100`.
     * Combined with the other filters by AND. The server validates it; a bad query answers 400 on `query`.
     */
    query: z
      .string()
      .trim()
      .min(1, 'must not be empty')
      .max(4000)
      .optional()
      .openapi({ example: "CaseStatus = 'open' AND HistoryLength > 100" }),
  })
  .openapi('OpsWorkflowFilter');
export type OpsWorkflowFilter = z.infer<typeof OpsWorkflowFilter>;

export const OpsWorkflowListQuery = OpsWorkflowFilter.extend({
  pageSize: z.coerce.number().int().min(1).max(100).default(20),
  /** The `nextPageToken` of the previous page, as returned. */
  pageToken: z.string().min(1).max(10_000).regex(/^[A-Za-z0-9_-]+$/, 'must be a token returned by a previous page').optional(),
}).openapi('OpsWorkflowListQuery');
export type OpsWorkflowListQuery = z.infer<typeof OpsWorkflowListQuery>;

export const OpsWorkflowSummary = z
  .object({
    workflowId: z.string(),
    runId: z.string(),
    /** Workflow type. */
    type: z.string(),
    status: OpsExecutionStatus,
    startTime: isoTime,
    closeTime: nullableTime,
    /** When the first workflow task was due (differs from startTime for delayed or cron starts). */
    executionTime: nullableTime,
    historyLength: z.number().int(),
    historySizeBytes: z.number().int().nullable(),
    taskQueue: z.string(),
    searchAttributes: OpsSearchAttributes,
    parent: OpsExecutionRef.nullable(),
  })
  .openapi('OpsWorkflowSummary');
export type OpsWorkflowSummary = z.infer<typeof OpsWorkflowSummary>;

export const OpsWorkflowList = z
  .object({
    items: z.array(OpsWorkflowSummary),
    /** Pass as `pageToken` to get the next page; null on the last page. */
    nextPageToken: z.string().nullable(),
    /** The visibility query that was run (empty for "all"). */
    query: z.string(),
  })
  .openapi('OpsWorkflowList');
export type OpsWorkflowList = z.infer<typeof OpsWorkflowList>;

export const OpsWorkflowCountsQuery = OpsWorkflowFilter.openapi('OpsWorkflowCountsQuery');
export type OpsWorkflowCountsQuery = z.infer<typeof OpsWorkflowCountsQuery>;

export const OpsStatusCounts = z
  .object(Object.fromEntries(workflowStatuses.map((s) => [s, z.number().int()])) as Record<OpsWorkflowStatus, z.ZodNumber>)
  .openapi('OpsStatusCounts');
export type OpsStatusCounts = z.infer<typeof OpsStatusCounts>;

export const OpsWorkflowCounts = z
  .object({
    total: z.number().int(),
    byStatus: OpsStatusCounts,
    query: z.string(),
  })
  .openapi('OpsWorkflowCounts');
export type OpsWorkflowCounts = z.infer<typeof OpsWorkflowCounts>;

// ---------------------------------------------------------------------------------------------
// GET /workflows/{workflowId}

export const OpsRunQuery = z
  .object({
    /** A specific run; the latest run when absent. */
    runId: runIdField.optional(),
  })
  .openapi('OpsRunQuery');
export type OpsRunQuery = z.infer<typeof OpsRunQuery>;

export const OpsPendingActivityState = z
  .enum(['Scheduled', 'Started', 'CancelRequested', 'Paused', 'PauseRequested', 'Unspecified'])
  .openapi('OpsPendingActivityState');

export const OpsPendingActivity = z
  .object({
    activityId: z.string(),
    activityType: z.string(),
    state: OpsPendingActivityState,
    /** The attempt now running or waiting (1 = first try). */
    attempt: z.number().int(),
    /** null = unlimited retries. */
    maximumAttempts: z.number().int().nullable(),
    lastFailure: OpsFailure.nullable(),
    lastHeartbeatTime: nullableTime,
    scheduledTime: nullableTime,
    lastStartedTime: nullableTime,
    lastAttemptCompleteTime: nullableTime,
    /** When the next retry starts, while waiting between attempts. */
    nextAttemptScheduleTime: nullableTime,
    /** Current backoff between attempts, in milliseconds. */
    currentRetryIntervalMs: z.number().nullable(),
    /** When retries stop for good (schedule-to-close), if limited. */
    expirationTime: nullableTime,
    lastWorkerIdentity: z.string().nullable(),
    paused: z.boolean(),
  })
  .openapi('OpsPendingActivity');
export type OpsPendingActivity = z.infer<typeof OpsPendingActivity>;

export const OpsPendingChild = z
  .object({
    workflowId: z.string(),
    runId: z.string().nullable(),
    workflowType: z.string(),
    initiatedEventId: z.number().int(),
    parentClosePolicy: z.string().nullable(),
  })
  .openapi('OpsPendingChild');
export type OpsPendingChild = z.infer<typeof OpsPendingChild>;

export const OpsPendingTimer = z
  .object({
    /** The timer's id within the workflow (the TypeScript SDK numbers them). */
    timerId: z.string(),
    startedEventId: z.number().int(),
    startedAt: isoTime,
    durationMs: z.number(),
    /** startedAt + duration. */
    dueAt: isoTime,
  })
  .openapi('OpsPendingTimer');
export type OpsPendingTimer = z.infer<typeof OpsPendingTimer>;

export const OpsPendingWorkflowTask = z
  .object({
    state: z.enum(['Scheduled', 'Started', 'Unspecified']),
    attempt: z.number().int(),
    scheduledTime: nullableTime,
    originalScheduledTime: nullableTime,
    startedTime: nullableTime,
  })
  .openapi('OpsPendingWorkflowTask');
export type OpsPendingWorkflowTask = z.infer<typeof OpsPendingWorkflowTask>;

export const OpsResetTarget = z.enum(['last-workflow-task', 'first-workflow-task']).openapi('OpsResetTarget');
export type OpsResetTarget = z.infer<typeof OpsResetTarget>;

export const OpsResetInfo = z
  .object({
    possible: z.boolean(),
    /** Why not, when not possible. */
    reason: z.string().nullable(),
    /** The event a reset to `first-workflow-task` goes back to. */
    firstWorkflowTaskEventId: z.number().int().nullable(),
    /** The event a reset to `last-workflow-task` goes back to. */
    lastWorkflowTaskEventId: z.number().int().nullable(),
  })
  .openapi('OpsResetInfo');
export type OpsResetInfo = z.infer<typeof OpsResetInfo>;

export const OpsWorkflowDetail = OpsWorkflowSummary.extend({
  memo: z.record(z.string(), z.unknown()),
  pendingActivities: z.array(OpsPendingActivity),
  pendingChildren: z.array(OpsPendingChild),
  pendingTimers: z.array(OpsPendingTimer),
  pendingWorkflowTask: OpsPendingWorkflowTask.nullable(),
  reset: OpsResetInfo,
}).openapi('OpsWorkflowDetail');
export type OpsWorkflowDetail = z.infer<typeof OpsWorkflowDetail>;

// ---------------------------------------------------------------------------------------------
// GET /workflows/{workflowId}/history

export const OpsHistoryQuery = z
  .object({
    runId: runIdField.optional(),
    /** `true` adds the raw events (Temporal's JSON history format) as `raw`. */
    raw: z.enum(['true', 'false']).optional(),
  })
  .openapi('OpsHistoryQuery');
export type OpsHistoryQuery = z.infer<typeof OpsHistoryQuery>;

export const timelineKinds = [
  'workflow',
  'activity',
  'timer',
  'update',
  'signal',
  'child',
  'task',
  'marker',
  'search-attributes',
  'other',
] as const;
export const OpsTimelineKind = z.enum(timelineKinds).openapi('OpsTimelineKind');
export type OpsTimelineKind = z.infer<typeof OpsTimelineKind>;

export const OpsTimelineStatus = z.enum(['ok', 'pending', 'failed', 'info']).openapi('OpsTimelineStatus');
export type OpsTimelineStatus = z.infer<typeof OpsTimelineStatus>;

export const OpsTimelineEntry = z
  .object({
    /** The event this entry stands for (for collapsed workflow tasks: the last of them). */
    eventId: z.number().int(),
    at: isoTime,
    kind: OpsTimelineKind,
    /** Temporal's event type, e.g. `ActivityTaskFailed`. */
    eventType: z.string(),
    /** A sentence an operator can read, e.g. "Activity projectContactCheck failed (attempt 3): connection refused". */
    title: z.string(),
    status: OpsTimelineStatus,
    /** Events paired with this one (scheduled ↔ started ↔ completed, timer started ↔ fired …). */
    relatedEventIds: z.array(z.number().int()),
    /** Small plain facts: activity type, attempt, failure, timer duration, update or signal name, decoded payloads (truncated). */
    details: z.record(z.string(), z.unknown()),
  })
  .openapi('OpsTimelineEntry');
export type OpsTimelineEntry = z.infer<typeof OpsTimelineEntry>;

export const OpsHistory = z
  .object({
    workflowId: z.string(),
    runId: z.string(),
    entries: z.array(OpsTimelineEntry),
    /** Only with `raw=true`: the events as Temporal's JSON history format. */
    raw: z.array(z.record(z.string(), z.unknown())).nullable(),
  })
  .openapi('OpsHistory');
export type OpsHistory = z.infer<typeof OpsHistory>;

// ---------------------------------------------------------------------------------------------
// Actions: POST /workflows/{workflowId}/signal | cancel | terminate | reset

const reason = z.string().trim().min(1, 'must not be empty').max(2000);

export const OpsSignalRequest = z
  .object({
    signalName: z.string().trim().min(1, 'must not be empty').max(200).openapi({ example: 'remind' }),
    /** The signal's arguments, as JSON values. */
    args: z.array(z.unknown()).max(20).default([]),
    reason: reason.optional(),
    /** A specific run; the latest run when absent. */
    runId: runIdField.optional(),
  })
  .openapi('OpsSignalRequest');
export type OpsSignalRequest = z.infer<typeof OpsSignalRequest>;

export const OpsCancelRequest = z
  .object({
    reason: reason.optional(),
    runId: runIdField.optional(),
  })
  .openapi('OpsCancelRequest');
export type OpsCancelRequest = z.infer<typeof OpsCancelRequest>;

export const OpsTerminateRequest = z
  .object({
    reason,
    runId: runIdField.optional(),
  })
  .openapi('OpsTerminateRequest');
export type OpsTerminateRequest = z.infer<typeof OpsTerminateRequest>;

export const OpsResetRequest = z
  .object({
    to: OpsResetTarget,
    reason,
    runId: runIdField.optional(),
  })
  .openapi('OpsResetRequest');
export type OpsResetRequest = z.infer<typeof OpsResetRequest>;

export const opsActions = ['ops.signal', 'ops.cancel', 'ops.terminate', 'ops.reset'] as const;
export const OpsAction = z.enum(opsActions).openapi('OpsAction');
export type OpsAction = z.infer<typeof OpsAction>;

export const OpsActionResult = z
  .object({
    action: OpsAction,
    workflowId: z.string(),
    /** The run acted on. */
    runId: z.string(),
    /** For a reset: the run that replaces it. */
    newRunId: z.string().nullable(),
    /** The audit entry written for this action. */
    auditEventId: z.string(),
  })
  .openapi('OpsActionResult');
export type OpsActionResult = z.infer<typeof OpsActionResult>;

// ---------------------------------------------------------------------------------------------
// GET /audit

export const OpsAuditQuery = z
  .object({
    /** Only actions on this workflow; all operator actions when absent. */
    workflowId: z.string().min(1).max(1000).optional(),
    page: z.coerce.number().int().min(1).default(1),
    perPage: z.coerce.number().int().min(1).max(100).default(25),
  })
  .openapi('OpsAuditQuery');
export type OpsAuditQuery = z.infer<typeof OpsAuditQuery>;

export const OpsAuditEntry = z
  .object({
    /** The audit event's id (a bigint, as a string). */
    id: z.string(),
    at: isoTime,
    workflowId: z.string(),
    action: z.string(),
    actor: z.string(),
    reason: z.string().nullable(),
    details: z.record(z.string(), z.unknown()).nullable(),
  })
  .openapi('OpsAuditEntry');
export type OpsAuditEntry = z.infer<typeof OpsAuditEntry>;

export const OpsAuditList = z
  .object({
    items: z.array(OpsAuditEntry),
    total: z.number().int(),
    page: z.number().int(),
    perPage: z.number().int(),
  })
  .openapi('OpsAuditList');
export type OpsAuditList = z.infer<typeof OpsAuditList>;
