/**
 * Records histories of RequestWorkflow for the replay test: `node bin/run-ts.js test/replay/recordRequestHistories.ts [name part]`.
 * A request stays open for weeks or months (deadline, reminders, additional information), so every
 * change to its workflow code must keep these replaying (`patched()`, and a new recording beside the
 * old). Time-skipping: the deadline and the 15-day wait take no time. Ids only, no personal data.
 */
import type { WorkflowHandle } from '@temporalio/client';
import { Worker } from '@temporalio/worker';
import { randomUUID } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import type { RetentionActivities } from '../../activities/retention';
import { historyToJsonObject } from '../../api/ops/historyJson';
import type { Actor } from '../../workflows/actor';
import {
  acceptAdditionalInfo,
  acceptRequest,
  answerRequest,
  closeRequest,
  forwardRequest,
  projectedRequestSnapshot,
  requestAdditionalInfo,
  requestSnapshot,
  requestWorkflowId,
  retentionWorkflowId,
  sendRequest,
  type RequestActivities,
  type RequestInput,
} from '../../workflows/request/definitions';
import { deadlineInstant, notificationOfMeasuresSet, openRequest, type SendFacts } from '../../workflows/request/machine';
import type { RequestWorkflow } from '../../workflows/request/workflow';
import { settledRun } from '../settledRun';
import { storyRequestInput } from '../requestStory';
import { createTimeSkippingEnv, liaisonWorkflowBundle } from '../timeSkipping';

const user = (id: string, authorityId: string, countryCode: string): Actor => ({ kind: 'user', id, authorityId, countryCode, roles: ['case-handler'] });
const dkHandler = user('u-dk', 'auth-dk', 'DK');
const seHandler = user('u-se-1', 'auth-se-1', 'SE');
const seOtherHandler = user('u-se-2', 'auth-se-2', 'SE');
const plainSend: SendFacts = { approvalRequired: false, coordinatorApprovesRequests: false, responderUsesAllocation: false };
const plainAnswer = { approvalRequired: false, coordinatorApprovesAnswers: false };
const linked = { linkedCoordinatorIds: ['coord-se'] };

type Handle = WorkflowHandle<typeof RequestWorkflow>;

async function main() {
  const env = await createTimeSkippingEnv();
  const activities: RequestActivities & RetentionActivities = {
    async projectRequest() {},
    async notifyRequestParties() {
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
  const taskQueue = `record-${randomUUID()}`;
  const worker = await Worker.create({ connection: env.nativeConnection, taskQueue, workflowBundle: await liaisonWorkflowBundle(), activities });
  const stamp = new Date().toISOString().slice(0, 10);

  const newRequest = async (patch: Partial<RequestInput> = {}): Promise<RequestInput> => {
    return storyRequestInput(randomUUID(), await env.currentTimeMs(), {
      number: `REQ-2026-${String(Math.floor(Math.random() * 1e6)).padStart(6, '0')}`,
      respondingAuthorityId: 'auth-se-1',
      createdBy: dkHandler,
      ...patch,
    });
  };
  const start = (input: RequestInput) => env.client.workflow.start<typeof RequestWorkflow>('RequestWorkflow', { workflowId: requestWorkflowId(input.requestId), taskQueue, args: [input] });
  const record = async (handle: Handle, name: string) => {
    await settled(handle);
    const file = path.join(__dirname, 'histories', `${name}.${stamp}.json`);
    fs.writeFileSync(file, JSON.stringify(historyToJsonObject(await handle.fetchHistory()), null, 1));
    console.log(`recorded ${path.relative(process.cwd(), file)}`);
  };

  // An argument records only the stories whose name holds it (e.g. `continued-as-new`); the others keep their recording.
  const wanted = (name: string) => !process.argv[2] || name.includes(process.argv[2]);
  await worker.runUntil(async () => {
    // (a) Opened and sent in one start, as the API does it: the API ran the opening transitions and
    // projected them (projectedVersion), the workflow repeats them from the same inputs.
    if (wanted('request.opened-sent-accepted-answered-closed')) {
      const input = await newRequest();
      const openedAt = new Date(await env.currentTimeMs());
      const { createdBy, ...request } = input;
      const opened = openRequest(request, createdBy, openedAt, plainSend);
      const handle = await start({ ...input, openedAt: openedAt.toISOString(), sendOnOpen: plainSend, projectedVersion: opened.state.version });
      await settled(handle);
      await handle.executeUpdate(acceptRequest, { args: [{ actor: seHandler, responderCoordinatorId: null, facts: linked }] });
      await handle.executeUpdate(answerRequest, { args: [{ actor: seHandler, facts: plainAnswer }] });
      await handle.executeUpdate(closeRequest, { args: [{ actor: dkHandler }] });
      // Not result(): that lets time skip, and the retention child's months would run.
      while ((await handle.describe()).status.name === 'RUNNING') await new Promise((r) => setTimeout(r, 100));
      await record(handle, 'request.opened-sent-accepted-answered-closed');
      await env.client.workflow.getHandle(retentionWorkflowId('request', input.requestId)).terminate().catch(() => undefined);
    }

    // (b) A draft sent by update; the deadline passes (overdue); forwarded within Sweden, accepted
    // there, answered; the requester asks for additional information, which is accepted.
    if (wanted('request.sent-overdue-forwarded-accepted-answered-additional-info-accepted')) {
      const input = await newRequest();
      const handle = await start(input);
      const sent = await handle.executeUpdate(sendRequest, { args: [{ actor: dkHandler, facts: plainSend }] });
      await env.sleep(deadlineInstant(sent.deadline!) - (await env.currentTimeMs()) + 60_000);
      while (!(await handle.query(requestSnapshot)).overdue) await new Promise((r) => setTimeout(r, 100));
      await settled(handle);
      await handle.executeUpdate(forwardRequest, {
        args: [{ actor: seHandler, toAuthorityId: 'auth-se-2', toCountry: 'SE', reasonId: randomUUID(), facts: { targetIsRequestAuthority: true, targetUsesAllocation: false } }],
      });
      await handle.executeUpdate(acceptRequest, { args: [{ actor: seOtherHandler, responderCoordinatorId: null, facts: linked }] });
      await handle.executeUpdate(answerRequest, { args: [{ actor: seOtherHandler, facts: plainAnswer }] });
      await handle.executeUpdate(requestAdditionalInfo, { args: [{ actor: dkHandler, reasonId: randomUUID() }] });
      const accepted = await handle.executeUpdate(acceptAdditionalInfo, { args: [{ actor: seOtherHandler }] });
      if (accepted.status !== 'additional-info-accepted') throw new Error(`unexpected status ${accepted.status}`);
      await record(handle, 'request.sent-overdue-forwarded-accepted-answered-additional-info-accepted');
      await handle.terminate();
    }

    // (c) A notification of measures: the 15-day wait ends, and the establishment country receives it.
    if (wanted('request.measures-notified-wait-ended')) {
      const input = await newRequest({ questionSet: notificationOfMeasuresSet, relatedRequestNumber: 'REQ-2026-000001', deadline: null });
      const handle = await start(input);
      const sent = await handle.executeUpdate(sendRequest, { args: [{ actor: dkHandler, facts: { ...plainSend, citedRequestValid: true } }] });
      await env.sleep(Date.parse(sent.measuresMayApplyAt!) - (await env.currentTimeMs()) + 60_000);
      while ((await handle.query(requestSnapshot)).status !== 'awaiting-acceptance') await new Promise((r) => setTimeout(r, 100));
      await record(handle, 'request.measures-notified-wait-ended');
      await handle.terminate();
    }

    // (d) Continued as new (a small `continueAsNewAfterEvents`) on sending; the deadline
    // timer carried over fires in the new run. Both runs are recorded: the first ends in the
    // continue-as-new, the second starts from its `resume`.
    if (wanted('request.continued-as-new-after-send')) {
      // The loop first looks at 11 events; the read-back adds a task without a transition, so the
      // send is the transition past 12.
      const input = await newRequest({ continueAsNewAfterEvents: 12 });
      const handle = await start(input);
      await settled(handle);
      await handle.executeUpdate(projectedRequestSnapshot);
      await settled(handle);
      const sent = await handle.executeUpdate(sendRequest, { args: [{ actor: dkHandler, facts: plainSend }] });
      await settled(handle);
      const { runId } = await handle.describe();
      const carried = (await env.client.workflow.getHandle(handle.workflowId, runId).fetchHistory()).events![0].workflowExecutionStartedEventAttributes!;
      const [resumed] = (carried.input?.payloads ?? []).map((p) => env.client.options.loadedDataConverter.payloadConverter.fromPayload(p)) as RequestInput[];
      if (carried.continuedExecutionRunId !== handle.firstExecutionRunId || resumed.resume?.state.status !== 'awaiting-acceptance') throw new Error('the send did not continue as new');
      await env.sleep(deadlineInstant(sent.deadline!) - (await env.currentTimeMs()) + 60_000);
      while (!(await handle.query(requestSnapshot)).overdue) await new Promise((r) => setTimeout(r, 100));
      await settled(handle);
      // The second run: the timer fired in it (after which it may have continued as new again).
      const first = env.client.workflow.getHandle<typeof RequestWorkflow>(handle.workflowId, handle.firstExecutionRunId);
      const next = env.client.workflow.getHandle<typeof RequestWorkflow>(handle.workflowId, runId);
      await record(first, 'request.continued-as-new-after-send.run-1');
      await record(next, 'request.continued-as-new-after-send.run-2-overdue');
      await handle.terminate();
    }
  });
  await env.teardown();

  /** Quiet (test/settledRun.ts): the history ends at a quiet point, and no command meets a closing run. */
  async function settled(handle: Handle) {
    await settledRun(env.client, handle.workflowId);
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
