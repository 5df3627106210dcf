import { temporal } from '@temporalio/proto';

/**
 * Reading Temporal's history events (`temporal.api.history.v1.IHistoryEvent`, as `fetchHistory()`
 * or `historyFromJSON` return them) without a client: numbers that may be Longs, timestamps,
 * durations, enums, payloads and failures, plus the facts operators ask of a history that
 * `describe` does not give (pending timers, reset points). Pure: no I/O, no clock.
 */

export type HistoryEvent = temporal.api.history.v1.IHistoryEvent;
type Payload = temporal.api.common.v1.IPayload;
type Failure = temporal.api.failure.v1.IFailure;

const enums = temporal.api.enums.v1;

/** A Long, number or numeric string as a number (event ids and attempts fit comfortably). */
export function toNumber(value: unknown): number {
  if (value === null || value === undefined) return 0;
  if (typeof value === 'number') return value;
  if (typeof value === 'string') return Number(value);
  if (typeof value === 'object' && typeof (value as { toNumber?: unknown }).toNumber === 'function') {
    return (value as { toNumber(): number }).toNumber();
  }
  return Number(value);
}

/** google.protobuf.Timestamp (or an RFC 3339 string) → Date; null when absent. */
export function toDate(ts: unknown): Date | null {
  if (ts === null || ts === undefined) return null;
  if (typeof ts === 'string') return new Date(ts);
  if (ts instanceof Date) return ts;
  const { seconds, nanos } = ts as { seconds?: unknown; nanos?: number | null };
  if (seconds === undefined && nanos === undefined) return null;
  return new Date(toNumber(seconds) * 1000 + Math.floor((nanos ?? 0) / 1_000_000));
}

export function toIso(ts: unknown): string | null {
  return toDate(ts)?.toISOString() ?? null;
}

/** google.protobuf.Duration (or a `"3600s"` string) → milliseconds; null when absent. */
export function toMs(duration: unknown): number | null {
  if (duration === null || duration === undefined) return null;
  if (typeof duration === 'string') return Math.round(parseFloat(duration) * 1000);
  const { seconds, nanos } = duration as { seconds?: unknown; nanos?: number | null };
  if (seconds === undefined && nanos === undefined) return null;
  return toNumber(seconds) * 1000 + Math.floor((nanos ?? 0) / 1_000_000);
}

/** "1 h 30 min", "30 days", "200 ms". */
export function formatDuration(ms: number): string {
  if (ms === 0) return '0 s';
  const parts: string[] = [];
  const units: [number, string, string][] = [
    [86_400_000, 'day', 'days'],
    [3_600_000, 'h', 'h'],
    [60_000, 'min', 'min'],
    [1_000, 's', 's'],
    [1, 'ms', 'ms'],
  ];
  let rest = ms;
  for (const [size, one, many] of units) {
    const n = Math.floor(rest / size);
    if (n > 0) {
      parts.push(`${n} ${n === 1 ? one : many}`);
      rest -= n * size;
    }
  }
  return parts.join(' ');
}

/** "2026-12-09T10:00Z", "2026-12-09T10:00:05Z", "2026-12-09T10:00:05.250Z": as short as exact. */
export function formatTime(date: Date): string {
  return date
    .toISOString()
    .replace(/\.000Z$/, 'Z')
    .replace(/:00Z$/, 'Z');
}

/** The name of an enum value without its prefix: (TimeoutType, 1) → "START_TO_CLOSE". */
function enumKey(enumObject: object, value: unknown, prefix: string): string | null {
  if (value === null || value === undefined) return null;
  const name =
    typeof value === 'string' ? value : ((enumObject as Record<number, string | undefined>)[value as number] ?? String(value));
  return name.startsWith(prefix) ? name.slice(prefix.length) : name;
}

const pascal = (constant: string) =>
  constant
    .toLowerCase()
    .split('_')
    .map((w) => w.charAt(0).toUpperCase() + w.slice(1))
    .join('');
const words = (constant: string) => constant.toLowerCase().replace(/_/g, ' ');

/** EVENT_TYPE_ACTIVITY_TASK_FAILED → "ActivityTaskFailed". */
export function eventTypeName(event: HistoryEvent): string {
  const key = enumKey(enums.EventType, event.eventType, 'EVENT_TYPE_');
  return key ? pascal(key) : 'Unspecified';
}

/** A readable enum: (TimeoutType, 1, 'TIMEOUT_TYPE_') → "start to close"; null for unspecified. */
export function enumWords(enumObject: object, value: unknown, prefix: string): string | null {
  const key = enumKey(enumObject, value, prefix);
  return key && key !== 'UNSPECIFIED' ? words(key) : null;
}

export function enumPascal(enumObject: object, value: unknown, prefix: string): string | null {
  const key = enumKey(enumObject, value, prefix);
  return key && key !== 'UNSPECIFIED' ? pascal(key) : null;
}

// ---------------------------------------------------------------------------------------------
// Payloads

/** The largest JSON text of one decoded payload kept in details. */
export const payloadLimit = 2000;

function bytesToString(bytes: unknown): string {
  if (bytes === null || bytes === undefined) return '';
  if (typeof bytes === 'string') return Buffer.from(bytes, 'base64').toString('utf8');
  return Buffer.from(bytes as Uint8Array).toString('utf8');
}
function byteLength(bytes: unknown): number {
  if (bytes === null || bytes === undefined) return 0;
  if (typeof bytes === 'string') return Buffer.from(bytes, 'base64').length;
  return (bytes as Uint8Array).length;
}

/** A value decoded for display, shortened to `payloadLimit` characters of JSON. */
function truncated(value: unknown): unknown {
  const text = JSON.stringify(value);
  if (text === undefined || text.length <= payloadLimit) return value;
  return { truncated: true, size: text.length, preview: text.slice(0, payloadLimit) };
}

/**
 * One payload as a plain value: JSON payloads are parsed (and truncated); binary, encrypted or
 * unknown encodings become a short description, never the bytes.
 */
export function decodePayload(payload: Payload | null | undefined): unknown {
  if (!payload) return null;
  const encoding = bytesToString(payload.metadata?.encoding);
  switch (encoding) {
    case 'binary/null':
      return null;
    case 'json/plain':
    case 'json/protobuf': {
      const text = bytesToString(payload.data);
      try {
        return truncated(JSON.parse(text));
      } catch {
        return truncated(text);
      }
    }
    default:
      return `<${encoding || 'unknown encoding'}, ${byteLength(payload.data)} bytes>`;
  }
}

export function decodePayloads(payloads: { payloads?: Payload[] | null } | null | undefined): unknown[] {
  return (payloads?.payloads ?? []).map(decodePayload);
}

/** Search attributes / memo fields: name → decoded value. */
export function decodePayloadMap(fields: Record<string, Payload> | null | undefined): Record<string, unknown> {
  return Object.fromEntries(Object.entries(fields ?? {}).map(([name, p]) => [name, decodePayload(p)]));
}

// ---------------------------------------------------------------------------------------------
// Failures

export interface FailureSummary {
  /** The messages of the failure and its causes, outermost first, joined by ": ". */
  message: string;
  /** The root cause's application error type, or its kind (e.g. `TimeoutFailure`). */
  type: string | null;
}

function failureKind(f: Failure): string | null {
  if (f.applicationFailureInfo) return f.applicationFailureInfo.type || 'ApplicationFailure';
  if (f.timeoutFailureInfo) {
    const t = enumPascal(enums.TimeoutType, f.timeoutFailureInfo.timeoutType, 'TIMEOUT_TYPE_');
    return t ? `TimeoutFailure(${t})` : 'TimeoutFailure';
  }
  if (f.canceledFailureInfo) return 'CancelledFailure';
  if (f.terminatedFailureInfo) return 'TerminatedFailure';
  if (f.serverFailureInfo) return 'ServerFailure';
  if (f.resetWorkflowFailureInfo) return 'ResetWorkflowFailure';
  if (f.activityFailureInfo) return 'ActivityFailure';
  if (f.childWorkflowExecutionFailureInfo) return 'ChildWorkflowFailure';
  if (f.nexusOperationExecutionFailureInfo) return 'NexusOperationFailure';
  return null;
}

/** A failure without stack traces: the message chain and the root cause's type. */
export function summarizeFailure(failure: Failure | null | undefined): FailureSummary | null {
  if (!failure) return null;
  const messages: string[] = [];
  let root: Failure = failure;
  for (let f: Failure | null | undefined = failure, depth = 0; f && depth < 10; f = f.cause, depth++) {
    const m = f.message?.trim();
    if (m && messages[messages.length - 1] !== m) messages.push(m);
    root = f;
  }
  let message = messages.join(': ');
  if (!message) {
    const t = failureKind(root);
    message = t === 'TimeoutFailure(StartToClose)' ? 'timed out' : (t ?? 'failed');
  }
  return { message, type: failureKind(root) };
}

// ---------------------------------------------------------------------------------------------
// Facts derived from a history

const E = enums.EventType;
const isType = (event: HistoryEvent, type: temporal.api.enums.v1.EventType) =>
  event.eventType === type || event.eventType === (E[type] as unknown);

export interface PendingTimer {
  timerId: string;
  startedEventId: number;
  startedAt: string;
  durationMs: number;
  dueAt: string;
}

/** Timers started and neither fired nor canceled: Temporal's describe does not list them. */
export function pendingTimersIn(events: HistoryEvent[]): PendingTimer[] {
  const open = new Map<string, PendingTimer>();
  for (const event of events) {
    if (isCloseEvent(event)) return [];
    if (isType(event, E.EVENT_TYPE_TIMER_STARTED)) {
      const a = event.timerStartedEventAttributes!;
      const startedAt = toDate(event.eventTime) ?? new Date(0);
      const durationMs = toMs(a.startToFireTimeout) ?? 0;
      open.set(a.timerId ?? '', {
        timerId: a.timerId ?? '',
        startedEventId: toNumber(event.eventId),
        startedAt: startedAt.toISOString(),
        durationMs,
        dueAt: new Date(startedAt.getTime() + durationMs).toISOString(),
      });
    } else if (isType(event, E.EVENT_TYPE_TIMER_FIRED)) {
      open.delete(event.timerFiredEventAttributes?.timerId ?? '');
    } else if (isType(event, E.EVENT_TYPE_TIMER_CANCELED)) {
      open.delete(event.timerCanceledEventAttributes?.timerId ?? '');
    }
  }
  return [...open.values()];
}

const closeEventTypes = new Set([
  'WorkflowExecutionCompleted',
  'WorkflowExecutionFailed',
  'WorkflowExecutionTimedOut',
  'WorkflowExecutionCanceled',
  'WorkflowExecutionTerminated',
  'WorkflowExecutionContinuedAsNew',
]);

/** Whether this event closes the run (nothing in it is pending afterwards). */
export function isCloseEvent(event: HistoryEvent): boolean {
  return closeEventTypes.has(eventTypeName(event));
}

export interface ResetPoints {
  /** The first WorkflowTaskCompleted event, or null when no workflow task ever completed. */
  first: number | null;
  /** The last WorkflowTaskCompleted event. */
  last: number | null;
}

/**
 * Where a reset can go back to: the finish event of the first or the last completed workflow
 * task. A reset replays the workflow code up to that task and drops everything after it.
 */
export function resetPointsIn(events: HistoryEvent[]): ResetPoints {
  let first: number | null = null;
  let last: number | null = null;
  for (const event of events) {
    if (isType(event, E.EVENT_TYPE_WORKFLOW_TASK_COMPLETED)) {
      const id = toNumber(event.eventId);
      first ??= id;
      last = id;
    }
  }
  return { first, last };
}
