import { DateTime } from 'luxon';
import type { RequestPolicy } from '../../schema/requestPolicy';
import { reject, type Actor, type TransitionResult } from '../actor';
import { giveOpinion, keepPosition, refer } from './referral';
import type { PendingAction, RequestActionRole, RequestSnapshot, RequestStatus } from './snapshot';

/**
 * An information request (domain.md §5, §8; IMI manual ch. 5 and 7) as a pure state machine: no
 * Temporal import, `now` is an argument, durations come from the policy, facts about flags are
 * resolved by the API (from PostgreSQL) and passed in with each command.
 *
 *   draft ─send─► [request-pending-approval ─approve─►] awaiting-acceptance ─accept─► accepted
 *   ─answer─► [answer-pending-approval ─approve─►] answered ─close─► closed
 *   refusals of approval go to request/answer-approval-refused (edit, send/answer again);
 *   awaiting-acceptance ─reject─► rejected; forward (also after acceptance) ─► awaiting-acceptance
 *   at the new responder; split moves questions into a new request (a new workflow).
 *   answered ─requestAdditionalInfo─► additional-info-requested ─accept─► additional-info-accepted
 *   ─answer─► answered | ─refuse─► additional-info-refused ─close | refer─► referral (referral.ts).
 *   Derogations (ch. 7): a notification of measures goes to measures-waiting-period (15 days, or
 *   until a Commission decision) before the establishment country receives it.
 *
 * Ids, codes, dates and counts only: texts (reasons, remarks, messages, answers) live in PostgreSQL,
 * written by the API before it calls the update; commands carry their ids where useful.
 */

export type RequestParty = 'requester' | 'responder' | 'requester-coordinator' | 'responder-coordinator';

/** Question sets of the individual-derogation procedure (Services, ch. 7). */
export const derogationRequestSet = 'services-derogation-request';
export const notificationOfMeasuresSet = 'services-derogation-notification';

/** Role names as the API puts them into `Actor.roles` (schema/authority.ts userRoles). */
export const requestUserRoles = {
  caseHandler: 'case-handler',
  allocator: 'allocator',
  referralHandler: 'referral-handler',
  observer: 'request-observer',
  helpdesk: 'system-admin',
} as const;

export interface RequestRules {
  policy: RequestPolicy;
  /** The requesting side uses allocation (authority or coordinator flag "uses allocation"). */
  requesterUsesAllocation: boolean;
}

export type ReferralScenario = 1 | 2 | 3 | 4;
export type CommissionDecision = 'measures-may-apply' | 'measures-stopped';

/** The snapshot plus what only the machine needs. */
export interface RequestState extends RequestSnapshot {
  rules: RequestRules;
  /** The current responder routes new requests to its allocators (facts at send/forward). */
  responderUsesAllocation: boolean;
  /** Which §5 referral scenario applies to the current referral, and whether scenario 4's one extra ask was used. */
  referralScenario: ReferralScenario | null;
  askedOnceMore: boolean;
  /** The event of the last transition, for the audit trail. */
  lastEvent: RequestEvent;
}

export type RequestEventAction =
  | 'created'
  | 'edited'
  | 'handlers-assigned'
  | 'sent'
  | 'request-approved'
  | 'request-approval-refused'
  | 'deadline-proposed'
  | 'deadline-changed'
  | 'accepted'
  | 'coordinator-changed'
  | 'rejected'
  | 'forwarded'
  | 'split'
  | 'message'
  | 'answered'
  | 'answer-approved'
  | 'answer-approval-refused'
  | 'closed'
  | 'additional-info-requested'
  | 'additional-info-accepted'
  | 'additional-info-refused'
  | 'referred'
  | 'opinion-given'
  | 'more-provided'
  | 'position-kept'
  | 'commission-decision'
  | 'measures-may-apply'
  | 'overdue'
  | 'reminded';

export interface RequestEvent {
  action: RequestEventAction;
  actor: string;
  /** Id of the text (reason, remarks, message) the API stored in PostgreSQL, if any. */
  textId: string | null;
  at: string;
}

/** The requesting side's flags at send time (CA flag 1 and its coordinator's flag 2), plus derogation facts. */
export interface SendFacts {
  approvalRequired: boolean;
  coordinatorApprovesRequests: boolean;
  /** The responder (authority or its coordinator) uses allocation. */
  responderUsesAllocation: boolean;
  /** Notification of measures, non-urgent: the cited request exists and is a derogation request between the same countries. */
  citedRequestValid?: boolean;
}
export interface AnswerFacts {
  approvalRequired: boolean;
  coordinatorApprovesAnswers: boolean;
}
export interface AcceptFacts {
  /** The responder's linked request coordinators in this area. */
  linkedCoordinatorIds: string[];
  /** CA flag 3 "may accept requests from other countries" (default YES); only checked on acceptance. */
  mayAcceptFromOtherCountries?: boolean;
}
export interface RejectFacts {
  /** CA flag 2 "may reject requests on behalf of its country". */
  mayRejectForCountry: boolean;
  /** The responding authority is itself a request coordinator. */
  responderIsCoordinator: boolean;
}
export interface ForwardFacts {
  /** The target is an active authority with request access in the area (CA or coordinator). */
  targetIsRequestAuthority: boolean;
  targetUsesAllocation: boolean;
}
export interface ReferralFacts {
  requesterCoordinatorTakesPart: boolean;
  responderCoordinatorTakesPart: boolean;
}

export type RequestCommand =
  | {
      type: 'editDraft';
      questionSet?: string;
      questionIds?: string[];
      deadline?: string | null;
      respondingAuthorityId?: string;
      respondingCountry?: string;
      relatedRequestNumber?: string | null;
      urgent?: boolean;
    }
  | { type: 'assignHandlers'; party: RequestParty; userIds: string[] }
  | { type: 'send'; facts: SendFacts }
  | { type: 'approveRequest' }
  | { type: 'refuseRequest'; remarksId: string }
  | { type: 'proposeDeadline'; deadline: string }
  | { type: 'acceptProposedDeadline' }
  | { type: 'accept'; responderCoordinatorId: string | null; facts: AcceptFacts }
  | { type: 'changeResponderCoordinator'; responderCoordinatorId: string; facts: AcceptFacts }
  | { type: 'reject'; reasonId: string; facts: RejectFacts }
  | { type: 'forward'; toAuthorityId: string; toCountry: string; reasonId: string; facts: ForwardFacts }
  | { type: 'split'; newRequestId: string; newNumber: string; toAuthorityId: string; toCountry: string; questionIds: string[]; reasonId: string; facts: ForwardFacts }
  | { type: 'sendMessage'; messageId: string }
  | { type: 'answer'; facts: AnswerFacts }
  | { type: 'approveAnswer' }
  | { type: 'refuseAnswer'; remarksId: string }
  | { type: 'close' }
  | { type: 'requestAdditionalInfo'; reasonId: string }
  | { type: 'acceptAdditionalInfo' }
  | { type: 'refuseAdditionalInfo'; reasonId: string }
  | { type: 'refer'; facts: ReferralFacts }
  | { type: 'giveOpinion'; agrees: boolean; remarksId: string | null }
  | { type: 'provideMore' }
  | { type: 'keepPosition'; reasonId: string | null }
  | { type: 'commissionDecision'; decision: CommissionDecision }
  | { type: 'deadlineOverdue' }
  | { type: 'closeReminder' }
  | { type: 'derogationWaitOver' };
export type RequestCommandType = RequestCommand['type'];

/** What each email is about; the email activity resolves recipients of the party from PostgreSQL (5.3.9.3). */
export type RequestNotificationKind =
  | 'request-received'
  | 'approval-needed'
  | 'request-approval-refused'
  | 'allocated'
  | 'deadline-proposed'
  | 'deadline-changed'
  | 'request-accepted'
  | 'request-rejected'
  | 'request-forwarded'
  | 'request-split'
  | 'message'
  | 'answer-received'
  | 'answer-approval-refused'
  | 'request-closed'
  | 'additional-info-requested'
  | 'additional-info-accepted'
  | 'additional-info-refused'
  | 'referral'
  | 'opinion-given'
  | 'reconsideration-requested'
  | 'measures-notified'
  | 'measures-may-apply'
  | 'measures-stopped'
  | 'deadline-overdue'
  | 'close-reminder';

export type RequestTimer = 'deadline' | 'closeReminder' | 'derogationWait';

/** Input for a RequestWorkflow started by a split (the new request is received at once). */
export interface NewRequest {
  requestId: string;
  number: string;
  legislationArea: string;
  questionSet: string;
  questionIds: string[];
  requestingAuthorityId: string;
  requestingCountry: string;
  respondingAuthorityId: string;
  respondingCountry: string;
  requesterCoordinatorId: string | null;
  deadline: string | null;
  relatedRequestNumber: string | null;
  urgent: boolean;
  rules: RequestRules;
  /** Set for a request made by a split: it starts received (awaiting-acceptance) at the new responder. */
  splitFrom: { requestId: string; requesterHandlerIds: string[]; responderUsesAllocation: boolean } | null;
}

export type RequestEffect =
  | { type: 'project' }
  | { type: 'notify'; kind: RequestNotificationKind; party: RequestParty }
  | { type: 'discardDraftAnswers'; respondingAuthorityId: string }
  | { type: 'startSplitRequest'; request: NewRequest; questionIds: string[] }
  | { type: 'startRetention'; blockAfterMs: number | null; eraseAfterMs: number }
  | { type: 'startTimer'; timer: RequestTimer; at: string }
  | { type: 'cancelTimer'; timer: RequestTimer };

/** The commands only timers send. */
export const timerCommandTypes = ['deadlineOverdue', 'closeReminder', 'derogationWaitOver'] as const satisfies readonly RequestCommandType[];

export const finalStatuses: readonly RequestStatus[] = ['closed', 'rejected'];
export const isFinal = (s: Pick<RequestSnapshot, 'status'>) => finalStatuses.includes(s.status);

/** Statuses in which the responder is working towards an answer: the deadline can run over. */
const awaitingAnswer: readonly RequestStatus[] = [
  'awaiting-acceptance',
  'accepted',
  'answer-pending-approval',
  'answer-approval-refused',
  'additional-info-requested',
  'additional-info-accepted',
  'reconsideration-requested',
];
/** Sent and not final: both sides talk through messages (before and after answering). */
const exchanging: readonly RequestStatus[] = [
  ...awaitingAnswer,
  'answered',
  'additional-info-refused',
  'referred-to-requester-coordinator',
  'referred-to-responder-coordinator',
  'measures-waiting-period',
];
/** The responder has accepted and has not answered (yet again): it may still forward, deleting its draft answer. */
const acceptedNotAnswered: readonly RequestStatus[] = ['accepted', 'answer-approval-refused', 'additional-info-accepted'];

/** Which side, which user role and which statuses each user command needs. */
export const commandRules: Record<Exclude<RequestCommandType, (typeof timerCommandTypes)[number] | 'assignHandlers' | 'commissionDecision' | 'sendMessage' | 'giveOpinion'>, { party: RequestParty; role: RequestActionRole; from: readonly RequestStatus[] }> = {
  editDraft: { party: 'requester', role: 'case-handler', from: ['draft', 'request-approval-refused'] },
  send: { party: 'requester', role: 'case-handler', from: ['draft', 'request-approval-refused'] },
  approveRequest: { party: 'requester-coordinator', role: 'referral-handler', from: ['request-pending-approval'] },
  refuseRequest: { party: 'requester-coordinator', role: 'referral-handler', from: ['request-pending-approval'] },
  proposeDeadline: { party: 'responder', role: 'case-handler', from: ['awaiting-acceptance', 'accepted', 'additional-info-accepted'] },
  acceptProposedDeadline: { party: 'requester', role: 'case-handler', from: awaitingAnswer },
  accept: { party: 'responder', role: 'case-handler', from: ['awaiting-acceptance'] },
  changeResponderCoordinator: { party: 'responder', role: 'case-handler', from: exchanging.filter((s) => s !== 'awaiting-acceptance' && s !== 'measures-waiting-period') },
  reject: { party: 'responder', role: 'case-handler', from: ['awaiting-acceptance'] },
  forward: { party: 'responder', role: 'case-handler', from: ['awaiting-acceptance', ...acceptedNotAnswered] },
  split: { party: 'responder', role: 'case-handler', from: ['awaiting-acceptance', ...acceptedNotAnswered] },
  answer: { party: 'responder', role: 'case-handler', from: acceptedNotAnswered },
  approveAnswer: { party: 'responder-coordinator', role: 'referral-handler', from: ['answer-pending-approval'] },
  refuseAnswer: { party: 'responder-coordinator', role: 'referral-handler', from: ['answer-pending-approval'] },
  close: { party: 'requester', role: 'case-handler', from: ['answered', 'additional-info-refused'] },
  requestAdditionalInfo: { party: 'requester', role: 'case-handler', from: ['answered'] },
  acceptAdditionalInfo: { party: 'responder', role: 'case-handler', from: ['additional-info-requested'] },
  refuseAdditionalInfo: { party: 'responder', role: 'case-handler', from: ['additional-info-requested'] },
  refer: { party: 'requester', role: 'case-handler', from: ['additional-info-refused'] },
  provideMore: { party: 'responder', role: 'case-handler', from: ['reconsideration-requested'] },
  keepPosition: { party: 'responder', role: 'case-handler', from: ['reconsideration-requested'] },
};
/** Allocators may assign handlers at any stage (5.3.5); on the requesting side only while a draft. */
const assignFrom: Record<RequestParty, readonly RequestStatus[]> = {
  requester: ['draft', 'request-approval-refused'],
  responder: exchanging,
  'requester-coordinator': ['request-pending-approval', 'referred-to-requester-coordinator'],
  'responder-coordinator': ['answer-pending-approval', 'referred-to-responder-coordinator'],
};

// ───────────────────────────── who is the actor ─────────────────────────────

export type RequestRole = 'timer' | 'helpdesk' | { party: RequestParty; roles: string[] } | 'other';

/** The authority of each party (null when the party has no coordinator yet). */
export function partyAuthority(state: RequestSnapshot, party: RequestParty): string | null {
  switch (party) {
    case 'requester':
      return state.requestingAuthorityId;
    case 'responder':
      return state.respondingAuthorityId;
    case 'requester-coordinator':
      return state.requesterCoordinatorId;
    case 'responder-coordinator':
      return state.responderCoordinatorId;
  }
}

/** Users assigned to act for a party; empty: not allocated (anyone with the role acts). */
export function assignedUsers(state: RequestSnapshot, party: RequestParty): string[] {
  switch (party) {
    case 'requester':
      return state.requesterHandlerIds;
    case 'responder':
      return state.responderHandlerIds;
    case 'requester-coordinator':
      return state.requesterCoordinatorHandlerIds;
    case 'responder-coordinator':
      return state.responderCoordinatorHandlerIds;
  }
}

/**
 * Whether `actor` may act as `role` for `party`: a user of that party's authority holding the role
 * (observers, data administrators and ordinary users never act) and, for handlers, assigned when
 * the party allocated the case. Returns the refusal message, or null when allowed.
 */
export function mayActAs(state: RequestState, actor: Actor, party: RequestParty, role: RequestActionRole): string | null {
  const authorityId = partyAuthority(state, party);
  if (actor.kind !== 'user' || !authorityId || actor.authorityId !== authorityId) return `Only the ${party} may do this.`;
  if (!actor.roles?.includes(role)) return `Only a ${role} of the ${party} may do this.`;
  if (role === 'allocator') return null;
  const assigned = assignedUsers(state, party);
  if (assigned.length > 0 && !assigned.includes(actor.id)) return `Only the ${role}s assigned to this request may do this.`;
  // A responder that allocates: nobody handles the request before an allocator assigns someone.
  if (party === 'responder' && assigned.length === 0 && state.responderUsesAllocation) return 'The request must first be allocated to a case handler.';
  return null;
}

/** Which party an actor speaks for (messages, opinions): the first whose authority is theirs. */
export function partyOf(state: RequestSnapshot, actor: Actor, among: readonly RequestParty[]): RequestParty | null {
  if (actor.kind !== 'user') return null;
  return among.find((p) => partyAuthority(state, p) === actor.authorityId) ?? null;
}

// ───────────────────────────── creation ─────────────────────────────

export function createRequest(input: NewRequest, actor: Actor, now: Date): { state: RequestState; effects: RequestEffect[] } {
  const at = now.toISOString();
  const split = input.splitFrom;
  const base: RequestState = {
    requestId: input.requestId,
    number: input.number,
    legislationArea: input.legislationArea,
    questionSet: input.questionSet,
    questionIds: ids(input.questionIds),
    status: split ? 'awaiting-acceptance' : 'draft',
    version: 1,
    requestingAuthorityId: input.requestingAuthorityId,
    requestingCountry: input.requestingCountry,
    respondingAuthorityId: input.respondingAuthorityId,
    respondingCountry: input.respondingCountry,
    requesterCoordinatorId: input.requesterCoordinatorId,
    responderCoordinatorId: null,
    // The creator is the assigned case handler (5.3.5); a split keeps the original's.
    requesterHandlerIds: split ? split.requesterHandlerIds : actor.kind === 'user' ? [actor.id] : [],
    responderHandlerIds: [],
    requesterCoordinatorHandlerIds: [],
    responderCoordinatorHandlerIds: [],
    pendingActions: [],
    deadline: input.deadline,
    proposedDeadline: null,
    overdue: false,
    createdAt: at,
    sentAt: split ? at : null,
    acceptedAt: null,
    answeredAt: null,
    closedAt: null,
    splitFromRequestId: split ? split.requestId : null,
    relatedRequestNumber: input.relatedRequestNumber,
    urgent: input.urgent,
    closeRemindersSent: 0,
    measuresMayApplyAt: null,
    commissionDecision: null,
    rules: input.rules,
    responderUsesAllocation: split ? split.responderUsesAllocation : false,
    referralScenario: null,
    askedOnceMore: false,
    lastEvent: { action: 'created', actor: actorLabel(actor), textId: null, at },
  };
  const state = { ...base, pendingActions: pendingActionsOf(base) };
  const effects: RequestEffect[] = [{ type: 'project' }];
  if (split) effects.push(...receivedEffects(state, now));
  return { state, effects };
}

/**
 * A new request as the API opens it: created, and sent at once when `send` is given (the wizard's
 * last step). The API and the workflow both call this with the same inputs and instant, so both
 * reach the same snapshots; `snapshots` are the ones to project, in order, each with its event.
 * Throws when the send is refused: the API checks first, so in the workflow that means the two
 * were built from different code.
 */
export function openRequest(input: NewRequest, actor: Actor, now: Date, send?: SendFacts): { state: RequestState; effects: RequestEffect[]; projected: RequestState[] } {
  const created = createRequest(input, actor, now);
  if (!send) return { ...created, projected: [created.state] };
  const sent = transition(created.state, { type: 'send', facts: send }, actor, now);
  if (!sent.ok) throw new Error(`The request cannot be sent: ${sent.rejection.message}`);
  return { state: sent.state, effects: [...created.effects, ...sent.effects], projected: [created.state, sent.state] };
}

// ───────────────────────────── transitions ─────────────────────────────

export type Ok = { ok: true; state: RequestState; effects: RequestEffect[] };
export type Step = (patch: Partial<RequestState>, action: RequestEventAction, textId?: string | null) => RequestState;

export function transition(state: RequestState, command: RequestCommand, actor: Actor, now: Date): TransitionResult<RequestState, RequestEffect> {
  const at = now.toISOString();
  const next: Step = (patch, action, textId = null) => {
    const s: RequestState = { ...state, ...patch, version: state.version + 1, lastEvent: { action, actor: actorLabel(actor), textId, at } };
    return { ...s, pendingActions: pendingActionsOf(s) };
  };
  const ok = (s: RequestState, effects: RequestEffect[]): Ok => ({ ok: true, state: s, effects: [{ type: 'project' }, ...effects] });

  if (isFinal(state)) return reject('WrongState', `The request is ${state.status}.`);

  // Commands with their own permission rules.
  switch (command.type) {
    case 'deadlineOverdue':
    case 'closeReminder':
    case 'derogationWaitOver':
      if (actor.kind !== 'system') return reject('NotAllowed', 'Only the request’s timers may do this.');
      return timerTransition(state, command, now, next, ok);
    case 'commissionDecision': {
      if (!isHelpdesk(actor)) return reject('NotAllowed', 'Only the Commission (helpdesk) records its decision.');
      if (state.status !== 'measures-waiting-period') return reject('WrongState', `The request is ${state.status}; a Commission decision needs measures-waiting-period.`);
      if (command.decision === 'measures-may-apply') {
        return ok(next({ status: 'awaiting-acceptance', commissionDecision: command.decision, measuresMayApplyAt: at }, 'commission-decision'), [
          { type: 'cancelTimer', timer: 'derogationWait' },
          { type: 'notify', kind: 'measures-may-apply', party: 'requester' },
          ...receivedEffects(state, now),
        ]);
      }
      return closeWith(state, next({ status: 'closed', commissionDecision: command.decision, measuresMayApplyAt: null, closedAt: at }, 'commission-decision'), now, [
        { type: 'cancelTimer', timer: 'derogationWait' },
        { type: 'notify', kind: 'measures-stopped', party: 'requester' },
        { type: 'notify', kind: 'measures-stopped', party: 'responder' },
      ]);
    }
    case 'assignHandlers':
      return assignHandlers(state, command, actor, next, ok);
    case 'sendMessage': {
      const party = partyOf(state, actor, ['requester', 'responder']);
      if (!party) return reject('NotAllowed', 'Only the requester or the responder exchange messages.');
      const refusal = mayActAs(state, actor, party, 'case-handler');
      if (refusal) return reject('NotAllowed', refusal);
      if (!exchanging.includes(state.status)) return reject('WrongState', `The request is ${state.status}; messages need it sent and open.`);
      if (!command.messageId.trim()) return reject('Invalid', 'messageId is required.');
      return ok(next({}, 'message', command.messageId), [{ type: 'notify', kind: 'message', party: party === 'requester' ? 'responder' : 'requester' }]);
    }
    case 'giveOpinion':
      return giveOpinion(state, command, actor, now, next, ok);
  }

  const rule = commandRules[command.type];
  const refusal = mayActAs(state, actor, rule.party, rule.role);
  if (refusal) return reject('NotAllowed', refusal);
  if (!rule.from.includes(state.status)) return reject('WrongState', `The request is ${state.status}; ${command.type} needs it to be ${rule.from.join(' or ')}.`);

  switch (command.type) {
    case 'editDraft':
      return editDraft(state, command, next, ok);
    case 'send':
      return send(state, command.facts, now, next, ok);
    case 'approveRequest':
      return received(state, next({ sentAt: state.sentAt ?? at }, 'request-approved'), now, ok);
    case 'refuseRequest':
      if (!command.remarksId.trim()) return reject('Invalid', 'The coordinator’s remarks are required.');
      return ok(next({ status: 'request-approval-refused' }, 'request-approval-refused', command.remarksId), [{ type: 'notify', kind: 'request-approval-refused', party: 'requester' }]);
    case 'proposeDeadline': {
      if (!isDate(command.deadline)) return reject('Invalid', 'deadline must be a date (YYYY-MM-DD).');
      if (command.deadline < at.slice(0, 10)) return reject('Invalid', 'The proposed deadline is in the past.');
      return ok(next({ proposedDeadline: command.deadline }, 'deadline-proposed'), [{ type: 'notify', kind: 'deadline-proposed', party: 'requester' }]);
    }
    case 'acceptProposedDeadline': {
      if (!state.proposedDeadline) return reject('WrongState', 'The responder has not proposed a deadline.');
      const deadline = state.proposedDeadline;
      const overdue = now.getTime() >= deadlineInstant(deadline);
      return ok(next({ deadline, proposedDeadline: null, overdue }, 'deadline-changed'), [
        { type: 'notify', kind: 'deadline-changed', party: 'responder' },
        overdue ? { type: 'cancelTimer', timer: 'deadline' } : { type: 'startTimer', timer: 'deadline', at: new Date(deadlineInstant(deadline)).toISOString() },
      ]);
    }
    case 'accept': {
      if (command.facts.mayAcceptFromOtherCountries === false && state.requestingCountry !== state.respondingCountry) {
        return reject('NotAllowed', 'This authority may not accept requests from other countries: forward it within the country.');
      }
      const chosen = chooseCoordinator(command.responderCoordinatorId, command.facts);
      if (chosen !== null && typeof chosen === 'object') return chosen;
      return ok(next({ status: 'accepted', acceptedAt: at, responderCoordinatorId: chosen }, 'accepted'), [{ type: 'notify', kind: 'request-accepted', party: 'requester' }]);
    }
    case 'changeResponderCoordinator': {
      const chosen = chooseCoordinator(command.responderCoordinatorId, command.facts);
      if (chosen !== null && typeof chosen === 'object') return chosen;
      if (chosen === null) return reject('Invalid', 'Choose one of the linked request coordinators.');
      if (state.status === 'answer-pending-approval' || state.status === 'referred-to-responder-coordinator') {
        return reject('WrongState', 'The coordinator cannot change while it is approving or giving its opinion.');
      }
      return ok(next({ responderCoordinatorId: chosen, responderCoordinatorHandlerIds: [] }, 'coordinator-changed'), []);
    }
    case 'reject': {
      if (!command.facts.mayRejectForCountry && !command.facts.responderIsCoordinator) {
        return reject('NotAllowed', 'Only an authority allowed to reject on behalf of its country, or a coordinator, may reject a request.');
      }
      if (!command.reasonId.trim()) return reject('Invalid', 'A reason is required to reject a request.');
      return ok(next({ status: 'rejected', closedAt: at }, 'rejected', command.reasonId), [
        ...cancelAllTimers(),
        { type: 'notify', kind: 'request-rejected', party: 'requester' },
        retention(state, now),
      ]);
    }
    case 'forward':
      return forward(state, command, now, next, ok);
    case 'split':
      return split(state, command, next, ok);
    case 'answer': {
      if (command.facts.approvalRequired && command.facts.coordinatorApprovesAnswers) {
        if (!state.responderCoordinatorId) return reject('Invalid', 'The answer needs approval but no request coordinator was chosen.');
        return ok(next({ status: 'answer-pending-approval' }, 'answered'), [{ type: 'notify', kind: 'approval-needed', party: 'responder-coordinator' }]);
      }
      return answered(state, next({}, 'answered'), now, ok);
    }
    case 'approveAnswer':
      return answered(state, next({}, 'answer-approved'), now, ok);
    case 'refuseAnswer':
      if (!command.remarksId.trim()) return reject('Invalid', 'The coordinator’s remarks are required.');
      return ok(next({ status: 'answer-approval-refused' }, 'answer-approval-refused', command.remarksId), [{ type: 'notify', kind: 'answer-approval-refused', party: 'responder' }]);
    case 'close':
      return closeWith(state, next({ status: 'closed', closedAt: at }, 'closed'), now, [{ type: 'notify', kind: 'request-closed', party: 'responder' }]);
    case 'requestAdditionalInfo':
      if (!command.reasonId.trim()) return reject('Invalid', 'A reason is required.');
      return ok(next({ status: 'additional-info-requested' }, 'additional-info-requested', command.reasonId), [
        { type: 'cancelTimer', timer: 'closeReminder' },
        { type: 'notify', kind: 'additional-info-requested', party: 'responder' },
      ]);
    case 'acceptAdditionalInfo':
      return ok(next({ status: 'additional-info-accepted' }, 'additional-info-accepted'), [{ type: 'notify', kind: 'additional-info-accepted', party: 'requester' }]);
    case 'refuseAdditionalInfo':
      if (!command.reasonId.trim()) return reject('Invalid', 'A reason is required.');
      return ok(next({ status: 'additional-info-refused', closeRemindersSent: 0 }, 'additional-info-refused', command.reasonId), [
        { type: 'notify', kind: 'additional-info-refused', party: 'requester' },
        ...closeReminderStart(state.rules.policy, now),
      ]);
    case 'refer':
      return refer(state, command.facts, next, ok);
    case 'provideMore':
      return ok(next({ status: 'additional-info-accepted' }, 'more-provided'), [{ type: 'notify', kind: 'additional-info-accepted', party: 'requester' }]);
    case 'keepPosition':
      return keepPosition(state, command.reasonId, now, next, ok);
  }
}

// ───────────────────────────── requesting side ─────────────────────────────

function editDraft(state: RequestState, command: Extract<RequestCommand, { type: 'editDraft' }>, next: Step, ok: (s: RequestState, e: RequestEffect[]) => Ok) {
  const patch: Partial<RequestState> = {};
  if (command.questionSet !== undefined) {
    if (!/^[a-z0-9][a-z0-9-]{0,79}$/.test(command.questionSet)) return reject('Invalid', 'questionSet must be a question-set code.');
    patch.questionSet = command.questionSet;
  }
  if (command.questionIds !== undefined) {
    const qs = ids(command.questionIds);
    if (qs.length === 0) return reject('Invalid', 'A request has at least one question.');
    patch.questionIds = qs;
  }
  if (command.deadline !== undefined) {
    if (command.deadline !== null && !isDate(command.deadline)) return reject('Invalid', 'deadline must be a date (YYYY-MM-DD).');
    patch.deadline = command.deadline;
  }
  if (command.respondingAuthorityId !== undefined || command.respondingCountry !== undefined) {
    if (!command.respondingAuthorityId?.trim() || !/^[A-Z]{2}$/.test(command.respondingCountry ?? '')) return reject('Invalid', 'respondingAuthorityId and respondingCountry are given together.');
    if (command.respondingAuthorityId === state.requestingAuthorityId) return reject('Invalid', 'An authority cannot send a request to itself.');
    patch.respondingAuthorityId = command.respondingAuthorityId;
    patch.respondingCountry = command.respondingCountry;
  }
  if (command.relatedRequestNumber !== undefined) patch.relatedRequestNumber = command.relatedRequestNumber?.trim() || null;
  if (command.urgent !== undefined) patch.urgent = command.urgent;
  return ok(next(patch, 'edited'), []);
}

function send(state: RequestState, facts: SendFacts, now: Date, next: Step, ok: (s: RequestState, e: RequestEffect[]) => Ok) {
  if (state.questionIds.length === 0) return reject('Invalid', 'A request has at least one question.');
  if (state.questionSet === notificationOfMeasuresSet) {
    if (state.legislationArea !== 'services') return reject('Invalid', 'Notifications of measures exist only in the Services area.');
    // The normal procedure cites the earlier derogation request; the urgency procedure notifies directly (7.2).
    if (!state.urgent && (!state.relatedRequestNumber || !facts.citedRequestValid)) {
      return reject('Invalid', 'A notification of measures must cite the earlier derogation request’s number.');
    }
  }
  if (state.questionSet === derogationRequestSet && state.legislationArea !== 'services') return reject('Invalid', 'Derogation requests exist only in the Services area.');
  const base = { responderUsesAllocation: facts.responderUsesAllocation };
  if (facts.approvalRequired && facts.coordinatorApprovesRequests) {
    if (!state.requesterCoordinatorId) return reject('Invalid', 'The request needs approval but the authority has no request coordinator.');
    return ok(next({ ...base, status: 'request-pending-approval', requesterCoordinatorHandlerIds: [] }, 'sent'), [{ type: 'notify', kind: 'approval-needed', party: 'requester-coordinator' }]);
  }
  return received(state, next({ ...base, sentAt: now.toISOString() }, 'sent'), now, ok);
}

/**
 * The request reaches the responder: awaiting acceptance, or (notification of measures) first the
 * derogation wait. Starts the deadline timer.
 */
function received(state: RequestState, after: RequestState, now: Date, ok: (s: RequestState, e: RequestEffect[]) => Ok) {
  if (after.questionSet === notificationOfMeasuresSet) {
    const mayApply = new Date(now.getTime() + state.rules.policy.derogationWaitDays * day).toISOString();
    const s = withPending({ ...after, status: 'measures-waiting-period', sentAt: now.toISOString(), measuresMayApplyAt: mayApply });
    return ok(s, [
      { type: 'notify', kind: 'measures-notified', party: 'responder' },
      { type: 'startTimer', timer: 'derogationWait', at: mayApply },
    ]);
  }
  const s = withPending({ ...after, status: 'awaiting-acceptance', sentAt: now.toISOString() });
  return ok(s, receivedEffects(s, now));
}

/** Emails and deadline timer when a request arrives at a responder (allocators first when it allocates). */
function receivedEffects(state: RequestState, now: Date): RequestEffect[] {
  const effects: RequestEffect[] = [{ type: 'notify', kind: 'request-received', party: 'responder' }];
  // A deadline already past on arrival: the timer fires at once, so the request shows overdue too.
  if (state.deadline) effects.push({ type: 'startTimer', timer: 'deadline', at: new Date(Math.max(deadlineInstant(state.deadline), now.getTime())).toISOString() });
  return effects;
}

function assignHandlers(state: RequestState, command: Extract<RequestCommand, { type: 'assignHandlers' }>, actor: Actor, next: Step, ok: (s: RequestState, e: RequestEffect[]) => Ok) {
  const { party } = command;
  const refusal = mayActAs(state, actor, party, 'allocator');
  if (refusal) return reject('NotAllowed', refusal);
  if (!assignFrom[party].includes(state.status)) return reject('WrongState', `The request is ${state.status}; the ${party} allocates it only while ${assignFrom[party].join(' or ')}.`);
  const userIds = ids(command.userIds);
  // The API checks that the users belong to the authority and hold the case-handler
  // (or, at coordinators, referral-handler) role.
  if (userIds.length === 0) return reject('Invalid', 'Assign at least one user.');
  const field = ({ requester: 'requesterHandlerIds', responder: 'responderHandlerIds', 'requester-coordinator': 'requesterCoordinatorHandlerIds', 'responder-coordinator': 'responderCoordinatorHandlerIds' } as const)[party];
  return ok(next({ [field]: userIds }, 'handlers-assigned'), [{ type: 'notify', kind: 'allocated', party }]);
}

// ───────────────────────────── responding side ─────────────────────────────

function chooseCoordinator(chosen: string | null, facts: AcceptFacts): string | null | { ok: false; rejection: { code: 'Invalid'; message: string } } {
  const linked = ids(facts.linkedCoordinatorIds);
  if (chosen === null) {
    // One linked coordinator: it is the one; several: the responder must pick (5.3.3).
    if (linked.length === 1) return linked[0];
    if (linked.length === 0) return null;
    return reject('Invalid', 'Choose one of the linked request coordinators.') as { ok: false; rejection: { code: 'Invalid'; message: string } };
  }
  if (!linked.includes(chosen)) return reject('Invalid', 'The coordinator must be one of the authority’s linked request coordinators.') as { ok: false; rejection: { code: 'Invalid'; message: string } };
  return chosen;
}

function forward(state: RequestState, command: Extract<RequestCommand, { type: 'forward' }>, now: Date, next: Step, ok: (s: RequestState, e: RequestEffect[]) => Ok) {
  const target = checkTarget(state, command);
  if (target) return target;
  const wasAccepted = state.status !== 'awaiting-acceptance';
  const after = next(
    {
      respondingAuthorityId: command.toAuthorityId,
      respondingCountry: command.toCountry,
      responderCoordinatorId: null,
      responderHandlerIds: [],
      responderCoordinatorHandlerIds: [],
      responderUsesAllocation: command.facts.targetUsesAllocation,
      proposedDeadline: null,
      acceptedAt: null,
    },
    'forwarded',
    command.reasonId,
  );
  const effects: RequestEffect[] = [];
  // The previous responder loses all responsibility; its draft answer goes (5.3.3).
  if (wasAccepted) effects.push({ type: 'discardDraftAnswers', respondingAuthorityId: state.respondingAuthorityId });
  effects.push({ type: 'notify', kind: 'request-forwarded', party: 'requester' });
  const s = withPending({ ...after, status: 'awaiting-acceptance' });
  return ok(s, [...effects, ...receivedEffects(s, now).filter((e) => e.type === 'notify')]);
}

function split(state: RequestState, command: Extract<RequestCommand, { type: 'split' }>, next: Step, ok: (s: RequestState, e: RequestEffect[]) => Ok) {
  const target = checkTarget(state, command);
  if (target) return target;
  const moving = ids(command.questionIds);
  if (moving.length === 0) return reject('Invalid', 'Choose the questions to split off.');
  if (moving.some((q) => !state.questionIds.includes(q))) return reject('Invalid', 'Only questions of this request can be split off.');
  const keeping = state.questionIds.filter((q) => !moving.includes(q));
  if (keeping.length === 0) return reject('Invalid', 'A split cannot move every question: forward the request instead.');
  if (!command.newRequestId.trim() || !command.newNumber.trim()) return reject('Invalid', 'newRequestId and newNumber are required.');
  const request: NewRequest = {
    requestId: command.newRequestId,
    number: command.newNumber,
    legislationArea: state.legislationArea,
    questionSet: state.questionSet,
    questionIds: moving,
    requestingAuthorityId: state.requestingAuthorityId,
    requestingCountry: state.requestingCountry,
    respondingAuthorityId: command.toAuthorityId,
    respondingCountry: command.toCountry,
    requesterCoordinatorId: state.requesterCoordinatorId,
    deadline: state.deadline,
    relatedRequestNumber: state.number,
    urgent: state.urgent,
    rules: state.rules,
    splitFrom: { requestId: state.requestId, requesterHandlerIds: state.requesterHandlerIds, responderUsesAllocation: command.facts.targetUsesAllocation },
  };
  return ok(next({ questionIds: keeping }, 'split', command.reasonId), [
    { type: 'startSplitRequest', request, questionIds: moving },
    { type: 'notify', kind: 'request-split', party: 'requester' },
  ]);
}

/** Forward and split go to another authority of the responder's own country. */
function checkTarget(state: RequestState, command: { toAuthorityId: string; toCountry: string; reasonId: string; facts: ForwardFacts }) {
  if (!command.reasonId.trim()) return reject('Invalid', 'A reason is required.');
  if (command.toCountry !== state.respondingCountry) return reject('Invalid', 'Requests are forwarded only within the responder’s own country.');
  if (command.toAuthorityId === state.respondingAuthorityId || command.toAuthorityId === state.requestingAuthorityId) return reject('Invalid', 'Choose another authority.');
  if (!command.facts.targetIsRequestAuthority) return reject('Invalid', 'The target authority does not take part in requests in this area.');
  return null;
}

function answered(state: RequestState, after: RequestState, now: Date, ok: (s: RequestState, e: RequestEffect[]) => Ok) {
  const s = withPending({ ...after, status: 'answered', answeredAt: now.toISOString(), overdue: false, closeRemindersSent: 0, referralScenario: null });
  return ok(s, [{ type: 'cancelTimer', timer: 'deadline' }, { type: 'notify', kind: 'answer-received', party: 'requester' }, ...closeReminderStart(state.rules.policy, now)]);
}

// ───────────────────────────── timers ─────────────────────────────

function timerTransition(state: RequestState, command: Extract<RequestCommand, { type: (typeof timerCommandTypes)[number] }>, now: Date, next: Step, ok: (s: RequestState, e: RequestEffect[]) => Ok) {
  switch (command.type) {
    case 'deadlineOverdue':
      if (!awaitingAnswer.includes(state.status) || state.overdue) return reject('WrongState', 'The request is not waiting for an answer.');
      if (!state.deadline || now.getTime() < deadlineInstant(state.deadline)) return reject('WrongState', 'The deadline has not passed.');
      return ok(next({ overdue: true }, 'overdue'), (['requester', 'responder', 'requester-coordinator', 'responder-coordinator'] as const)
        .filter((p) => partyAuthority(state, p))
        .map((party) => ({ type: 'notify' as const, kind: 'deadline-overdue' as const, party })));
    case 'closeReminder': {
      const { closeReminderMax } = state.rules.policy;
      if (state.status !== 'answered' && state.status !== 'additional-info-refused') return reject('WrongState', 'The request is not waiting to be closed.');
      if (state.closeRemindersSent >= closeReminderMax) return reject('WrongState', 'All reminders were sent.');
      const sent = state.closeRemindersSent + 1;
      return ok(next({ closeRemindersSent: sent }, 'reminded'), [
        { type: 'notify', kind: 'close-reminder', party: 'requester' },
        ...(sent < closeReminderMax ? closeReminderStart(state.rules.policy, now) : []),
      ]);
    }
    case 'derogationWaitOver':
      if (state.status !== 'measures-waiting-period') return reject('WrongState', 'The request is not in its waiting period.');
      if (state.measuresMayApplyAt && now.getTime() < Date.parse(state.measuresMayApplyAt)) return reject('WrongState', 'The waiting period has not ended.');
      return ok(next({ status: 'awaiting-acceptance' }, 'measures-may-apply'), [{ type: 'notify', kind: 'measures-may-apply', party: 'requester' }, ...receivedEffects(state, now)]);
  }
}

// ───────────────────────────── shared pieces ─────────────────────────────

export function closeWith(state: RequestState, after: RequestState, now: Date, effects: RequestEffect[]): Ok {
  return { ok: true, state: after, effects: [{ type: 'project' }, ...cancelAllTimers(), ...effects, retention(state, now)] };
}

const cancelAllTimers = (): RequestEffect[] => (['deadline', 'closeReminder', 'derogationWait'] as const).map((timer) => ({ type: 'cancelTimer', timer }));

/** Retention (§8): blocked 6 months after closure (18 for SOLVIT), erased after 3 years. Calendar months in UTC. */
export function retention(state: Pick<RequestState, 'legislationArea' | 'rules'>, now: Date): Extract<RequestEffect, { type: 'startRetention' }> {
  const { policy } = state.rules;
  const months = state.legislationArea === 'solvit' ? policy.solvitRetentionBlockMonths : policy.retentionBlockMonths;
  const start = DateTime.fromJSDate(now, { zone: 'utc' });
  return {
    type: 'startRetention',
    blockAfterMs: start.plus({ months }).toMillis() - now.getTime(),
    eraseAfterMs: start.plus({ years: policy.retentionEraseYears }).toMillis() - now.getTime(),
  };
}

function closeReminderStart(policy: RequestPolicy, now: Date): RequestEffect[] {
  if (policy.closeReminderMax === 0) return [];
  return [{ type: 'startTimer', timer: 'closeReminder', at: new Date(now.getTime() + policy.closeReminderIntervalDays * day).toISOString() }];
}

/** The deadline is a date: it runs over at the end of that day (UTC). */
/** The request's search attributes in Temporal (workflows/searchAttributes.ts), as the workflow and the API's start both set them. */
export function requestSearchAttributeValues(at: RequestSnapshot): { status: string; authorityIds: string[]; deadline: Date | null } {
  const waiting = !isFinal(at) && at.answeredAt === null && at.deadline !== null && at.status !== 'draft';
  const authorities = [at.requestingAuthorityId, at.respondingAuthorityId, at.requesterCoordinatorId, at.responderCoordinatorId].filter((id): id is string => !!id);
  return { status: at.status, authorityIds: [...new Set(authorities)], deadline: waiting && at.deadline ? new Date(deadlineInstant(at.deadline)) : null };
}

export const deadlineInstant = (date: string) => Date.parse(`${date}T00:00:00Z`) + day;

// ───────────────────────────── action list ─────────────────────────────

/** Who must act next in each status (5.3.9.1); empty in final states and in the derogation wait. */
export function pendingActionsOf(state: RequestState): PendingAction[] {
  const handler = (party: RequestParty, action: string): PendingAction[] => {
    const authorityId = partyAuthority(state, party);
    if (!authorityId) return [];
    const assigned = assignedUsers(state, party);
    const role: RequestActionRole = party.endsWith('coordinator') ? 'referral-handler' : 'case-handler';
    if (party === 'responder' && assigned.length === 0 && state.responderUsesAllocation) return [{ authorityId, role: 'allocator', userIds: null, action: 'allocate' }];
    return [{ authorityId, role, userIds: assigned.length ? [...assigned] : null, action }];
  };
  switch (state.status) {
    case 'draft':
      return handler('requester', 'send');
    case 'request-pending-approval':
      return handler('requester-coordinator', 'approve-request');
    case 'request-approval-refused':
      return handler('requester', 'edit-and-resubmit');
    case 'awaiting-acceptance':
      return handler('responder', 'accept-or-reject');
    case 'accepted':
    case 'additional-info-accepted':
      return handler('responder', 'answer');
    case 'answer-pending-approval':
      return handler('responder-coordinator', 'approve-answer');
    case 'answer-approval-refused':
      return handler('responder', 'revise-answer');
    case 'answered':
      return handler('requester', 'close-or-request-more');
    case 'additional-info-requested':
      return handler('responder', 'accept-or-refuse-additional-info');
    case 'additional-info-refused':
      return handler('requester', 'close-or-refer');
    case 'referred-to-requester-coordinator':
      return handler('requester-coordinator', 'give-opinion');
    case 'referred-to-responder-coordinator':
      return handler('responder-coordinator', 'give-opinion');
    case 'reconsideration-requested':
      return handler('responder', 'reconsider');
    case 'measures-waiting-period':
    case 'closed':
    case 'rejected':
      return [];
  }
}

const withPending = (s: RequestState): RequestState => ({ ...s, pendingActions: pendingActionsOf(s) });

/** The projection's view: the state without what only the machine needs. */
export function snapshotOf(state: RequestState): RequestSnapshot {
  const { rules: _r, responderUsesAllocation: _a, referralScenario: _s, askedOnceMore: _o, lastEvent: _e, ...snapshot } = state;
  return snapshot;
}

const day = 86_400_000;
const isDate = (v: string) => /^\d{4}-\d{2}-\d{2}$/.test(v) && !Number.isNaN(Date.parse(`${v}T00:00:00Z`));
const isHelpdesk = (actor: Actor) => actor.kind === 'operator' || (actor.kind === 'user' && !!actor.roles?.includes(requestUserRoles.helpdesk));
const ids = (list: readonly string[]) => [...new Set(list.map((c) => c.trim()).filter(Boolean))];
const actorLabel = (actor: Actor) => (actor.kind === 'system' ? 'system' : `${actor.kind}:${actor.id}`);
