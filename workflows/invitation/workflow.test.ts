import { WorkflowUpdateFailedError, type WorkflowHandle } from '@temporalio/client';
import type { TestWorkflowEnvironment } from '@temporalio/testing';
import { Worker } from '@temporalio/worker';
import { DateTime } from 'luxon';
import { randomUUID } from 'node:crypto';
import type { InvitationActivities } from '../../activities/invitation';
import { invitationPolicy } from '../../schema/invitationPolicy';
import { createTimeSkippingEnv, liaisonWorkflowBundle } from '../../test/timeSkipping';
import type { Actor } from '../actor';
import { dispatchTimeFor } from './businessCalendar';
import {
  cancelInvitation,
  deleteInvitation,
  invitationSnapshot,
  invitationWorkflowId,
  registerWithCode,
  rejectValidation,
  releaseInvitation,
  submitInvitation,
  validateRegistration,
  withdrawInvitation,
  type InvitationInput,
  type InvitationSnapshot,
} from './definitions';
import { registrantActor, type SubmissionFacts } from './machine';
import type { InvitationWorkflow } from './workflow';

const minute = 60_000;
const hour = 60 * minute;
const day = 24 * hour;
const cph = 'Europe/Copenhagen';
const coordinator: Actor = { kind: 'user', id: 'u-coord', authorityId: 'auth-dk-nimic', countryCode: 'DK', roles: ['data-administrator'] };
const helpdesk: Actor = { kind: 'operator', id: 'op-1' };
const registrant = registrantActor('s-1');
const cleanFacts: SubmissionFacts = { emailValid: true, emailAlreadyRegistered: false, alreadyInvited: false, submittedTodayByCoordinator: 0 };
const local = (iso: string | null, zone = cph) => DateTime.fromISO(iso!, { zone });
const weekdays = { Monday: 1, Tuesday: 2, Wednesday: 3, Thursday: 4, Friday: 5, Saturday: 6, Sunday: 7 } as const;

/** Activities that record what the workflow asked for, so the story can be read back. */
function recordingActivities() {
  const projected: { status: string; version: number; removed: boolean }[] = [];
  const emails: string[] = [];
  let erased = 0;
  const activities: InvitationActivities = {
    async projectInvitation(state) {
      projected.push({ status: state.status, version: state.version, removed: state.removedAt !== null });
    },
    async sendInvitationEmail({ kind }) {
      emails.push(kind);
      return { sent: true };
    },
    async eraseInvitationContact() {
      erased++;
      return { erased: true };
    },
  };
  return { projected, emails, activities, erased: () => erased };
}

describe('InvitationWorkflow (time-skipping)', () => {
  let env: TestWorkflowEnvironment;

  beforeAll(async () => {
    env = await createTimeSkippingEnv();
  }, 120_000);

  afterAll(async () => {
    await env?.teardown();
  });

  /** Skips the test server's clock to the next given local weekday and time (it starts at real "now"). */
  async function skipTo(weekday: keyof typeof weekdays, time: string, zone = cph): Promise<DateTime> {
    const now = DateTime.fromMillis(await env.currentTimeMs(), { zone });
    const [h, m] = time.split(':').map(Number);
    let target = now.set({ hour: h, minute: m, second: 0, millisecond: 0 });
    while (target.weekday !== weekdays[weekday] || target.toMillis() <= now.toMillis() + minute) target = target.plus({ days: 1 }).set({ hour: h, minute: m });
    await env.sleep(target.toMillis() - now.toMillis());
    return target;
  }

  /** Skips to `ms` before (negative) or after an instant. */
  async function skipUntil(iso: string, offsetMs: number) {
    const wait = Date.parse(iso) + offsetMs - (await env.currentTimeMs());
    if (wait > 0) await env.sleep(wait);
  }

  type Handle = WorkflowHandle<typeof InvitationWorkflow>;
  async function run(recording: ReturnType<typeof recordingActivities>, body: (create: (zone?: string) => Promise<Handle>) => Promise<void>) {
    const taskQueue = `tq-${randomUUID()}`;
    const worker = await Worker.create({ connection: env.nativeConnection, taskQueue, workflowBundle: await liaisonWorkflowBundle(), activities: recording.activities });
    const handles: Handle[] = [];
    await worker.runUntil(async () => {
      try {
        await body(async (zone = cph) => {
          const invitationId = randomUUID();
          const input: InvitationInput = {
            invitationId,
            coordinatorAuthorityId: 'auth-dk-nimic',
            countryCode: 'DK',
            areas: ['services'],
            workflows: ['services:requests'],
            rules: { policy: invitationPolicy, calendar: { zone, holidays: [] } },
            createdBy: coordinator,
          };
          const handle = await env.client.workflow.start<typeof InvitationWorkflow>('InvitationWorkflow', { workflowId: invitationWorkflowId(invitationId), taskQueue, args: [input] });
          handles.push(handle);
          return handle;
        });
      } finally {
        // A failed assertion must not leave timers behind that fire in later tests; and a workflow
        // terminated in the middle of an activity would keep the test server's time-skipping lock,
        // so let running activities finish first (a wait on a condition, bounded).
        for (const h of handles) {
          const busy = async () => {
            const { raw } = await h.describe();
            return (raw.pendingActivities?.length ?? 0) > 0 || !!raw.pendingWorkflowTask;
          };
          for (let i = 0; i < 100 && (await busy()); i++) await new Promise((r) => setTimeout(r, 50));
          await h.terminate().catch(() => undefined);
        }
      }
    });
  }

  const submit = (handle: Handle, facts: Partial<SubmissionFacts> = {}) => handle.executeUpdate(submitInvitation, { args: [{ actor: coordinator, facts: { ...cleanFacts, ...facts } }] });
  const status = async (handle: Handle) => (await handle.query(invitationSnapshot)).status;
  const isRunning = async (handle: Handle) => (await handle.describe()).status.name === 'RUNNING';

  /** Submits on a Wednesday before 10:00 and lets the immediate dispatch happen. */
  async function aSentInvitation(create: () => Promise<Handle>): Promise<{ handle: Handle; sent: InvitationSnapshot }> {
    await skipTo('Wednesday', '09:00');
    const handle = await create();
    await submit(handle);
    await env.sleep(minute);
    const sent = await handle.query(invitationSnapshot);
    expect(sent.status).toBe('sent-awaiting-registration');
    return { handle, sent };
  }

  describe('dispatch on the business calendar', () => {
    it('sends at once what is submitted before 10:00 on a working day', async () => {
      const rec = recordingActivities();
      await run(rec, async (create) => {
        await skipTo('Wednesday', '09:00');
        const handle = await create();
        const submitted = await submit(handle);
        expect(submitted.status).toBe('submitted');
        expect(submitted.dispatchAt).toBe(submitted.submittedAt);
        await env.sleep(minute);
        const sent = await handle.query(invitationSnapshot);
        expect(sent.status).toBe('sent-awaiting-registration');
        expect(Date.parse(sent.sentAt!) - Date.parse(submitted.submittedAt!)).toBeLessThan(minute);
        expect(local(sent.sentAt).toFormat('cccc')).toBe('Wednesday');
        expect(Date.parse(sent.codeExpiresAt!) - Date.parse(sent.sentAt!)).toBe(30 * day);
        expect(rec.emails).toEqual(['invitation']);
        expect(rec.projected.map((p) => p.status)).toEqual(['draft', 'submitted', 'sent-awaiting-registration']);
      });
    });

    it('sends what is submitted after 10:00 in the night after the next working day (Wednesday → Friday 00:00)', async () => {
      const rec = recordingActivities();
      await run(rec, async (create) => {
        await skipTo('Wednesday', '11:00');
        const handle = await create();
        const submitted = await submit(handle);
        expect(local(submitted.dispatchAt).toFormat('cccc HH:mm')).toBe('Friday 00:00');
        expect(submitted.dispatchAt).toBe(dispatchTimeFor(new Date(submitted.submittedAt!), cph, []).toISOString());

        await skipUntil(submitted.dispatchAt!, -minute);
        expect(await status(handle)).toBe('submitted');
        expect(rec.emails).toEqual([]);
        await skipUntil(submitted.dispatchAt!, minute);
        const sent = await handle.query(invitationSnapshot);
        expect(sent.status).toBe('sent-awaiting-registration');
        expect(Math.abs(Date.parse(sent.sentAt!) - Date.parse(submitted.dispatchAt!))).toBeLessThan(1000);
        expect(rec.emails).toEqual(['invitation']);
      });
    });

    it('sends what is submitted on Friday after 10:00 in the night to Tuesday', async () => {
      const rec = recordingActivities();
      await run(rec, async (create) => {
        await skipTo('Friday', '11:00');
        const handle = await create();
        const submitted = await submit(handle);
        expect(local(submitted.dispatchAt).toFormat('cccc HH:mm')).toBe('Tuesday 00:00');
        await skipUntil(submitted.dispatchAt!, -minute);
        expect(await status(handle)).toBe('submitted');
        await skipUntil(submitted.dispatchAt!, minute);
        expect(await status(handle)).toBe('sent-awaiting-registration');
        expect(local((await handle.query(invitationSnapshot)).sentAt).toFormat('cccc HH:mm')).toBe('Tuesday 00:00');
      });
    });

    it('sends what is submitted at the weekend, even early, in the night to Tuesday', async () => {
      const rec = recordingActivities();
      await run(rec, async (create) => {
        await skipTo('Saturday', '09:00');
        const handle = await create();
        const submitted = await submit(handle);
        expect(local(submitted.dispatchAt).toFormat('cccc HH:mm')).toBe('Tuesday 00:00');
        await skipUntil(submitted.dispatchAt!, -minute);
        expect(rec.emails).toEqual([]);
        await skipUntil(submitted.dispatchAt!, minute);
        expect(await status(handle)).toBe('sent-awaiting-registration');
        expect(rec.emails).toEqual(['invitation']);
      });
    });

    it('uses the coordinator’s country zone: the same instant is before 10:00 in Lisbon and after it in Helsinki', async () => {
      const rec = recordingActivities();
      await run(rec, async (create) => {
        await skipTo('Wednesday', '09:30', 'Europe/Lisbon'); // 11:30 in Helsinki
        const lisbon = await create('Europe/Lisbon');
        const helsinki = await create('Europe/Helsinki');
        const inLisbon = await submit(lisbon);
        const inHelsinki = await submit(helsinki);
        expect(inLisbon.dispatchAt).toBe(inLisbon.submittedAt);
        expect(local(inHelsinki.dispatchAt, 'Europe/Helsinki').toFormat('cccc HH:mm')).toBe('Friday 00:00');
      });
    });
  });

  describe('the registration code', () => {
    it('reminds at day 25, expires at day 30, and a resubmission after expiry sends a new code', async () => {
      const rec = recordingActivities();
      await run(rec, async (create) => {
        const { handle, sent } = await aSentInvitation(create);
        await skipUntil(sent.sentAt!, 25 * day - minute);
        expect(rec.emails).toEqual(['invitation']);
        await skipUntil(sent.sentAt!, 25 * day + minute);
        expect(rec.emails).toEqual(['invitation', 'reminder']);
        expect((await handle.query(invitationSnapshot)).remindedAt).not.toBeNull();

        await skipUntil(sent.codeExpiresAt!, -minute);
        expect(await status(handle)).toBe('sent-awaiting-registration');
        await skipUntil(sent.codeExpiresAt!, minute);
        expect(await status(handle)).toBe('expired');

        const refused = await handle.executeUpdate(registerWithCode, { args: [{ actor: registrant, registeredAuthorityId: 'auth-new' }] }).catch((e) => e);
        expect(refused).toBeInstanceOf(WorkflowUpdateFailedError);
        expect(refused.cause).toMatchObject({ type: 'PeriodOver', message: 'The registration code has expired.' });

        const resubmitted = await submit(handle);
        expect(resubmitted).toMatchObject({ status: 'submitted', codeExpiresAt: null, remindedAt: null });
        expect(resubmitted.dispatchAt).toBe(dispatchTimeFor(new Date(resubmitted.submittedAt!), cph, []).toISOString());
        await skipUntil(resubmitted.dispatchAt!, minute);
        const again = await handle.query(invitationSnapshot);
        expect(again.status).toBe('sent-awaiting-registration');
        expect(Date.parse(again.codeExpiresAt!)).toBe(Date.parse(again.sentAt!) + 30 * day);
        expect(rec.emails).toEqual(['invitation', 'reminder', 'invitation']);
        await handle.executeUpdate(registerWithCode, { args: [{ actor: registrant, registeredAuthorityId: 'auth-new' }] });
      });
    });

    it('never reminds nor expires once the authority has registered; validation keeps it 3 months, then the workflow ends', async () => {
      const rec = recordingActivities();
      await run(rec, async (create) => {
        const { handle, sent } = await aSentInvitation(create);
        await skipUntil(sent.sentAt!, 10 * day);
        const registered = await handle.executeUpdate(registerWithCode, { args: [{ actor: registrant, registeredAuthorityId: 'auth-new' }] });
        expect(registered).toMatchObject({ status: 'registered-awaiting-validation', registeredAuthorityId: 'auth-new' });
        expect(rec.emails).toEqual(['invitation', 'registration-confirmation', 'please-validate']);

        await skipUntil(sent.codeExpiresAt!, day);
        expect(await status(handle)).toBe('registered-awaiting-validation');
        expect(rec.emails).toEqual(['invitation', 'registration-confirmation', 'please-validate']);

        const again = await handle.executeUpdate(registerWithCode, { args: [{ actor: registrant, registeredAuthorityId: 'auth-new' }] }).catch((e) => e);
        expect(again.cause).toMatchObject({ type: 'WrongState', message: 'The authority is already registered.' });

        const validated = await handle.executeUpdate(validateRegistration, { args: [{ actor: coordinator }] });
        expect(validated.status).toBe('authority-validated');
        expect(local(validated.removeAt).toISODate()).toBe(local(validated.validatedAt).plus({ months: 3 }).toISODate());
        expect(rec.emails.at(-1)).toBe('login-instructions');

        await skipUntil(validated.removeAt!, -day);
        expect(await isRunning(handle)).toBe(true);
        await skipUntil(validated.removeAt!, minute);
        const result = await handle.result();
        expect(result).toMatchObject({ status: 'authority-validated' });
        expect(result.removedAt).not.toBeNull();
        expect(rec.erased()).toBe(1);
        expect(rec.projected.at(-1)).toMatchObject({ status: 'authority-validated', removed: true });
      });
    });
  });

  describe('clean-up', () => {
    it('deletes an invitation whose validation was rejected after 6 months', async () => {
      const rec = recordingActivities();
      await run(rec, async (create) => {
        const { handle } = await aSentInvitation(create);
        await handle.executeUpdate(registerWithCode, { args: [{ actor: registrant, registeredAuthorityId: 'auth-new' }] });
        const rejected = await handle.executeUpdate(rejectValidation, { args: [{ actor: coordinator, reason: 'not competent' }] });
        expect(rejected.status).toBe('validation-rejected');
        expect(local(rejected.removeAt).toISODate()).toBe(local(rejected.closedAt).plus({ months: 6 }).toISODate());
        await skipUntil(rejected.removeAt!, -day);
        expect(await isRunning(handle)).toBe(true);
        expect(rec.erased()).toBe(0);
        await skipUntil(rejected.removeAt!, minute);
        expect((await handle.result()).removedAt).not.toBeNull();
        expect(rec.erased()).toBe(1);
      });
    });

    it('keeps a withdrawn invitation 3 months, with no reminder or expiry meanwhile', async () => {
      const rec = recordingActivities();
      await run(rec, async (create) => {
        const { handle } = await aSentInvitation(create);
        const withdrawn = await handle.executeUpdate(withdrawInvitation, { args: [{ actor: coordinator, reason: 'wrong address' }] });
        expect(withdrawn.status).toBe('withdrawn');
        const refused = await handle.executeUpdate(registerWithCode, { args: [{ actor: registrant, registeredAuthorityId: 'auth-new' }] }).catch((e) => e);
        expect(refused.cause).toMatchObject({ type: 'WrongState', message: 'The invitation was withdrawn.' });
        await skipUntil(withdrawn.removeAt!, -day);
        expect(await isRunning(handle)).toBe(true);
        expect(await status(handle)).toBe('withdrawn');
        expect(rec.emails).toEqual(['invitation']);
        await skipUntil(withdrawn.removeAt!, minute);
        expect((await handle.result()).removedAt).not.toBeNull();
        expect(rec.projected.map((p) => p.status)).toEqual(['draft', 'submitted', 'sent-awaiting-registration', 'withdrawn', 'withdrawn']);
      });
    });

    it('deletes a withdrawn invitation by hand sooner, ending the workflow at once', async () => {
      const rec = recordingActivities();
      await run(rec, async (create) => {
        const { handle } = await aSentInvitation(create);
        await handle.executeUpdate(withdrawInvitation, { args: [{ actor: coordinator }] });
        await env.sleep(2 * day);
        const deleted = await handle.executeUpdate(deleteInvitation, { args: [{ actor: coordinator }] });
        expect(deleted.removedAt).not.toBeNull();
        expect((await handle.result()).removedAt).toBe(deleted.removedAt);
        expect(rec.erased()).toBe(1);
      });
    });
  });

  describe('blocking by the daily threshold', () => {
    it('blocks the 100th submission of the day; the helpdesk releases it and it is sent the same day', async () => {
      const rec = recordingActivities();
      await run(rec, async (create) => {
        await skipTo('Wednesday', '11:00');
        const handle = await create();
        const blocked = await submit(handle, { submittedTodayByCoordinator: 99 });
        expect(blocked).toMatchObject({ status: 'blocked', dispatchAt: null });

        const notCoordinator = await handle.executeUpdate(releaseInvitation, { args: [{ actor: coordinator }] }).catch((e) => e);
        expect(notCoordinator.cause).toMatchObject({ type: 'NotAllowed' });
        await env.sleep(2 * day);
        expect(await status(handle)).toBe('blocked');
        expect(rec.emails).toEqual([]);

        const released = await handle.executeUpdate(releaseInvitation, { args: [{ actor: helpdesk }] });
        expect(released.status).toBe('submitted');
        await env.sleep(minute);
        const sent = await handle.query(invitationSnapshot);
        expect(sent.status).toBe('sent-awaiting-registration');
        expect(local(sent.sentAt).toISODate()).toBe(local(released.dispatchAt).toISODate());
        expect(Date.parse(sent.sentAt!) - Date.parse(released.dispatchAt!)).toBeLessThan(minute);
        expect(rec.emails).toEqual(['invitation']);
      });
    });

    it('lets the helpdesk cancel a blocked invitation back to a draft that is never sent, then the coordinator deletes it', async () => {
      const rec = recordingActivities();
      await run(rec, async (create) => {
        await skipTo('Wednesday', '11:00');
        const handle = await create();
        await submit(handle, { submittedTodayByCoordinator: 150 });
        const cancelled = await handle.executeUpdate(cancelInvitation, { args: [{ actor: helpdesk, reason: 'submitted by mistake' }] });
        expect(cancelled).toMatchObject({ status: 'draft', dispatchAt: null });
        await env.sleep(10 * day);
        expect(await status(handle)).toBe('draft');
        expect(rec.emails).toEqual([]);
        await handle.executeUpdate(deleteInvitation, { args: [{ actor: coordinator }] });
        expect((await handle.result()).removedAt).not.toBeNull();
      });
    });

    it('lets the helpdesk cancel a submitted invitation before its night dispatch: the dispatch timer never fires', async () => {
      const rec = recordingActivities();
      await run(rec, async (create) => {
        await skipTo('Wednesday', '11:00');
        const handle = await create();
        const submitted = await submit(handle);
        await env.sleep(hour);
        await handle.executeUpdate(cancelInvitation, { args: [{ actor: helpdesk }] });
        await skipUntil(submitted.dispatchAt!, day);
        expect(await status(handle)).toBe('draft');
        expect(rec.emails).toEqual([]);
        // Refused in the validator: no trace in history.
        const refused = await handle.executeUpdate(releaseInvitation, { args: [{ actor: helpdesk }] }).catch((e) => e);
        expect(refused.cause).toMatchObject({ type: 'WrongState' });
      });
    });
  });
});
