/**
 * Records histories of the demo workflow for the replay test: `node bin/run-ts.js test/replay/recordHistories.ts`.
 * Run it when a workflow changes in a way that needs `patched()`: keep the old recordings, add new ones.
 * Uses the time-skipping test server, so the 14-day timer takes no time.
 */
import { Worker } from '@temporalio/worker';
import { randomUUID } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import type { ContactCheckActivities } from '../../activities/contactCheck';
import { historyToJsonObject } from '../../api/ops/historyJson';
import { confirmContactCheck, contactCheckWorkflowId, withdrawContactCheck } from '../../workflows/contactCheck/definitions';
import type { ContactCheckWorkflow } from '../../workflows/contactCheck/workflow';
import { createTimeSkippingEnv, liaisonWorkflowBundle } from '../timeSkipping';

const operator = { kind: 'operator' as const, id: 'op-1' };
const day = 86_400_000;

async function main() {
  const env = await createTimeSkippingEnv();
  const activities: ContactCheckActivities = {
    async projectContactCheck() {},
    async sendContactCheckEmail() {
      return { sent: true };
    },
  };
  const taskQueue = `record-${randomUUID()}`;
  const worker = await Worker.create({ connection: env.nativeConnection, taskQueue, workflowBundle: await liaisonWorkflowBundle(), activities });
  const stamp = new Date().toISOString().slice(0, 10);
  const scenarios: Record<string, (h: Awaited<ReturnType<typeof start>>) => Promise<void>> = {
    'reminded-then-confirmed': async (h) => {
      await env.sleep(15 * day);
      await h.executeUpdate(confirmContactCheck, { args: [{ actor: operator, note: 'current' }] });
    },
    'withdrawn-before-due': async (h) => {
      await env.sleep(2 * day);
      await h.executeUpdate(withdrawContactCheck, { args: [{ actor: operator, reason: ' ' }] }).catch(() => undefined);
      await h.executeUpdate(withdrawContactCheck, { args: [{ actor: operator, reason: 'authority merged' }] });
    },
  };
  async function start() {
    const checkId = randomUUID();
    return env.client.workflow.start<typeof ContactCheckWorkflow>('ContactCheckWorkflow', {
      workflowId: contactCheckWorkflowId(checkId),
      taskQueue,
      args: [{ checkId, authorityRef: 'DK-ERST', countryCode: 'DK', periodMs: 14 * day, openedBy: operator }],
    });
  }
  await worker.runUntil(async () => {
    for (const [name, scenario] of Object.entries(scenarios)) {
      const handle = await start();
      await scenario(handle);
      await handle.result();
      const file = path.join(__dirname, 'histories', `contact-check.${name}.${stamp}.json`);
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
