import type { TestWorkflowEnvironment } from '@temporalio/testing';
import { Worker } from '@temporalio/worker';
import { randomUUID } from 'node:crypto';
import type { ReportExpiryActivities } from '../../activities/reports/expiry';
import { reportPolicy } from '../../schema/reports';
import { createTimeSkippingEnv, liaisonWorkflowBundle } from '../../test/timeSkipping';
import { reportExpirySnapshot, reportExpiryWorkflowId, type ReportExpiryInput } from './definitions';
import type { ReportExpiryWorkflow } from './workflow';

const day = 86_400_000;

describe('ReportExpiryWorkflow (time-skipping)', () => {
  let env: TestWorkflowEnvironment;
  beforeAll(async () => {
    env = await createTimeSkippingEnv();
  }, 120_000);
  afterAll(async () => {
    await env?.teardown();
  });

  async function run(story: (deleted: { reportId: string; at: number }[], taskQueue: string) => Promise<void>) {
    const deleted: { reportId: string; at: number }[] = [];
    const activities: ReportExpiryActivities = {
      async deleteExpiredReport({ reportId }) {
        deleted.push({ reportId, at: await env.currentTimeMs() });
        return { deleted: true };
      },
    };
    const taskQueue = `tq-${randomUUID()}`;
    const worker = await Worker.create({ connection: env.nativeConnection, taskQueue, workflowBundle: await liaisonWorkflowBundle(), activities });
    await worker.runUntil(story(deleted, taskQueue));
  }

  it('keeps a report for 30 days and deletes it when the timer fires, with only ids and times in its input', async () => {
    await run(async (deleted, taskQueue) => {
      const reportId = randomUUID();
      const createdAt = await env.currentTimeMs();
      const input: ReportExpiryInput = { reportId, createdAt: new Date(createdAt).toISOString(), keepDays: reportPolicy.keepDays };
      const handle = await env.client.workflow.start<typeof ReportExpiryWorkflow>('ReportExpiryWorkflow', { workflowId: reportExpiryWorkflowId(reportId), taskQueue, args: [input] });

      await env.sleep(29 * day);
      expect(deleted).toEqual([]);
      const waiting = await handle.query(reportExpirySnapshot);
      expect(waiting).toEqual({ reportId, expiresAt: new Date(createdAt + 30 * day).toISOString(), deletedAt: null });

      await env.sleep(2 * day);
      const result = await handle.result();
      expect(result.deletedAt).not.toBeNull();
      expect(deleted.map((d) => d.reportId)).toEqual([reportId]);
      expect(deleted[0]!.at - createdAt).toBeGreaterThanOrEqual(30 * day);
      expect(deleted[0]!.at - createdAt).toBeLessThan(31 * day);

      const history = await handle.fetchHistory();
      const started = history.events![0]!.workflowExecutionStartedEventAttributes!;
      const payload = JSON.parse(Buffer.from(started.input!.payloads![0]!.data!).toString());
      expect(Object.keys(payload).sort()).toEqual(['createdAt', 'keepDays', 'reportId']);
    });
  });

  it('deletes at once a report whose keeping time is already over when the workflow starts (e.g. started late)', async () => {
    await run(async (deleted, taskQueue) => {
      const reportId = randomUUID();
      const createdAt = (await env.currentTimeMs()) - 31 * day;
      const handle = await env.client.workflow.start<typeof ReportExpiryWorkflow>('ReportExpiryWorkflow', {
        workflowId: reportExpiryWorkflowId(reportId),
        taskQueue,
        args: [{ reportId, createdAt: new Date(createdAt).toISOString(), keepDays: 30 }],
      });
      await handle.result();
      expect(deleted.map((d) => d.reportId)).toEqual([reportId]);
    });
  });
});
