import { invitationPolicy, invitationPolicySchema } from '../../schema/invitationPolicy';
import { systemActor, type Actor } from '../actor';
import {
  createInvitation,
  invitationStatuses,
  registrantActor,
  registrationRefusal,
  transition,
  type InvitationCommand,
  type InvitationCommandType,
  type InvitationState,
  type InvitationStatus,
  type SubmissionFacts,
} from './machine';

// Wednesday 4 March 2026, 09:00 in Copenhagen (08:00Z): before the 10:00 cut-off.
const now = new Date('2026-03-04T08:00:00Z');
const later = (ms: number) => new Date(now.getTime() + ms);
const day = 86_400_000;

const coordinator: Actor = { kind: 'user', id: 'u-coord', authorityId: 'auth-dk-nimic', countryCode: 'DK', roles: ['data-administrator'] };
const otherCoordinator: Actor = { kind: 'user', id: 'u-other', authorityId: 'auth-se-nimic', countryCode: 'SE', roles: ['data-administrator'] };
const helpdesk: Actor = { kind: 'operator', id: 'op-1' };
const registrant = registrantActor('session-1');
const roles = { coordinator, otherCoordinator, helpdesk, timer: systemActor, registrant } as const;
type RoleName = keyof typeof roles;

const cleanFacts: SubmissionFacts = { emailValid: true, emailAlreadyRegistered: false, alreadyInvited: false, submittedTodayByCoordinator: 0 };

function must(state: InvitationState, command: InvitationCommand, actor: Actor, at = now): InvitationState {
  const result = transition(state, command, actor, at);
  if (!result.ok) throw new Error(`${command.type} refused: ${result.rejection.message}`);
  return result.state;
}

/** Builders in the domain's words: an invitation that has reached the given status. */
const aDraft = () =>
  createInvitation(
    { invitationId: 'inv-1', coordinatorAuthorityId: 'auth-dk-nimic', countryCode: 'DK', areas: ['services'], workflows: ['services:requests'], rules: { policy: invitationPolicy, calendar: { zone: 'Europe/Copenhagen', holidays: [] } } },
    coordinator,
    now,
  ).state;
const aSubmitted = () => must(aDraft(), { type: 'submit', facts: cleanFacts }, coordinator);
const aRejected = () => must(aDraft(), { type: 'submit', facts: { ...cleanFacts, emailValid: false } }, coordinator);
const aBlocked = () => must(aDraft(), { type: 'submit', facts: { ...cleanFacts, submittedTodayByCoordinator: 150 } }, coordinator);
const aSent = () => must(aSubmitted(), { type: 'dispatch' }, systemActor);
const aRegistered = () => must(aSent(), { type: 'registerWithCode', registeredAuthorityId: 'auth-new' }, registrant, later(day));
const aValidated = () => must(aRegistered(), { type: 'validate' }, coordinator, later(2 * day));
const aValidationRejected = () => must(aRegistered(), { type: 'rejectValidation', reason: 'not competent' }, coordinator, later(2 * day));
const anExpired = () => must(aSent(), { type: 'expire' }, systemActor, later(30 * day));
const aWithdrawn = () => must(aSent(), { type: 'withdraw' }, coordinator, later(day));
const aRemoved = () => must(aWithdrawn(), { type: 'delete' }, coordinator, later(2 * day));

const builders: Record<InvitationStatus | 'removed', () => InvitationState> = {
  draft: aDraft,
  submitted: aSubmitted,
  rejected: aRejected,
  blocked: aBlocked,
  'sent-awaiting-registration': aSent,
  'registered-awaiting-validation': aRegistered,
  'authority-validated': aValidated,
  'validation-rejected': aValidationRejected,
  expired: anExpired,
  withdrawn: aWithdrawn,
  removed: aRemoved,
};

const commands: Record<InvitationCommandType, InvitationCommand> = {
  edit: { type: 'edit', areas: ['services'], workflows: ['services:requests', 'services:alerts'] },
  submit: { type: 'submit', facts: cleanFacts },
  release: { type: 'release' },
  cancel: { type: 'cancel', reason: 'submitted by mistake' },
  dispatch: { type: 'dispatch' },
  codeExpiryReminder: { type: 'codeExpiryReminder' },
  expire: { type: 'expire' },
  registerWithCode: { type: 'registerWithCode', registeredAuthorityId: 'auth-new' },
  validate: { type: 'validate' },
  rejectValidation: { type: 'rejectValidation', reason: 'not competent' },
  withdraw: { type: 'withdraw', reason: 'wrong address' },
  delete: { type: 'delete' },
  cleanup: { type: 'cleanup' },
};

type Outcome = InvitationStatus | 'removed';
/** The whole lifecycle as a table: who may send each command, and where it leads from where. */
const allowed: Record<InvitationCommandType, { by: RoleName; leads: Partial<Record<InvitationStatus, Outcome>> }> = {
  edit: { by: 'coordinator', leads: { draft: 'draft', rejected: 'rejected', expired: 'expired' } },
  submit: { by: 'coordinator', leads: { draft: 'submitted', rejected: 'submitted', expired: 'submitted' } },
  release: { by: 'helpdesk', leads: { blocked: 'submitted' } },
  cancel: { by: 'helpdesk', leads: { submitted: 'draft', blocked: 'draft' } },
  dispatch: { by: 'timer', leads: { submitted: 'sent-awaiting-registration' } },
  codeExpiryReminder: { by: 'timer', leads: { 'sent-awaiting-registration': 'sent-awaiting-registration' } },
  expire: { by: 'timer', leads: { 'sent-awaiting-registration': 'expired' } },
  registerWithCode: { by: 'registrant', leads: { 'sent-awaiting-registration': 'registered-awaiting-validation' } },
  validate: { by: 'coordinator', leads: { 'registered-awaiting-validation': 'authority-validated' } },
  rejectValidation: { by: 'coordinator', leads: { 'registered-awaiting-validation': 'validation-rejected' } },
  withdraw: { by: 'coordinator', leads: { 'sent-awaiting-registration': 'withdrawn', expired: 'withdrawn' } },
  delete: { by: 'coordinator', leads: { draft: 'removed', rejected: 'removed', withdrawn: 'removed' } },
  cleanup: { by: 'timer', leads: { 'authority-validated': 'removed', 'validation-rejected': 'removed', withdrawn: 'removed' } },
};

function expectedOutcome(status: InvitationStatus | 'removed', command: InvitationCommandType, role: RoleName): Outcome | 'NotAllowed' | 'WrongState' | 'PeriodOver' {
  if (status === 'removed') return 'WrongState';
  const rule = allowed[command];
  if (rule.by !== role) return 'NotAllowed';
  const target = rule.leads[status];
  if (target) return target;
  if (command === 'registerWithCode' && status === 'expired') return 'PeriodOver';
  return 'WrongState';
}

describe('invitation machine: every status × command × role', () => {
  for (const status of [...invitationStatuses, 'removed' as const]) {
    for (const command of Object.keys(commands) as InvitationCommandType[]) {
      for (const role of Object.keys(roles) as RoleName[]) {
        const outcome = expectedOutcome(status, command, role);
        it(`${status} × ${command} × ${role} → ${outcome}`, () => {
          const before = builders[status]();
          expect(before.status).toBe(status === 'removed' ? 'withdrawn' : status);
          const result = transition(before, commands[command], roles[role], later(3 * day));
          if (outcome === 'NotAllowed' || outcome === 'WrongState' || outcome === 'PeriodOver') {
            expect(result).toMatchObject({ ok: false, rejection: { code: outcome } });
            if (!result.ok) expect(result.rejection.message.length).toBeGreaterThan(10);
            return;
          }
          expect(result.ok).toBe(true);
          if (!result.ok) return;
          expect(result.state.version).toBe(before.version + 1);
          if (outcome === 'removed') {
            expect(result.state.removedAt).not.toBeNull();
            expect(result.effects).toContainEqual({ type: 'erasePersonalData' });
          } else {
            expect(result.state.status).toBe(outcome);
            expect(result.state.removedAt).toBeNull();
          }
          expect(result.effects[0]).toEqual({ type: 'project' });
        });
      }
    }
  }
});

describe('invitation machine: the story in detail', () => {
  it('starts as a draft, version 1, projected, with no dates but its creation', () => {
    const draft = aDraft();
    expect(draft).toMatchObject({ status: 'draft', version: 1, submittedAt: null, codeExpiresAt: null, lastEvent: { action: 'created', actor: 'user:u-coord' } });
  });

  it('rejects a submission with the first reason that applies, and lets it be edited and resubmitted', () => {
    const submit = (facts: Partial<SubmissionFacts>, state = aDraft()) => must(state, { type: 'submit', facts: { ...cleanFacts, ...facts } }, coordinator);
    expect(submit({ emailValid: false, emailAlreadyRegistered: true })).toMatchObject({ status: 'rejected', rejectionReason: 'email-invalid' });
    expect(submit({ emailAlreadyRegistered: true, alreadyInvited: true })).toMatchObject({ status: 'rejected', rejectionReason: 'email-already-registered' });
    expect(submit({ alreadyInvited: true })).toMatchObject({ status: 'rejected', rejectionReason: 'already-invited' });
    const noWorkflow = must(aDraft(), { type: 'edit', workflows: [] }, coordinator);
    const rejected = submit({}, noWorkflow);
    expect(rejected).toMatchObject({ status: 'rejected', rejectionReason: 'no-workflow-chosen', lastEvent: { action: 'submission-rejected', reason: 'no-workflow-chosen' } });

    const edited = must(rejected, { type: 'edit', workflows: ['services:requests'] }, coordinator);
    expect(edited).toMatchObject({ status: 'rejected', workflows: ['services:requests'] });
    expect(submit({}, edited)).toMatchObject({ status: 'submitted', rejectionReason: null });
  });

  it('refuses area and workflow codes that are not codes', () => {
    expect(transition(aDraft(), { type: 'edit', areas: ['Services Directive <b>'] }, coordinator, now)).toMatchObject({ ok: false, rejection: { code: 'Invalid' } });
  });

  it('submits before 10:00 for dispatch at once, after 10:00 for the night after the next working day', () => {
    const early = transition(aDraft(), { type: 'submit', facts: cleanFacts }, coordinator, now);
    expect(early).toMatchObject({ ok: true, state: { status: 'submitted', dispatchAt: now.toISOString(), senderUserId: 'u-coord' } });
    if (early.ok) expect(early.effects).toEqual([{ type: 'project' }, { type: 'startTimer', timer: 'dispatch', at: now.toISOString() }]);
    // Wednesday 11:00 in Copenhagen → Friday 00:00 (CET) = Thursday 23:00Z.
    const late = must(aDraft(), { type: 'submit', facts: cleanFacts }, coordinator, new Date('2026-03-04T10:00:00Z'));
    expect(late.dispatchAt).toBe('2026-03-05T23:00:00.000Z');
  });

  it('blocks the 100th submission of a coordinator’s day and every later one; the threshold comes from the policy', () => {
    const submit = (count: number, state = aDraft()) => must(state, { type: 'submit', facts: { ...cleanFacts, submittedTodayByCoordinator: count } }, coordinator);
    expect(submit(98).status).toBe('submitted');
    expect(submit(99)).toMatchObject({ status: 'blocked', dispatchAt: null, lastEvent: { action: 'blocked', reason: '100 submitted today' } });
    expect(submit(500).status).toBe('blocked');
    const strict = { ...aDraft(), rules: { ...aDraft().rules, policy: invitationPolicySchema.parse({ dailyBlockThreshold: 3 }) } };
    expect(submit(2, strict).status).toBe('blocked');
    expect(transition(aDraft(), { type: 'submit', facts: { ...cleanFacts, submittedTodayByCoordinator: -1 } }, coordinator, now)).toMatchObject({ ok: false, rejection: { code: 'Invalid' } });
  });

  it('sends a released invitation the same day (at once), and cancels back to a draft without a timer', () => {
    const releasedAt = new Date('2026-03-04T15:00:00Z');
    const released = transition(aBlocked(), { type: 'release' }, helpdesk, releasedAt);
    expect(released).toMatchObject({ ok: true, state: { status: 'submitted', dispatchAt: releasedAt.toISOString() } });
    if (released.ok) expect(released.effects).toContainEqual({ type: 'startTimer', timer: 'dispatch', at: releasedAt.toISOString() });
    const helpdeskUser: Actor = { kind: 'user', id: 'u-hd', roles: ['system-admin'] };
    const cancelled = transition(aSubmitted(), { type: 'cancel', reason: 'by mistake' }, helpdeskUser, now);
    expect(cancelled).toMatchObject({ ok: true, state: { status: 'draft', dispatchAt: null, lastEvent: { action: 'cancelled', reason: 'by mistake' } } });
    if (cancelled.ok) expect(cancelled.effects).toContainEqual({ type: 'cancelTimer', timer: 'dispatch' });
  });

  it('on dispatch issues a 30-day code, emails it, and sets the reminder 5 days before expiry', () => {
    const result = transition(aSubmitted(), { type: 'dispatch' }, systemActor, now);
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.state).toMatchObject({ status: 'sent-awaiting-registration', sentAt: now.toISOString(), codeIssuedAt: now.toISOString(), codeExpiresAt: later(30 * day).toISOString() });
    expect(result.effects).toEqual([
      { type: 'project' },
      { type: 'sendInvitationEmail' },
      { type: 'startTimer', timer: 'reminder', at: later(25 * day).toISOString() },
      { type: 'startTimer', timer: 'expiry', at: later(30 * day).toISOString() },
    ]);
    expect(JSON.stringify(result.state)).not.toMatch(/code"\s*:/);
  });

  it('reminds once only', () => {
    const reminded = must(aSent(), { type: 'codeExpiryReminder' }, systemActor, later(25 * day));
    expect(reminded).toMatchObject({ status: 'sent-awaiting-registration', remindedAt: later(25 * day).toISOString() });
    expect(transition(reminded, { type: 'codeExpiryReminder' }, systemActor, later(25 * day))).toMatchObject({ ok: false, rejection: { code: 'WrongState' } });
  });

  it('refuses self-registration with three distinct reasons: code expired, invitation withdrawn, already registered', () => {
    const register = (state: InvitationState, at = later(3 * day)) => transition(state, { type: 'registerWithCode', registeredAuthorityId: 'auth-new' }, registrant, at);
    expect(register(anExpired())).toEqual({ ok: false, rejection: { code: 'PeriodOver', message: 'The registration code has expired.' } });
    // Expired by the clock even if the expiry timer has not run yet.
    expect(register(aSent(), later(30 * day))).toEqual({ ok: false, rejection: { code: 'PeriodOver', message: 'The registration code has expired.' } });
    expect(register(aWithdrawn())).toEqual({ ok: false, rejection: { code: 'WrongState', message: 'The invitation was withdrawn.' } });
    for (const state of [aRegistered(), aValidated(), aValidationRejected()]) {
      expect(register(state)).toEqual({ ok: false, rejection: { code: 'WrongState', message: 'The authority is already registered.' } });
    }
    expect(registrationRefusal(aSubmitted(), now)).toBe('not-sent');
    expect(registrationRefusal(aSent(), later(day))).toBeNull();
    expect(transition(aSent(), { type: 'registerWithCode', registeredAuthorityId: ' ' }, registrant, later(day))).toMatchObject({ ok: false, rejection: { code: 'Invalid' } });
  });

  it('on registration stops the reminder and expiry, confirms to the authority and asks the coordinator to validate', () => {
    const result = transition(aSent(), { type: 'registerWithCode', registeredAuthorityId: 'auth-new' }, registrant, later(day));
    expect(result).toMatchObject({ ok: true, state: { status: 'registered-awaiting-validation', registeredAuthorityId: 'auth-new', registeredAt: later(day).toISOString() } });
    if (result.ok) {
      expect(result.effects).toEqual([
        { type: 'project' },
        { type: 'cancelTimer', timer: 'reminder' },
        { type: 'cancelTimer', timer: 'expiry' },
        { type: 'sendConfirmationToAuthority' },
        { type: 'notifyCoordinator' },
      ]);
    }
  });

  it('keeps a validated invitation 3 calendar months, a rejected validation 6, a withdrawn one 3', () => {
    const validated = transition(aRegistered(), { type: 'validate' }, coordinator, new Date('2026-03-10T12:00:00Z'));
    // 10 March 13:00 CET → 10 June 13:00 CEST = 11:00Z (calendar months, local time of day kept).
    expect(validated).toMatchObject({ ok: true, state: { removeAt: '2026-06-10T11:00:00.000Z', validatedAt: '2026-03-10T12:00:00.000Z' } });
    if (validated.ok) expect(validated.effects).toEqual([{ type: 'project' }, { type: 'sendLoginInstructions' }, { type: 'startTimer', timer: 'cleanup', at: '2026-06-10T11:00:00.000Z' }]);
    expect(must(aRegistered(), { type: 'rejectValidation' }, coordinator, new Date('2026-03-10T12:00:00Z')).removeAt).toBe('2026-09-10T11:00:00.000Z');
    expect(must(aSent(), { type: 'withdraw' }, coordinator, new Date('2026-03-10T12:00:00Z')).removeAt).toBe('2026-06-10T11:00:00.000Z');
  });

  it('resubmits an expired invitation as a new round: the old code dates are cleared', () => {
    const resubmitted = must(anExpired(), { type: 'submit', facts: cleanFacts }, coordinator, later(31 * day));
    expect(resubmitted).toMatchObject({ status: 'submitted', sentAt: null, codeIssuedAt: null, codeExpiresAt: null, remindedAt: null, submittedAt: later(31 * day).toISOString() });
  });

  it('deletes a withdrawn invitation by hand before its 3 months, cancelling the clean-up timer and erasing personal data', () => {
    const result = transition(aWithdrawn(), { type: 'delete' }, coordinator, later(5 * day));
    expect(result).toMatchObject({ ok: true, state: { status: 'withdrawn', removedAt: later(5 * day).toISOString(), lastEvent: { action: 'deleted' } } });
    if (result.ok) expect(result.effects).toEqual([{ type: 'project' }, { type: 'cancelTimer', timer: 'cleanup' }, { type: 'erasePersonalData' }]);
  });

  it('tells a coordinator of another authority and a client posing as the timer that they may not act', () => {
    expect(transition(aSent(), { type: 'withdraw' }, otherCoordinator, now)).toEqual({ ok: false, rejection: { code: 'NotAllowed', message: 'Only a coordinator of the inviting authority may do this.' } });
    expect(transition(aSubmitted(), { type: 'dispatch' }, coordinator, now)).toEqual({ ok: false, rejection: { code: 'NotAllowed', message: 'Only the invitation’s timers may do this.' } });
    expect(transition(aBlocked(), { type: 'release' }, coordinator, now)).toEqual({ ok: false, rejection: { code: 'NotAllowed', message: 'Only the helpdesk may do this.' } });
  });
});
