/**
 * Records an AlertWorkflow that continues as new while its closure's comment period runs, for the
 * replay test: `node bin/run-ts.js test/replay/recordAlertContinueAsNewHistories.ts`. Two runs are
 * recorded: the one that ends in the continue-as-new with the period's timer pending, and the one
 * that starts from its `resume` and ends the period. A small `continueAsNewAfterEvents` makes the
 * runs short. Time-skipping; ids only, no personal data.
 */
import type { WorkflowHandle } from '@temporalio/client';
import { Worker } from '@temporalio/worker';
import { randomUUID } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { historyToJsonObject } from '../../api/ops/historyJson';
import {
  acceptAlert,
  acknowledgeAlert,
  alertSnapshot,
  alertWorkflowId,
  broadcastAlert,
  commentOnAlertClosure,
  forwardAlert,
  proposeAlertClosure,
  submitAlert,
  type AlertInput,
} from '../../workflows/alert/definitions';
import type { AlertWorkflow } from '../../workflows/alert/workflow';
import { settledRun } from '../settledRun';
import { createTimeSkippingEnv, liaisonWorkflowBundle } from '../timeSkipping';
import { dkBroadcaster, dkHandler, seCommenter, seMailbox, seProposer, silentAlertActivities, storyAlertInput } from '../alertStory';


type Handle = WorkflowHandle<typeof AlertWorkflow>;

async function main() {
  const env = await createTimeSkippingEnv();
  const activities = silentAlertActivities();
  const taskQueue = `record-${randomUUID()}`;
  const worker = await Worker.create({ connection: env.nativeConnection, taskQueue, workflowBundle: await liaisonWorkflowBundle(), activities });
  const stamp = new Date().toISOString().slice(0, 10);

  /** Quiet (test/settledRun.ts): no command meets a closing run. */
  const settled = (handle: Handle) => settledRun(env.client, handle.workflowId);
  const startedEvent = async (handle: Handle, runId: string) =>
    (await env.client.workflow.getHandle(handle.workflowId, runId).fetchHistory()).events![0].workflowExecutionStartedEventAttributes!;

  await worker.runUntil(async () => {
    const alertId = randomUUID();
    const input = storyAlertInput(alertId, { number: 'ALR-2026-000002', targetCountries: ['SE'], continueAsNewAfterEvents: 10 });
    const h = await env.client.workflow.start<typeof AlertWorkflow>('AlertWorkflow', { workflowId: alertWorkflowId(alertId), taskQueue, args: [input] });
    const step = async (command: () => Promise<unknown>) => {
      await settled(h);
      await command();
    };
    await step(() => h.executeUpdate(submitAlert, { args: [{ actor: dkHandler, facts: { isAlertCoordinator: false, linkedAlertCoordinatorIds: ['coord-dk'], coordinatorFinalApproval: false, complete: true } }] }));
    await step(() => h.executeUpdate(acceptAlert, { args: [{ actor: dkBroadcaster }] }));
    await step(() => h.executeUpdate(broadcastAlert, { args: [{ actor: dkBroadcaster, facts: { mailboxes: { SE: ['mbox-se'], DK: ['mbox-dk'] } } }] }));
    await step(() => h.executeUpdate(acknowledgeAlert, { args: [{ actor: seMailbox }] }));
    await step(() => h.executeUpdate(forwardAlert, { args: [{ actor: seMailbox, targets: ['auth-se-1', 'auth-se-2'].map((authorityId) => ({ authorityId, country: 'SE', hasAlertAccess: true, isAlertCoordinator: false })) }] }));
    await settled(h);
    const proposed = await h.executeUpdate(proposeAlertClosure, {
      args: [{ actor: seProposer, proposalTextId: randomUUID(), closureCoordinatorId: 'coord-se', facts: { isAlertCoordinator: false, linkedAlertCoordinatorIds: ['coord-se'], closureCoordinatorFinalApproval: false } }],
    });
    await step(() => h.executeUpdate(commentOnAlertClosure, { args: [{ actor: seCommenter, commentId: randomUUID() }] }));
    await settled(h);
    // The run that started with the comment period's timer (the proposal or the comment continued as new).
    const withTimer = (await h.describe()).runId;
    const resumed = await startedEvent(h, withTimer);
    const previous = resumed.continuedExecutionRunId;
    const [carried] = (resumed.input?.payloads ?? []).map((p) => env.client.options.loadedDataConverter.payloadConverter.fromPayload(p)) as AlertInput[];
    if (!previous || carried.resume?.timers[0]?.[0] !== 'commentPeriod') throw new Error('the alert did not continue as new during the comment period');
    await env.sleep(Date.parse(proposed.commentPeriodEndsAt!) - (await env.currentTimeMs()) + 60_000);
    while ((await h.query(alertSnapshot)).status !== 'closure-pending-broadcast') await new Promise((r) => setTimeout(r, 100));
    await settled(h);
    for (const [runId, name] of [
      [previous, 'alert.continued-as-new-in-comment-period.run-before'],
      [withTimer, 'alert.continued-as-new-in-comment-period.run-after-period-ended'],
    ]) {
      const file = path.join(__dirname, 'histories', `${name}.${stamp}.json`);
      fs.writeFileSync(file, JSON.stringify(historyToJsonObject(await env.client.workflow.getHandle(h.workflowId, runId).fetchHistory()), null, 1));
      console.log(`recorded ${path.relative(process.cwd(), file)}`);
    }
    await h.terminate();
  });
  await env.teardown();
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
