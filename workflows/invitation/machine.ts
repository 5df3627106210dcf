import { DateTime } from 'luxon';
import type { InvitationPolicy } from '../../schema/invitationPolicy';
import { reject, type Actor, type TransitionResult } from '../actor';
import { dispatchTimeFor, type BusinessCalendar } from './businessCalendar';

/**
 * An invitation to an authority to register itself (domain.md §4, IMI manual 9.1.2–9.1.3), as a
 * pure state machine: no Temporal import, `now` is an argument, durations come from the policy.
 *
 *   draft ─submit─► submitted ─dispatch(timer)─► sent-awaiting-registration ─registerWithCode─►
 *   registered-awaiting-validation ─validate─► authority-validated ─cleanup(timer, 3 months)─► removed
 *                                  └rejectValidation─► validation-rejected ─cleanup(6 months)─► removed
 *   side states: submit ─► rejected (reason; edit + resubmit) | blocked (≥100 a day; helpdesk
 *   release ─► submitted, sent at once; helpdesk cancel ─► draft); sent ─expire(timer, 30 days)─►
 *   expired (resubmit); sent | expired ─withdraw─► withdrawn ─cleanup(3 months)─► removed;
 *   draft | rejected | withdrawn ─delete─► removed.
 *
 * "Removed" is not a status: `removedAt` is set on the last status (the list hides the row, the
 * personal data is erased) and the workflow ends. The registration code is a secret and never
 * here: the email activity generates it and stores only its hash; the workflow knows when it was
 * issued and when it expires. No personal data: ids, country, area and workflow codes only.
 */
export const invitationStatuses = [
  'draft',
  'submitted',
  'rejected',
  'blocked',
  'sent-awaiting-registration',
  'registered-awaiting-validation',
  'authority-validated',
  'validation-rejected',
  'expired',
  'withdrawn',
] as const;
export type InvitationStatus = (typeof invitationStatuses)[number];

/** Why a submission was rejected (manual 9.1.3.3 "Opfordring afvist"). */
export type SubmissionRejectionReason = 'email-invalid' | 'email-already-registered' | 'already-invited' | 'no-workflow-chosen';

/** Facts only the API can know (they need the email address, which never enters the workflow). */
export interface SubmissionFacts {
  emailValid: boolean;
  /** The address belongs to a user of a registered authority. */
  emailAlreadyRegistered: boolean;
  /** Another live invitation has the same address. */
  alreadyInvited: boolean;
  /** How many invitations this coordinator submitted earlier the same (local) day, not counting this one. */
  submittedTodayByCoordinator: number;
}

export type InvitationTimer = 'dispatch' | 'reminder' | 'expiry' | 'cleanup';

export interface InvitationRules {
  policy: InvitationPolicy;
  /** The coordinator's country's zone and holidays; decides the dispatch time. */
  calendar: BusinessCalendar;
}

export interface InvitationState {
  invitationId: string;
  /** The authority of the inviting coordinator; its coordinators may act on the invitation. */
  coordinatorAuthorityId: string;
  countryCode: string;
  /** Legislation area and workflow codes the invited authority will get. */
  areas: string[];
  workflows: string[];
  status: InvitationStatus;
  /** Increases with every transition; the projection keeps only the highest. */
  version: number;
  /** The user (id) who submitted it last; the "please validate" email goes to them. */
  senderUserId: string | null;
  createdAt: string;
  submittedAt: string | null;
  dispatchAt: string | null;
  sentAt: string | null;
  codeIssuedAt: string | null;
  codeExpiresAt: string | null;
  remindedAt: string | null;
  registeredAt: string | null;
  /** The authority created by self-registration (an id; its data lives in PostgreSQL). */
  registeredAuthorityId: string | null;
  validatedAt: string | null;
  /** When it left the active lifecycle: validated, validation rejected or withdrawn. */
  closedAt: string | null;
  /** When the clean-up timer removes it from the list. */
  removeAt: string | null;
  /** Set when removed (by the clean-up timer or by hand): final, the workflow ends. */
  removedAt: string | null;
  rejectionReason: SubmissionRejectionReason | null;
  rules: InvitationRules;
  /** The event of the last transition, for the audit trail. */
  lastEvent: InvitationEvent;
}

export interface InvitationEvent {
  action:
    | 'created'
    | 'edited'
    | 'submitted'
    | 'submission-rejected'
    | 'blocked'
    | 'released'
    | 'cancelled'
    | 'sent'
    | 'reminded'
    | 'expired'
    | 'registered'
    | 'validated'
    | 'validation-rejected'
    | 'withdrawn'
    | 'deleted'
    | 'removed';
  actor: string;
  reason: string | null;
  at: string;
}

export type InvitationCommand =
  | { type: 'edit'; areas?: string[]; workflows?: string[] }
  | { type: 'submit'; facts: SubmissionFacts }
  | { type: 'release' }
  | { type: 'cancel'; reason?: string }
  | { type: 'dispatch' }
  | { type: 'codeExpiryReminder' }
  | { type: 'expire' }
  | { type: 'registerWithCode'; registeredAuthorityId: string }
  | { type: 'validate' }
  | { type: 'rejectValidation'; reason?: string }
  | { type: 'withdraw'; reason?: string }
  | { type: 'delete' }
  | { type: 'cleanup' };
export type InvitationCommandType = InvitationCommand['type'];

export type InvitationEmailEffect = 'sendInvitationEmail' | 'sendReminderEmail' | 'notifyCoordinator' | 'sendConfirmationToAuthority' | 'sendLoginInstructions';

export type InvitationEffect =
  | { type: 'project' }
  | { type: InvitationEmailEffect }
  | { type: 'erasePersonalData' }
  | { type: 'startTimer'; timer: InvitationTimer; at: string }
  | { type: 'cancelTimer'; timer: InvitationTimer };

/** Role names as the API puts them into `Actor.roles`. */
export const coordinatorRole = 'data-administrator';
export const helpdeskRole = 'system-admin';
export const registrantRole = 'registrant';

/** The anonymous person registering with a code (captcha and code hash checked by the API). */
export const registrantActor = (sessionId: string): Actor => ({ kind: 'user', id: `registrant:${sessionId}`, roles: [registrantRole] });

/**
 * Who the actor is for this invitation: a coordinator of the inviting authority, the helpdesk,
 * the system's timers, the anonymous registrant, or anyone else (who may do nothing).
 */
export type InvitationRole = 'coordinator' | 'helpdesk' | 'timer' | 'registrant' | 'other';

export function invitationRoleOf(actor: Actor, state: Pick<InvitationState, 'coordinatorAuthorityId'>): InvitationRole {
  if (actor.kind === 'system') return 'timer';
  if (actor.kind === 'operator' || actor.roles?.includes(helpdeskRole)) return 'helpdesk';
  if (actor.roles?.includes(registrantRole)) return 'registrant';
  if (actor.roles?.includes(coordinatorRole) && actor.authorityId === state.coordinatorAuthorityId) return 'coordinator';
  return 'other';
}

/** Who may send each command, and from which statuses. */
export const commandRules: Record<InvitationCommandType, { role: Exclude<InvitationRole, 'other'>; from: readonly InvitationStatus[] }> = {
  edit: { role: 'coordinator', from: ['draft', 'rejected', 'expired'] },
  submit: { role: 'coordinator', from: ['draft', 'rejected', 'expired'] },
  release: { role: 'helpdesk', from: ['blocked'] },
  cancel: { role: 'helpdesk', from: ['submitted', 'blocked'] },
  dispatch: { role: 'timer', from: ['submitted'] },
  codeExpiryReminder: { role: 'timer', from: ['sent-awaiting-registration'] },
  expire: { role: 'timer', from: ['sent-awaiting-registration'] },
  registerWithCode: { role: 'registrant', from: ['sent-awaiting-registration'] },
  validate: { role: 'coordinator', from: ['registered-awaiting-validation'] },
  rejectValidation: { role: 'coordinator', from: ['registered-awaiting-validation'] },
  withdraw: { role: 'coordinator', from: ['sent-awaiting-registration', 'expired'] },
  delete: { role: 'coordinator', from: ['draft', 'rejected', 'withdrawn'] },
  cleanup: { role: 'timer', from: ['authority-validated', 'validation-rejected', 'withdrawn'] },
};

export const isFinal = (s: Pick<InvitationState, 'removedAt'>) => s.removedAt !== null;

/** Why self-registration with a code cannot proceed, or null when it can (manual 3.1.2). */
export type RegistrationRefusal = 'code-expired' | 'invitation-withdrawn' | 'already-registered' | 'not-sent' | 'deleted';

export function registrationRefusal(state: InvitationState, now: Date): RegistrationRefusal | null {
  if (isFinal(state)) return 'deleted';
  switch (state.status) {
    case 'sent-awaiting-registration':
      return state.codeExpiresAt && now.getTime() >= Date.parse(state.codeExpiresAt) ? 'code-expired' : null;
    case 'expired':
      return 'code-expired';
    case 'withdrawn':
      return 'invitation-withdrawn';
    case 'registered-awaiting-validation':
    case 'authority-validated':
    case 'validation-rejected':
      return 'already-registered';
    default:
      return 'not-sent';
  }
}

const registrationRefusalMessages: Record<RegistrationRefusal, [code: 'PeriodOver' | 'WrongState', message: string]> = {
  'code-expired': ['PeriodOver', 'The registration code has expired.'],
  'invitation-withdrawn': ['WrongState', 'The invitation was withdrawn.'],
  'already-registered': ['WrongState', 'The authority is already registered.'],
  'not-sent': ['WrongState', 'The invitation has not been sent: there is no valid registration code.'],
  deleted: ['WrongState', 'The invitation was deleted.'],
};

export interface NewInvitation {
  invitationId: string;
  coordinatorAuthorityId: string;
  countryCode: string;
  areas: string[];
  workflows: string[];
  rules: InvitationRules;
}

export function createInvitation(input: NewInvitation, actor: Actor, now: Date): { state: InvitationState; effects: InvitationEffect[] } {
  const at = now.toISOString();
  return {
    state: {
      invitationId: input.invitationId,
      coordinatorAuthorityId: input.coordinatorAuthorityId,
      countryCode: input.countryCode,
      areas: codes(input.areas),
      workflows: codes(input.workflows),
      status: 'draft',
      version: 1,
      senderUserId: null,
      createdAt: at,
      submittedAt: null,
      dispatchAt: null,
      sentAt: null,
      codeIssuedAt: null,
      codeExpiresAt: null,
      remindedAt: null,
      registeredAt: null,
      registeredAuthorityId: null,
      validatedAt: null,
      closedAt: null,
      removeAt: null,
      removedAt: null,
      rejectionReason: null,
      rules: input.rules,
      lastEvent: { action: 'created', actor: actorLabel(actor), reason: null, at },
    },
    effects: [{ type: 'project' }],
  };
}

const day = 86_400_000;

export function transition(
  state: InvitationState,
  command: InvitationCommand,
  actor: Actor,
  now: Date,
): TransitionResult<InvitationState, InvitationEffect> {
  const at = now.toISOString();
  const { policy, calendar } = state.rules;
  const next = (patch: Partial<InvitationState>, action: InvitationEvent['action'], reason: string | null = null): InvitationState => ({
    ...state,
    ...patch,
    version: state.version + 1,
    lastEvent: { action, actor: actorLabel(actor), reason, at },
  });
  const ok = (s: InvitationState, effects: InvitationEffect[]) => ({ ok: true as const, state: s, effects });

  if (isFinal(state)) return reject('WrongState', 'The invitation was deleted.');
  const rule = commandRules[command.type];
  const role = invitationRoleOf(actor, state);
  if (role !== rule.role) return reject('NotAllowed', notAllowedMessage[rule.role]);
  if (command.type === 'registerWithCode') {
    const refusal = registrationRefusal(state, now);
    if (refusal) return reject(...registrationRefusalMessages[refusal]);
  }
  if (!rule.from.includes(state.status)) {
    return reject('WrongState', `The invitation is ${state.status}; ${command.type} needs it to be ${rule.from.join(' or ')}.`);
  }

  switch (command.type) {
    case 'edit': {
      const areas = command.areas === undefined ? state.areas : codes(command.areas);
      const workflows = command.workflows === undefined ? state.workflows : codes(command.workflows);
      if ([...areas, ...workflows].some((c) => !/^[a-z0-9][a-z0-9:-]{0,79}$/.test(c))) {
        return reject('Invalid', 'Area and workflow codes are lower-case letters, digits, dashes and colons.');
      }
      return ok(next({ areas, workflows }, 'edited'), [{ type: 'project' }]);
    }
    case 'submit': {
      const facts = command.facts;
      if (!Number.isInteger(facts.submittedTodayByCoordinator) || facts.submittedTodayByCoordinator < 0) {
        return reject('Invalid', 'submittedTodayByCoordinator must be a count.');
      }
      const fresh = { submittedAt: at, senderUserId: actor.id, sentAt: null, codeIssuedAt: null, codeExpiresAt: null, remindedAt: null, dispatchAt: null, rejectionReason: null };
      const reason: SubmissionRejectionReason | null = !facts.emailValid
        ? 'email-invalid'
        : facts.emailAlreadyRegistered
          ? 'email-already-registered'
          : facts.alreadyInvited
            ? 'already-invited'
            : state.workflows.length === 0
              ? 'no-workflow-chosen'
              : null;
      if (reason) return ok(next({ ...fresh, status: 'rejected', rejectionReason: reason }, 'submission-rejected', reason), [{ type: 'project' }]);
      // "100 or more the same day are blocked": the one that makes it 100 is blocked, and every later one.
      if (facts.submittedTodayByCoordinator + 1 >= policy.dailyBlockThreshold) {
        return ok(next({ ...fresh, status: 'blocked' }, 'blocked', `${facts.submittedTodayByCoordinator + 1} submitted today`), [{ type: 'project' }]);
      }
      const dispatchAt = dispatchTimeFor(now, calendar.zone, calendar.holidays).toISOString();
      return ok(next({ ...fresh, status: 'submitted', dispatchAt }, 'submitted'), [{ type: 'project' }, { type: 'startTimer', timer: 'dispatch', at: dispatchAt }]);
    }
    case 'release':
      // Released after the coordinator confirmed: sent within the same day, i.e. now.
      return ok(next({ status: 'submitted', dispatchAt: at }, 'released'), [{ type: 'project' }, { type: 'startTimer', timer: 'dispatch', at }]);
    case 'cancel':
      // Nothing was sent: back to the coordinator's drafts (to edit, resubmit or delete).
      return ok(next({ status: 'draft', dispatchAt: null }, 'cancelled', command.reason?.trim() || null), [{ type: 'project' }, { type: 'cancelTimer', timer: 'dispatch' }]);
    case 'dispatch': {
      const codeExpiresAt = new Date(now.getTime() + policy.codeValidDays * day).toISOString();
      const remindAt = new Date(Date.parse(codeExpiresAt) - policy.reminderDaysBeforeExpiry * day).toISOString();
      return ok(next({ status: 'sent-awaiting-registration', sentAt: at, codeIssuedAt: at, codeExpiresAt, remindedAt: null }, 'sent'), [
        { type: 'project' },
        { type: 'sendInvitationEmail' },
        ...(policy.reminderDaysBeforeExpiry > 0 ? [{ type: 'startTimer' as const, timer: 'reminder' as const, at: remindAt }] : []),
        { type: 'startTimer', timer: 'expiry', at: codeExpiresAt },
      ]);
    }
    case 'codeExpiryReminder':
      if (state.remindedAt) return reject('WrongState', 'The reminder was sent already.');
      return ok(next({ remindedAt: at }, 'reminded'), [{ type: 'project' }, { type: 'sendReminderEmail' }]);
    case 'expire':
      return ok(next({ status: 'expired' }, 'expired'), [{ type: 'project' }, { type: 'cancelTimer', timer: 'reminder' }]);
    case 'registerWithCode': {
      const id = command.registeredAuthorityId?.trim() ?? '';
      if (!id) return reject('Invalid', 'The registered authority id is required.');
      return ok(next({ status: 'registered-awaiting-validation', registeredAt: at, registeredAuthorityId: id }, 'registered'), [
        { type: 'project' },
        { type: 'cancelTimer', timer: 'reminder' },
        { type: 'cancelTimer', timer: 'expiry' },
        { type: 'sendConfirmationToAuthority' },
        { type: 'notifyCoordinator' },
      ]);
    }
    case 'validate': {
      const removeAt = plusMonths(now, policy.keepValidatedMonths, calendar.zone);
      return ok(next({ status: 'authority-validated', validatedAt: at, closedAt: at, removeAt }, 'validated'), [
        { type: 'project' },
        { type: 'sendLoginInstructions' },
        { type: 'startTimer', timer: 'cleanup', at: removeAt },
      ]);
    }
    case 'rejectValidation': {
      const removeAt = plusMonths(now, policy.deleteRejectedMonths, calendar.zone);
      return ok(next({ status: 'validation-rejected', closedAt: at, removeAt }, 'validation-rejected', command.reason?.trim() || null), [
        { type: 'project' },
        { type: 'startTimer', timer: 'cleanup', at: removeAt },
      ]);
    }
    case 'withdraw': {
      const removeAt = plusMonths(now, policy.keepWithdrawnMonths, calendar.zone);
      return ok(next({ status: 'withdrawn', closedAt: at, removeAt }, 'withdrawn', command.reason?.trim() || null), [
        { type: 'project' },
        { type: 'cancelTimer', timer: 'reminder' },
        { type: 'cancelTimer', timer: 'expiry' },
        { type: 'startTimer', timer: 'cleanup', at: removeAt },
      ]);
    }
    case 'delete':
      return ok(next({ removedAt: at }, 'deleted'), [{ type: 'project' }, { type: 'cancelTimer', timer: 'cleanup' }, { type: 'erasePersonalData' }]);
    case 'cleanup':
      return ok(next({ removedAt: at }, 'removed'), [{ type: 'project' }, { type: 'erasePersonalData' }]);
  }
}

const notAllowedMessage: Record<Exclude<InvitationRole, 'other'>, string> = {
  coordinator: 'Only a coordinator of the inviting authority may do this.',
  helpdesk: 'Only the helpdesk may do this.',
  timer: 'Only the invitation’s timers may do this.',
  registrant: 'Only the invited authority, registering with its code, may do this.',
};

/** Calendar months in the country's zone (a month is not 30 days; local time of day is kept). */
function plusMonths(now: Date, months: number, zone: string): string {
  return DateTime.fromJSDate(now, { zone }).plus({ months }).toJSDate().toISOString();
}

function codes(list: readonly string[]): string[] {
  return [...new Set(list.map((c) => c.trim()).filter(Boolean))];
}

function actorLabel(actor: Actor): string {
  return actor.kind === 'system' ? 'system' : `${actor.kind}:${actor.id}`;
}
