import type { WorkflowHandleWithFirstExecutionRunId } from '@temporalio/client';
import type { TestWorkflowEnvironment } from '@temporalio/testing';
import { Worker } from '@temporalio/worker';
import { randomUUID } from 'node:crypto';
import type { RetentionActivities } from '../../activities/retention';
import { settledRun } from '../../test/settledRun';
import { createTimeSkippingEnv, liaisonWorkflowBundle } from '../../test/timeSkipping';
import { dkBroadcaster, dkHandler, fiMailbox, seCommenter, seCoordinator, seMailbox, seProposer, storyAlertInput } from '../../test/alertStory';
import {
  acceptAlert,
  acknowledgeAlert,
  alertSnapshot,
  alertWorkflowId,
  broadcastAlert,
  broadcastAlertClosureProposal,
  broadcastAlertItem,
  closeAlert,
  commentOnAlertClosure,
  forwardAlert,
  proposeAlertClosure,
  retentionWorkflowId,
  submitAlert,
  submitAlertItem,
  type AlertActivities,
  type AlertInput,
} from './definitions';
import type { AlertWorkflow } from './workflow';

const minute = 60_000;

/**
 * Continue-as-new, made reachable by a small `continueAsNewAfterEvents`: the state, the closure's
 * pending period timers and the commands that follow carry over to the new run (same workflow id,
 * new run id).
 */
describe('AlertWorkflow continue-as-new (time-skipping)', () => {
  let env: TestWorkflowEnvironment;
  const started: string[] = [];

  beforeAll(async () => {
    env = await createTimeSkippingEnv();
  }, 120_000);

  afterAll(async () => {
    for (const id of started) await env?.client.workflow.getHandle(id).terminate().catch(() => undefined);
    await env?.teardown();
  });

  type Handle = WorkflowHandleWithFirstExecutionRunId<typeof AlertWorkflow>;

  function recordingActivities() {
    const projected: { version: number; status: string }[] = [];
    const notified: string[] = [];
    const activities: AlertActivities & RetentionActivities = {
      async projectAlert(snapshot) {
        projected.push({ version: snapshot.version, status: snapshot.status });
      },
      async notifyAlertParties({ kind, version, audience }) {
        notified.push(`${version}:${kind}:${JSON.stringify(audience)}`);
        return { sent: 1 };
      },
      async blockPersonalData() {},
      async erasePersonalData() {},
      async projectRetention() {},
    };
    return { projected, notified, activities };
  }

  /** The current run once quiet (test/settledRun.ts): a run past the bound has continued as new by then. */
  const settled = (handle: Handle) => settledRun(env.client, handle.workflowId);

  /** The input a run was started with (continue-as-new's `resume`) and the run it continued. */
  async function runInput(handle: Handle, runId: string): Promise<AlertInput & { continuedFrom: string }> {
    const history = await env.client.workflow.getHandle(handle.workflowId, runId).fetchHistory();
    const startedEvent = history.events![0].workflowExecutionStartedEventAttributes!;
    const [input] = (startedEvent.input?.payloads ?? []).map((p) => env.client.options.loadedDataConverter.payloadConverter.fromPayload(p)) as AlertInput[];
    return { ...input, continuedFrom: startedEvent.continuedExecutionRunId ?? '' };
  }

  async function skipUntil(atMs: number) {
    const wait = atMs - (await env.currentTimeMs());
    if (wait > 0) await env.sleep(wait);
  }
  async function statusBecomes(handle: Handle, status: string) {
    for (let i = 0; i < 100 && (await handle.query(alertSnapshot)).status !== status; i++) await new Promise((r) => setTimeout(r, 50));
    return handle.query(alertSnapshot);
  }

  it('the comment and the objection period end on time in later runs; commands, closure and retention follow', async () => {
    const rec = recordingActivities();
    const taskQueue = `tq-${randomUUID()}`;
    const worker = await Worker.create({ connection: env.nativeConnection, taskQueue, workflowBundle: await liaisonWorkflowBundle(), activities: rec.activities });
    await worker.runUntil(async () => {
      const alertId = randomUUID();
      // The smallest bound: past the first few events, every turn of the loop continues as new.
      const input = storyAlertInput(alertId, { number: 'ALR-2026-000042', continueAsNewAfterEvents: 10 });
      const handle = await env.client.workflow.start<typeof AlertWorkflow>('AlertWorkflow', { workflowId: alertWorkflowId(alertId), taskQueue, args: [input] });
      started.push(handle.workflowId, retentionWorkflowId('alert', alertId));
      const firstRunId = handle.firstExecutionRunId;
      await settled(handle);
      await handle.executeUpdate(submitAlert, { args: [{ actor: dkHandler, facts: { isAlertCoordinator: false, linkedAlertCoordinatorIds: ['coord-dk'], coordinatorFinalApproval: false, complete: true } }] });
      await settled(handle);
      await handle.executeUpdate(acceptAlert, { args: [{ actor: dkBroadcaster }] });
      await settled(handle);
      await handle.executeUpdate(broadcastAlert, { args: [{ actor: dkBroadcaster, facts: { mailboxes: { SE: ['mbox-se'], FI: ['mbox-fi'], DK: ['mbox-dk'] } } }] });
      await settled(handle);
      await handle.executeUpdate(acknowledgeAlert, { args: [{ actor: seMailbox }] });
      await settled(handle);
      await handle.executeUpdate(forwardAlert, {
        args: [{ actor: seMailbox, targets: ['auth-se-1', 'auth-se-2'].map((authorityId) => ({ authorityId, country: 'SE', hasAlertAccess: true, isAlertCoordinator: false })) }],
      });
      await settled(handle);
      const proposed = await handle.executeUpdate(proposeAlertClosure, {
        args: [{ actor: seProposer, proposalTextId: randomUUID(), closureCoordinatorId: 'coord-se', facts: { isAlertCoordinator: false, linkedAlertCoordinatorIds: ['coord-se'], closureCoordinatorFinalApproval: false } }],
      });
      expect(proposed.status).toBe('closure-open-for-comments');
      const commentEnds = Date.parse(proposed.commentPeriodEndsAt!);

      await settled(handle);
      expect(await handle.query(alertSnapshot)).toEqual(proposed);

      // A run holds at most two commands' events at this bound (the loop checks at each transition), so
      // the proposal or this comment continues as new while the period runs; it ends on time, not before.
      const commented = await handle.executeUpdate(commentOnAlertClosure, { args: [{ actor: seCommenter, commentId: randomUUID() }] });
      expect(commented.closure!.comments).toHaveLength(1);
      await settled(handle);
      await skipUntil(commentEnds - minute);
      expect((await handle.query(alertSnapshot)).status).toBe('closure-open-for-comments');
      await skipUntil(commentEnds + minute);
      expect((await statusBecomes(handle, 'closure-pending-broadcast')).status).toBe('closure-pending-broadcast');

      await settled(handle);
      const open = await handle.executeUpdate(broadcastAlertClosureProposal, { args: [{ actor: seCoordinator, commentIds: commented.closure!.comments.map((c) => c.id) }] });
      expect(open.status).toBe('closure-open-for-objections');
      const objectionEnds = Date.parse(open.objectionPeriodEndsAt!);
      await settled(handle);
      // Two commands while the objection period runs: one of them continues as new.
      const objected = await handle.executeUpdate(submitAlertItem, {
        args: [{ actor: fiMailbox, itemId: randomUUID(), kind: 'objection', coordinatorId: null, addressedToCountry: null, facts: { isAlertCoordinator: false, linkedAlertCoordinatorIds: [], coordinatorFinalApproval: false } }],
      });
      await settled(handle);
      await handle.executeUpdate(broadcastAlertItem, { args: [{ actor: seCoordinator, itemId: objected.items.at(-1)!.id }] });
      await settled(handle);
      await skipUntil(objectionEnds - minute);
      expect((await handle.query(alertSnapshot)).status).toBe('closure-open-for-objections');
      await skipUntil(objectionEnds + minute);
      expect((await statusBecomes(handle, 'closure-pending-decision')).status).toBe('closure-pending-decision');

      await settled(handle);
      expect((await handle.executeUpdate(closeAlert, { args: [{ actor: seCoordinator }] })).status).toBe('closed');
      for (let i = 0; i < 100 && (await handle.describe()).status.name === 'RUNNING'; i++) await new Promise((r) => setTimeout(r, 50));
      expect((await handle.describe()).status.name).toBe('COMPLETED');
      expect((await env.client.workflow.getHandle(retentionWorkflowId('alert', alertId)).describe()).type).toBe('RetentionWorkflow');

      // One workflow id over a chain of runs, each continued from the one before; the periods' timers
      // were handed from run to run unchanged (so the on-time ends above happened in later runs).
      const runs = [(await handle.describe()).runId];
      const inputs: AlertInput[] = [];
      while (runs.at(-1) !== firstRunId && runs.length < 30) {
        const carried = await runInput(handle, runs.at(-1)!);
        inputs.push(carried);
        runs.push(carried.continuedFrom);
      }
      expect(runs.at(-1)).toBe(firstRunId);
      expect(new Set(runs).size).toBe(runs.length);
      expect(runs.length).toBeGreaterThanOrEqual(4);
      expect(inputs.every((i) => i.continueAsNewAfterEvents === 10 && i.resume?.state.alertId === alertId)).toBe(true);
      const timersCarried = inputs.map((i) => JSON.stringify(i.resume?.timers));
      expect(timersCarried).toContain(JSON.stringify([['commentPeriod', commentEnds]]));
      expect(timersCarried).toContain(JSON.stringify([['objectionPeriod', objectionEnds]]));
      // Each version projected once, in order: a new run does not project its carried-over state again.
      const versions = rec.projected.map((p) => p.version);
      expect(versions).toEqual(versions.map((_, i) => i + 1));
      // Each email once (per version and kind), none lost at a run's end.
      expect(new Set(rec.notified).size).toBe(rec.notified.length);
    });
  });
});
