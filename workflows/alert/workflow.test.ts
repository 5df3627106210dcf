import { WorkflowUpdateFailedError, type WorkflowHandle } from '@temporalio/client';
import type { TestWorkflowEnvironment } from '@temporalio/testing';
import { Worker } from '@temporalio/worker';
import { randomUUID } from 'node:crypto';
import type { RetentionActivities } from '../../activities/retention';
import { alertPolicy } from '../../schema/alertPolicy';
import { createTimeSkippingEnv, liaisonWorkflowBundle } from '../../test/timeSkipping';
import { dkBroadcaster, dkHandler, fiMailbox, seCommenter, seCoordinator, seMailbox, seProposer, storyAlertInput } from '../../test/alertStory';
import type { RetentionSnapshot } from '../retention/definitions';
import { retentionSnapshot } from '../retention/definitions';
import type { AlertAudience, AlertPolicy, MailboxFacts } from './commands';
import {
  acceptAlert,
  acknowledgeAlert,
  alertSnapshot,
  alertWorkflowId,
  broadcastAlert,
  broadcastAlertClosureProposal,
  broadcastAlertItem,
  cancelAlertClosureProposal,
  closeAlert,
  commentOnAlertClosure,
  deleteAlert,
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
const day = 24 * 60 * minute;

const fiObjector = fiMailbox;
const mailboxes: MailboxFacts = { mailboxes: { SE: ['mbox-se'], FI: ['mbox-fi'], DK: ['mbox-dk'] } };

/** Activities that record what the workflow asked for, so the story can be read back. */
function recordingActivities() {
  const projected: { alertId: string; status: string; version: number; event: string; at: string }[] = [];
  const notified: { alertId: string; kind: string; audience: AlertAudience; version: number }[] = [];
  const retention: string[] = [];
  const activities: AlertActivities & RetentionActivities = {
    async projectAlert(snapshot, event) {
      projected.push({ alertId: snapshot.alertId, status: snapshot.status, version: snapshot.version, event: event.action, at: event.at });
    },
    async notifyAlertParties({ alertId, kind, audience, version }) {
      notified.push({ alertId, kind, audience, version });
      return { sent: 1 };
    },
    // The retention child (workflows/retention) runs in the same worker; its I/O is recorded only.
    async blockPersonalData({ caseType, caseId }) {
      retention.push(`block:${caseType}:${caseId}`);
    },
    async erasePersonalData({ caseType, caseId }) {
      retention.push(`erase:${caseType}:${caseId}`);
    },
    async projectRetention(state) {
      retention.push(`project:${state.caseType}:${state.caseId}:${state.status}`);
    },
  };
  const audienceOf = (a: AlertAudience) => ('commission' in a ? 'commission' : `${a.authorityIds.join('+')}/${a.roles.join('+')}`);
  const kinds = (alertId: string) => notified.filter((n) => n.alertId === alertId).map((n) => `${n.kind}→${audienceOf(n.audience)}`);
  return { projected, notified, retention, activities, kinds };
}

/**
 * The time-skipping test server of the running describe block. Once an abandoned retention child
 * has run to its end (erased), this server no longer skips time (sleeps then take real time), so
 * the tests that let the child finish each get a server of their own.
 */
let env: TestWorkflowEnvironment;

type Handle = WorkflowHandle<typeof AlertWorkflow>;
const startedWorkflowIds: string[] = [];

async function run(rec: ReturnType<typeof recordingActivities>, body: (create: (patch?: Partial<AlertInput>) => Promise<Handle>) => Promise<void>) {
  const taskQueue = `tq-${randomUUID()}`;
  const worker = await Worker.create({ connection: env.nativeConnection, taskQueue, workflowBundle: await liaisonWorkflowBundle(), activities: rec.activities });
  const ids = startedWorkflowIds;
  await worker.runUntil(async () => {
    try {
      await body(async (patch = {}) => {
        const alertId = randomUUID();
        const input = storyAlertInput(alertId, patch);
        const handle = await env.client.workflow.start<typeof AlertWorkflow>('AlertWorkflow', { workflowId: alertWorkflowId(input.alertId), taskQueue, args: [input] });
        // Its retention child runs on this worker's queue: it must not outlive the test.
        ids.push(handle.workflowId, retentionWorkflowId('alert', alertId));
        return handle;
      });
    } finally {
      // No timers left behind for later tests, and no task left pending on a queue without a worker
      // (that holds the test server's time-skipping lock, and later sleeps hang).
      for (const id of ids) {
        const h = env.client.workflow.getHandle(id);
        const busy = async () => {
          const { raw } = await h.describe();
          return (raw.pendingActivities?.length ?? 0) > 0 || !!raw.pendingWorkflowTask;
        };
        for (let i = 0; i < 100 && (await busy().catch(() => false)); i++) await new Promise((r) => setTimeout(r, 50));
        await h.terminate().catch(() => undefined);
      }
    }
  });
}

const snapshot = (handle: Handle) => handle.query(alertSnapshot);
async function refusalOf(promise: Promise<unknown>) {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(WorkflowUpdateFailedError);
  return (error as WorkflowUpdateFailedError).cause as { type?: string; message: string };
}
/** Notification emails go out after the command answers: wait (real time, bounded) for them. */
async function eventually(check: () => boolean) {
  for (let i = 0; i < 400 && !check(); i++) await new Promise((r) => setTimeout(r, 50));
}
/**
 * After a timer's time has passed, the workflow's task may still be on its way: wait (real time,
 * bounded) until the workflow shows `status`, then return its snapshot.
 */
async function statusBecomes(handle: Handle, status: string) {
  for (let i = 0; i < 400 && (await snapshot(handle)).status !== status; i++) await new Promise((r) => setTimeout(r, 50));
  return snapshot(handle);
}
async function skipUntil(atMs: number, offsetMs: number) {
  const wait = atMs + offsetMs - (await env.currentTimeMs());
  if (wait > 0) await env.sleep(wait);
}
/** Waits (real time, bounded) until the workflow has completed; not `result()`, which lets time skip freely. */
async function completed(handle: WorkflowHandle) {
  for (let i = 0; i < 100 && (await handle.describe()).status.name === 'RUNNING'; i++) await new Promise((r) => setTimeout(r, 50));
  return (await handle.describe()).status.name;
}

/** Draft → submitted → accepted → broadcast; Sweden's mailbox acknowledges and forwards to two authorities. */
async function aBroadcastAlert(handle: Handle) {
  await handle.executeUpdate(submitAlert, { args: [{ actor: dkHandler, facts: { isAlertCoordinator: false, linkedAlertCoordinatorIds: ['coord-dk'], coordinatorFinalApproval: false, complete: true } }] });
  await handle.executeUpdate(acceptAlert, { args: [{ actor: dkBroadcaster }] });
  const broadcast = await handle.executeUpdate(broadcastAlert, { args: [{ actor: dkBroadcaster, facts: mailboxes }] });
  expect(broadcast).toMatchObject({ status: 'broadcast', broadcastingCoordinatorId: 'coord-dk' });
  await handle.executeUpdate(acknowledgeAlert, { args: [{ actor: seMailbox }] });
  const targets = [
    { authorityId: 'auth-se-1', country: 'SE', hasAlertAccess: true, isAlertCoordinator: false },
    { authorityId: 'auth-se-2', country: 'SE', hasAlertAccess: true, isAlertCoordinator: false },
  ];
  return handle.executeUpdate(forwardAlert, { args: [{ actor: seMailbox, targets }] });
}

const propose = (handle: Handle) =>
  handle.executeUpdate(proposeAlertClosure, {
    args: [{ actor: seProposer, proposalTextId: randomUUID(), closureCoordinatorId: 'coord-se', facts: { isAlertCoordinator: false, linkedAlertCoordinatorIds: ['coord-se'], closureCoordinatorFinalApproval: false } }],
  });
const comment = (handle: Handle) => handle.executeUpdate(commentOnAlertClosure, { args: [{ actor: seCommenter, commentId: randomUUID() }] });
const object = (handle: Handle) =>
  handle.executeUpdate(submitAlertItem, {
    args: [{ actor: fiObjector, itemId: randomUUID(), kind: 'objection', coordinatorId: null, addressedToCountry: null, facts: { isAlertCoordinator: false, linkedAlertCoordinatorIds: [], coordinatorFinalApproval: false } }],
  });

describe('AlertWorkflow closure periods (time-skipping)', () => {
  beforeAll(async () => {
    env = await createTimeSkippingEnv();
    startedWorkflowIds.length = 0;
  }, 120_000);

  afterAll(async () => {
    await env?.teardown();
  });

  it('closure: comments until the comment period ends, the pending-broadcast notice, objections until the objection period ends, close only after it; the retention child starts', async () => {
    const rec = recordingActivities();
    await run(rec, async (create) => {
      const handle = await create();
      const alertId = (await aBroadcastAlert(handle)).alertId;
      await eventually(() => rec.kinds(alertId).length >= 6);
      expect(rec.kinds(alertId)).toEqual(
        expect.arrayContaining(['alert-submitted→coord-dk/alert-broadcaster', 'alert-received→mbox-se/alert-broadcaster', 'alert-received→mbox-fi/alert-broadcaster', 'alert-copy→mbox-dk/alert-broadcaster', 'alert-received→commission', 'alert-forwarded→auth-se-1+auth-se-2/alert-handler+alert-broadcaster']),
      );

      // 1. Sweden's handler proposes closure: the comment period (7 days) runs; Sweden's other recipients are told.
      const proposed = await propose(handle);
      expect(proposed.status).toBe('closure-open-for-comments');
      const commentEnd = Date.parse(proposed.commentPeriodEndsAt!);
      expect(commentEnd - Date.parse(proposed.closure!.proposedAt)).toBe(7 * day);
      const { searchAttributes } = await handle.describe();
      expect((searchAttributes.CaseDeadline as Date[])[0]!.getTime()).toBe(commentEnd);
      await eventually(() => rec.kinds(alertId).some((k) => k.startsWith('closure-proposed')));
      expect(rec.kinds(alertId).find((k) => k.startsWith('closure-proposed'))).toBe('closure-proposed→mbox-se+auth-se-2/alert-handler');

      // A comment just before the end is taken; the broadcast must wait for the period.
      await skipUntil(commentEnd, -minute);
      const commented = await comment(handle);
      expect(commented.closure!.comments).toHaveLength(1);
      expect(await refusalOf(handle.executeUpdate(broadcastAlertClosureProposal, { args: [{ actor: seCoordinator, commentIds: [] }] }))).toMatchObject({ type: 'WrongState' });
      expect(rec.kinds(alertId).some((k) => k.startsWith('comment-period-over'))).toBe(false);

      // 2. The period ends: closure-pending-broadcast, the closure coordinator's broadcasters are emailed, comments are refused.
      await skipUntil(commentEnd, minute);
      const pending = await statusBecomes(handle, 'closure-pending-broadcast');
      expect(pending.status).toBe('closure-pending-broadcast');
      await eventually(() => rec.kinds(alertId).some((k) => k.startsWith('comment-period-over')));
      expect(rec.kinds(alertId).filter((k) => k.startsWith('comment-period-over'))).toEqual(['comment-period-over→coord-se/alert-broadcaster']);
      expect(await refusalOf(comment(handle))).toMatchObject({ type: 'PeriodOver' });
      const commentEnded = rec.projected.find((p) => p.alertId === alertId && p.event === 'comment-period-over')!;
      expect(Date.parse(commentEnded.at)).toBeGreaterThanOrEqual(commentEnd);

      // 3. The coordinator broadcasts the proposal with the comment: the objection period (14 days) runs.
      const objectionsOpen = await handle.executeUpdate(broadcastAlertClosureProposal, { args: [{ actor: seCoordinator, commentIds: [commented.closure!.comments[0]!.id] }] });
      expect(objectionsOpen.status).toBe('closure-open-for-objections');
      const objectionEnd = Date.parse(objectionsOpen.objectionPeriodEndsAt!);
      expect(objectionEnd - Date.parse(objectionsOpen.closure!.broadcastAt!)).toBe(14 * day);

      // Finland objects; the closure coordinator broadcasts the objection. Closing is refused while the period runs.
      await skipUntil(objectionEnd, -day);
      const objected = await object(handle);
      const objection = objected.items.find((i) => i.kind === 'objection')!;
      await handle.executeUpdate(broadcastAlertItem, { args: [{ actor: seCoordinator, itemId: objection.id }] });
      expect(await refusalOf(handle.executeUpdate(closeAlert, { args: [{ actor: seCoordinator }] }))).toMatchObject({ type: 'WrongState', message: expect.stringContaining('still running') });
      await skipUntil(objectionEnd, -minute);
      expect((await snapshot(handle)).status).toBe('closure-open-for-objections');
      expect(rec.kinds(alertId).some((k) => k.startsWith('objection-period-over'))).toBe(false);

      // 4. The period ends: objections are refused, the coordinator is emailed and closes.
      await skipUntil(objectionEnd, minute);
      expect((await statusBecomes(handle, 'closure-pending-decision')).status).toBe('closure-pending-decision');
      await eventually(() => rec.kinds(alertId).some((k) => k.startsWith('objection-period-over')));
      expect(rec.kinds(alertId).filter((k) => k.startsWith('objection-period-over'))).toEqual(['objection-period-over→coord-se/alert-broadcaster']);
      expect(await refusalOf(object(handle))).toMatchObject({ type: 'PeriodOver' });
      expect(await refusalOf(handle.executeUpdate(closeAlert, { args: [{ actor: seProposer }] }))).toMatchObject({ type: 'NotAllowed' });
      const closed = await handle.executeUpdate(closeAlert, { args: [{ actor: seCoordinator }] });
      expect(closed).toMatchObject({ status: 'closed', reducedView: true, pendingActions: [] });
      expect(await completed(handle)).toBe('COMPLETED');
      expect(rec.projected.filter((p) => p.alertId === alertId).map((p) => p.event)).toEqual([
        'created',
        'submitted',
        'accepted',
        'broadcast',
        'acknowledged',
        'forwarded',
        'closure-proposed',
        'closure-commented',
        'comment-period-over',
        'closure-proposal-broadcast',
        'item-submitted',
        'item-broadcast',
        'objection-period-over',
        'closed',
      ]);

      // 5. The retention child starts, abandoned (it outlives the alert): erasure 6 months after closure, no blocking step.
      const retentionId = retentionWorkflowId('alert', alertId);
      const history = await handle.fetchHistory();
      const started = history.events?.find((e) => e.startChildWorkflowExecutionInitiatedEventAttributes)?.startChildWorkflowExecutionInitiatedEventAttributes;
      expect(started?.workflowId).toBe(retentionId);
      expect(started?.parentClosePolicy).toBe(2); // PARENT_CLOSE_POLICY_ABANDON
      const retention: RetentionSnapshot = await env.client.workflow.getHandle(retentionId).query(retentionSnapshot);
      expect(retention).toMatchObject({ caseType: 'alert', caseId: alertId, status: 'active', blockAt: null });
      // Counted from the child's start, a moment after the closure.
      expect(Date.parse(retention.eraseAt) - Date.parse(closed.closedAt!)).toBeGreaterThanOrEqual(alertPolicy.erasureAfterMs);
      expect(Date.parse(retention.eraseAt) - Date.parse(closed.closedAt!)).toBeLessThan(alertPolicy.erasureAfterMs + minute);
    });
  }, 180_000);

  it('the periods come from the policy given at start', async () => {
    const rec = recordingActivities();
    const policy: AlertPolicy = { commentPeriodMs: minute, objectionPeriodMs: 2 * minute, erasureAfterMs: day };
    await run(rec, async (create) => {
      const handle = await create({ policy });
      await aBroadcastAlert(handle);
      const proposed = await propose(handle);
      expect(Date.parse(proposed.commentPeriodEndsAt!) - Date.parse(proposed.closure!.proposedAt)).toBe(minute);
      await skipUntil(Date.parse(proposed.commentPeriodEndsAt!), 1000);
      expect((await statusBecomes(handle, 'closure-pending-broadcast')).status).toBe('closure-pending-broadcast');
      const open = await handle.executeUpdate(broadcastAlertClosureProposal, { args: [{ actor: seCoordinator, commentIds: [] }] });
      expect(Date.parse(open.objectionPeriodEndsAt!) - Date.parse(open.closure!.broadcastAt!)).toBe(2 * minute);
      await skipUntil(Date.parse(open.objectionPeriodEndsAt!), 1000);
      expect((await statusBecomes(handle, 'closure-pending-decision')).status).toBe('closure-pending-decision');
    });
  }, 120_000);

  it('a cancelled proposal stops its comment period: nothing happens when it would have ended', async () => {
    const rec = recordingActivities();
    await run(rec, async (create) => {
      const handle = await create();
      await aBroadcastAlert(handle);
      const proposed = await propose(handle);
      const cancelled = await handle.executeUpdate(cancelAlertClosureProposal, { args: [{ actor: seProposer }] });
      expect(cancelled).toMatchObject({ status: 'broadcast', closure: null, commentPeriodEndsAt: null });
      await skipUntil(Date.parse(proposed.commentPeriodEndsAt!), day);
      const after = await snapshot(handle);
      expect(after).toMatchObject({ status: 'broadcast', version: cancelled.version });
      expect(rec.kinds(proposed.alertId).some((k) => k.startsWith('comment-period-over'))).toBe(false);
      const { searchAttributes } = await handle.describe();
      // Cleared (the test server shows a cleared datetime as the epoch).
      const deadline = (searchAttributes.CaseDeadline as Date[] | undefined)?.[0];
      expect(deadline === undefined || deadline.getTime() === 0).toBe(true);
    });
  }, 120_000);

  it('refusals become update failures with the machine’s code and change nothing', async () => {
    const rec = recordingActivities();
    await run(rec, async (create) => {
      const handle = await create();
      expect(await refusalOf(handle.executeUpdate(acceptAlert, { args: [{ actor: dkBroadcaster }] }))).toMatchObject({ type: 'WrongState' });
      expect(await refusalOf(handle.executeUpdate(submitAlert, { args: [{ actor: dkBroadcaster, facts: { isAlertCoordinator: true, linkedAlertCoordinatorIds: [], coordinatorFinalApproval: false, complete: true } }] }))).toMatchObject({
        type: 'NotAllowed',
      });
      expect((await snapshot(handle)).version).toBe(1);
      expect(rec.projected.map((p) => p.event)).toEqual(['created']);
    });
  });
});

describe('AlertWorkflow erasure 6 months after closure (time-skipping, a server per test)', () => {
  beforeEach(async () => {
    env = await createTimeSkippingEnv();
    startedWorkflowIds.length = 0;
  }, 120_000);

  afterEach(async () => {
    await env?.teardown();
  });

  it('the retention child erases the alert’s personal data 6 months after closure, without blocking it first', async () => {
    const rec = recordingActivities();
    // Short periods: this test is about what happens after the closure.
    const policy: AlertPolicy = { ...alertPolicy, commentPeriodMs: minute, objectionPeriodMs: minute };
    await run(rec, async (create) => {
      const handle = await create({ policy });
      await aBroadcastAlert(handle);
      const proposed = await propose(handle);
      await skipUntil(Date.parse(proposed.commentPeriodEndsAt!), 1000);
      await statusBecomes(handle, 'closure-pending-broadcast');
      const open = await handle.executeUpdate(broadcastAlertClosureProposal, { args: [{ actor: seCoordinator, commentIds: [] }] });
      await skipUntil(Date.parse(open.objectionPeriodEndsAt!), 1000);
      await statusBecomes(handle, 'closure-pending-decision');
      const closed = await handle.executeUpdate(closeAlert, { args: [{ actor: seCoordinator }] });
      expect(await completed(handle)).toBe('COMPLETED');

      const child = env.client.workflow.getHandle(retentionWorkflowId('alert', closed.alertId));
      const { eraseAt } = await child.query(retentionSnapshot);
      await skipUntil(Date.parse(eraseAt), -day);
      expect(rec.retention).toEqual([`project:alert:${closed.alertId}:active`]);
      // Just past it: once the child has ended, what is left of a sleep passes in real time (see `env`).
      await skipUntil(Date.parse(eraseAt), 1000);
      expect(await completed(child)).toBe('COMPLETED');
      expect(rec.retention).toEqual([`project:alert:${closed.alertId}:active`, `erase:alert:${closed.alertId}`, `project:alert:${closed.alertId}:erased`]);
      expect(Date.parse(eraseAt) - Date.parse(closed.closedAt!)).toBeGreaterThanOrEqual(183 * day);
    });
  }, 120_000);

  it('a deleted draft is erased at once by its retention child', async () => {
    const rec = recordingActivities();
    await run(rec, async (create) => {
      const handle = await create();
      const deleted = await handle.executeUpdate(deleteAlert, { args: [{ actor: dkHandler }] });
      expect(deleted.status).toBe('deleted');
      expect(await completed(handle)).toBe('COMPLETED');
      const child = env.client.workflow.getHandle(retentionWorkflowId('alert', deleted.alertId));
      await env.sleep(1000);
      expect(await completed(child)).toBe('COMPLETED');
      expect(rec.retention).toContain(`erase:alert:${deleted.alertId}`);
    });
  });
});
