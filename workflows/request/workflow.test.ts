import { WorkflowUpdateFailedError, type WorkflowHandle } from '@temporalio/client';
import type { TestWorkflowEnvironment } from '@temporalio/testing';
import { Worker } from '@temporalio/worker';
import { randomUUID } from 'node:crypto';
import type { RetentionActivities } from '../../activities/retention';
import { requesterHandler, storyRequestInput } from '../../test/requestStory';
import { createTimeSkippingEnv, liaisonWorkflowBundle } from '../../test/timeSkipping';
import type { Actor } from '../actor';
import {
  acceptRequest,
  answerRequest,
  closeRequest,
  recordCommissionDecision,
  requestSnapshot,
  requestWorkflowId,
  retentionWorkflowId,
  sendRequest,
  splitRequest,
  type RequestActivities,
  type RequestInput,
} from './definitions';
import { deadlineInstant, notificationOfMeasuresSet, type SendFacts } from './machine';
import type { RequestWorkflow } from './workflow';

const minute = 60_000;
const day = 24 * 60 * minute;
const responderHandler: Actor = { kind: 'user', id: 'u-resp-1', authorityId: 'auth-se', countryCode: 'SE', roles: ['case-handler'] };
const helpdesk: Actor = { kind: 'operator', id: 'op-1' };
const plainSend: SendFacts = { approvalRequired: false, coordinatorApprovesRequests: false, responderUsesAllocation: false };
const linked = { linkedCoordinatorIds: ['coord-se'] };
const plainAnswer = { approvalRequired: false, coordinatorApprovesAnswers: false };

/** Activities that record what the workflow asked for, so the story can be read back. */
function recordingActivities() {
  const projected: { requestId: string; status: string; version: number; event: string }[] = [];
  const notified: { requestId: string; kind: string; party: string; authorityId: string }[] = [];
  const discarded: string[] = [];
  const copied: { fromRequestId: string; toRequestId: string; questionIds: string[] }[] = [];
  const retention: string[] = [];
  const activities: RequestActivities & RetentionActivities = {
    async projectRequest(snapshot, event) {
      projected.push({ requestId: snapshot.requestId, status: snapshot.status, version: snapshot.version, event: event.action });
    },
    async notifyRequestParties({ requestId, kind, party, authorityId }) {
      notified.push({ requestId, kind, party, authorityId });
      return { sent: 1 };
    },
    async discardDraftAnswers({ requestId }) {
      discarded.push(requestId);
      return { discarded: 1 };
    },
    async copySplitContent(input) {
      copied.push(input);
    },
    // The retention child (workflows/retention) runs in the same worker; its I/O is recorded only.
    async blockPersonalData({ caseId }) {
      retention.push(`block:${caseId}`);
    },
    async erasePersonalData({ caseId }) {
      retention.push(`erase:${caseId}`);
    },
    async projectRetention(state) {
      retention.push(`project:${state.caseId}`);
    },
  };
  const kinds = (requestId: string) => notified.filter((n) => n.requestId === requestId).map((n) => `${n.kind}→${n.party}`);
  return { projected, notified, discarded, copied, retention, activities, kinds };
}

describe('RequestWorkflow (time-skipping)', () => {
  let env: TestWorkflowEnvironment;

  beforeAll(async () => {
    env = await createTimeSkippingEnv();
  }, 120_000);

  afterAll(async () => {
    await env?.teardown();
  });

  type Handle = WorkflowHandle<typeof RequestWorkflow>;
  const startedWorkflowIds: string[] = [];

  async function run(rec: ReturnType<typeof recordingActivities>, body: (create: (patch?: Partial<RequestInput>) => Promise<Handle>, also: (workflowId: string) => void) => Promise<void>) {
    const taskQueue = `tq-${randomUUID()}`;
    const worker = await Worker.create({ connection: env.nativeConnection, taskQueue, workflowBundle: await liaisonWorkflowBundle(), activities: rec.activities });
    const ids = startedWorkflowIds;
    await worker.runUntil(async () => {
      try {
        await body(
          async (patch = {}) => {
            const requestId = randomUUID();
            const input = storyRequestInput(requestId, await env.currentTimeMs(), { questionIds: ['q1', 'q2', 'q3'], ...patch });
            const handle = await env.client.workflow.start<typeof RequestWorkflow>('RequestWorkflow', { workflowId: requestWorkflowId(input.requestId), taskQueue, args: [input] });
            // Its retention child (if it closes) runs on this worker's queue: it must not outlive the test.
            ids.push(handle.workflowId, retentionWorkflowId('request', requestId));
            return handle;
          },
          (workflowId) => ids.push(workflowId),
        );
      } finally {
        // No timers left behind for later tests, and no task left pending on a queue without a worker
        // (that holds the test server's time-skipping lock, and later sleeps hang). Every workflow this
        // file started is checked again each time: a child may only have appeared after an earlier pass.
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

  const snapshot = (handle: Handle) => handle.query(requestSnapshot);
  const send = (handle: Handle, facts: Partial<SendFacts> = {}) => handle.executeUpdate(sendRequest, { args: [{ actor: requesterHandler, facts: { ...plainSend, ...facts } }] });
  const accept = (handle: Handle) => handle.executeUpdate(acceptRequest, { args: [{ actor: responderHandler, responderCoordinatorId: null, facts: linked }] });
  const answer = (handle: Handle) => handle.executeUpdate(answerRequest, { args: [{ actor: responderHandler, facts: plainAnswer }] });
  async function refusalOf(promise: Promise<unknown>) {
    const error = await promise.then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(WorkflowUpdateFailedError);
    return (error as WorkflowUpdateFailedError).cause as { type?: string; message: string };
  }
  /**
   * Waits (real time, bounded) until the workflow has completed, then reads its last state. Not
   * `handle.result()`: the test client lets time skip freely while it waits for a result, which
   * would run the retention child's months-long timers and leave the clock far ahead.
   */
  async function completed(handle: Handle) {
    for (let i = 0; i < 100 && (await handle.describe()).status.name === 'RUNNING'; i++) await new Promise((r) => setTimeout(r, 50));
    expect((await handle.describe()).status.name).toBe('COMPLETED');
    return snapshot(handle);
  }
  /** Notification emails go out after the command answers: wait (real time, bounded) for them. */
  async function eventually(check: () => boolean) {
    for (let i = 0; i < 100 && !check(); i++) await new Promise((r) => setTimeout(r, 50));
  }
  async function skipUntil(atMs: number, offsetMs: number) {
    const wait = atMs + offsetMs - (await env.currentTimeMs());
    if (wait > 0) await env.sleep(wait);
  }

  it('main path: draft → sent → accepted → answered → closed; the retention child starts and the workflow ends', async () => {
    const rec = recordingActivities();
    await run(rec, async (create, also) => {
      const handle = await create();
      const sent = await send(handle);
      expect(sent).toMatchObject({ status: 'awaiting-acceptance', version: 2 });
      expect(sent.pendingActions).toEqual([{ authorityId: 'auth-se', role: 'case-handler', userIds: null, action: 'accept-or-reject' }]);
      expect((await accept(handle)).responderCoordinatorId).toBe('coord-se');
      expect((await answer(handle)).status).toBe('answered');
      const closed = await handle.executeUpdate(closeRequest, { args: [{ actor: requesterHandler }] });
      expect(closed).toMatchObject({ status: 'closed', pendingActions: [] });
      const retentionId = retentionWorkflowId('request', closed.requestId);
      also(retentionId);

      expect(await completed(handle)).toMatchObject({ status: 'closed' });
      expect(rec.projected.map((p) => `${p.status}:${p.event}`)).toEqual(['draft:created', 'awaiting-acceptance:sent', 'accepted:accepted', 'answered:answered', 'closed:closed']);
      expect(rec.kinds(closed.requestId)).toEqual(['request-received→responder', 'request-accepted→requester', 'answer-received→requester', 'request-closed→responder']);

      // The retention child: started with the request's ids and §8's durations, abandoned (it runs on).
      const child = await env.client.workflow.getHandle(retentionId).describe();
      expect(child.type).toBe('RetentionWorkflow');
      expect(child.status.name).toBe('RUNNING');
      const history = await handle.fetchHistory();
      const started = history.events?.find((e) => e.startChildWorkflowExecutionInitiatedEventAttributes)?.startChildWorkflowExecutionInitiatedEventAttributes;
      expect(started?.workflowId).toBe(retentionId);
      expect(started?.parentClosePolicy).toBe(2); // PARENT_CLOSE_POLICY_ABANDON
      const { searchAttributes } = await handle.describe();
      expect(searchAttributes).toMatchObject({ CaseType: ['request'], CaseStatus: ['closed'], CountryCode: ['DK'] });
      expect(searchAttributes.AuthorityIds).toEqual(expect.arrayContaining(['auth-dk', 'auth-se', 'coord-dk', 'coord-se']));
    });
  });

  it('a projection that keeps failing after its local tries goes on as an activity task, listed as pending with its attempts', async () => {
    const rec = recordingActivities();
    const project = rec.activities.projectRequest;
    let calls = 0;
    // Three local tries and the first two activity-task attempts fail: the database is down for a while.
    rec.activities.projectRequest = async (snapshot, event) => {
      calls++;
      if (calls <= 5) throw new Error('database down');
      return project(snapshot, event);
    };
    await run(rec, async (create) => {
      const handle = await create();
      let pending: { activityType?: { name?: string | null } | null; attempt?: number | null; lastFailure?: { message?: string | null } | null } | undefined;
      for (let i = 0; i < 200 && !pending; i++) {
        const { raw } = await handle.describe();
        pending = raw.pendingActivities?.find((a) => (a.attempt ?? 0) >= 2);
        if (!pending) await new Promise((r) => setTimeout(r, 100));
      }
      expect(pending?.activityType?.name).toBe('projectRequest');
      expect(pending?.lastFailure?.message).toBe('database down');
      for (let i = 0; i < 200 && rec.projected.length === 0; i++) await new Promise((r) => setTimeout(r, 100));
      expect(rec.projected.map((p) => `${p.version}:${p.event}`)).toEqual(['1:created']);
      expect(calls).toBe(6);
      const events = (await handle.fetchHistory()).events ?? [];
      expect(events.filter((e) => e.markerRecordedEventAttributes?.markerName === 'core_local_activity')).toHaveLength(1);
      expect(events.filter((e) => e.activityTaskScheduledEventAttributes?.activityType?.name === 'projectRequest')).toHaveLength(1);
      // It lives on as usual: the next command projects locally again.
      expect((await send(handle)).status).toBe('awaiting-acceptance');
      expect(rec.projected.map((p) => p.version)).toEqual([1, 2]);
    });
  });

  it('maps refusals to update failures with the rejection code, and a refusal changes nothing', async () => {
    const rec = recordingActivities();
    await run(rec, async (create) => {
      const handle = await create();
      expect(await refusalOf(handle.executeUpdate(acceptRequest, { args: [{ actor: requesterHandler, responderCoordinatorId: null, facts: linked }] }))).toMatchObject({ type: 'NotAllowed' });
      expect(await refusalOf(handle.executeUpdate(closeRequest, { args: [{ actor: requesterHandler }] }))).toMatchObject({ type: 'WrongState' });
      await send(handle);
      const split = handle.executeUpdate(splitRequest, {
        args: [{ actor: responderHandler, newRequestId: randomUUID(), newNumber: 'REQ-X', toAuthorityId: 'auth-se-2', toCountry: 'SE', questionIds: ['q1', 'q2', 'q3'], reasonId: 'r', facts: { targetIsRequestAuthority: true, targetUsesAllocation: false } }],
      });
      expect(await refusalOf(split)).toMatchObject({ type: 'Invalid', message: expect.stringContaining('forward') });
      expect((await snapshot(handle)).version).toBe(2);
    });
  });

  it('deadline: overdue when it passes unanswered; both sides and the requester’s coordinator are emailed', async () => {
    const rec = recordingActivities();
    await run(rec, async (create) => {
      const handle = await create();
      const sent = await send(handle);
      const due = deadlineInstant(sent.deadline!);
      const { searchAttributes } = await handle.describe();
      expect((searchAttributes.CaseDeadline as Date[])[0].getTime()).toBe(due);
      await skipUntil(due, -minute);
      expect((await snapshot(handle)).overdue).toBe(false);
      await skipUntil(due, minute);
      const after = await snapshot(handle);
      expect(after.overdue).toBe(true);
      // No coordinator was chosen yet on the responding side.
      // The emails go out after the transition (the workflow does not hold commands for them).
      const overdueEmails = () => rec.kinds(after.requestId).filter((k) => k.startsWith('deadline-overdue'));
      await eventually(() => overdueEmails().length >= 3);
      // One event's emails run side by side, so in any order.
      expect(overdueEmails().sort()).toEqual(['deadline-overdue→requester', 'deadline-overdue→requester-coordinator', 'deadline-overdue→responder']);
      // Answering late clears the flag.
      await accept(handle);
      expect((await answer(handle)).overdue).toBe(false);
    });
  });

  it('an answer before the deadline cancels the overdue timer', async () => {
    const rec = recordingActivities();
    await run(rec, async (create) => {
      const handle = await create();
      const sent = await send(handle);
      await accept(handle);
      await answer(handle);
      await skipUntil(deadlineInstant(sent.deadline!), 2 * minute);
      expect((await snapshot(handle)).overdue).toBe(false);
      expect(rec.kinds(sent.requestId).some((k) => k.startsWith('deadline-overdue'))).toBe(false);
    });
  });

  it('reminds the requester every 14 days while the answered request stays open, at most 3 times', async () => {
    const rec = recordingActivities();
    await run(rec, async (create) => {
      const handle = await create({ deadline: null });
      await send(handle);
      await accept(handle);
      const answered = await answer(handle);
      const answeredAt = Date.parse(answered.answeredAt!);
      const reminders = () => rec.kinds(answered.requestId).filter((k) => k === 'close-reminder→requester').length;
      await skipUntil(answeredAt, 14 * day - minute);
      expect(reminders()).toBe(0);
      await skipUntil(answeredAt, 14 * day + minute);
      expect(reminders()).toBe(1);
      await skipUntil(answeredAt, 28 * day + minute);
      expect(reminders()).toBe(2);
      await skipUntil(answeredAt, 60 * day);
      expect(reminders()).toBe(3);
      expect((await snapshot(handle)).closeRemindersSent).toBe(3);
      expect((await handle.executeUpdate(closeRequest, { args: [{ actor: requesterHandler }] })).status).toBe('closed');
    });
  });

  describe('notification of measures (ch. 7)', () => {
    const notification = { questionSet: notificationOfMeasuresSet, relatedRequestNumber: 'REQ-2026-000001', deadline: null };

    it('waits 15 days, then the establishment country receives it', async () => {
      const rec = recordingActivities();
      await run(rec, async (create) => {
        const handle = await create(notification);
        const sent = await send(handle, { citedRequestValid: true });
        expect(sent.status).toBe('measures-waiting-period');
        const mayApply = Date.parse(sent.measuresMayApplyAt!);
        expect(mayApply - Date.parse(sent.sentAt!)).toBe(15 * day);
        await skipUntil(mayApply, -minute);
        expect((await snapshot(handle)).status).toBe('measures-waiting-period');
        await skipUntil(mayApply, minute);
        expect((await snapshot(handle)).status).toBe('awaiting-acceptance');
        // One event's emails run side by side, so in any order.
        await eventually(() => rec.kinds(sent.requestId).length >= 3);
        expect(rec.kinds(sent.requestId).sort()).toEqual(['measures-may-apply→requester', 'measures-notified→responder', 'request-received→responder']);
      });
    });

    it('a Commission decision cuts the wait short; the timer then does nothing', async () => {
      const rec = recordingActivities();
      await run(rec, async (create) => {
        const handle = await create(notification);
        const sent = await send(handle, { citedRequestValid: true });
        await env.sleep(2 * day);
        const decided = await handle.executeUpdate(recordCommissionDecision, { args: [{ actor: helpdesk, decision: 'measures-may-apply' }] });
        expect(decided).toMatchObject({ status: 'awaiting-acceptance', commissionDecision: 'measures-may-apply' });
        await skipUntil(Date.parse(sent.measuresMayApplyAt!), day);
        expect((await snapshot(handle)).version).toBe(decided.version);
        await eventually(() => rec.kinds(sent.requestId).some((k) => k.startsWith('measures-may-apply')));
        expect(rec.kinds(sent.requestId).filter((k) => k.startsWith('measures-may-apply'))).toHaveLength(1);
      });
    });

    it('a Commission decision stopping the measures closes the notification and starts retention', async () => {
      const rec = recordingActivities();
      await run(rec, async (create, also) => {
        const handle = await create(notification);
        const sent = await send(handle, { citedRequestValid: true });
        also(retentionWorkflowId('request', sent.requestId));
        const stopped = await handle.executeUpdate(recordCommissionDecision, { args: [{ actor: helpdesk, decision: 'measures-stopped' }] });
        expect(stopped).toMatchObject({ status: 'closed', commissionDecision: 'measures-stopped' });
        expect((await completed(handle)).status).toBe('closed');
        expect((await env.client.workflow.getHandle(retentionWorkflowId('request', sent.requestId)).describe()).type).toBe('RetentionWorkflow');
      });
    });
  });

  it('split: copies the moved questions and starts the new request, received at the other authority', async () => {
    const rec = recordingActivities();
    await run(rec, async (create, also) => {
      const handle = await create();
      await send(handle);
      await accept(handle);
      const newRequestId = randomUUID();
      also(requestWorkflowId(newRequestId));
      const after = await handle.executeUpdate(splitRequest, {
        args: [{ actor: responderHandler, newRequestId, newNumber: 'REQ-2026-SPLIT', toAuthorityId: 'auth-se-2', toCountry: 'SE', questionIds: ['q3'], reasonId: 'r', facts: { targetIsRequestAuthority: true, targetUsesAllocation: false } }],
      });
      expect(after).toMatchObject({ status: 'accepted', questionIds: ['q1', 'q2'] });
      expect(rec.copied).toEqual([{ fromRequestId: after.requestId, toRequestId: newRequestId, questionIds: ['q3'] }]);
      const child = env.client.workflow.getHandle<typeof RequestWorkflow>(requestWorkflowId(newRequestId));
      expect(await child.query(requestSnapshot)).toMatchObject({
        status: 'awaiting-acceptance',
        respondingAuthorityId: 'auth-se-2',
        questionIds: ['q3'],
        splitFromRequestId: after.requestId,
        relatedRequestNumber: after.number,
        requesterHandlerIds: ['u-req-1'],
      });
      await eventually(() => rec.kinds(newRequestId).length > 0);
      expect(rec.kinds(newRequestId)).toEqual(['request-received→responder']);
      expect(rec.notified.find((n) => n.requestId === newRequestId)?.authorityId).toBe('auth-se-2');
    });
  });
});
