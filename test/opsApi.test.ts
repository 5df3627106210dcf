/**
 * The operations console's API against the real stack: a Temporal dev server running tiny
 * workflows (test/fixtures/opsWorkflows.ts) on this file's own worker, and PostgreSQL for the
 * audit trail. Every route is driven through the API app exactly as the console calls it.
 */
import { randomUUID } from 'node:crypto';
import type { MikroORM } from '@mikro-orm/postgresql';
import { ApplicationFailure, Context } from '@temporalio/activity';
import type { Client, WorkflowHandleWithFirstExecutionRunId } from '@temporalio/client';
import { NativeConnection, Worker } from '@temporalio/worker';
import { createMailer, type Mailer } from '../activities/mailer';
import { createApp } from '../api/app';
import type { AppDeps } from '../api/deps';
import type {
  OpsActionResult,
  OpsAuditList,
  OpsHistory,
  OpsWorkflowCounts,
  OpsWorkflowDetail,
  OpsWorkflowList,
} from '../schema/ops';
import { AuthorityIds, CaseDeadline, CaseStatus, CaseType, CountryCode } from '../workflows/searchAttributes';
import type { OpsCaseInput, OpsTestActivities } from './fixtures/opsWorkflows';
import { confirmUpdate, stateQuery } from './fixtures/opsWorkflows';
import { connectTestTemporal, openTestOrm, testConfig, testLogger, waitFor } from './stack';

const tag = randomUUID().slice(0, 8);
/** Every case of this file carries this CaseType, so lists and counts see only them. */
const caseType = `ops-test-${tag}`;
const taskQueue = `ops-test-${tag}`;
const deadline = new Date('2030-06-01T12:00:00Z');
const twoHours = 2 * 3_600_000;

const activities: OpsTestActivities = {
  async projectCase({ caseId, failUntilAttempt }) {
    if (Context.current().info.attempt <= failUntilAttempt) {
      throw ApplicationFailure.create({ message: 'connection refused', type: 'ConnectionRefused' });
    }
    return `projected ${caseId}`;
  },
};

let orm: MikroORM;
let temporal: Client;
let mailer: Mailer;
let worker: Worker;
let workerRun: Promise<void>;
let workerConnection: NativeConnection;
let app: ReturnType<typeof createApp>;
let token: string;

interface Answer<T> {
  status: number;
  body: T & { error?: { code: string; message: string; fields?: Record<string, string[]> } };
}

async function call<T>(method: 'GET' | 'POST', path: string, body?: unknown): Promise<Answer<T>> {
  const response = await app.request(`/api/ops${path}`, {
    method,
    headers: { authorization: `Bearer ${token}`, ...(body !== undefined && { 'content-type': 'application/json' }) },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  return { status: response.status, body: (await response.json()) as Answer<T>['body'] };
}
const get = <T>(path: string) => call<T>('GET', path);
const post = <T>(path: string, body: unknown) => call<T>('POST', path, body);
const qs = (params: Record<string, string | number>) => '?' + new URLSearchParams(Object.entries(params).map(([k, v]) => [k, String(v)])).toString();

function startCase(name: string, input: Partial<OpsCaseInput>, attributes: { countryCode?: string; authorities?: string[] } = {}) {
  const caseId = `${name}-${tag}`;
  return temporal.workflow.start('opsCaseWorkflow', {
    taskQueue,
    workflowId: `ops-test-${tag}-${name}`,
    args: [{ caseId, failUntilAttempt: 0, maximumAttempts: null, retryIntervalMs: 300, timerMs: twoHours, ...input }],
    memo: { purpose: 'ops api test' },
    typedSearchAttributes: [
      { key: CaseType, value: caseType },
      { key: CaseStatus, value: 'open' },
      { key: CountryCode, value: attributes.countryCode ?? 'DK' },
      { key: AuthorityIds, value: attributes.authorities ?? [`authority-${tag}`] },
      { key: CaseDeadline, value: deadline },
    ],
  });
}

/** Runs whose projection keeps failing: one to inspect and terminate, one to reset, one to cancel. */
let stuck: WorkflowHandleWithFirstExecutionRunId;
let toReset: WorkflowHandleWithFirstExecutionRunId;
let toCancel: WorkflowHandleWithFirstExecutionRunId;
/** A case that completes on its own within a second. */
let done: WorkflowHandleWithFirstExecutionRunId;

const listOf = async (filter: Record<string, string | number>) => {
  const answer = await get<OpsWorkflowList>(`/workflows${qs({ caseType, ...filter })}`);
  expect(answer.status).toBe(200);
  return answer.body;
};
const idsOf = (list: OpsWorkflowList) => list.items.map((i) => i.workflowId).sort();

const detailOf = async (workflowId: string, runId?: string) => {
  const answer = await get<OpsWorkflowDetail>(`/workflows/${encodeURIComponent(workflowId)}${runId ? qs({ runId }) : ''}`);
  expect(answer.status).toBe(200);
  return answer.body;
};
const failingAgain = (workflowId: string) =>
  waitFor(async () => {
    const d = await detailOf(workflowId);
    return d.pendingActivities[0]?.attempt !== undefined && d.pendingActivities[0].attempt >= 2 && d.pendingActivities[0].lastFailure ? d : undefined;
  }, `${workflowId} to retry its activity`);

beforeAll(async () => {
  const config = testConfig();
  token = config.OPERATOR_TOKEN;
  orm = await openTestOrm();
  temporal = await connectTestTemporal();
  mailer = createMailer(config.SMTP_URL!, config.MAIL_FROM);
  const deps: AppDeps = { config, orm, temporal, mailer, logger: testLogger };
  app = createApp(deps);

  workerConnection = await NativeConnection.connect({ address: config.TEMPORAL_ADDRESS! });
  worker = await Worker.create({
    connection: workerConnection,
    namespace: config.TEMPORAL_NAMESPACE,
    taskQueue,
    workflowsPath: require.resolve('./fixtures/opsWorkflows'),
    activities,
  });
  workerRun = worker.run();

  stuck = await startCase('stuck', { failUntilAttempt: 1_000_000 });
  toReset = await startCase('reset', { failUntilAttempt: 1_000_000 });
  toCancel = await startCase('cancel', { failUntilAttempt: 1_000_000 }, { countryCode: 'NO' });
  done = await startCase('done', { timerMs: 300 }, { countryCode: 'SE', authorities: ['authority-other'] });
  await done.result();
  // Visibility is eventually consistent: wait until the list sees all four, with the final status.
  await waitFor(async () => {
    const list = await listOf({});
    return list.items.length === 4 && list.items.some((i) => i.workflowId === done.workflowId && i.status === 'Completed');
  }, 'visibility to list the test cases');
}, 120_000);

afterAll(async () => {
  for (const h of [stuck, toReset, toCancel]) await h?.terminate('test over').catch(() => undefined);
  if (worker && worker.getState() === 'RUNNING') worker.shutdown();
  await workerRun;
  await workerConnection?.close();
  await temporal?.connection.close();
  mailer?.close();
  await orm?.close();
});

describe('GET /workflows', () => {
  it('lists by a custom search attribute, with decoded search attributes and the row fields', async () => {
    const list = await listOf({});
    expect(idsOf(list)).toEqual([done.workflowId, toCancel.workflowId, toReset.workflowId, stuck.workflowId].sort());
    const row = list.items.find((i) => i.workflowId === stuck.workflowId)!;
    expect(row).toMatchObject({
      runId: stuck.firstExecutionRunId,
      type: 'opsCaseWorkflow',
      status: 'Running',
      taskQueue,
      closeTime: null,
      parent: null,
      searchAttributes: {
        CaseType: caseType,
        CaseStatus: 'open',
        CountryCode: 'DK',
        AuthorityIds: [`authority-${tag}`],
        CaseDeadline: deadline.toISOString(),
      },
    });
    expect(Date.parse(row.startTime)).not.toBeNaN();
    // Visibility records the history length when a run closes.
    const closed = list.items.find((i) => i.workflowId === done.workflowId)!;
    expect(closed.historyLength).toBeGreaterThan(5);
    expect(Date.parse(closed.closeTime!)).toBeGreaterThanOrEqual(Date.parse(closed.startTime));
    expect(list.query).toBe(`CaseType = '${caseType}'`);
  });

  it('filters by workflow type, status, country, authority, id prefix, deadline and start time', async () => {
    expect(idsOf(await listOf({ type: 'opsCaseWorkflow', status: 'Completed' }))).toEqual([done.workflowId]);
    expect(idsOf(await listOf({ status: 'Running' }))).toEqual([toCancel.workflowId, toReset.workflowId, stuck.workflowId].sort());
    expect(idsOf(await listOf({ type: 'someOtherWorkflow' }))).toEqual([]);
    expect(idsOf(await listOf({ countryCode: 'SE' }))).toEqual([done.workflowId]);
    expect(idsOf(await listOf({ authorityId: 'authority-other' }))).toEqual([done.workflowId]);
    expect(idsOf(await listOf({ workflowIdPrefix: `ops-test-${tag}-st` }))).toEqual([stuck.workflowId]);
    expect((await listOf({ deadlineAfter: '2030-06-01', deadlineBefore: '2030-06-02T00:00:00+00:00' })).items).toHaveLength(4);
    expect((await listOf({ deadlineBefore: '2030-06-01' })).items).toHaveLength(0);
    expect((await listOf({ startedFrom: new Date(Date.now() - 3_600_000).toISOString() })).items).toHaveLength(4);
    expect((await listOf({ startedTo: '2001-01-01' })).items).toHaveLength(0);
  });

  it('pages with Temporal page tokens', async () => {
    const first = await listOf({ pageSize: 3 });
    expect(first.items).toHaveLength(3);
    expect(first.nextPageToken).toMatch(/^[A-Za-z0-9_-]+$/);
    const second = await listOf({ pageSize: 3, pageToken: first.nextPageToken! });
    expect(second.items).toHaveLength(1);
    expect(new Set([...idsOf(first), ...idsOf(second)]).size).toBe(4);
  });

  it('treats quotes in filter values as text, not as query syntax', async () => {
    const injected = await get<OpsWorkflowList>(`/workflows${qs({ caseType: `${caseType}' OR WorkflowType = 'opsCaseWorkflow` })}`);
    expect(injected.status).toBe(200);
    expect(injected.body.items).toEqual([]);
    const backslash = await get<OpsWorkflowList>(`/workflows${qs({ caseType: `${caseType}\\' OR CaseType != '` })}`);
    expect(backslash.status).toBe(200);
    expect(backslash.body.items).toEqual([]);
  });

  it('passes an expert query through, and answers 400 on `query` when Temporal refuses it', async () => {
    expect(idsOf(await listOf({ query: `CountryCode = 'NO' OR CountryCode = 'SE'` }))).toEqual(
      [done.workflowId, toCancel.workflowId].sort(),
    );
    const bad = await get<OpsWorkflowList>(`/workflows${qs({ query: 'CaseType === nonsense' })}`);
    expect(bad.status).toBe(400);
    expect(bad.body.error!.fields!.query![0]).toBeTruthy();
    const empty = await get<OpsWorkflowList>(`/workflows${qs({ query: '   ' })}`);
    expect(empty.status).toBe(400);
    expect(empty.body.error).toMatchObject({ code: 'validation_failed', fields: { query: ['must not be empty'] } });
  });

  it('refuses a page size out of range and a page token it did not give', async () => {
    const tooBig = await get<OpsWorkflowList>(`/workflows${qs({ pageSize: 101 })}`);
    expect(tooBig.status).toBe(400);
    expect(tooBig.body.error!.fields!.pageSize).toBeDefined();
    const badToken = await get<OpsWorkflowList>(`/workflows${qs({ pageToken: 'not+base64url' })}`);
    expect(badToken.status).toBe(400);
    expect(badToken.body.error!.fields!.pageToken).toBeDefined();
    const garbage = await get<OpsWorkflowList>(`/workflows${qs({ caseType, pageToken: Buffer.from('garbage').toString('base64url') })}`);
    expect(garbage.status).toBe(400);
    expect(garbage.body.error!.fields!.pageToken).toBeDefined();
    // A token belongs to its filters: reusing it with other filters starts no confusing page.
    const first = await listOf({ pageSize: 1 });
    const otherFilters = await get<OpsWorkflowList>(`/workflows${qs({ caseType, status: 'Running', pageToken: first.nextPageToken! })}`);
    expect(otherFilters.status).toBe(400);
    expect(otherFilters.body.error!.fields!.pageToken).toBeDefined();
  });
});

describe('GET /workflows/counts', () => {
  it('counts per execution status for the same filters', async () => {
    const answer = await get<OpsWorkflowCounts>(`/workflows/counts${qs({ caseType })}`);
    expect(answer.status).toBe(200);
    expect(answer.body.total).toBe(4);
    expect(answer.body.byStatus).toMatchObject({ Running: 3, Completed: 1, Failed: 0, Terminated: 0 });
    const se = await get<OpsWorkflowCounts>(`/workflows/counts${qs({ caseType, countryCode: 'SE' })}`);
    expect(se.body).toMatchObject({ total: 1, byStatus: { Completed: 1, Running: 0 } });
  });
});

describe('GET /workflows/{workflowId}', () => {
  it('shows the retrying activity with its attempt and last failure, and the pending timer with its due time', async () => {
    const detail = await failingAgain(stuck.workflowId);
    expect(detail).toMatchObject({
      workflowId: stuck.workflowId,
      status: 'Running',
      memo: { purpose: 'ops api test' },
      pendingChildren: [],
      reset: { possible: true, reason: null },
    });
    const [activity] = detail.pendingActivities;
    expect(activity).toMatchObject({
      activityType: 'projectCase',
      maximumAttempts: null,
      lastFailure: { message: 'connection refused', type: 'ConnectionRefused' },
    });
    expect(activity!.attempt).toBeGreaterThanOrEqual(2);
    expect(activity!.scheduledTime).not.toBeNull();
    expect(detail.pendingTimers).toHaveLength(1);
    const [timer] = detail.pendingTimers;
    expect(timer!.durationMs).toBe(twoHours);
    expect(Date.parse(timer!.dueAt) - Date.parse(timer!.startedAt)).toBe(twoHours);
    expect(Date.parse(timer!.dueAt)).toBeGreaterThan(Date.now() + twoHours - 120_000);
  });

  it('answers 404 for a workflow that does not exist', async () => {
    const answer = await get<OpsWorkflowDetail>(`/workflows/no-such-workflow-${tag}`);
    expect(answer.status).toBe(404);
    expect(answer.body.error!.code).toBe('not_found');
    expect((await get(`/workflows/no-such-workflow-${tag}/history`)).status).toBe(404);
  });
});

describe('GET /workflows/{workflowId}/history', () => {
  it('renders the history as a timeline, with raw events on request', async () => {
    await stuck.executeUpdate(confirmUpdate, { args: [{ by: 'officer-1' }] });
    const answer = await get<OpsHistory>(`/workflows/${stuck.workflowId}/history${qs({ raw: 'true' })}`);
    expect(answer.status).toBe(200);
    const { entries, raw, runId } = answer.body;
    expect(runId).toBe(stuck.firstExecutionRunId);
    const titles = entries.map((e) => e.title);
    expect(titles[0]).toBe('Workflow opsCaseWorkflow started');
    expect(entries).toContainEqual(expect.objectContaining({ kind: 'timer', status: 'pending', title: expect.stringMatching(/^Timer 1 started \(2 h\), fires \d{4}-/) }));
    expect(entries).toContainEqual(expect.objectContaining({ kind: 'activity', status: 'pending', title: 'Activity projectCase scheduled' }));
    expect(entries).toContainEqual(expect.objectContaining({ kind: 'update', status: 'info', title: 'Update confirm accepted' }));
    expect(entries).toContainEqual(expect.objectContaining({ kind: 'update', status: 'ok', title: 'Update confirm completed', details: expect.objectContaining({ result: 'confirmed' }) }));
    expect(entries).toContainEqual(expect.objectContaining({ kind: 'search-attributes', title: 'Search attributes set: CaseStatus = confirmed' }));
    expect(raw![0]).toMatchObject({ eventId: '1', eventType: 'EVENT_TYPE_WORKFLOW_EXECUTION_STARTED' });
    expect((await get<OpsHistory>(`/workflows/${stuck.workflowId}/history`)).body.raw).toBeNull();
  });
});

describe('actions', () => {
  it('signals a running workflow and records who did it', async () => {
    const answer = await post<OpsActionResult>(`/workflows/${stuck.workflowId}/signal`, {
      signalName: 'remind',
      args: [{ note: 'please look' }],
      reason: 'officer asked for a nudge',
    });
    expect(answer.status).toBe(200);
    expect(answer.body).toMatchObject({ action: 'ops.signal', workflowId: stuck.workflowId, runId: stuck.firstExecutionRunId, newRunId: null });
    await waitFor(async () => (await stuck.query(stateQuery)).reminders === 1, 'the signal to be handled');
    const timeline = (await get<OpsHistory>(`/workflows/${stuck.workflowId}/history`)).body.entries;
    expect(timeline).toContainEqual(
      expect.objectContaining({ kind: 'signal', title: 'Signal remind received', details: expect.objectContaining({ args: [{ note: 'please look' }] }) }),
    );
  });

  it('cancels with a reason; the workflow ends as Canceled', async () => {
    const answer = await post<OpsActionResult>(`/workflows/${toCancel.workflowId}/cancel`, { reason: 'duplicate case' });
    expect(answer.status).toBe(200);
    await waitFor(async () => (await detailOf(toCancel.workflowId)).status === 'Canceled', 'the cancellation');
    const timeline = (await get<OpsHistory>(`/workflows/${toCancel.workflowId}/history`)).body.entries;
    expect(timeline).toContainEqual(expect.objectContaining({ title: 'Cancellation requested: duplicate case' }));
    expect(timeline.at(-1)).toMatchObject({ title: 'Workflow canceled', kind: 'workflow' });
    const audit = (await get<OpsAuditList>(`/audit${qs({ workflowId: toCancel.workflowId })}`)).body;
    expect(audit.items[0]).toMatchObject({ action: 'ops.cancel', actor: 'operator', reason: 'duplicate case' });
  });

  it('refuses to terminate without a reason, naming the field', async () => {
    const missing = await post(`/workflows/${stuck.workflowId}/terminate`, {});
    expect(missing.status).toBe(400);
    expect(missing.body.error).toMatchObject({ code: 'validation_failed' });
    expect(missing.body.error!.fields!.reason![0]).toBeTruthy();
    const blank = await post(`/workflows/${stuck.workflowId}/terminate`, { reason: '   ' });
    expect(blank.status).toBe(400);
    expect(blank.body.error!.fields).toEqual({ reason: ['must not be empty'] });
    expect((await detailOf(stuck.workflowId)).status).toBe('Running');
  });

  it('terminates with a reason, writes the audit entry, and refuses a second time with 409', async () => {
    const answer = await post<OpsActionResult>(`/workflows/${stuck.workflowId}/terminate`, { reason: 'stuck on projection' });
    expect(answer.status).toBe(200);
    expect((await detailOf(stuck.workflowId)).status).toBe('Terminated');
    const audit = (await get<OpsAuditList>(`/audit${qs({ workflowId: stuck.workflowId })}`)).body;
    expect(audit.total).toBe(2);
    expect(audit.items.map((i) => i.action)).toEqual(['ops.terminate', 'ops.signal']);
    expect(audit.items[0]).toMatchObject({
      id: answer.body.auditEventId,
      workflowId: stuck.workflowId,
      actor: 'operator',
      reason: 'stuck on projection',
      details: { runId: stuck.firstExecutionRunId },
    });
    expect(audit.items[1]!.details).toMatchObject({ signalName: 'remind' });
    const paged = (await get<OpsAuditList>(`/audit${qs({ workflowId: stuck.workflowId, perPage: 1, page: 2 })}`)).body;
    expect(paged).toMatchObject({ total: 2, page: 2, perPage: 1, items: [expect.objectContaining({ action: 'ops.signal' })] });

    const again = await post(`/workflows/${stuck.workflowId}/terminate`, { reason: 'once more' });
    expect(again.status).toBe(409);
    expect(again.body.error!.message).toMatch(/Terminated/);
    const signal = await post(`/workflows/${stuck.workflowId}/signal`, { signalName: 'remind', args: [] });
    expect(signal.status).toBe(409);
  });

  it('resets to the first workflow task: a new run replaces the old one, and the audit says so', async () => {
    const before = await failingAgain(toReset.workflowId);
    expect(before.reset.firstWorkflowTaskEventId).toBe(4);
    const missingReason = await post(`/workflows/${toReset.workflowId}/reset`, { to: 'first-workflow-task' });
    expect(missingReason.status).toBe(400);
    expect(missingReason.body.error!.fields!.reason).toBeDefined();
    const badTarget = await post(`/workflows/${toReset.workflowId}/reset`, { to: 'somewhere', reason: 'x' });
    expect(badTarget.status).toBe(400);
    expect(badTarget.body.error!.fields!.to).toBeDefined();

    const answer = await post<OpsActionResult>(`/workflows/${toReset.workflowId}/reset`, { to: 'first-workflow-task', reason: 'retry from the start' });
    expect(answer.status).toBe(200);
    const { runId, newRunId } = answer.body;
    expect(runId).toBe(toReset.firstExecutionRunId);
    expect(newRunId).toBeTruthy();
    expect(newRunId).not.toBe(runId);

    const current = await detailOf(toReset.workflowId);
    expect(current).toMatchObject({ runId: newRunId, status: 'Running' });
    expect((await detailOf(toReset.workflowId, runId)).status).toBe('Terminated');
    const timeline = (await get<OpsHistory>(`/workflows/${toReset.workflowId}/history`)).body.entries;
    expect(timeline).toContainEqual(
      expect.objectContaining({ kind: 'workflow', title: `Workflow reset to here from run ${runId}: retry from the start` }),
    );
    const audit = (await get<OpsAuditList>(`/audit${qs({ workflowId: toReset.workflowId })}`)).body;
    expect(audit.items[0]).toMatchObject({ action: 'ops.reset', reason: 'retry from the start', details: { runId, newRunId, to: 'first-workflow-task' } });
  });

  it('answers 404 for actions on a workflow that does not exist', async () => {
    const unknown = `no-such-workflow-${tag}`;
    expect((await post(`/workflows/${unknown}/signal`, { signalName: 'remind', args: [] })).status).toBe(404);
    expect((await post(`/workflows/${unknown}/cancel`, {})).status).toBe(404);
    expect((await post(`/workflows/${unknown}/terminate`, { reason: 'x' })).status).toBe(404);
    expect((await post(`/workflows/${unknown}/reset`, { to: 'last-workflow-task', reason: 'x' })).status).toBe(404);
  });

  it('lists all operator actions newest first when no workflow is given', async () => {
    const answer = await get<OpsAuditList>(`/audit${qs({ perPage: 100 })}`);
    expect(answer.status).toBe(200);
    const mine = answer.body.items.filter((i) => i.workflowId.startsWith(`ops-test-${tag}`));
    expect(mine.map((i) => i.action)).toEqual(['ops.reset', 'ops.terminate', 'ops.cancel', 'ops.signal']);
    const times = answer.body.items.map((i) => Date.parse(i.at));
    expect([...times].sort((a, b) => b - a)).toEqual(times);
  });
});
