import type { WorkflowHandleWithFirstExecutionRunId } from '@temporalio/client';
import type { TestWorkflowEnvironment } from '@temporalio/testing';
import { Worker } from '@temporalio/worker';
import { randomUUID } from 'node:crypto';
import type { RetentionActivities } from '../../activities/retention';
import { settledRun } from '../../test/settledRun';
import { requesterHandler, storyRequestInput } from '../../test/requestStory';
import { createTimeSkippingEnv, liaisonWorkflowBundle } from '../../test/timeSkipping';
import type { Actor } from '../actor';
import {
  acceptRequest,
  answerRequest,
  closeRequest,
  projectedRequestSnapshot,
  requestSnapshot,
  requestWorkflowId,
  retentionWorkflowId,
  sendRequest,
  type RequestActivities,
  type RequestInput,
} from './definitions';
import { deadlineInstant, notificationOfMeasuresSet } from './machine';
import type { RequestWorkflow } from './workflow';

const minute = 60_000;
const responderHandler: Actor = { kind: 'user', id: 'u-resp-1', authorityId: 'auth-se', countryCode: 'SE', roles: ['case-handler'] };
const plainSend = { approvalRequired: false, coordinatorApprovesRequests: false, responderUsesAllocation: false };

/**
 * Continue-as-new, made reachable by a small `continueAsNewAfterEvents`: the state, the pending
 * durable timers and the commands that follow carry over to the new run (same workflow id, new run id).
 */
describe('RequestWorkflow continue-as-new (time-skipping)', () => {
  let env: TestWorkflowEnvironment;
  const started: string[] = [];

  beforeAll(async () => {
    env = await createTimeSkippingEnv();
  }, 120_000);

  afterAll(async () => {
    for (const id of started) await env?.client.workflow.getHandle(id).terminate().catch(() => undefined);
    await env?.teardown();
  });

  type Handle = WorkflowHandleWithFirstExecutionRunId<typeof RequestWorkflow>;

  function recordingActivities() {
    const projected: { version: number; status: string }[] = [];
    const notified: string[] = [];
    const activities: RequestActivities & RetentionActivities = {
      async projectRequest(snapshot) {
        projected.push({ version: snapshot.version, status: snapshot.status });
      },
      async notifyRequestParties({ kind, party }) {
        notified.push(`${kind}→${party}`);
        return { sent: 1 };
      },
      async discardDraftAnswers() {
        return { discarded: 0 };
      },
      async copySplitContent() {},
      async blockPersonalData() {},
      async erasePersonalData() {},
      async projectRetention() {},
    };
    return { projected, notified, activities };
  }

  async function withWorker(activities: RequestActivities & RetentionActivities, body: (taskQueue: string) => Promise<void>) {
    const taskQueue = `tq-${randomUUID()}`;
    const worker = await Worker.create({ connection: env.nativeConnection, taskQueue, workflowBundle: await liaisonWorkflowBundle(), activities });
    await worker.runUntil(body(taskQueue));
  }

  async function start(taskQueue: string, patch: Partial<RequestInput> = {}): Promise<Handle> {
    const requestId = randomUUID();
    // Small: see opened().
    const input = storyRequestInput(requestId, await env.currentTimeMs(), { continueAsNewAfterEvents: 12, ...patch });
    const handle = await env.client.workflow.start<typeof RequestWorkflow>('RequestWorkflow', { workflowId: requestWorkflowId(requestId), taskQueue, args: [input] });
    started.push(handle.workflowId, retentionWorkflowId('request', requestId));
    return handle;
  }

  /** The current run once quiet (test/settledRun.ts): a run past the bound has continued as new by then. */
  const settled = (handle: Handle) => settledRun(env.client, handle.workflowId);

  /**
   * Opened and quiet, then read back (one more workflow task, no transition): the loop first looks
   * at 11 events, and the send comes past 12 — the send is the transition that continues as new.
   */
  const opened = async (handle: Handle) => {
    await settled(handle);
    await handle.executeUpdate(projectedRequestSnapshot);
    await settled(handle);
  };

  /** The input the current run was started with (continue-as-new's `resume`). */
  async function runInput(handle: Handle, runId: string): Promise<RequestInput & { continuedFrom: string }> {
    const history = await env.client.workflow.getHandle(handle.workflowId, runId).fetchHistory();
    const startedEvent = history.events![0].workflowExecutionStartedEventAttributes!;
    const [input] = (await Promise.all((startedEvent.input?.payloads ?? []).map((p) => env.client.options.loadedDataConverter.payloadConverter.fromPayload(p)))) as RequestInput[];
    return { ...input, continuedFrom: startedEvent.continuedExecutionRunId ?? '' };
  }

  async function skipUntil(atMs: number) {
    const wait = atMs - (await env.currentTimeMs());
    if (wait > 0) await env.sleep(wait);
  }
  async function eventually(check: () => boolean) {
    for (let i = 0; i < 100 && !check(); i++) await new Promise((r) => setTimeout(r, 50));
  }

  it('the deadline timer set before continue-as-new fires on time in the new run; later commands, closure and retention follow', async () => {
    const rec = recordingActivities();
    await withWorker(rec.activities, async (taskQueue) => {
      const handle = await start(taskQueue);
      const firstRunId = handle.firstExecutionRunId;
      await opened(handle);
      const sent = await handle.executeUpdate(sendRequest, { args: [{ actor: requesterHandler, facts: plainSend }] });
      expect(sent).toMatchObject({ status: 'awaiting-acceptance', version: 2 });
      const due = deadlineInstant(sent.deadline!);

      // Past the bound after sending: the next run holds the request.
      const secondRunId = await settled(handle);
      expect(secondRunId).not.toBe(firstRunId);
      expect(handle.workflowId).toBe(requestWorkflowId(sent.requestId));
      const resumed = await runInput(handle, secondRunId);
      expect(resumed.continuedFrom).toBe(firstRunId);
      expect(resumed.resume?.state).toMatchObject({ requestId: sent.requestId, status: 'awaiting-acceptance', version: 2 });
      expect(resumed.resume?.timers).toEqual([['deadline', due]]);
      expect(resumed.continueAsNewAfterEvents).toBe(12);
      expect(await handle.query(requestSnapshot)).toEqual(sent);
      // The first run's email went out before it ended (none abandoned, none repeated by the new run).
      expect(rec.notified).toEqual(['request-received→responder']);
      // Operators still find it by its deadline: the search attributes came along.
      const { searchAttributes } = await handle.describe();
      expect(searchAttributes).toMatchObject({ CaseType: ['request'], CaseStatus: ['awaiting-acceptance'] });
      expect((searchAttributes.CaseDeadline as Date[])[0].getTime()).toBe(due);

      // The timer was not lost nor restarted: not before the deadline, just after it.
      await skipUntil(due - minute);
      expect((await handle.query(requestSnapshot)).overdue).toBe(false);
      await skipUntil(due + minute);
      expect(await handle.query(requestSnapshot)).toMatchObject({ overdue: true, version: 3 });
      await eventually(() => rec.notified.filter((k) => k.startsWith('deadline-overdue')).length >= 3);
      expect(rec.notified.filter((k) => k.startsWith('deadline-overdue')).sort()).toEqual(['deadline-overdue→requester', 'deadline-overdue→requester-coordinator', 'deadline-overdue→responder']);

      // Commands keep working across the further runs (the bound is passed again as the history grows).
      await settled(handle);
      const accepted = await handle.executeUpdate(acceptRequest, { args: [{ actor: responderHandler, responderCoordinatorId: null, facts: { linkedCoordinatorIds: ['coord-se'] } }] });
      expect(accepted).toMatchObject({ status: 'accepted', version: 4, responderCoordinatorId: 'coord-se' });
      await settled(handle);
      const answered = await handle.executeUpdate(answerRequest, { args: [{ actor: responderHandler, facts: { approvalRequired: false, coordinatorApprovesAnswers: false } }] });
      expect(answered).toMatchObject({ status: 'answered', overdue: false, version: 5 });
      await settled(handle);
      const closed = await handle.executeUpdate(closeRequest, { args: [{ actor: requesterHandler }] });
      expect(closed).toMatchObject({ status: 'closed', version: 6 });

      for (let i = 0; i < 100 && (await handle.describe()).status.name === 'RUNNING'; i++) await new Promise((r) => setTimeout(r, 50));
      expect((await handle.describe()).status.name).toBe('COMPLETED');
      expect((await env.client.workflow.getHandle(retentionWorkflowId('request', sent.requestId)).describe()).type).toBe('RetentionWorkflow');
      // The chain of runs back to the first: one workflow id, several runs, each continued from the one before.
      const runs = [(await handle.describe()).runId];
      while (runs.at(-1) !== firstRunId && runs.length < 20) runs.push((await runInput(handle, runs.at(-1)!)).continuedFrom);
      expect(runs.at(-1)).toBe(firstRunId);
      expect(new Set(runs).size).toBe(runs.length);
      expect(runs.length).toBeGreaterThanOrEqual(3);
      // Each version projected once: a new run does not project its carried-over state again.
      expect(rec.projected.map((p) => p.version)).toEqual([1, 2, 3, 4, 5, 6]);
    });
  });

  it('a notification of measures’ 15-day wait ends on time after continue-as-new', async () => {
    const rec = recordingActivities();
    await withWorker(rec.activities, async (taskQueue) => {
      const handle = await start(taskQueue, { questionSet: notificationOfMeasuresSet, relatedRequestNumber: 'REQ-2026-000001', deadline: null });
      await opened(handle);
      const sent = await handle.executeUpdate(sendRequest, { args: [{ actor: requesterHandler, facts: { ...plainSend, citedRequestValid: true } }] });
      expect(sent.status).toBe('measures-waiting-period');
      const mayApply = Date.parse(sent.measuresMayApplyAt!);
      const runId = await settled(handle);
      expect(runId).not.toBe(handle.firstExecutionRunId);
      expect((await runInput(handle, runId)).resume?.timers).toEqual([['derogationWait', mayApply]]);
      await skipUntil(mayApply - minute);
      expect((await handle.query(requestSnapshot)).status).toBe('measures-waiting-period');
      await skipUntil(mayApply + minute);
      expect((await handle.query(requestSnapshot)).status).toBe('awaiting-acceptance');
    });
  });

  it('below the bound nothing continues as new (the default keeps short histories in one run)', async () => {
    const rec = recordingActivities();
    await withWorker(rec.activities, async (taskQueue) => {
      const handle = await start(taskQueue, { continueAsNewAfterEvents: undefined });
      await handle.executeUpdate(sendRequest, { args: [{ actor: requesterHandler, facts: plainSend }] });
      await handle.executeUpdate(acceptRequest, { args: [{ actor: responderHandler, responderCoordinatorId: null, facts: { linkedCoordinatorIds: ['coord-se'] } }] });
      expect((await handle.describe()).runId).toBe(handle.firstExecutionRunId);
    });
  });
});
