import { readFileSync } from 'node:fs';
import path from 'node:path';
import { historyFromJsonObject } from './historyJson';
import {
  decodePayload,
  formatDuration,
  formatTime,
  pendingTimersIn,
  resetPointsIn,
  summarizeFailure,
  toNumber,
  type HistoryEvent,
} from './historyEvents';
import { historyTimeline } from './historyTimeline';

/**
 * Histories recorded from real runs of test/fixtures/opsWorkflows.ts on the Temporal dev server
 * (see fixtures/record.ts), read back as `fetchHistory()` returns them (Longs, Buffers, enums).
 */
function recorded(name: string): HistoryEvent[] {
  const json = JSON.parse(readFileSync(path.join(__dirname, 'fixtures', `${name}.json`), 'utf8'));
  return historyFromJsonObject(json).events ?? [];
}

/** The timeline in a compact form: [eventId, kind, status, title]. */
const story = (events: HistoryEvent[]) => historyTimeline(events).map((e) => [e.eventId, e.kind, e.status, e.title]);
const entry = (events: HistoryEvent[], eventId: number) => historyTimeline(events).find((e) => e.eventId === eventId)!;

describe('historyTimeline on recorded histories', () => {
  it('tells the canceled case: retried projection, signal, update, cancellation with reason, timer canceled', () => {
    const events = recorded('case-canceled');
    expect(story(events)).toEqual([
      [1, 'workflow', 'info', 'Workflow opsCaseWorkflow started'],
      [4, 'task', 'ok', 'Workflow task completed'],
      [5, 'timer', 'info', 'Timer 1 started (1 h), fires 2026-11-25T20:20:34.721Z'],
      [6, 'activity', 'info', 'Activity projectCase scheduled'],
      [8, 'activity', 'ok', 'Activity projectCase completed (attempt 3, after 2 failed attempts: connection refused)'],
      [11, 'task', 'ok', 'Workflow task completed'],
      [12, 'signal', 'info', 'Signal remind received'],
      [15, 'task', 'ok', 'Workflow task completed'],
      [18, 'task', 'ok', 'Workflow task completed'],
      [19, 'update', 'info', 'Update confirm accepted'],
      [20, 'search-attributes', 'info', 'Search attributes set: CaseStatus = confirmed'],
      [21, 'update', 'ok', 'Update confirm completed'],
      [22, 'workflow', 'info', 'Cancellation requested: duplicate of another case'],
      [25, 'task', 'ok', 'Workflow task completed'],
      [26, 'timer', 'info', 'Timer 1 canceled'],
      [27, 'workflow', 'info', 'Workflow canceled'],
    ]);
  });

  it('pairs events: scheduled ↔ started ↔ completed, timer started ↔ canceled, update accepted ↔ completed, task events collapsed', () => {
    const events = recorded('case-canceled');
    expect(entry(events, 6).relatedEventIds).toEqual([7, 8]);
    expect(entry(events, 8).relatedEventIds).toEqual([6, 7]);
    expect(entry(events, 5).relatedEventIds).toEqual([26]);
    expect(entry(events, 26).relatedEventIds).toEqual([5]);
    expect(entry(events, 19).relatedEventIds).toEqual([21]);
    expect(entry(events, 21).relatedEventIds).toEqual([19]);
    expect(entry(events, 4).relatedEventIds).toEqual([2, 3]);
    // Scheduled/started workflow task and activity started events have no entry of their own.
    const shown = new Set(historyTimeline(events).map((e) => e.eventId));
    for (const hidden of [2, 3, 7, 9, 10]) expect(shown.has(hidden)).toBe(false);
  });

  it('keeps small decoded details: input, attempt, previous failure, result, timer, update and signal', () => {
    const events = recorded('case-canceled');
    expect(entry(events, 1).details).toMatchObject({
      workflowType: 'opsCaseWorkflow',
      input: [{ caseId: expect.stringMatching(/^canceled-/), failUntilAttempt: 2 }],
      memo: { purpose: 'ops fixture' },
      searchAttributes: {
        CaseType: 'ops-test',
        CountryCode: 'DK',
        AuthorityIds: ['authority-1', 'authority-2'],
        CaseDeadline: '2026-12-09T10:00:00.000Z',
      },
    });
    expect(entry(events, 6).details).toMatchObject({
      activityType: 'projectCase',
      activityId: '1',
      startToCloseTimeout: 10_000,
      retryPolicy: { initialInterval: 200, backoffCoefficient: 1, maximumAttempts: 'unlimited', nonRetryableErrorTypes: ['NotAllowed'] },
    });
    expect(entry(events, 8).details).toMatchObject({
      activityType: 'projectCase',
      attempt: 3,
      previousFailure: { message: 'connection refused', type: 'ConnectionRefused' },
      result: expect.stringMatching(/^projected canceled-/),
    });
    expect(entry(events, 5).details).toEqual({
      timerId: '1',
      durationMs: 3_600_000,
      duration: '1 h',
      dueAt: '2026-11-25T20:20:34.721Z',
    });
    expect(entry(events, 12).details).toMatchObject({ signalName: 'remind', args: [{ note: 'please look' }] });
    expect(entry(events, 19).details).toMatchObject({ updateName: 'confirm', args: [{ by: 'officer-1' }] });
    expect(entry(events, 21).details).toMatchObject({ updateName: 'confirm', result: 'confirmed' });
    expect(entry(events, 22).details).toEqual({ reason: 'duplicate of another case', identity: 'liaison-ops:operator' });
    expect(entry(events, 20).details).toEqual({ searchAttributes: { CaseStatus: 'confirmed' } });
    // No stack traces anywhere.
    expect(JSON.stringify(historyTimeline(events))).not.toMatch(/stackTrace|\n\s+at /);
  });

  it('tells the completed case: timer fired, result', () => {
    const events = recorded('case-completed');
    expect(story(events)).toEqual([
      [1, 'workflow', 'info', 'Workflow opsCaseWorkflow started'],
      [4, 'task', 'ok', 'Workflow task completed'],
      [5, 'timer', 'info', 'Timer 1 started (1 s), fires 2026-11-25T19:20:38.081Z'],
      [6, 'activity', 'info', 'Activity projectCase scheduled'],
      [8, 'activity', 'ok', 'Activity projectCase completed'],
      [11, 'task', 'ok', 'Workflow task completed'],
      [12, 'timer', 'ok', 'Timer 1 fired'],
      [15, 'task', 'ok', 'Workflow task completed'],
      [16, 'workflow', 'ok', 'Workflow completed'],
    ]);
    expect(entry(events, 16).details).toEqual({
      result: { status: 'expired', reminders: 0, confirmedBy: null, projected: expect.stringMatching(/^projected completed-/) },
    });
  });

  it('tells the failed case: the activity gave up, the workflow failed with the root cause', () => {
    const events = recorded('case-failed');
    expect(entry(events, 8)).toMatchObject({
      kind: 'activity',
      status: 'failed',
      title: 'Activity projectCase failed (attempt 2): connection refused',
      relatedEventIds: [6, 7],
      details: { attempt: 2, failure: { message: 'connection refused', type: 'ConnectionRefused' }, retryState: 'maximum attempts reached' },
    });
    expect(entry(events, 12)).toMatchObject({
      kind: 'workflow',
      status: 'failed',
      title: 'Workflow failed: Activity task failed: connection refused',
      details: { failure: { message: 'Activity task failed: connection refused', type: 'ConnectionRefused' } },
    });
    // The run is closed: its timer is no longer pending.
    expect(entry(events, 5).status).toBe('info');
  });

  it('tells the terminated case with its reason', () => {
    const events = recorded('case-terminated');
    expect(story(events).at(-1)).toEqual([7, 'workflow', 'failed', 'Workflow terminated: stuck on projection, fixed by hand']);
    expect(entry(events, 7).details).toMatchObject({ reason: 'stuck on projection, fixed by hand' });
  });

  it('shows unresolved timers and activities as pending while the run is open', () => {
    const open = recorded('case-terminated').slice(0, -1);
    expect(story(open)).toEqual([
      [1, 'workflow', 'info', 'Workflow opsCaseWorkflow started'],
      [4, 'task', 'ok', 'Workflow task completed'],
      [5, 'timer', 'pending', 'Timer 1 started (1 h), fires 2026-11-25T20:20:39.369Z'],
      [6, 'activity', 'pending', 'Activity projectCase scheduled'],
    ]);
  });

  it('shows a workflow task no worker has picked up as pending', () => {
    const waiting = recorded('broken-terminated').slice(0, 2);
    expect(story(waiting)).toEqual([
      [1, 'workflow', 'info', 'Workflow opsBrokenWorkflow started'],
      [2, 'task', 'pending', 'Workflow task scheduled, waiting for a worker'],
    ]);
    const started = recorded('broken-terminated').slice(0, 3);
    expect(story(started).at(-1)).toEqual([3, 'task', 'pending', 'Workflow task started, running on a worker']);
  });

  it('makes a failing workflow task (a bug in workflow code) stand out', () => {
    const events = recorded('broken-terminated');
    expect(entry(events, 4)).toMatchObject({
      kind: 'task',
      status: 'failed',
      title: "Workflow task failed (attempt 1), workflow worker unhandled failure: Cannot read properties of undefined (reading 'status')",
      relatedEventIds: [2, 3],
      details: { cause: 'workflow worker unhandled failure', failure: { message: "Cannot read properties of undefined (reading 'status')" } },
    });
  });

  it('shows where a reset run starts', () => {
    const events = recorded('case-reset');
    const reset = entry(events, 4);
    expect(reset).toMatchObject({ kind: 'workflow', status: 'info', relatedEventIds: [2, 3] });
    expect(reset.title).toMatch(/^Workflow reset to here from run [0-9a-f-]{36}: retry from the start$/);
    expect(reset.details).toMatchObject({ reason: 'retry from the start', baseRunId: expect.any(String), newRunId: expect.any(String) });
  });

  it('tells the parent: child workflow, patch marker, continue-as-new', () => {
    const events = recorded('parent-continued');
    const child = 'opsChildWorkflow (ops-record-parent-79d4a1fc-child-1)';
    expect(story(events).filter(([, kind]) => kind !== 'task')).toEqual([
      [1, 'workflow', 'info', 'Workflow opsParentWorkflow started'],
      [5, 'child', 'info', `Child workflow ${child} requested`],
      [6, 'child', 'info', `Child workflow ${child} started`],
      [10, 'child', 'ok', `Child workflow ${child} completed`],
      [14, 'marker', 'info', 'Patch ops-parent-v2 applied'],
      [15, 'search-attributes', 'info', 'Search attributes set: TemporalChangeVersion = ops-parent-v2'],
      [16, 'workflow', 'info', 'Workflow continued as new run 5595eb95-7bf9-4bc0-9d1c-890d7a853b70'],
    ]);
    expect(entry(events, 5).relatedEventIds).toEqual([6, 10]);
    expect(entry(events, 10).details).toMatchObject({ result: 'child saw round 1', workflowId: 'ops-record-parent-79d4a1fc-child-1' });
    expect(entry(events, 14).details).toEqual({ patchId: 'ops-parent-v2', deprecated: false });
    expect(entry(events, 16).details).toMatchObject({ newRunId: '5595eb95-7bf9-4bc0-9d1c-890d7a853b70', input: [2] });
  });

  it('gives every entry a valid time, a known kind and status, and event ids in order', () => {
    for (const name of ['case-canceled', 'case-completed', 'case-failed', 'case-terminated', 'case-reset', 'broken-terminated', 'parent-continued']) {
      const entries = historyTimeline(recorded(name));
      const ids = entries.map((e) => e.eventId);
      expect([...ids].sort((a, b) => a - b)).toEqual(ids);
      for (const e of entries) {
        expect(Date.parse(e.at)).not.toBeNaN();
        expect(['workflow', 'activity', 'timer', 'update', 'signal', 'child', 'task', 'marker', 'search-attributes', 'other']).toContain(e.kind);
        expect(['ok', 'pending', 'failed', 'info']).toContain(e.status);
        expect(e.title.length).toBeGreaterThan(5);
      }
    }
  });

  it('is empty for an empty history', () => {
    expect(historyTimeline([])).toEqual([]);
  });
});

describe('facts derived from a history', () => {
  it('finds pending timers with their due time, none once the run is closed', () => {
    expect(pendingTimersIn(recorded('case-terminated').slice(0, -1))).toEqual([
      {
        timerId: '1',
        startedEventId: 5,
        startedAt: '2026-11-25T19:20:39.369Z',
        durationMs: 3_600_000,
        dueAt: '2026-11-25T20:20:39.369Z',
      },
    ]);
    expect(pendingTimersIn(recorded('case-terminated'))).toEqual([]);
    expect(pendingTimersIn(recorded('case-canceled').slice(0, 25))).toEqual([expect.objectContaining({ timerId: '1' })]);
    expect(pendingTimersIn(recorded('case-canceled').slice(0, 26))).toEqual([]); // canceled
    expect(pendingTimersIn(recorded('case-completed').slice(0, 12))).toEqual([]); // fired
  });

  it('finds the first and last completed workflow task to reset to', () => {
    expect(resetPointsIn(recorded('case-canceled'))).toEqual({ first: 4, last: 25 });
    expect(resetPointsIn(recorded('case-reset'))).toEqual({ first: 7, last: 7 });
    expect(resetPointsIn(recorded('broken-terminated'))).toEqual({ first: null, last: null });
  });
});

describe('reading events', () => {
  const json = (value: string) => ({
    metadata: { encoding: Buffer.from('json/plain') },
    data: Buffer.from(value),
  });

  it('decodes JSON payloads and describes others without their bytes', () => {
    expect(decodePayload(json('{"a":1}'))).toEqual({ a: 1 });
    expect(decodePayload({ metadata: { encoding: Buffer.from('binary/null') } })).toBeNull();
    expect(decodePayload({ metadata: { encoding: Buffer.from('binary/encrypted') }, data: Buffer.alloc(40) })).toBe('<binary/encrypted, 40 bytes>');
    expect(decodePayload({ data: Buffer.from('x') })).toBe('<unknown encoding, 1 bytes>');
    expect(decodePayload(json('not json'))).toBe('not json');
  });

  it('truncates large payloads to about 2 kB', () => {
    const big = decodePayload(json(JSON.stringify({ text: 'x'.repeat(10_000) }))) as { truncated: boolean; size: number; preview: string };
    expect(big).toMatchObject({ truncated: true, size: 10_011 });
    expect(big.preview).toHaveLength(2000);
  });

  it('summarises failures without stack traces, root cause type last', () => {
    expect(
      summarizeFailure({
        message: 'Activity task failed',
        stackTrace: 'at x',
        activityFailureInfo: {},
        cause: { message: 'connection refused', stackTrace: 'at y', applicationFailureInfo: { type: 'ConnectionRefused' } },
      }),
    ).toEqual({ message: 'Activity task failed: connection refused', type: 'ConnectionRefused' });
    expect(summarizeFailure({ message: '', timeoutFailureInfo: { timeoutType: 1 } })).toEqual({
      message: 'timed out',
      type: 'TimeoutFailure(StartToClose)',
    });
    expect(summarizeFailure(null)).toBeNull();
  });

  it('formats durations and times for sentences', () => {
    expect(formatDuration(3_600_000)).toBe('1 h');
    expect(formatDuration(30 * 86_400_000)).toBe('30 days');
    expect(formatDuration(5_400_000)).toBe('1 h 30 min');
    expect(formatDuration(1_500)).toBe('1 s 500 ms');
    expect(formatDuration(0)).toBe('0 s');
    expect(formatTime(new Date('2026-12-09T10:00:00Z'))).toBe('2026-12-09T10:00Z');
    expect(formatTime(new Date('2026-12-09T10:00:05Z'))).toBe('2026-12-09T10:00:05Z');
    expect(formatTime(new Date('2026-12-09T10:00:05.250Z'))).toBe('2026-12-09T10:00:05.250Z');
  });

  it('reads int64 values whether Long, number or string', () => {
    const [first] = recorded('case-completed');
    expect(typeof first!.eventId).toBe('object'); // a Long, as fetchHistory gives it
    expect(toNumber(first!.eventId)).toBe(1);
    expect(toNumber(7)).toBe(7);
    expect(toNumber('8')).toBe(8);
    expect(toNumber(null)).toBe(0);
  });
});
