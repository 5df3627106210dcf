import { requestPolicy } from '../../schema/requestPolicy';
import { systemActor, type Actor, type RejectionCode } from '../actor';
import {
  createRequest,
  notificationOfMeasuresSet,
  snapshotOf,
  transition,
  type NewRequest,
  type RequestCommand,
  type RequestEffect,
  type RequestState,
  type SendFacts,
} from './machine';
import { requestStatuses, type RequestStatus } from './snapshot';

const day = 86_400_000;
// Monday 2 March 2026; the deadline is 1 April; table cells run on 11 April (after the deadline,
// after the 15-day derogation wait).
const t0 = new Date('2026-03-02T09:00:00Z');
const at = (days: number) => new Date(t0.getTime() + days * day);
const cellTime = at(40);

const user = (id: string, authorityId: string, countryCode: string, ...roles: string[]): Actor => ({ kind: 'user', id, authorityId, countryCode, roles });
const actors = {
  requesterHandler: user('u-req-1', 'auth-dk', 'DK', 'case-handler', 'ordinary-user'),
  requesterOtherHandler: user('u-req-2', 'auth-dk', 'DK', 'case-handler'),
  requesterAllocator: user('u-req-alloc', 'auth-dk', 'DK', 'allocator'),
  requesterObserver: user('u-req-obs', 'auth-dk', 'DK', 'request-observer'),
  requesterDataAdmin: user('u-req-lda', 'auth-dk', 'DK', 'local-data-administrator'),
  requesterCoordinator: user('u-dkc-rh', 'coord-dk', 'DK', 'referral-handler'),
  requesterCoordinatorAllocator: user('u-dkc-alloc', 'coord-dk', 'DK', 'allocator'),
  responderHandler: user('u-resp-1', 'auth-se', 'SE', 'case-handler'),
  responderAllocator: user('u-resp-alloc', 'auth-se', 'SE', 'allocator'),
  responderObserver: user('u-resp-obs', 'auth-se', 'SE', 'request-observer'),
  responderCoordinator: user('u-sec-rh', 'coord-se', 'SE', 'referral-handler'),
  responderCoordinatorAllocator: user('u-sec-alloc', 'coord-se', 'SE', 'allocator'),
  helpdesk: { kind: 'operator', id: 'op-1' } as Actor,
  timer: systemActor,
  outsider: user('u-out', 'auth-fr', 'FR', 'case-handler', 'referral-handler', 'allocator'),
} as const;
type RoleName = keyof typeof actors;
const a = actors;

const plainSend: SendFacts = { approvalRequired: false, coordinatorApprovesRequests: false, responderUsesAllocation: false };
const approvalSend: SendFacts = { ...plainSend, approvalRequired: true, coordinatorApprovesRequests: true };
const linked = { linkedCoordinatorIds: ['coord-se', 'coord-se-2'] };
const forwardFacts = { targetIsRequestAuthority: true, targetUsesAllocation: false };

const newRequest = (patch: Partial<NewRequest> = {}): NewRequest => ({
  requestId: 'req-1',
  number: 'REQ-2026-000001',
  legislationArea: 'services',
  questionSet: 'services-establishment',
  questionIds: ['q1', 'q2', 'q3'],
  requestingAuthorityId: 'auth-dk',
  requestingCountry: 'DK',
  respondingAuthorityId: 'auth-se',
  respondingCountry: 'SE',
  requesterCoordinatorId: 'coord-dk',
  deadline: '2026-04-01',
  relatedRequestNumber: null,
  urgent: false,
  rules: { policy: requestPolicy, requesterUsesAllocation: false },
  splitFrom: null,
  ...patch,
});

function must(state: RequestState, command: RequestCommand, actor: Actor, when = at(1)): RequestState {
  const result = transition(state, command, actor, when);
  if (!result.ok) throw new Error(`${command.type} refused: ${result.rejection.code} ${result.rejection.message}`);
  return result.state;
}
function effectsOf(state: RequestState, command: RequestCommand, actor: Actor, when = at(1)): RequestEffect[] {
  const result = transition(state, command, actor, when);
  if (!result.ok) throw new Error(`${command.type} refused: ${result.rejection.message}`);
  return result.effects;
}
function refusal(state: RequestState, command: RequestCommand, actor: Actor, when = at(1)): RejectionCode | 'ok' {
  const result = transition(state, command, actor, when);
  return result.ok ? 'ok' : result.rejection.code;
}

/** Builders in the domain's words: a request that has reached the given status. */
const aDraft = (patch: Partial<NewRequest> = {}) => createRequest(newRequest(patch), a.requesterHandler, t0).state;
const aPendingApproval = () => must(aDraft(), { type: 'send', facts: approvalSend }, a.requesterHandler);
const aRequestRefused = () => must(aPendingApproval(), { type: 'refuseRequest', remarksId: 'txt-remarks' }, a.requesterCoordinator);
const anAwaiting = () => must(aDraft(), { type: 'send', facts: plainSend }, a.requesterHandler);
const anAccepted = () => must(anAwaiting(), { type: 'accept', responderCoordinatorId: 'coord-se', facts: linked }, a.responderHandler);
const anAnswerPending = () => must(anAccepted(), { type: 'answer', facts: { approvalRequired: true, coordinatorApprovesAnswers: true } }, a.responderHandler);
const anAnswerRefused = () => must(anAnswerPending(), { type: 'refuseAnswer', remarksId: 'txt-r' }, a.responderCoordinator);
const anAnswered = () => must(anAccepted(), { type: 'answer', facts: { approvalRequired: false, coordinatorApprovesAnswers: false } }, a.responderHandler);
const anInfoRequested = () => must(anAnswered(), { type: 'requestAdditionalInfo', reasonId: 'txt-why' }, a.requesterHandler);
const anInfoAccepted = () => must(anInfoRequested(), { type: 'acceptAdditionalInfo' }, a.responderHandler);
const anInfoRefused = () => must(anInfoRequested(), { type: 'refuseAdditionalInfo', reasonId: 'txt-no' }, a.responderHandler);
const referTo = (requesterCoordinatorTakesPart: boolean, responderCoordinatorTakesPart: boolean) =>
  must(anInfoRefused(), { type: 'refer', facts: { requesterCoordinatorTakesPart, responderCoordinatorTakesPart } }, a.requesterHandler);
const aNotification = () =>
  aDraft({ questionSet: notificationOfMeasuresSet, relatedRequestNumber: 'REQ-2026-000000', deadline: null });
const aMeasuresWait = () => must(aNotification(), { type: 'send', facts: { ...plainSend, citedRequestValid: true } }, a.requesterHandler);
const aClosed = () => must(anAnswered(), { type: 'close' }, a.requesterHandler);
const aRejected = () => must(anAwaiting(), { type: 'reject', reasonId: 'txt-r', facts: { mayRejectForCountry: true, responderIsCoordinator: false } }, a.responderHandler);

const builders: Record<RequestStatus, () => RequestState> = {
  draft: aDraft,
  'request-pending-approval': aPendingApproval,
  'request-approval-refused': aRequestRefused,
  'awaiting-acceptance': anAwaiting,
  accepted: anAccepted,
  'answer-pending-approval': anAnswerPending,
  'answer-approval-refused': anAnswerRefused,
  answered: anAnswered,
  'additional-info-requested': anInfoRequested,
  'additional-info-accepted': anInfoAccepted,
  'additional-info-refused': anInfoRefused,
  'referred-to-requester-coordinator': () => referTo(true, true),
  'referred-to-responder-coordinator': () => referTo(false, true),
  'reconsideration-requested': () => referTo(false, false),
  'measures-waiting-period': aMeasuresWait,
  closed: aClosed,
  rejected: aRejected,
};

const commands = {
  editDraft: { type: 'editDraft', questionIds: ['q1', 'q2'], deadline: '2026-05-01' },
  send: { type: 'send', facts: plainSend },
  approveRequest: { type: 'approveRequest' },
  refuseRequest: { type: 'refuseRequest', remarksId: 'txt-1' },
  proposeDeadline: { type: 'proposeDeadline', deadline: '2026-06-30' },
  acceptProposedDeadline: { type: 'acceptProposedDeadline' },
  accept: { type: 'accept', responderCoordinatorId: 'coord-se', facts: linked },
  changeResponderCoordinator: { type: 'changeResponderCoordinator', responderCoordinatorId: 'coord-se-2', facts: linked },
  reject: { type: 'reject', reasonId: 'txt-1', facts: { mayRejectForCountry: true, responderIsCoordinator: false } },
  forward: { type: 'forward', toAuthorityId: 'auth-se-2', toCountry: 'SE', reasonId: 'txt-1', facts: forwardFacts },
  split: { type: 'split', newRequestId: 'req-2', newNumber: 'REQ-2026-000002', toAuthorityId: 'auth-se-2', toCountry: 'SE', questionIds: ['q3'], reasonId: 'txt-1', facts: forwardFacts },
  sendMessage: { type: 'sendMessage', messageId: 'msg-1' },
  answer: { type: 'answer', facts: { approvalRequired: false, coordinatorApprovesAnswers: false } },
  approveAnswer: { type: 'approveAnswer' },
  refuseAnswer: { type: 'refuseAnswer', remarksId: 'txt-1' },
  close: { type: 'close' },
  requestAdditionalInfo: { type: 'requestAdditionalInfo', reasonId: 'txt-1' },
  acceptAdditionalInfo: { type: 'acceptAdditionalInfo' },
  refuseAdditionalInfo: { type: 'refuseAdditionalInfo', reasonId: 'txt-1' },
  refer: { type: 'refer', facts: { requesterCoordinatorTakesPart: true, responderCoordinatorTakesPart: true } },
  giveOpinion: { type: 'giveOpinion', agrees: true, remarksId: 'txt-1' },
  provideMore: { type: 'provideMore' },
  keepPosition: { type: 'keepPosition', reasonId: 'txt-1' },
  commissionAllows: { type: 'commissionDecision', decision: 'measures-may-apply' },
  commissionStops: { type: 'commissionDecision', decision: 'measures-stopped' },
  deadlineOverdue: { type: 'deadlineOverdue' },
  closeReminder: { type: 'closeReminder' },
  derogationWaitOver: { type: 'derogationWaitOver' },
  assignRequester: { type: 'assignHandlers', party: 'requester', userIds: ['u-req-2'] },
  assignResponder: { type: 'assignHandlers', party: 'responder', userIds: ['u-resp-1'] },
  assignRequesterCoordinator: { type: 'assignHandlers', party: 'requester-coordinator', userIds: ['u-dkc-rh'] },
  assignResponderCoordinator: { type: 'assignHandlers', party: 'responder-coordinator', userIds: ['u-sec-rh'] },
} satisfies Record<string, RequestCommand>;
type CommandName = keyof typeof commands;

// ─── The expectation table, written out independently of the machine's own rule table ───
const waitingForAnswer: RequestStatus[] = [
  'awaiting-acceptance',
  'accepted',
  'answer-pending-approval',
  'answer-approval-refused',
  'additional-info-requested',
  'additional-info-accepted',
  'reconsideration-requested',
];
const sentAndOpen: RequestStatus[] = [...waitingForAnswer, 'answered', 'additional-info-refused', 'referred-to-requester-coordinator', 'referred-to-responder-coordinator', 'measures-waiting-period'];
const preparingAnswer: RequestStatus[] = ['accepted', 'answer-approval-refused', 'additional-info-accepted'];
const drafting: RequestStatus[] = ['draft', 'request-approval-refused'];

/** Who may send each command from which statuses: [roles, statuses] grants. */
const grants: Record<CommandName, [RoleName[], RequestStatus[]][]> = {
  editDraft: [[['requesterHandler'], drafting]],
  send: [[['requesterHandler'], drafting]],
  approveRequest: [[['requesterCoordinator'], ['request-pending-approval']]],
  refuseRequest: [[['requesterCoordinator'], ['request-pending-approval']]],
  proposeDeadline: [[['responderHandler'], ['awaiting-acceptance', 'accepted', 'additional-info-accepted']]],
  // Nothing was proposed in the built states: the requester is refused everywhere (happy path below).
  acceptProposedDeadline: [[['requesterHandler'], []]],
  accept: [[['responderHandler'], ['awaiting-acceptance']]],
  changeResponderCoordinator: [
    [['responderHandler'], ['accepted', 'answer-approval-refused', 'answered', 'additional-info-requested', 'additional-info-accepted', 'additional-info-refused', 'referred-to-requester-coordinator', 'reconsideration-requested']],
  ],
  reject: [[['responderHandler'], ['awaiting-acceptance']]],
  forward: [[['responderHandler'], ['awaiting-acceptance', ...preparingAnswer]]],
  split: [[['responderHandler'], ['awaiting-acceptance', ...preparingAnswer]]],
  sendMessage: [[['requesterHandler', 'responderHandler'], sentAndOpen]],
  answer: [[['responderHandler'], preparingAnswer]],
  approveAnswer: [[['responderCoordinator'], ['answer-pending-approval']]],
  refuseAnswer: [[['responderCoordinator'], ['answer-pending-approval']]],
  close: [[['requesterHandler'], ['answered', 'additional-info-refused']]],
  requestAdditionalInfo: [[['requesterHandler'], ['answered']]],
  acceptAdditionalInfo: [[['responderHandler'], ['additional-info-requested']]],
  refuseAdditionalInfo: [[['responderHandler'], ['additional-info-requested']]],
  refer: [[['requesterHandler'], ['additional-info-refused']]],
  giveOpinion: [
    [['requesterCoordinator'], ['referred-to-requester-coordinator']],
    [['responderCoordinator'], ['referred-to-responder-coordinator']],
  ],
  provideMore: [[['responderHandler'], ['reconsideration-requested']]],
  keepPosition: [[['responderHandler'], ['reconsideration-requested']]],
  commissionAllows: [[['helpdesk'], ['measures-waiting-period']]],
  commissionStops: [[['helpdesk'], ['measures-waiting-period']]],
  deadlineOverdue: [[['timer'], waitingForAnswer]],
  closeReminder: [[['timer'], ['answered', 'additional-info-refused']]],
  derogationWaitOver: [[['timer'], ['measures-waiting-period']]],
  assignRequester: [[['requesterAllocator'], drafting]],
  assignResponder: [[['responderAllocator'], sentAndOpen]],
  assignRequesterCoordinator: [[['requesterCoordinatorAllocator'], ['request-pending-approval', 'referred-to-requester-coordinator']]],
  assignResponderCoordinator: [[['responderCoordinatorAllocator'], ['answer-pending-approval', 'referred-to-responder-coordinator']]],
};

/** Before acceptance the responder's coordinator is not chosen: its users are not a party yet. */
const noResponderCoordinator: RequestStatus[] = ['draft', 'request-pending-approval', 'request-approval-refused', 'awaiting-acceptance', 'measures-waiting-period'];
const responderCoordinatorRoles: RoleName[] = ['responderCoordinator', 'responderCoordinatorAllocator'];

function expected(command: CommandName, status: RequestStatus, role: RoleName): RejectionCode | 'ok' {
  if (status === 'closed' || status === 'rejected') return 'WrongState';
  const own = grants[command];
  if (own.some(([who, from]) => who.includes(role) && from.includes(status))) return 'ok';
  if (responderCoordinatorRoles.includes(role) && noResponderCoordinator.includes(status)) return 'NotAllowed';
  // During a referral, it is one coordinator's turn: the other one is not a party to it.
  if (command === 'giveOpinion' && status === 'referred-to-requester-coordinator' && role === 'responderCoordinator') return 'NotAllowed';
  if (command === 'giveOpinion' && status === 'referred-to-responder-coordinator' && role === 'requesterCoordinator') return 'NotAllowed';
  return own.some(([who]) => who.includes(role)) ? 'WrongState' : 'NotAllowed';
}

describe('RequestWorkflow machine: every status × command × role', () => {
  const built = Object.fromEntries(requestStatuses.map((s) => [s, builders[s]()])) as Record<RequestStatus, RequestState>;

  it('builders reach the status they are named after', () => {
    for (const status of requestStatuses) expect([status, built[status].status]).toEqual([status, status]);
  });

  it.each(Object.keys(commands) as CommandName[])('%s: each cell matches the expectation table', (name) => {
    const mismatches: string[] = [];
    let allowed = 0;
    for (const status of requestStatuses) {
      for (const role of Object.keys(actors) as RoleName[]) {
        const want = expected(name, status, role);
        const got = refusal(built[status], commands[name], actors[role], cellTime);
        if (got === 'ok') allowed++;
        if (got !== want) mismatches.push(`${status} × ${role}: expected ${want}, got ${got}`);
      }
    }
    expect(mismatches).toEqual([]);
    // Every command except the one whose precondition no built state meets is allowed somewhere.
    if (name !== 'acceptProposedDeadline') expect(allowed).toBeGreaterThan(0);
  });

  it('observers, data administrators and outsiders never act, in any status', () => {
    for (const status of requestStatuses)
      for (const role of ['requesterObserver', 'responderObserver', 'requesterDataAdmin', 'outsider'] as const)
        for (const name of Object.keys(commands) as CommandName[]) {
          const got = refusal(built[status], commands[name], actors[role], cellTime);
          expect([status, role, name, got]).toEqual([status, role, name, status === 'closed' || status === 'rejected' ? 'WrongState' : 'NotAllowed']);
        }
  });

  it('pendingActions name who acts in every status, and nobody in final states', () => {
    const actionOf = (s: RequestState) => s.pendingActions.map((p) => `${p.authorityId}:${p.role}:${p.action}`);
    expect(actionOf(built.draft)).toEqual(['auth-dk:case-handler:send']);
    expect(built.draft.pendingActions[0].userIds).toEqual(['u-req-1']);
    expect(actionOf(built['request-pending-approval'])).toEqual(['coord-dk:referral-handler:approve-request']);
    expect(actionOf(built['request-approval-refused'])).toEqual(['auth-dk:case-handler:edit-and-resubmit']);
    expect(actionOf(built['awaiting-acceptance'])).toEqual(['auth-se:case-handler:accept-or-reject']);
    expect(actionOf(built.accepted)).toEqual(['auth-se:case-handler:answer']);
    expect(actionOf(built['answer-pending-approval'])).toEqual(['coord-se:referral-handler:approve-answer']);
    expect(actionOf(built['answer-approval-refused'])).toEqual(['auth-se:case-handler:revise-answer']);
    expect(actionOf(built.answered)).toEqual(['auth-dk:case-handler:close-or-request-more']);
    expect(actionOf(built['additional-info-requested'])).toEqual(['auth-se:case-handler:accept-or-refuse-additional-info']);
    expect(actionOf(built['additional-info-accepted'])).toEqual(['auth-se:case-handler:answer']);
    expect(actionOf(built['additional-info-refused'])).toEqual(['auth-dk:case-handler:close-or-refer']);
    expect(actionOf(built['referred-to-requester-coordinator'])).toEqual(['coord-dk:referral-handler:give-opinion']);
    expect(actionOf(built['referred-to-responder-coordinator'])).toEqual(['coord-se:referral-handler:give-opinion']);
    expect(actionOf(built['reconsideration-requested'])).toEqual(['auth-se:case-handler:reconsider']);
    expect(actionOf(built['measures-waiting-period'])).toEqual([]);
    expect(actionOf(built.closed)).toEqual([]);
    expect(actionOf(built.rejected)).toEqual([]);
  });

  it('every transition raises the version and keeps pendingActions derived from the new state', () => {
    const s = anAwaiting();
    const next = must(s, commands.accept, a.responderHandler);
    expect(next.version).toBe(s.version + 1);
    expect(next.lastEvent).toMatchObject({ action: 'accepted', actor: 'user:u-resp-1' });
    expect(snapshotOf(next)).not.toHaveProperty('rules');
    expect(snapshotOf(next)).not.toHaveProperty('lastEvent');
  });
});

describe('RequestWorkflow machine: invalid input', () => {
  it.each<[string, () => RequestState, RequestCommand, Actor, RejectionCode]>([
    ['a draft without questions', () => aDraft(), { type: 'editDraft', questionIds: [] }, a.requesterHandler, 'Invalid'],
    ['a bad deadline', () => aDraft(), { type: 'editDraft', deadline: '1 April' }, a.requesterHandler, 'Invalid'],
    ['a request to itself', () => aDraft(), { type: 'editDraft', respondingAuthorityId: 'auth-dk', respondingCountry: 'DK' }, a.requesterHandler, 'Invalid'],
    ['refusal without remarks', aPendingApproval, { type: 'refuseRequest', remarksId: ' ' }, a.requesterCoordinator, 'Invalid'],
    ['a proposed deadline in the past', anAwaiting, { type: 'proposeDeadline', deadline: '2026-01-01' }, a.responderHandler, 'Invalid'],
    ['accepting with an unlinked coordinator', anAwaiting, { type: 'accept', responderCoordinatorId: 'coord-xx', facts: linked }, a.responderHandler, 'Invalid'],
    ['accepting without choosing among several coordinators', anAwaiting, { type: 'accept', responderCoordinatorId: null, facts: linked }, a.responderHandler, 'Invalid'],
    ['accepting from abroad without the flag', anAwaiting, { type: 'accept', responderCoordinatorId: 'coord-se', facts: { ...linked, mayAcceptFromOtherCountries: false } }, a.responderHandler, 'NotAllowed'],
    ['rejecting without the flag', anAwaiting, { type: 'reject', reasonId: 'r', facts: { mayRejectForCountry: false, responderIsCoordinator: false } }, a.responderHandler, 'NotAllowed'],
    ['rejecting without a reason', anAwaiting, { type: 'reject', reasonId: '', facts: { mayRejectForCountry: true, responderIsCoordinator: false } }, a.responderHandler, 'Invalid'],
    ['forwarding abroad', anAwaiting, { ...commands.forward, toCountry: 'NO' }, a.responderHandler, 'Invalid'],
    ['forwarding to itself', anAwaiting, { ...commands.forward, toAuthorityId: 'auth-se' }, a.responderHandler, 'Invalid'],
    ['forwarding to an authority without request access', anAwaiting, { ...commands.forward, facts: { ...forwardFacts, targetIsRequestAuthority: false } }, a.responderHandler, 'Invalid'],
    ['forwarding without a reason', anAwaiting, { ...commands.forward, reasonId: '' }, a.responderHandler, 'Invalid'],
    ['splitting off every question', anAwaiting, { ...commands.split, questionIds: ['q1', 'q2', 'q3'] }, a.responderHandler, 'Invalid'],
    ['splitting off an unknown question', anAwaiting, { ...commands.split, questionIds: ['q9'] }, a.responderHandler, 'Invalid'],
    ['splitting off nothing', anAwaiting, { ...commands.split, questionIds: [] }, a.responderHandler, 'Invalid'],
    ['an empty message id', anAwaiting, { type: 'sendMessage', messageId: ' ' }, a.requesterHandler, 'Invalid'],
    ['additional info without a reason', anAnswered, { type: 'requestAdditionalInfo', reasonId: '' }, a.requesterHandler, 'Invalid'],
    ['refusing additional info without a reason', anInfoRequested, { type: 'refuseAdditionalInfo', reasonId: '' }, a.responderHandler, 'Invalid'],
    ['a notification of measures citing nothing', () => aDraft({ questionSet: notificationOfMeasuresSet }), { type: 'send', facts: plainSend }, a.requesterHandler, 'Invalid'],
    ['a notification citing an unknown request', aNotification, { type: 'send', facts: { ...plainSend, citedRequestValid: false } }, a.requesterHandler, 'Invalid'],
    ['a derogation request outside Services', () => aDraft({ legislationArea: 'solvit', questionSet: 'services-derogation-request' }), { type: 'send', facts: plainSend }, a.requesterHandler, 'Invalid'],
    ['an overdue timer before the deadline', anAwaiting, { type: 'deadlineOverdue' }, systemActor, 'WrongState'],
    ['the derogation timer before 15 days', aMeasuresWait, { type: 'derogationWaitOver' }, systemActor, 'WrongState'],
    ['approval required without a coordinator', () => aDraft({ requesterCoordinatorId: null }), { type: 'send', facts: approvalSend }, a.requesterHandler, 'Invalid'],
    ['assigning nobody', () => aDraft(), { type: 'assignHandlers', party: 'requester', userIds: [] }, a.requesterAllocator, 'Invalid'],
  ])('%s is refused', (_name, build, command, actor, code) => {
    expect(refusal(build(), command, actor, at(2))).toBe(code);
  });
});

describe('RequestWorkflow machine: scenarios', () => {
  const answer = { type: 'answer', facts: { approvalRequired: false, coordinatorApprovesAnswers: false } } as const;

  it('main path: send, accept, answer, close starts retention (6 months block, 3 years erase)', () => {
    const sent = transition(aDraft(), commands.send, a.requesterHandler, at(1));
    expect(sent.ok && sent.state.status).toBe('awaiting-acceptance');
    expect(sent.ok && sent.effects).toEqual([
      { type: 'project' },
      { type: 'notify', kind: 'request-received', party: 'responder' },
      { type: 'startTimer', timer: 'deadline', at: '2026-04-02T00:00:00.000Z' },
    ]);
    const closedAt = at(10);
    const effects = effectsOf(anAnswered(), { type: 'close' }, a.requesterHandler, closedAt);
    const retention = effects.find((e) => e.type === 'startRetention');
    expect(retention).toEqual({ type: 'startRetention', blockAfterMs: Date.parse('2026-09-12T09:00:00Z') - closedAt.getTime(), eraseAfterMs: Date.parse('2029-03-12T09:00:00Z') - closedAt.getTime() });
    expect(effects).toContainEqual({ type: 'cancelTimer', timer: 'closeReminder' });
    expect(effects).toContainEqual({ type: 'notify', kind: 'request-closed', party: 'responder' });
  });

  it('SOLVIT blocks 18 months after closure', () => {
    const answered = must(must(must(aDraft({ legislationArea: 'solvit', questionSet: 'solvit-case' }), commands.send, a.requesterHandler), commands.accept, a.responderHandler), answer, a.responderHandler);
    const closedAt = new Date('2026-03-03T00:00:00Z');
    const retention = effectsOf(answered, { type: 'close' }, a.requesterHandler, closedAt).find((e) => e.type === 'startRetention');
    expect(retention).toMatchObject({ blockAfterMs: Date.parse('2027-09-03T00:00:00Z') - closedAt.getTime() });
  });

  it('approval refused, edited, resubmitted and approved', () => {
    let s = aPendingApproval();
    expect(s.pendingActions[0]).toMatchObject({ authorityId: 'coord-dk', role: 'referral-handler' });
    s = must(s, { type: 'refuseRequest', remarksId: 'txt-remarks' }, a.requesterCoordinator);
    expect(s.lastEvent.textId).toBe('txt-remarks');
    s = must(s, { type: 'editDraft', questionIds: ['q1'] }, a.requesterHandler);
    s = must(s, { type: 'send', facts: approvalSend }, a.requesterHandler);
    expect(s.status).toBe('request-pending-approval');
    expect(s.sentAt).toBeNull();
    const approved = transition(s, { type: 'approveRequest' }, a.requesterCoordinator, at(3));
    expect(approved.ok && approved.state.status).toBe('awaiting-acceptance');
    expect(approved.ok && approved.state.sentAt).toBe(at(3).toISOString());
    expect(approved.ok && approved.effects).toContainEqual({ type: 'notify', kind: 'request-received', party: 'responder' });
  });

  it('answer approval refused, revised and approved', () => {
    let s = anAnswerPending();
    expect(s.pendingActions[0]).toMatchObject({ authorityId: 'coord-se', action: 'approve-answer' });
    s = must(s, { type: 'refuseAnswer', remarksId: 'r' }, a.responderCoordinator);
    s = must(s, { type: 'answer', facts: { approvalRequired: true, coordinatorApprovesAnswers: true } }, a.responderHandler);
    const effects = effectsOf(s, { type: 'approveAnswer' }, a.responderCoordinator);
    expect(must(s, { type: 'approveAnswer' }, a.responderCoordinator).status).toBe('answered');
    expect(effects).toContainEqual({ type: 'notify', kind: 'answer-received', party: 'requester' });
    expect(effects).toContainEqual({ type: 'startTimer', timer: 'closeReminder', at: new Date(at(1).getTime() + 14 * day).toISOString() });
  });

  it('a proposed deadline, once accepted by the requester, replaces the deadline and re-plans the overdue timer', () => {
    let s = must(anAwaiting(), { type: 'proposeDeadline', deadline: '2026-05-15' }, a.responderHandler);
    expect(s.proposedDeadline).toBe('2026-05-15');
    const effects = effectsOf(s, { type: 'acceptProposedDeadline' }, a.requesterHandler);
    s = must(s, { type: 'acceptProposedDeadline' }, a.requesterHandler);
    expect([s.deadline, s.proposedDeadline]).toEqual(['2026-05-15', null]);
    expect(effects).toContainEqual({ type: 'startTimer', timer: 'deadline', at: '2026-05-16T00:00:00.000Z' });
  });

  it('forward after acceptance discards the draft answer, emails the requester and resets the responder side', () => {
    const accepted = anAccepted();
    const result = transition(accepted, { ...commands.forward, facts: { ...forwardFacts, targetUsesAllocation: true } }, a.responderHandler, at(2));
    if (!result.ok) throw new Error(result.rejection.message);
    expect(result.state).toMatchObject({ status: 'awaiting-acceptance', respondingAuthorityId: 'auth-se-2', responderCoordinatorId: null, responderHandlerIds: [], acceptedAt: null });
    expect(result.effects).toEqual([
      { type: 'project' },
      { type: 'discardDraftAnswers', respondingAuthorityId: 'auth-se' },
      { type: 'notify', kind: 'request-forwarded', party: 'requester' },
      { type: 'notify', kind: 'request-received', party: 'responder' },
    ]);
    // The new responder allocates: its allocators act first; the old responder can no longer act.
    expect(result.state.pendingActions).toEqual([{ authorityId: 'auth-se-2', role: 'allocator', userIds: null, action: 'allocate' }]);
    expect(refusal(result.state, commands.accept, a.responderHandler)).toBe('NotAllowed');
    // Forwarding before acceptance has no draft answer to discard.
    expect(effectsOf(anAwaiting(), commands.forward, a.responderHandler).map((e) => e.type)).not.toContain('discardDraftAnswers');
  });

  it('split moves questions into a new request started received at the other authority; the original keeps the rest', () => {
    const result = transition(anAccepted(), commands.split, a.responderHandler, at(2));
    if (!result.ok) throw new Error(result.rejection.message);
    expect(result.state.questionIds).toEqual(['q1', 'q2']);
    expect(result.state.status).toBe('accepted');
    const start = result.effects.find((e) => e.type === 'startSplitRequest');
    if (start?.type !== 'startSplitRequest') throw new Error('no split start');
    expect(start.questionIds).toEqual(['q3']);
    expect(start.request).toMatchObject({ requestId: 'req-2', number: 'REQ-2026-000002', respondingAuthorityId: 'auth-se-2', relatedRequestNumber: 'REQ-2026-000001', splitFrom: { requestId: 'req-1', requesterHandlerIds: ['u-req-1'] } });
    expect(result.effects).toContainEqual({ type: 'notify', kind: 'request-split', party: 'requester' });
    const child = createRequest(start.request, systemActor, at(2));
    expect(child.state).toMatchObject({ status: 'awaiting-acceptance', questionIds: ['q3'], splitFromRequestId: 'req-1', requesterHandlerIds: ['u-req-1'], sentAt: at(2).toISOString() });
    expect(child.effects).toContainEqual({ type: 'notify', kind: 'request-received', party: 'responder' });
  });

  it('messages go both ways before and after answering, emailing the other side', () => {
    expect(effectsOf(anAccepted(), commands.sendMessage, a.requesterHandler)).toContainEqual({ type: 'notify', kind: 'message', party: 'responder' });
    expect(effectsOf(anAnswered(), commands.sendMessage, a.responderHandler)).toContainEqual({ type: 'notify', kind: 'message', party: 'requester' });
    expect(must(anAnswered(), commands.sendMessage, a.responderHandler).lastEvent).toMatchObject({ action: 'message', textId: 'msg-1' });
  });

  it('a coordinator may reject even without the flag', () => {
    expect(refusal(anAwaiting(), { type: 'reject', reasonId: 'r', facts: { mayRejectForCountry: false, responderIsCoordinator: true } }, a.responderHandler)).toBe('ok');
  });

  it('a single linked coordinator is chosen on acceptance without asking; it can be changed later', () => {
    let s = must(anAwaiting(), { type: 'accept', responderCoordinatorId: null, facts: { linkedCoordinatorIds: ['coord-se'] } }, a.responderHandler);
    expect(s.responderCoordinatorId).toBe('coord-se');
    s = must(s, { type: 'changeResponderCoordinator', responderCoordinatorId: 'coord-se-2', facts: linked }, a.responderHandler);
    expect(s.responderCoordinatorId).toBe('coord-se-2');
  });

  describe('additional information and referrals (5.3.4, 5.3.6)', () => {
    it('additional information accepted stays with the responder until it answers again', () => {
      let s = anInfoAccepted();
      expect(s.pendingActions[0].action).toBe('answer');
      s = must(s, answer, a.responderHandler);
      expect(s.status).toBe('answered');
    });

    it('scenario 1 (only the requester’s coordinator): it agrees → back to the responder, who keeps its position → closed', () => {
      let s = referTo(true, false);
      expect(s.status).toBe('referred-to-requester-coordinator');
      s = must(s, { type: 'giveOpinion', agrees: true, remarksId: 'op' }, a.requesterCoordinator);
      expect(s.status).toBe('reconsideration-requested');
      const effects = effectsOf(s, { type: 'keepPosition', reasonId: 'k' }, a.responderHandler);
      expect(must(s, { type: 'keepPosition', reasonId: 'k' }, a.responderHandler).status).toBe('closed');
      expect(effects.some((e) => e.type === 'startRetention')).toBe(true);
    });

    it('scenario 1: the responder may instead provide more, and answer again', () => {
      let s = must(referTo(true, false), { type: 'giveOpinion', agrees: true, remarksId: null }, a.requesterCoordinator);
      s = must(s, { type: 'provideMore' }, a.responderHandler);
      expect(s.status).toBe('additional-info-accepted');
      expect(must(s, answer, a.responderHandler).status).toBe('answered');
    });

    it('scenario 1: the coordinator disagrees (the answer is satisfactory) and the request closes', () => {
      const result = transition(referTo(true, false), { type: 'giveOpinion', agrees: false, remarksId: 'op' }, a.requesterCoordinator, at(3));
      expect(result.ok && result.state.status).toBe('closed');
      expect(result.ok && result.effects.some((e) => e.type === 'startRetention')).toBe(true);
    });

    it('scenario 2 (only the responder’s coordinator): keeping the position starts the referral again', () => {
      let s = referTo(false, true);
      expect(s.status).toBe('referred-to-responder-coordinator');
      for (let round = 0; round < 2; round++) {
        s = must(s, { type: 'giveOpinion', agrees: true, remarksId: null }, a.responderCoordinator);
        expect(s.status).toBe('reconsideration-requested');
        s = must(s, { type: 'keepPosition', reasonId: null }, a.responderHandler);
        expect(s.status).toBe('referred-to-responder-coordinator');
      }
      // The loop ends when the coordinator finds the answer satisfactory.
      expect(must(s, { type: 'giveOpinion', agrees: false, remarksId: null }, a.responderCoordinator).status).toBe('closed');
    });

    it('scenario 3 (both): the requester’s coordinator first, then the responder’s', () => {
      let s = referTo(true, true);
      expect(refusal(s, commands.giveOpinion, a.responderCoordinator)).toBe('NotAllowed');
      const effects = effectsOf(s, commands.giveOpinion, a.requesterCoordinator);
      s = must(s, commands.giveOpinion, a.requesterCoordinator);
      expect(s.status).toBe('referred-to-responder-coordinator');
      expect(effects).toContainEqual({ type: 'notify', kind: 'referral', party: 'responder-coordinator' });
      s = must(s, commands.giveOpinion, a.responderCoordinator);
      expect(s.status).toBe('reconsideration-requested');
      expect(must(s, { type: 'keepPosition', reasonId: null }, a.responderHandler).status).toBe('closed');
    });

    it('scenario 3: the requester’s coordinator disagreeing ends it before the responder’s coordinator', () => {
      expect(must(referTo(true, true), { type: 'giveOpinion', agrees: false, remarksId: null }, a.requesterCoordinator).status).toBe('closed');
    });

    it('scenario 4 (neither): the requester may ask once more; the responder reconsiders or closes', () => {
      let s = referTo(false, false);
      expect(s.status).toBe('reconsideration-requested');
      expect(s.pendingActions[0]).toMatchObject({ authorityId: 'auth-se', action: 'reconsider' });
      // Provides more and answers; refuses again; the requester cannot ask a second time.
      s = must(s, { type: 'provideMore' }, a.responderHandler);
      s = must(s, answer, a.responderHandler);
      s = must(s, { type: 'requestAdditionalInfo', reasonId: 'again' }, a.requesterHandler);
      s = must(s, { type: 'refuseAdditionalInfo', reasonId: 'no' }, a.responderHandler);
      expect(refusal(s, { type: 'refer', facts: { requesterCoordinatorTakesPart: false, responderCoordinatorTakesPart: false } }, a.requesterHandler)).toBe('WrongState');
      expect(must(s, { type: 'close' }, a.requesterHandler).status).toBe('closed');
    });

    it('a coordinator flag without a chosen coordinator falls back to the scenarios that exist', () => {
      // The requester has no coordinator: "requester's coordinator takes part" cannot apply.
      let s = must(aDraft({ requesterCoordinatorId: null }), commands.send, a.requesterHandler);
      s = must(s, commands.accept, a.responderHandler);
      s = must(s, answer, a.responderHandler);
      s = must(s, { type: 'requestAdditionalInfo', reasonId: 'r' }, a.requesterHandler);
      s = must(s, { type: 'refuseAdditionalInfo', reasonId: 'r' }, a.responderHandler);
      s = must(s, { type: 'refer', facts: { requesterCoordinatorTakesPart: true, responderCoordinatorTakesPart: true } }, a.requesterHandler);
      expect(s.status).toBe('referred-to-responder-coordinator');
    });
  });

  describe('allocation (5.3.5)', () => {
    const allocating = () => must(aDraft(), { type: 'send', facts: { ...plainSend, responderUsesAllocation: true } }, a.requesterHandler);

    it('new incoming requests go to allocators; only the assigned handlers act', () => {
      let s = allocating();
      expect(s.pendingActions).toEqual([{ authorityId: 'auth-se', role: 'allocator', userIds: null, action: 'allocate' }]);
      expect(refusal(s, commands.accept, a.responderHandler)).toBe('NotAllowed');
      s = must(s, { type: 'assignHandlers', party: 'responder', userIds: ['u-resp-1', 'u-resp-3'] }, a.responderAllocator);
      expect(s.pendingActions).toEqual([{ authorityId: 'auth-se', role: 'case-handler', userIds: ['u-resp-1', 'u-resp-3'], action: 'accept-or-reject' }]);
      expect(refusal(s, commands.accept, user('u-resp-2', 'auth-se', 'SE', 'case-handler'))).toBe('NotAllowed');
      s = must(s, commands.accept, a.responderHandler);
      // Allocation can happen at any stage.
      s = must(s, { type: 'assignHandlers', party: 'responder', userIds: ['u-resp-2'] }, a.responderAllocator);
      expect(refusal(s, answer, a.responderHandler)).toBe('NotAllowed');
      expect(refusal(s, answer, user('u-resp-2', 'auth-se', 'SE', 'case-handler'))).toBe('ok');
    });

    it('the creator is assigned on the requesting side; allocators reassign only while a draft', () => {
      let s = aDraft();
      expect(refusal(s, commands.send, a.requesterOtherHandler)).toBe('NotAllowed');
      s = must(s, { type: 'assignHandlers', party: 'requester', userIds: ['u-req-2'] }, a.requesterAllocator);
      expect(refusal(s, commands.send, a.requesterHandler)).toBe('NotAllowed');
      s = must(s, commands.send, a.requesterOtherHandler);
      expect(refusal(s, { type: 'assignHandlers', party: 'requester', userIds: ['u-req-1'] }, a.requesterAllocator)).toBe('WrongState');
    });

    it('at coordinators only assigned referral handlers take approvals', () => {
      let s = aPendingApproval();
      const other = user('u-dkc-rh2', 'coord-dk', 'DK', 'referral-handler');
      s = must(s, { type: 'assignHandlers', party: 'requester-coordinator', userIds: ['u-dkc-rh2'] }, a.requesterCoordinatorAllocator);
      expect(refusal(s, { type: 'approveRequest' }, a.requesterCoordinator)).toBe('NotAllowed');
      expect(refusal(s, { type: 'approveRequest' }, other)).toBe('ok');
      // A case handler of the coordinator is not a referral handler.
      expect(refusal(s, { type: 'approveRequest' }, user('u-dkc-ch', 'coord-dk', 'DK', 'case-handler'))).toBe('NotAllowed');
    });
  });

  describe('timers', () => {
    it('deadline overdue marks the request and emails both sides and their coordinators, once', () => {
      const s = anAccepted();
      const effects = effectsOf(s, { type: 'deadlineOverdue' }, systemActor, at(31));
      const after = must(s, { type: 'deadlineOverdue' }, systemActor, at(31));
      expect(after.overdue).toBe(true);
      expect(effects.filter((e) => e.type === 'notify')).toEqual(
        (['requester', 'responder', 'requester-coordinator', 'responder-coordinator'] as const).map((party) => ({ type: 'notify', kind: 'deadline-overdue', party })),
      );
      expect(refusal(after, { type: 'deadlineOverdue' }, systemActor, at(32))).toBe('WrongState');
      // Answering clears it.
      expect(must(after, answer, a.responderHandler, at(33)).overdue).toBe(false);
    });

    it('close reminders repeat at the interval up to the maximum', () => {
      let s = anAnswered();
      for (let i = 1; i <= 3; i++) {
        const when = at(1 + 14 * i);
        const effects = effectsOf(s, { type: 'closeReminder' }, systemActor, when);
        s = must(s, { type: 'closeReminder' }, systemActor, when);
        expect(s.closeRemindersSent).toBe(i);
        expect(effects).toContainEqual({ type: 'notify', kind: 'close-reminder', party: 'requester' });
        expect(effects.some((e) => e.type === 'startTimer')).toBe(i < 3);
      }
      expect(refusal(s, { type: 'closeReminder' }, systemActor, at(60))).toBe('WrongState');
    });

    it('no reminders when the policy sets none', () => {
      const s = aDraft({ rules: { policy: { ...requestPolicy, closeReminderMax: 0 }, requesterUsesAllocation: false } });
      const answered = must(must(must(s, commands.send, a.requesterHandler), commands.accept, a.responderHandler), answer, a.responderHandler);
      expect(effectsOf(answered, commands.sendMessage, a.requesterHandler).some((e) => e.type === 'startTimer')).toBe(false);
      expect(refusal(answered, { type: 'closeReminder' }, systemActor, at(20))).toBe('WrongState');
    });
  });

  describe('individual derogations (ch. 7)', () => {
    it('a notification of measures waits 15 days, then reaches the establishment country', () => {
      const result = transition(aNotification(), { type: 'send', facts: { ...plainSend, citedRequestValid: true } }, a.requesterHandler, at(1));
      if (!result.ok) throw new Error(result.rejection.message);
      const mayApply = new Date(at(1).getTime() + 15 * day).toISOString();
      expect(result.state).toMatchObject({ status: 'measures-waiting-period', measuresMayApplyAt: mayApply, pendingActions: [] });
      expect(result.effects).toContainEqual({ type: 'startTimer', timer: 'derogationWait', at: mayApply });
      expect(result.effects).toContainEqual({ type: 'notify', kind: 'measures-notified', party: 'responder' });
      expect(refusal(result.state, { type: 'derogationWaitOver' }, systemActor, at(15))).toBe('WrongState');
      const over = must(result.state, { type: 'derogationWaitOver' }, systemActor, at(16));
      expect(over.status).toBe('awaiting-acceptance');
      expect(must(over, commands.accept, a.responderHandler).status).toBe('accepted');
    });

    it('the Commission may cut the wait short or stop the measures', () => {
      const cut = transition(aMeasuresWait(), commands.commissionAllows, a.helpdesk, at(5));
      expect(cut.ok && cut.state).toMatchObject({ status: 'awaiting-acceptance', commissionDecision: 'measures-may-apply', measuresMayApplyAt: at(5).toISOString() });
      expect(cut.ok && cut.effects).toContainEqual({ type: 'cancelTimer', timer: 'derogationWait' });
      const stop = transition(aMeasuresWait(), commands.commissionStops, a.helpdesk, at(5));
      expect(stop.ok && stop.state).toMatchObject({ status: 'closed', commissionDecision: 'measures-stopped', measuresMayApplyAt: null });
      expect(stop.ok && stop.effects.some((e) => e.type === 'startRetention')).toBe(true);
    });

    it('the urgency procedure notifies directly without citing a request', () => {
      const s = must(aDraft({ questionSet: notificationOfMeasuresSet, urgent: true }), commands.send, a.requesterHandler);
      expect(s.status).toBe('measures-waiting-period');
    });

    it('a notification needing approval waits for the coordinator, then starts the wait', () => {
      let s = must(aNotification(), { type: 'send', facts: { ...approvalSend, citedRequestValid: true } }, a.requesterHandler);
      expect(s.status).toBe('request-pending-approval');
      s = must(s, { type: 'approveRequest' }, a.requesterCoordinator, at(2));
      expect(s).toMatchObject({ status: 'measures-waiting-period', measuresMayApplyAt: new Date(at(2).getTime() + 15 * day).toISOString() });
    });

    it('a derogation request is an ordinary request in the Services area', () => {
      expect(must(aDraft({ questionSet: 'services-derogation-request' }), commands.send, a.requesterHandler).status).toBe('awaiting-acceptance');
    });
  });
});
