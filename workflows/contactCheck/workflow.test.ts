import { WorkflowUpdateFailedError, type WorkflowHandle } from '@temporalio/client';
import type { TestWorkflowEnvironment } from '@temporalio/testing';
import { Worker } from '@temporalio/worker';
import { randomUUID } from 'node:crypto';
import type { ContactCheckActivities } from '../../activities/contactCheck';
import { createTimeSkippingEnv, liaisonWorkflowBundle } from '../../test/timeSkipping';
import {
  confirmContactCheck,
  contactCheckSnapshot,
  contactCheckWorkflowId,
  withdrawContactCheck,
  type ContactCheckInput,
} from './definitions';
import type { ContactCheckWorkflow } from './workflow';

const day = 86_400_000;
const operator = { kind: 'operator' as const, id: 'op-1' };

/** Activities that record what the workflow asked for, so the story can be read back. */
function recordingActivities() {
  const projected: { status: string; version: number }[] = [];
  const emails: string[] = [];
  const activities: ContactCheckActivities = {
    async projectContactCheck(state) {
      projected.push({ status: state.status, version: state.version });
    },
    async sendContactCheckEmail({ kind }) {
      emails.push(kind);
      return { sent: true };
    },
  };
  return { projected, emails, activities };
}

describe('ContactCheckWorkflow (time-skipping)', () => {
  let env: TestWorkflowEnvironment;

  beforeAll(async () => {
    env = await createTimeSkippingEnv();
  }, 120_000);

  afterAll(async () => {
    await env?.teardown();
  });

  async function run<T>(recording: ReturnType<typeof recordingActivities>, body: (open: (periodDays: number) => Promise<WorkflowHandle<typeof ContactCheckWorkflow>>) => Promise<T>): Promise<T> {
    const taskQueue = `tq-${randomUUID()}`;
    const worker = await Worker.create({ connection: env.nativeConnection, taskQueue, workflowBundle: await liaisonWorkflowBundle(), activities: recording.activities });
    return worker.runUntil(
      body(async (periodDays) => {
        const checkId = randomUUID();
        const input: ContactCheckInput = { checkId, authorityRef: 'DK-ERST', countryCode: 'DK', periodMs: periodDays * day, openedBy: operator };
        return env.client.workflow.start<typeof ContactCheckWorkflow>('ContactCheckWorkflow', { workflowId: contactCheckWorkflowId(checkId), taskQueue, args: [input] });
      }),
    );
  }

  it('reminds when the due date passes, after exactly the period, then closes on confirmation', async () => {
    const rec = recordingActivities();
    await run(rec, async (open) => {
      const handle = await open(14);
      await env.sleep(13 * day);
      expect((await handle.query(contactCheckSnapshot)).status).toBe('open');
      expect(rec.emails).toEqual(['opened']);

      await env.sleep(1 * day + 60_000);
      const overdue = await handle.query(contactCheckSnapshot);
      expect(overdue.status).toBe('overdue');
      expect(overdue.remindedAt).not.toBeNull();
      expect(rec.emails).toEqual(['opened', 'reminder']);

      const confirmed = await handle.executeUpdate(confirmContactCheck, { args: [{ actor: operator, note: 'still current' }] });
      expect(confirmed).toMatchObject({ status: 'confirmed', version: 3 });
      expect(await handle.result()).toMatchObject({ status: 'confirmed' });
      expect(rec.projected.map((p) => p.status)).toEqual(['open', 'overdue', 'confirmed']);
    });
  });

  it('never reminds a check confirmed before its due date', async () => {
    const rec = recordingActivities();
    await run(rec, async (open) => {
      const handle = await open(14);
      await env.sleep(2 * day);
      await handle.executeUpdate(confirmContactCheck, { args: [{ actor: operator }] });
      await handle.result();
      await env.sleep(30 * day);
      expect(rec.emails).toEqual(['opened']);
      expect(rec.projected.map((p) => p.status)).toEqual(['open', 'confirmed']);
    });
  });

  it('refuses a withdrawal without a reason in the validator, leaving no trace, and accepts one with a reason', async () => {
    const rec = recordingActivities();
    await run(rec, async (open) => {
      const handle = await open(14);
      const refused = await handle.executeUpdate(withdrawContactCheck, { args: [{ actor: operator, reason: ' ' }] }).catch((e) => e);
      expect(refused).toBeInstanceOf(WorkflowUpdateFailedError);
      expect(refused.cause).toMatchObject({ type: 'Invalid' });
      expect((await handle.query(contactCheckSnapshot)).version).toBe(1);
      // A rejected update is not written to history: the validator refused it first.
      const history = await handle.fetchHistory();
      expect(history.events?.some((e) => e.workflowExecutionUpdateAcceptedEventAttributes)).toBe(false);

      const withdrawn = await handle.executeUpdate(withdrawContactCheck, { args: [{ actor: operator, reason: 'authority merged' }] });
      expect(withdrawn).toMatchObject({ status: 'withdrawn', version: 2 });
      await handle.result();
    });
  });

  it('refuses the system as a confirmer (a client cannot pass itself off as the timer)', async () => {
    const rec = recordingActivities();
    await run(rec, async (open) => {
      const handle = await open(14);
      const refused = await handle.executeUpdate(confirmContactCheck, { args: [{ actor: { kind: 'system', id: 'system' } }] }).catch((e) => e);
      expect(refused.cause).toMatchObject({ type: 'NotAllowed' });
      await handle.executeUpdate(confirmContactCheck, { args: [{ actor: operator }] });
      await handle.result();
    });
  });
});
