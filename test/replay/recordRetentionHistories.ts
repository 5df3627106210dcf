/**
 * Records histories of RetentionWorkflow for the replay test: `node bin/run-ts.js test/replay/recordRetentionHistories.ts`.
 * Retention runs for years, so every change to its workflow code must keep these replaying
 * (`patched()`, and a new recording beside the old). Time-skipping: 3 years take no time.
 */
import { Worker } from '@temporalio/worker';
import { randomUUID } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import type { RetentionActivities } from '../../activities/retention';
import { historyToJsonObject } from '../../api/ops/historyJson';
import { eraseEarly, recordContest, retentionWorkflowId, retentionWorkflowType, type RetentionInput } from '../../workflows/retention/definitions';
import type { RetentionWorkflow } from '../../workflows/retention/workflow';
import { createTimeSkippingEnv, liaisonWorkflowBundle } from '../timeSkipping';

const operator = { kind: 'operator' as const, id: 'operator' };
const day = 86_400_000;
const month = 30 * day;
const year = 365 * day;

async function main() {
  const env = await createTimeSkippingEnv();
  const activities: RetentionActivities = {
    async blockPersonalData() {},
    async erasePersonalData() {},
    async projectRetention() {},
  };
  const taskQueue = `record-${randomUUID()}`;
  const worker = await Worker.create({ connection: env.nativeConnection, taskQueue, workflowBundle: await liaisonWorkflowBundle(), activities });
  const stamp = new Date().toISOString().slice(0, 10);
  type Scenario = { input: Omit<RetentionInput, 'caseId'>; run: (h: Awaited<ReturnType<typeof start>>) => Promise<void> };
  const scenarios: Record<string, Scenario> = {
    'request-blocked-contested-erased': {
      input: { caseType: 'request', blockAfterMs: 6 * month, eraseAfterMs: 3 * year },
      run: async (h) => {
        await env.sleep(7 * month);
        await h.executeUpdate(recordContest, { args: [{ actor: operator, kind: 'rectification', reference: 'HD-1' }] });
      },
    },
    'alert-erased-early': {
      input: { caseType: 'alert', blockAfterMs: null, eraseAfterMs: 6 * month },
      run: async (h) => {
        await env.sleep(10 * day);
        await h.executeUpdate(eraseEarly, { args: [{ actor: operator, reason: 'consent', consentReference: 'C-1', caseAuthorityIds: [] }] });
      },
    },
  };
  async function start(input: Omit<RetentionInput, 'caseId'>) {
    const caseId = randomUUID();
    return env.client.workflow.start<typeof RetentionWorkflow>(retentionWorkflowType, {
      workflowId: retentionWorkflowId(input.caseType, caseId),
      taskQueue,
      args: [{ ...input, caseId }],
    });
  }
  await worker.runUntil(async () => {
    for (const [name, scenario] of Object.entries(scenarios)) {
      const handle = await start(scenario.input);
      await scenario.run(handle);
      await handle.result();
      const file = path.join(__dirname, 'histories', `retention.${name}.${stamp}.json`);
      fs.writeFileSync(file, JSON.stringify(historyToJsonObject(await handle.fetchHistory()), null, 1));
      console.log(`recorded ${path.relative(process.cwd(), file)}`);
    }
  });
  await env.teardown();
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
