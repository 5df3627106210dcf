/**
 * Records a history of AlertWorkflow for the replay test: `node bin/run-ts.js test/replay/recordAlertHistories.ts`.
 * An alert stays open for weeks (its closure alone takes the comment and the objection period), so
 * every change to its workflow code must keep this replaying (`patched()`, and a new recording
 * beside the old). Time-skipping: the periods take no time. Ids only, no personal data.
 */
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
  broadcastAlertClosureProposal,
  broadcastAlertItem,
  closeAlert,
  commentOnAlertClosure,
  forwardAlert,
  proposeAlertClosure,
  submitAlert,
  submitAlertItem,
} from '../../workflows/alert/definitions';
import type { AlertWorkflow } from '../../workflows/alert/workflow';
import { createTimeSkippingEnv, liaisonWorkflowBundle } from '../timeSkipping';
import { dkBroadcaster, dkHandler, fiMailbox, seCommenter, seCoordinator, seMailbox, seProposer, silentAlertActivities, storyAlertInput } from '../alertStory';


async function main() {
  const env = await createTimeSkippingEnv();
  const activities = silentAlertActivities();
  const taskQueue = `record-${randomUUID()}`;
  const worker = await Worker.create({ connection: env.nativeConnection, taskQueue, workflowBundle: await liaisonWorkflowBundle(), activities });
  const stamp = new Date().toISOString().slice(0, 10);
  await worker.runUntil(async () => {
    const alertId = randomUUID();
    const input = storyAlertInput(alertId, { number: 'ALR-2026-000001' });
    const h = await env.client.workflow.start<typeof AlertWorkflow>('AlertWorkflow', { workflowId: alertWorkflowId(alertId), taskQueue, args: [input] });
    await h.executeUpdate(submitAlert, { args: [{ actor: dkHandler, facts: { isAlertCoordinator: false, linkedAlertCoordinatorIds: ['coord-dk'], coordinatorFinalApproval: false, complete: true } }] });
    await h.executeUpdate(acceptAlert, { args: [{ actor: dkBroadcaster }] });
    await h.executeUpdate(broadcastAlert, { args: [{ actor: dkBroadcaster, facts: { mailboxes: { SE: ['mbox-se'], FI: ['mbox-fi'], DK: ['mbox-dk'] } } }] });
    await h.executeUpdate(acknowledgeAlert, { args: [{ actor: seMailbox }] });
    await h.executeUpdate(forwardAlert, {
      args: [{ actor: seMailbox, targets: ['auth-se-1', 'auth-se-2'].map((authorityId) => ({ authorityId, country: 'SE', hasAlertAccess: true, isAlertCoordinator: false })) }],
    });
    const proposed = await h.executeUpdate(proposeAlertClosure, {
      args: [{ actor: seProposer, proposalTextId: randomUUID(), closureCoordinatorId: 'coord-se', facts: { isAlertCoordinator: false, linkedAlertCoordinatorIds: ['coord-se'], closureCoordinatorFinalApproval: false } }],
    });
    const commented = await h.executeUpdate(commentOnAlertClosure, { args: [{ actor: seCommenter, commentId: randomUUID() }] });
    await env.sleep(Date.parse(proposed.commentPeriodEndsAt!) - (await env.currentTimeMs()) + 60_000);
    while ((await h.query(alertSnapshot)).status !== 'closure-pending-broadcast') await new Promise((r) => setTimeout(r, 100));
    const open = await h.executeUpdate(broadcastAlertClosureProposal, { args: [{ actor: seCoordinator, commentIds: commented.closure!.comments.map((c) => c.id) }] });
    const objected = await h.executeUpdate(submitAlertItem, {
      args: [{ actor: fiMailbox, itemId: randomUUID(), kind: 'objection', coordinatorId: null, addressedToCountry: null, facts: { isAlertCoordinator: false, linkedAlertCoordinatorIds: [], coordinatorFinalApproval: false } }],
    });
    await h.executeUpdate(broadcastAlertItem, { args: [{ actor: seCoordinator, itemId: objected.items.at(-1)!.id }] });
    await env.sleep(Date.parse(open.objectionPeriodEndsAt!) - (await env.currentTimeMs()) + 60_000);
    while ((await h.query(alertSnapshot)).status !== 'closure-pending-decision') await new Promise((r) => setTimeout(r, 100));
    await h.executeUpdate(closeAlert, { args: [{ actor: seCoordinator }] });
    // Not result(): that lets time skip, and the retention child's 6 months would run.
    while ((await h.describe()).status.name === 'RUNNING') await new Promise((r) => setTimeout(r, 100));
    const file = path.join(__dirname, 'histories', `alert.broadcast-commented-objected-closed.${stamp}.json`);
    fs.writeFileSync(file, JSON.stringify(historyToJsonObject(await h.fetchHistory()), null, 1));
    console.log(`recorded ${path.relative(process.cwd(), file)}`);
    await env.client.workflow.getHandle(`retention-alert-${alertId}`).terminate().catch(() => undefined);
  });
  await env.teardown();
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
