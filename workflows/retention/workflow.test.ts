import { WorkflowUpdateFailedError, type WorkflowHandle } from '@temporalio/client';
import type { TestWorkflowEnvironment } from '@temporalio/testing';
import { Worker } from '@temporalio/worker';
import { randomUUID } from 'node:crypto';
import type { RetentionActivities } from '../../activities/retention';
import { createTimeSkippingEnv, liaisonWorkflowBundle } from '../../test/timeSkipping';
import type { Actor } from '../actor';
import { eraseEarly, recordContest, retentionSnapshot, retentionWorkflowId, retentionWorkflowType, type RetentionInput } from './definitions';
import type { RetentionWorkflow } from './workflow';

const day = 86_400_000;
const month = 30 * day;
const year = 365 * day;
const helpdesk: Actor = { kind: 'operator', id: 'operator' };
const caseHandler: Actor = { kind: 'user', id: 'u-handler', authorityId: 'auth-dk-ca', countryCode: 'DK', roles: ['case-handler'] };
const otherUser: Actor = { kind: 'user', id: 'u-other', authorityId: 'auth-se-ca', countryCode: 'SE', roles: ['case-handler'] };

/** Activities that record what the workflow asked for, with the test server's clock. */
function recordingActivities(env: () => TestWorkflowEnvironment) {
  const steps: { step: string; at: number; status?: string; version?: number }[] = [];
  const activities: RetentionActivities = {
    async blockPersonalData({ caseId }) {
      steps.push({ step: `block ${caseId}`, at: await env().currentTimeMs() });
    },
    async erasePersonalData({ caseId }) {
      steps.push({ step: `erase ${caseId}`, at: await env().currentTimeMs() });
    },
    async projectRetention(state) {
      steps.push({ step: `project ${state.status}`, at: await env().currentTimeMs(), status: state.status, version: state.version });
    },
  };
  return { steps, activities, names: () => steps.map((s) => s.step) };
}

describe('RetentionWorkflow (time-skipping)', () => {
  let env: TestWorkflowEnvironment;
  beforeAll(async () => {
    env = await createTimeSkippingEnv();
  }, 120_000);
  afterAll(async () => {
    await env?.teardown();
  });

  type Handle = WorkflowHandle<typeof RetentionWorkflow>;
  async function run(body: (start: (input: Omit<RetentionInput, 'caseId'>) => Promise<{ handle: Handle; caseId: string; closedAt: number }>, recording: ReturnType<typeof recordingActivities>) => Promise<void>) {
    const recording = recordingActivities(() => env);
    const taskQueue = `tq-${randomUUID()}`;
    const worker = await Worker.create({ connection: env.nativeConnection, taskQueue, workflowBundle: await liaisonWorkflowBundle(), activities: recording.activities });
    const handles: Handle[] = [];
    await worker.runUntil(async () => {
      try {
        await body(async (partial) => {
          const caseId = randomUUID();
          const input: RetentionInput = { ...partial, caseId };
          const closedAt = await env.currentTimeMs();
          const handle = await env.client.workflow.start<typeof RetentionWorkflow>(retentionWorkflowType, { workflowId: retentionWorkflowId(input.caseType, caseId), taskQueue, args: [input] });
          handles.push(handle);
          return { handle, caseId, closedAt };
        }, recording);
      } finally {
        for (const h of handles) {
          const { status } = await h.describe();
          if (status.name === 'RUNNING') await h.terminate().catch(() => undefined);
        }
      }
    });
  }

  const stepAt = (recording: ReturnType<typeof recordingActivities>, step: string) => recording.steps.find((s) => s.step === step)?.at;

  it('a request: blocked 6 months after closure, erased 3 years after closure, each step projected', async () => {
    await run(async (start, recording) => {
      const { handle, caseId, closedAt } = await start({ caseType: 'request', blockAfterMs: 6 * month, eraseAfterMs: 3 * year });
      await env.sleep(6 * month - day);
      expect(recording.names()).toEqual(['project active']);
      const active = await handle.query(retentionSnapshot);
      expect(active.status).toBe('active');
      expect(Date.parse(active.blockAt!) - Date.parse(active.closedAt)).toBe(6 * month);
      expect(Date.parse(active.eraseAt) - Date.parse(active.closedAt)).toBe(3 * year);

      await env.sleep(2 * day);
      expect(recording.names()).toEqual(['project active', `block ${caseId}`, 'project blocked']);
      expect(stepAt(recording, `block ${caseId}`)! - closedAt).toBeGreaterThanOrEqual(6 * month);
      expect(stepAt(recording, `block ${caseId}`)! - closedAt).toBeLessThan(6 * month + day);
      expect((await handle.query(retentionSnapshot)).status).toBe('blocked');

      await env.sleep(3 * year - 6 * month - 2 * day);
      expect(recording.names()).toHaveLength(3);
      const result = await handle.result();
      expect(result).toMatchObject({ status: 'erased', earlyErasure: null, version: 3 });
      expect(recording.names()).toEqual(['project active', `block ${caseId}`, 'project blocked', `erase ${caseId}`, 'project erased']);
      expect(stepAt(recording, `erase ${caseId}`)! - closedAt).toBeGreaterThanOrEqual(3 * year);
      expect(stepAt(recording, `erase ${caseId}`)! - closedAt).toBeLessThan(3 * year + day);

      // Only ids and durations in what Temporal keeps.
      const history = await handle.fetchHistory();
      const startedEvent = history.events![0]!.workflowExecutionStartedEventAttributes!;
      const payload = JSON.parse(Buffer.from(startedEvent.input!.payloads![0]!.data!).toString());
      expect(Object.keys(payload).sort()).toEqual(['blockAfterMs', 'caseId', 'caseType', 'eraseAfterMs']);
    });
  }, 60_000);

  it('a SOLVIT request: blocked only after 18 months', async () => {
    await run(async (start, recording) => {
      const { handle, caseId, closedAt } = await start({ caseType: 'request', blockAfterMs: 18 * month, eraseAfterMs: 3 * year });
      await env.sleep(12 * month);
      expect((await handle.query(retentionSnapshot)).status).toBe('active');
      await env.sleep(6 * month + day);
      expect((await handle.query(retentionSnapshot)).status).toBe('blocked');
      const blockedAt = stepAt(recording, `block ${caseId}`)!;
      expect(blockedAt - closedAt).toBeGreaterThanOrEqual(18 * month);
      expect(blockedAt - closedAt).toBeLessThan(18 * month + day);
    });
  }, 60_000);

  it('an alert: no blocking step, erased 6 months after closure', async () => {
    await run(async (start, recording) => {
      const { handle, caseId, closedAt } = await start({ caseType: 'alert', blockAfterMs: null, eraseAfterMs: 6 * month });
      const result = await handle.result();
      expect(result).toMatchObject({ status: 'erased', blockAt: null, blockedAt: null });
      expect(recording.names()).toEqual(['project active', `erase ${caseId}`, 'project erased']);
      expect(stepAt(recording, `erase ${caseId}`)! - closedAt).toBeGreaterThanOrEqual(6 * month);
      expect(stepAt(recording, `erase ${caseId}`)! - closedAt).toBeLessThan(6 * month + day);
    });
  }, 60_000);

  it('early erasure on a CA’s request with consent ends the retention at once; a stranger is refused without trace', async () => {
    await run(async (start, recording) => {
      const { handle, caseId } = await start({ caseType: 'request', blockAfterMs: 6 * month, eraseAfterMs: 3 * year });
      await env.sleep(10 * day);
      const refused = handle.executeUpdate(eraseEarly, { args: [{ actor: otherUser, reason: 'asked', consentReference: 'C-1', caseAuthorityIds: ['auth-dk-ca'] }] });
      await expect(refused).rejects.toBeInstanceOf(WorkflowUpdateFailedError);
      await expect(refused).rejects.toMatchObject({ cause: { type: 'NotAllowed' } });

      const snapshot = await handle.executeUpdate(eraseEarly, {
        args: [{ actor: caseHandler, reason: 'The data subject asked', consentReference: 'DK-consent-17', caseAuthorityIds: ['auth-dk-ca', 'auth-fr-ca'] }],
      });
      expect(snapshot).toMatchObject({ status: 'erased', earlyErasure: { reason: 'The data subject asked', consentReference: 'DK-consent-17', requestedBy: 'user:u-handler' } });
      expect(recording.names()).toEqual(['project active', `erase ${caseId}`, 'project erased']);
      expect((await handle.result()).status).toBe('erased');
    });
  }, 60_000);

  it('a contest of blocked data is recorded and projected; before blocking it is refused', async () => {
    await run(async (start, recording) => {
      const { handle } = await start({ caseType: 'request', blockAfterMs: 6 * month, eraseAfterMs: 3 * year });
      await expect(handle.executeUpdate(recordContest, { args: [{ actor: helpdesk, kind: 'rectification', reference: 'HD-1' }] })).rejects.toMatchObject({
        cause: { type: 'WrongState' },
      });
      await env.sleep(6 * month + day);
      const snapshot = await handle.executeUpdate(recordContest, { args: [{ actor: helpdesk, kind: 'rectification', reference: 'HD-1' }] });
      expect(snapshot).toMatchObject({ status: 'blocked', contests: [{ kind: 'rectification', reference: 'HD-1', recordedBy: 'operator' }] });
      expect(recording.steps.at(-1)).toMatchObject({ step: 'project blocked', version: 3 });
      // The contest leaves the clock alone: erasure still 3 years after closure.
      await env.sleep(3 * year);
      expect((await handle.result()).status).toBe('erased');
    });
  }, 60_000);
});
