import { WorkflowUpdateFailedError, type WorkflowHandle } from '@temporalio/client';
import type { TestWorkflowEnvironment } from '@temporalio/testing';
import { Worker } from '@temporalio/worker';
import { randomUUID } from 'node:crypto';
import type { AuthorityActivities } from '../../activities/authority';
import { createTimeSkippingEnv, liaisonWorkflowBundle } from '../../test/timeSkipping';
import type { Actor } from '../actor';
import type { AreaAccessState, AuthorityCommand } from '../authority/statusMachine';
import { authorityCommand, authorityProjectedSnapshot, authoritySnapshot, authorityWorkflowId, type AuthorityLifecycleInput } from './definitions';
import type { AuthorityLifecycleWorkflow } from './workflow';

const day = 86_400_000;
const helpdesk: Actor = { kind: 'operator', id: 'operator', roles: ['system-admin'] };
const services = (status: AreaAccessState['status']): Record<string, AreaAccessState> => ({
  services: { status, role: 'CA', workflows: { requests: { status, role: 'authority' } } },
});

/** Activities that record what the workflow asked for. */
function recordingActivities() {
  const projected: { status: string; version: number; action: string }[] = [];
  const ended: { kind: string; at: number }[] = [];
  let now: () => Promise<number> = async () => 0;
  const activities: AuthorityActivities = {
    async projectAuthority(state) {
      projected.push({ status: state.status, version: state.version, action: state.lastEvent.action });
      return { applied: true };
    },
    async endAuthority({ kind }) {
      ended.push({ kind, at: await now() });
      return { users: 1 };
    },
  };
  return { projected, ended, activities, setClock: (clock: () => Promise<number>) => (now = clock) };
}

describe('AuthorityLifecycleWorkflow (time-skipping)', () => {
  let env: TestWorkflowEnvironment;
  beforeAll(async () => {
    env = await createTimeSkippingEnv();
  }, 120_000);
  afterAll(async () => {
    await env?.teardown();
  });

  async function run(rec: ReturnType<typeof recordingActivities>, body: (register: (selfRegistered: boolean) => Promise<WorkflowHandle<typeof AuthorityLifecycleWorkflow>>) => Promise<void>) {
    rec.setClock(() => env.currentTimeMs());
    const taskQueue = `tq-${randomUUID()}`;
    const worker = await Worker.create({ connection: env.nativeConnection, taskQueue, workflowBundle: await liaisonWorkflowBundle(), activities: rec.activities });
    await worker.runUntil(
      body(async (selfRegistered) => {
        const authorityId = randomUUID();
        const input: AuthorityLifecycleInput = { authorityId, countryCode: 'DK', areas: services(selfRegistered ? 'requested' : 'active'), registeredBy: helpdesk, selfRegistered };
        const handle = await env.client.workflow.start<typeof AuthorityLifecycleWorkflow>('AuthorityLifecycleWorkflow', { workflowId: authorityWorkflowId(authorityId), taskQueue, args: [input] });
        await handle.executeUpdate(authorityProjectedSnapshot);
        return handle;
      }),
    );
  }
  const command = (handle: WorkflowHandle<typeof AuthorityLifecycleWorkflow>, c: AuthorityCommand, actor: Actor = helpdesk) =>
    handle.executeUpdate(authorityCommand, { args: [{ command: c, actor }] });

  /** Walks an active authority down to inactive: every access suspended and revoked, then suspended and made inactive. */
  async function makeInactive(handle: WorkflowHandle<typeof AuthorityLifecycleWorkflow>) {
    await command(handle, { type: 'suspendAccess', target: { area: 'services', workflow: 'requests' }, by: {} });
    await command(handle, { type: 'suspendAccess', target: { area: 'services' }, by: {} });
    await command(handle, { type: 'revokeAccess', target: { area: 'services', workflow: 'requests' }, by: {}, ongoingCases: 0 });
    await command(handle, { type: 'revokeAccess', target: { area: 'services' }, by: {}, ongoingCases: 0 });
    await command(handle, { type: 'suspendAuthority', by: {} });
    return command(handle, { type: 'inactivateAuthority', by: {}, ongoingCases: 0 });
  }

  it('deletes a rejected registration 6 months after the rejection, not before', async () => {
    const rec = recordingActivities();
    await run(rec, async (register) => {
      const handle = await register(true);
      const rejected = await command(handle, { type: 'rejectRegistration', by: {}, reason: 'not a public authority' });
      expect(rejected.status).toBe('registration-rejected');
      expect(rejected.timer?.kind).toBe('deleteRejectedRegistration');
      const rejectedAt = await env.currentTimeMs();

      await env.sleep(180 * day);
      expect(rec.ended).toEqual([]);
      expect((await handle.query(authoritySnapshot)).ended).toBeNull();

      await env.sleep(10 * day);
      const result = await handle.result();
      expect(result.ended).toBe('deleteRejectedRegistration');
      expect(rec.ended).toHaveLength(1);
      const after = rec.ended[0]!.at - rejectedAt;
      expect(after).toBeGreaterThanOrEqual(181 * day - 60_000); // six calendar months: 181–184 days
      expect(after).toBeLessThanOrEqual(185 * day);
    });
  });

  it('keeps a rejected registration that is validated before the 6 months are over', async () => {
    const rec = recordingActivities();
    await run(rec, async (register) => {
      const handle = await register(true);
      await command(handle, { type: 'rejectRegistration', by: {} });
      await env.sleep(100 * day);
      const validated = await command(handle, { type: 'validateRegistration', by: {} });
      expect(validated).toMatchObject({ status: 'active', timer: null });
      expect(validated.areas.services!.status).toBe('active');

      await env.sleep(400 * day);
      expect(rec.ended).toEqual([]);
      expect((await handle.query(authoritySnapshot)).status).toBe('active');
      expect(rec.projected.map((p) => p.action)).toEqual(['registered', 'rejectRegistration', 'validateRegistration']);
    });
  });

  it('removes an inactive authority after 6 months', async () => {
    const rec = recordingActivities();
    await run(rec, async (register) => {
      const handle = await register(false);
      const inactive = await makeInactive(handle);
      expect(inactive).toMatchObject({ status: 'inactive', timer: { kind: 'removeInactive' } });
      await env.sleep(179 * day);
      expect(rec.ended).toEqual([]);
      await env.sleep(10 * day);
      expect((await handle.result()).ended).toBe('removeInactive');
      expect(rec.ended.map((e) => e.kind)).toEqual(['removeInactive']);
    });
  });

  it('a suspended authority reactivated before it is made inactive never starts the removal timer', async () => {
    const rec = recordingActivities();
    await run(rec, async (register) => {
      const handle = await register(false);
      await command(handle, { type: 'suspendAccess', target: { area: 'services', workflow: 'requests' }, by: {} });
      await command(handle, { type: 'suspendAccess', target: { area: 'services' }, by: {} });
      await command(handle, { type: 'suspendAuthority', by: {} });
      const reactivated = await command(handle, { type: 'reactivateAuthority', by: {} });
      expect(reactivated).toMatchObject({ status: 'active', timer: null });
      await env.sleep(400 * day);
      expect(rec.ended).toEqual([]);
    });
  });

  it('an inactive authority refuses reactivation (ch. 9.1.5.1), and the removal still happens', async () => {
    const rec = recordingActivities();
    await run(rec, async (register) => {
      const handle = await register(false);
      await makeInactive(handle);
      const refused = await command(handle, { type: 'reactivateAuthority', by: {} }).catch((e) => e);
      expect(refused).toBeInstanceOf(WorkflowUpdateFailedError);
      expect(refused.cause.type).toBe('WrongState');
      await env.sleep(190 * day);
      expect((await handle.result()).ended).toBe('removeInactive');
    });
  });

  it('refuses a command from someone who is not the validating coordinator, with the machine\'s reason', async () => {
    const rec = recordingActivities();
    await run(rec, async (register) => {
      const handle = await register(true);
      const stranger: Actor = { kind: 'user', id: randomUUID(), authorityId: randomUUID(), roles: ['data-administrator'] };
      const refused = await command(handle, { type: 'validateRegistration', by: { isValidatingCoordinator: false } }, stranger).catch((e) => e);
      expect(refused.cause.type).toBe('NotAllowed');
      expect(refused.cause.message).toMatch(/validating coordinator/);
      expect(rec.projected).toHaveLength(1);
    });
  });
});
