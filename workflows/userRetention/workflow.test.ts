import type { TestWorkflowEnvironment } from '@temporalio/testing';
import { Worker } from '@temporalio/worker';
import { randomUUID } from 'node:crypto';
import type { UserRetentionActivities } from '../../activities/userRetention';
import { createTimeSkippingEnv, liaisonWorkflowBundle } from '../../test/timeSkipping';
import { userRetentionSnapshot, userRetentionWorkflowId, type UserRetentionInput } from './definitions';
import type { UserRetentionWorkflow } from './workflow';

const day = 86_400_000;

describe('UserRetentionWorkflow (time-skipping)', () => {
  let env: TestWorkflowEnvironment;
  beforeAll(async () => {
    env = await createTimeSkippingEnv();
  }, 120_000);
  afterAll(async () => {
    await env?.teardown();
  });

  it('blocks a removed user at once and erases the personal data after 3 years, with only ids in its input', async () => {
    const calls: { step: string; at: number }[] = [];
    const activities: UserRetentionActivities = {
      async blockUser() {
        calls.push({ step: 'block', at: await env.currentTimeMs() });
      },
      async eraseUser() {
        calls.push({ step: 'erase', at: await env.currentTimeMs() });
      },
    };
    const taskQueue = `tq-${randomUUID()}`;
    const worker = await Worker.create({ connection: env.nativeConnection, taskQueue, workflowBundle: await liaisonWorkflowBundle(), activities });
    await worker.runUntil(
      (async () => {
        const userId = randomUUID();
        const removedAt = new Date(await env.currentTimeMs());
        const input: UserRetentionInput = { userId, removedBy: `user:${randomUUID()}`, removedAt: removedAt.toISOString() };
        const handle = await env.client.workflow.start<typeof UserRetentionWorkflow>('UserRetentionWorkflow', { workflowId: userRetentionWorkflowId(userId), taskQueue, args: [input] });

        await env.sleep(2 * 365 * day);
        expect(calls.map((c) => c.step)).toEqual(['block']);
        expect((await handle.query(userRetentionSnapshot)).erasedAt).toBeNull();

        await env.sleep(365 * day + 2 * day);
        const result = await handle.result();
        expect(result.erasedAt).not.toBeNull();
        expect(calls.map((c) => c.step)).toEqual(['block', 'erase']);
        const waited = calls[1]!.at - calls[0]!.at;
        expect(waited).toBeGreaterThanOrEqual(3 * 365 * day);
        expect(waited).toBeLessThanOrEqual(3 * 366 * day);

        // Nothing personal in what Temporal keeps: the start input is ids and a time.
        const history = await handle.fetchHistory();
        const started = history.events![0]!.workflowExecutionStartedEventAttributes!;
        const payload = JSON.parse(Buffer.from(started.input!.payloads![0]!.data!).toString());
        expect(Object.keys(payload).sort()).toEqual(['removedAt', 'removedBy', 'userId']);
        expect(JSON.stringify(payload)).not.toMatch(/@|name|email|phone/i);
      })(),
    );
  });
});
