/**
 * Records a history of ReportExpiryWorkflow for the replay test: `node bin/run-ts.js test/replay/recordReportExpiryHistories.ts`.
 * Each runs 30 days, so a change to its workflow code must keep this replaying (`patched()`, and a
 * new recording beside the old). Time-skipping: the 30 days take no time.
 */
import { Worker } from '@temporalio/worker';
import { randomUUID } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import type { ReportExpiryActivities } from '../../activities/reports/expiry';
import { historyToJsonObject } from '../../api/ops/historyJson';
import { reportPolicy } from '../../schema/reports';
import { reportExpiryWorkflowId } from '../../workflows/reportExpiry/definitions';
import type { ReportExpiryWorkflow } from '../../workflows/reportExpiry/workflow';
import { createTimeSkippingEnv, liaisonWorkflowBundle } from '../timeSkipping';

async function main() {
  const env = await createTimeSkippingEnv();
  const activities: ReportExpiryActivities = {
    async deleteExpiredReport() {
      return { deleted: true };
    },
  };
  const taskQueue = `record-${randomUUID()}`;
  const worker = await Worker.create({ connection: env.nativeConnection, taskQueue, workflowBundle: await liaisonWorkflowBundle(), activities });
  const stamp = new Date().toISOString().slice(0, 10);
  await worker.runUntil(async () => {
    const reportId = randomUUID();
    const handle = await env.client.workflow.start<typeof ReportExpiryWorkflow>('ReportExpiryWorkflow', {
      workflowId: reportExpiryWorkflowId(reportId),
      taskQueue,
      args: [{ reportId, createdAt: new Date(await env.currentTimeMs()).toISOString(), keepDays: reportPolicy.keepDays }],
    });
    await handle.result();
    const file = path.join(__dirname, 'histories', `report-expiry.kept-30-days-then-deleted.${stamp}.json`);
    fs.writeFileSync(file, JSON.stringify(historyToJsonObject(await handle.fetchHistory()), null, 1));
    console.log(`recorded ${path.relative(process.cwd(), file)}`);
  });
  await env.teardown();
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
