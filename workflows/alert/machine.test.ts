import { systemActor, type Actor, type RejectionCode } from '../actor';
import { defaultAlertPolicy, type AlertCommand, type AlertEffect, type AlertState, type MailboxFacts, type NewAlert, type SubmitFacts } from './commands';
import { createAlert, involvedAuthorities, pendingActionsOf, snapshotOf, stateFromSnapshot, transition } from './machine';
import { alertStatuses, type AlertStatus } from './snapshot';

const minute = 60_000;
const day = 86_400_000;
// Monday 2 March 2026, 09:00 UTC; the closure is proposed on day 1, the comment period (7 days)
// ends on day 8, the proposal is broadcast on day 9 and the objection period (14 days) ends on day 23.
const t0 = new Date('2026-03-02T09:00:00Z');
const at = (days: number) => new Date(t0.getTime() + days * day);

const user = (id: string, authorityId: string, countryCode: string, ...roles: string[]): Actor => ({ kind: 'user', id, authorityId, countryCode, roles });
/** Denmark originates, Sweden (the establishment country) and Norway receive; France is not involved. */
const actors = {
  dkHandler: user('u-dk-h', 'auth-dk', 'DK', 'alert-handler', 'ordinary-user'),
  dkObserver: user('u-dk-obs', 'auth-dk', 'DK', 'alert-observer'),
  dkDataAdmin: user('u-dk-lda', 'auth-dk', 'DK', 'local-data-administrator'),
  dkCoordBroadcaster: user('u-dkc-b', 'coord-dk', 'DK', 'alert-broadcaster'),
  dkCoordHandler: user('u-dkc-h', 'coord-dk', 'DK', 'alert-handler'),
  dkMailboxBroadcaster: user('u-dkm-b', 'mbox-dk', 'DK', 'alert-broadcaster'),
  seMailboxBroadcaster: user('u-sem-b', 'mbox-se', 'SE', 'alert-broadcaster'),
  seMailboxHandler: user('u-sem-h', 'mbox-se', 'SE', 'alert-handler'),
  seCoordBroadcaster: user('u-sec-b', 'coord-se', 'SE', 'alert-broadcaster'),
  seHandler: user('u-se-h', 'auth-se', 'SE', 'alert-handler'),
  se2Handler: user('u-se2-h', 'auth-se2', 'SE', 'alert-handler'),
  se2Observer: user('u-se2-obs', 'auth-se2', 'SE', 'alert-observer'),
  noMailboxBroadcaster: user('u-nom-b', 'mbox-no', 'NO', 'alert-broadcaster'),
  noMailboxHandler: user('u-nom-h', 'mbox-no', 'NO', 'alert-handler'),
  outsider: user('u-fr', 'auth-fr', 'FR', 'alert-handler', 'alert-broadcaster', 'alert-observer'),
  helpdesk: { kind: 'operator', id: 'op-1' } as Actor,
  timer: systemActor,
} as const;
type RoleName = keyof typeof actors;
const a = actors;

const mailboxes: MailboxFacts = { mailboxes: { SE: ['mbox-se'], NO: ['mbox-no'], DK: ['mbox-dk'], FI: ['mbox-fi'] } };
const submitFacts: SubmitFacts = { isAlertCoordinator: false, linkedAlertCoordinatorIds: ['coord-dk'], coordinatorFinalApproval: false, complete: true };
const seLinked = { isAlertCoordinator: false, linkedAlertCoordinatorIds: ['coord-se'] };

const newAlert = (patch: Partial<NewAlert> = {}): NewAlert => ({
  alertId: 'alert-1',
  number: 'ALR-2026-000001',
  legislationArea: 'services',
  originatingAuthorityId: 'auth-dk',
  originatingCountry: 'DK',
  alertCoordinatorId: 'coord-dk',
  targetCountries: ['SE', 'NO'],
  establishmentCountry: 'SE',
  policy: defaultAlertPolicy,
  ...patch,
});

/** The time a built state is used at: an hour after its last step. */
const after = (s: AlertState) => new Date(Date.parse(s.lastEvent.at) + 60 * minute);

function must(state: AlertState, command: AlertCommand, actor: Actor, when = after(state)): AlertState {
  const result = transition(state, command, actor, when);
  if (!result.ok) throw new Error(`${command.type} refused: ${result.rejection.code} ${result.rejection.message}`);
  return result.state;
}
function effectsOf(state: AlertState, command: AlertCommand, actor: Actor, when = after(state)): AlertEffect[] {
  const result = transition(state, command, actor, when);
  if (!result.ok) throw new Error(`${command.type} refused: ${result.rejection.message}`);
  return result.effects;
}
function refusal(state: AlertState, command: AlertCommand, actor: Actor, when = after(state)): RejectionCode | 'ok' {
  const result = transition(state, command, actor, when);
  return result.ok ? 'ok' : result.rejection.code;
}
const notifications = (effects: AlertEffect[]) =>
  effects.flatMap((e) => (e.type !== 'notify' ? [] : 'commission' in e.audience ? [`${e.kind} → commission`] : [`${e.kind} → ${[...e.audience.authorityIds].sort().join(',')} (${e.audience.roles.join('+')})`]));

/** Builders in the domain's words: an alert that has reached the given status. */
const aDraft = (patch: Partial<NewAlert> = {}) => createAlert(newAlert(patch), a.dkHandler, t0).state;
const aSubmitted = (facts: SubmitFacts = submitFacts) => must(aDraft(), { type: 'submit', facts }, a.dkHandler, at(0.01));
const aNotYetBroadcast = (facts?: SubmitFacts) => must(aSubmitted(facts), { type: 'accept' }, a.dkCoordBroadcaster, at(0.02));
const justBroadcast = (facts?: SubmitFacts) => must(aNotYetBroadcast(facts), { type: 'broadcast', facts: mailboxes }, a.dkCoordBroadcaster, at(0.03));
/** Broadcast; Sweden's mailbox acknowledged and forwarded to its coordinator and two authorities; one of them submitted information; Norway has not acknowledged yet. */
const aBroadcast = (facts?: SubmitFacts) => {
  let s = must(justBroadcast(facts), { type: 'acknowledge' }, a.seMailboxBroadcaster, at(0.04));
  s = must(s, forwardTo(['coord-se', true], ['auth-se', false], ['auth-se2', false]), a.seMailboxBroadcaster, at(0.05));
  return must(s, infoItem('item-1'), a.seHandler, at(0.06));
};
const forwardTo = (...targets: [string, boolean, string?][]): AlertCommand => ({
  type: 'forward',
  targets: targets.map(([authorityId, isAlertCoordinator, country = 'SE']) => ({ authorityId, country, hasAlertAccess: true, isAlertCoordinator })),
});
const infoItem = (itemId: string, coordinatorId = 'coord-se', finalApproval = false): AlertCommand => ({
  type: 'submitItem',
  itemId,
  kind: 'additional-information',
  coordinatorId,
  addressedToCountry: null,
  facts: { isAlertCoordinator: false, linkedAlertCoordinatorIds: [coordinatorId], coordinatorFinalApproval: finalApproval },
});
const propose = (closureCoordinatorFinalApproval = false): AlertCommand => ({
  type: 'proposeClosure',
  proposalTextId: 'proposal-1',
  closureCoordinatorId: 'coord-se',
  facts: { ...seLinked, closureCoordinatorFinalApproval },
});
const aCommentPeriod = (finalApproval = false) => must(aBroadcast(), propose(finalApproval), a.seHandler, at(1));
const aPendingBroadcast = () => {
  const s = must(aCommentPeriod(), { type: 'commentOnClosure', commentId: 'c-1' }, a.se2Handler, at(2));
  return must(s, { type: 'commentPeriodOver' }, systemActor, at(8.01));
};
const anObjectionPeriod = () => must(aPendingBroadcast(), { type: 'broadcastClosureProposal', commentIds: ['c-1'] }, a.seCoordBroadcaster, at(9));
const aPendingDecision = () => must(anObjectionPeriod(), { type: 'objectionPeriodOver' }, systemActor, at(23.01));
const aClosed = () => must(aPendingDecision(), { type: 'close' }, a.seCoordBroadcaster, at(24));
const aWithdrawalPending = () => must(aBroadcast(), { type: 'submitWithdrawal', itemId: 'wd-1' }, a.dkHandler, at(1));
const aWithdrawn = () => must(aWithdrawalPending(), { type: 'broadcastWithdrawal' }, a.dkCoordBroadcaster, at(2));
const aDeleted = () => must(aDraft(), { type: 'delete' }, a.dkHandler, at(0.5));

const builders: Record<AlertStatus, () => AlertState> = {
  draft: aDraft,
  submitted: () => aSubmitted(),
  'not-yet-broadcast': () => aNotYetBroadcast(),
  broadcast: () => aBroadcast(),
  'withdrawal-pending-broadcast': aWithdrawalPending,
  withdrawn: aWithdrawn,
  'closure-open-for-comments': () => aCommentPeriod(),
  'closure-pending-broadcast': aPendingBroadcast,
  'closure-open-for-objections': anObjectionPeriod,
  'closure-pending-decision': aPendingDecision,
  closed: aClosed,
  deleted: aDeleted,
};

const commands = {
  editDraft: { type: 'editDraft', targetCountries: ['SE', 'NO', 'FI'] },
  editContent: { type: 'editContent' },
  changeEstablishmentCountry: { type: 'changeEstablishmentCountry', establishmentCountry: 'NO' },
  addTargetCountries: { type: 'addTargetCountries', countries: ['FI'], facts: mailboxes },
  submit: { type: 'submit', facts: submitFacts },
  pass: { type: 'pass', toCoordinatorId: 'coord-dk2', facts: { targetIsAlertCoordinator: true, targetCountry: 'DK', targetFinalApproval: false } },
  accept: { type: 'accept' },
  broadcast: { type: 'broadcast', facts: mailboxes },
  delete: { type: 'delete' },
  acknowledge: { type: 'acknowledge' },
  forward: forwardTo(['auth-se3', false]),
  removeRecipient: { type: 'removeRecipient', authorityId: 'auth-se2' },
  submitInformation: infoItem('item-9'),
  submitObjection: { type: 'submitItem', itemId: 'obj-9', kind: 'objection', coordinatorId: null, addressedToCountry: null, facts: { isAlertCoordinator: false, linkedAlertCoordinatorIds: [], coordinatorFinalApproval: false } },
  editItem: { type: 'editItem', itemId: 'item-1' },
  deleteItem: { type: 'deleteItem', itemId: 'item-1' },
  broadcastItem: { type: 'broadcastItem', itemId: 'item-1' },
  declineItem: { type: 'declineItem', itemId: 'item-1' },
  submitWithdrawal: { type: 'submitWithdrawal', itemId: 'wd-9' },
  broadcastWithdrawal: { type: 'broadcastWithdrawal' },
  cancelWithdrawal: { type: 'cancelWithdrawal' },
  proposeClosure: propose(),
  commentOnClosure: { type: 'commentOnClosure', commentId: 'c-9' },
  editClosureProposal: { type: 'editClosureProposal' },
  cancelClosureProposal: { type: 'cancelClosureProposal' },
  broadcastClosureProposal: { type: 'broadcastClosureProposal', commentIds: ['c-1'] },
  close: { type: 'close' },
  commentPeriodOver: { type: 'commentPeriodOver' },
  objectionPeriodOver: { type: 'objectionPeriodOver' },
} satisfies Record<string, AlertCommand>;
type CommandName = keyof typeof commands;

// ─── The expectation table, written out independently of the machine ───
const beforeBroadcast: AlertStatus[] = ['submitted', 'not-yet-broadcast'];
const live: AlertStatus[] = ['broadcast', 'withdrawal-pending-broadcast', 'closure-open-for-comments', 'closure-pending-broadcast', 'closure-open-for-objections', 'closure-pending-decision'];
const withdrawable: AlertStatus[] = ['broadcast', 'closure-open-for-comments', 'closure-pending-broadcast', 'closure-open-for-objections', 'closure-pending-decision'];
/** Everyone whose authority has the alert after broadcast and who holds an acting role. */
const involvedActors: RoleName[] = [
  'dkHandler',
  'dkCoordBroadcaster',
  'dkCoordHandler',
  'dkMailboxBroadcaster',
  'seMailboxBroadcaster',
  'seMailboxHandler',
  'seCoordBroadcaster',
  'seHandler',
  'se2Handler',
  'noMailboxBroadcaster',
  'noMailboxHandler',
];

/** Who may send each command from which statuses (the built states; the coordinators have no final approval). */
const grants: Record<CommandName, [RoleName[], AlertStatus[]][]> = {
  editDraft: [[['dkHandler'], ['draft']]],
  editContent: [[['dkHandler'], ['draft', ...beforeBroadcast, ...live]]],
  changeEstablishmentCountry: [
    [['dkHandler'], ['draft', ...beforeBroadcast]],
    [['dkCoordBroadcaster'], ['broadcast']],
  ],
  addTargetCountries: [
    [['dkHandler'], ['draft']],
    [['dkCoordBroadcaster'], [...beforeBroadcast, ...live]],
  ],
  submit: [[['dkHandler'], ['draft']]],
  pass: [[['dkCoordBroadcaster'], beforeBroadcast]],
  accept: [[['dkCoordBroadcaster'], ['submitted']]],
  broadcast: [[['dkCoordBroadcaster'], ['not-yet-broadcast']]],
  delete: [[['dkHandler'], ['draft', ...beforeBroadcast]]],
  // Sweden acknowledged in every built state; Norway never did.
  acknowledge: [[['noMailboxBroadcaster'], live]],
  forward: [[['seMailboxBroadcaster', 'seCoordBroadcaster'], live]],
  // auth-se2 comments on the closure (acts) in the pending-broadcast builder and later.
  removeRecipient: [[['seMailboxBroadcaster'], ['broadcast', 'withdrawal-pending-broadcast', 'closure-open-for-comments']]],
  submitInformation: [[involvedActors, live]],
  // Countries other than Sweden (the closing country).
  submitObjection: [[['dkHandler', 'dkCoordBroadcaster', 'dkCoordHandler', 'dkMailboxBroadcaster', 'noMailboxBroadcaster', 'noMailboxHandler'], ['closure-open-for-objections']]],
  editItem: [[['seHandler'], live]],
  deleteItem: [[['seHandler'], live]],
  broadcastItem: [[['seCoordBroadcaster'], live]],
  // Without final approval a coordinator never declines information.
  declineItem: [],
  submitWithdrawal: [[['dkHandler', 'dkCoordBroadcaster', 'dkCoordHandler'], withdrawable]],
  broadcastWithdrawal: [[['dkCoordBroadcaster'], ['withdrawal-pending-broadcast']]],
  cancelWithdrawal: [[['dkHandler'], ['withdrawal-pending-broadcast']]],
  proposeClosure: [[['seHandler', 'se2Handler', 'seMailboxHandler'], ['broadcast']]],
  commentOnClosure: [[['se2Handler', 'seMailboxHandler'], ['closure-open-for-comments']]],
  editClosureProposal: [[['seHandler'], ['closure-open-for-comments', 'closure-pending-broadcast']]],
  cancelClosureProposal: [
    [['seHandler'], ['closure-open-for-comments', 'closure-pending-broadcast']],
    [['seCoordBroadcaster'], ['closure-pending-decision']],
  ],
  broadcastClosureProposal: [[['seCoordBroadcaster'], ['closure-pending-broadcast']]],
  close: [[['seCoordBroadcaster'], ['closure-pending-decision']]],
  // An hour after the last step no period has ended (the timers are tested at their end below).
  commentPeriodOver: [],
  objectionPeriodOver: [],
};

const finals: AlertStatus[] = ['withdrawn', 'closed', 'deleted'];
const expected = (command: CommandName, status: AlertStatus, role: RoleName): 'ok' | 'refused' =>
  grants[command].some(([who, from]) => who.includes(role) && from.includes(status)) ? 'ok' : 'refused';

describe('AlertWorkflow machine: every status × command × role', () => {
  const built = Object.fromEntries(alertStatuses.map((s) => [s, builders[s]()])) as Record<AlertStatus, AlertState>;

  it('builders reach the status they are named after', () => {
    for (const status of alertStatuses) expect([status, built[status].status]).toEqual([status, status]);
  });

  it.each(Object.keys(commands) as CommandName[])('%s: each cell matches the expectation table', (name) => {
    const mismatches: string[] = [];
    let allowed = 0;
    for (const status of alertStatuses) {
      for (const role of Object.keys(actors) as RoleName[]) {
        const want = expected(name, status, role);
        const code = refusal(built[status], commands[name], actors[role]);
        const got = code === 'ok' ? 'ok' : 'refused';
        if (got === 'ok') allowed++;
        if (got !== want) mismatches.push(`${status} × ${role}: expected ${want}, got ${code}`);
        // Final statuses refuse everything as a state matter, whoever asks.
        if (finals.includes(status) && code !== 'WrongState') mismatches.push(`${status} × ${role}: expected WrongState, got ${code}`);
      }
    }
    expect(mismatches).toEqual([]);
    if (grants[name].length) expect(allowed).toBeGreaterThan(0);
  });

  it('observers, data administrators, outsiders and the Commission never act', () => {
    for (const status of alertStatuses)
      for (const role of ['dkObserver', 'dkDataAdmin', 'se2Observer', 'outsider', 'helpdesk'] as const)
        for (const name of Object.keys(commands) as CommandName[]) {
          const got = refusal(built[status], commands[name], actors[role]);
          expect([status, role, name, got]).toEqual([status, role, name, finals.includes(status) ? 'WrongState' : 'NotAllowed']);
        }
  });

  it('pendingActions name who acts in every status, and nobody in final ones', () => {
    const actionOf = (s: AlertState) => s.pendingActions.map((p) => `${p.authorityId}:${p.role}:${p.action}${p.itemId ? `:${p.itemId}` : ''}`).sort();
    expect(actionOf(built.draft)).toEqual(['auth-dk:alert-handler:submit']);
    expect(actionOf(built.submitted)).toEqual(['coord-dk:alert-broadcaster:accept-or-pass']);
    expect(actionOf(built['not-yet-broadcast'])).toEqual(['coord-dk:alert-broadcaster:broadcast']);
    const open = ['coord-se:alert-broadcaster:broadcast-item:item-1', 'mbox-no:alert-broadcaster:acknowledge'];
    expect(actionOf(built.broadcast)).toEqual(open);
    expect(actionOf(built['withdrawal-pending-broadcast'])).toEqual([...open, 'coord-dk:alert-broadcaster:broadcast-withdrawal'].sort());
    expect(actionOf(built['closure-open-for-comments'])).toEqual(
      [...open, 'auth-se2:alert-handler:comment-on-closure', 'coord-se:alert-handler:comment-on-closure', 'mbox-se:alert-handler:comment-on-closure'].sort(),
    );
    expect(actionOf(built['closure-pending-broadcast'])).toEqual([...open, 'coord-se:alert-broadcaster:broadcast-closure-proposal'].sort());
    expect(actionOf(built['closure-open-for-objections'])).toEqual(open);
    expect(actionOf(built['closure-pending-decision'])).toEqual([...open, 'coord-se:alert-broadcaster:close'].sort());
    for (const s of finals) expect(actionOf(built[s])).toEqual([]);
  });

  it('every transition raises the version, records the event in the history and keeps machine-only fields out of the snapshot', () => {
    const s = aSubmitted();
    const next = must(s, commands.accept, a.dkCoordBroadcaster);
    expect(next.version).toBe(s.version + 1);
    expect(next.lastEvent).toMatchObject({ action: 'accepted', actor: 'user:u-dkc-b', authorityId: 'coord-dk', country: 'DK' });
    expect(next.history.map((e) => e.action)).toEqual(['created', 'submitted', 'accepted']);
    const snapshot = snapshotOf(next);
    expect(snapshot).not.toHaveProperty('policy');
    expect(snapshot).not.toHaveProperty('lastEvent');
    expect(stateFromSnapshot(snapshot, defaultAlertPolicy)).toEqual(next);
  });

  it('every allowed cell: projected first, one version and one history event more, derived action list, emails only to authorities involved', () => {
    const problems: string[] = [];
    let cells = 0;
    for (const status of alertStatuses)
      for (const role of Object.keys(actors) as RoleName[])
        for (const name of Object.keys(commands) as CommandName[]) {
          const before = built[status];
          const result = transition(before, commands[name], actors[role], after(before));
          if (!result.ok) continue;
          cells++;
          const s = result.state;
          const where = `${status} × ${role} × ${name}`;
          if (result.effects[0]?.type !== 'project') problems.push(`${where}: not projected first`);
          if (s.version !== before.version + 1 || s.history.length !== before.history.length + 1 || s.history[s.history.length - 1] !== s.lastEvent) problems.push(`${where}: version/history`);
          if (JSON.stringify(s.pendingActions) !== JSON.stringify(pendingActionsOf(s))) problems.push(`${where}: stale pendingActions`);
          const involved = new Set([...involvedAuthorities(before), ...involvedAuthorities(s)]);
          for (const e of result.effects) {
            if (e.type !== 'notify' || 'commission' in e.audience) continue;
            if (!e.audience.authorityIds.length || !e.audience.roles.length) problems.push(`${where}: empty audience for ${e.kind}`);
            for (const id of e.audience.authorityIds) if (!involved.has(id)) problems.push(`${where}: ${e.kind} to ${id}, not involved`);
          }
        }
    expect(problems).toEqual([]);
    expect(cells).toBeGreaterThan(100);
  });

  it('reduced view only once closed or withdrawn', () => {
    for (const status of alertStatuses) expect([status, built[status].reducedView]).toEqual([status, status === 'closed' || status === 'withdrawn']);
  });
});

describe('AlertWorkflow machine: initiating and broadcasting', () => {
  it('submit emails the chosen coordinator’s broadcasters and keeps its final-approval flag', () => {
    const effects = effectsOf(aDraft(), { type: 'submit', facts: { ...submitFacts, coordinatorFinalApproval: true } }, a.dkHandler);
    expect(notifications(effects)).toEqual(['alert-submitted → coord-dk (alert-broadcaster)']);
    expect(must(aDraft(), { type: 'submit', facts: { ...submitFacts, coordinatorFinalApproval: true } }, a.dkHandler).alertCoordinatorFinalApproval).toBe(true);
  });

  it.each<[string, () => AlertState, AlertCommand, Actor, RejectionCode]>([
    ['an incomplete checklist', aDraft, { type: 'submit', facts: { ...submitFacts, complete: false } }, a.dkHandler, 'Invalid'],
    ['a coordinator not linked to the authority', aDraft, { type: 'submit', facts: { ...submitFacts, linkedAlertCoordinatorIds: ['coord-dk2'] } }, a.dkHandler, 'Invalid'],
    ['no coordinator chosen', () => aDraft({ alertCoordinatorId: null }), { type: 'submit', facts: submitFacts }, a.dkHandler, 'Invalid'],
    ['no target country', () => aDraft({ targetCountries: [] }), { type: 'submit', facts: submitFacts }, a.dkHandler, 'Invalid'],
    ['the originating country as a target', aDraft, { type: 'editDraft', targetCountries: ['DK', 'SE'] }, a.dkHandler, 'Invalid'],
    ['a bad country code', aDraft, { type: 'editDraft', establishmentCountry: 'Sweden' }, a.dkHandler, 'Invalid'],
    ['passing to a coordinator abroad', () => aSubmitted(), { type: 'pass', toCoordinatorId: 'coord-se', facts: { targetIsAlertCoordinator: true, targetCountry: 'SE', targetFinalApproval: false } }, a.dkCoordBroadcaster, 'Invalid'],
    ['passing to an authority that is no alert coordinator', () => aSubmitted(), { type: 'pass', toCoordinatorId: 'auth-dk2', facts: { targetIsAlertCoordinator: false, targetCountry: 'DK', targetFinalApproval: false } }, a.dkCoordBroadcaster, 'Invalid'],
    ['broadcasting to a country without a mailbox', () => aNotYetBroadcast(), { type: 'broadcast', facts: { mailboxes: { SE: ['mbox-se'] } } }, a.dkCoordBroadcaster, 'Invalid'],
    ['broadcasting before accepting', () => aSubmitted(), { type: 'broadcast', facts: mailboxes }, a.dkCoordBroadcaster, 'WrongState'],
    ['withdrawing before broadcast', () => aNotYetBroadcast(), { type: 'submitWithdrawal', itemId: 'wd-1' }, a.dkHandler, 'WrongState'],
    ['deleting after broadcast', () => aBroadcast(), { type: 'delete' }, a.dkHandler, 'WrongState'],
    ['adding a country that already receives it', () => aBroadcast(), { type: 'addTargetCountries', countries: ['SE'], facts: mailboxes }, a.dkCoordBroadcaster, 'Invalid'],
    ['adding a country without a mailbox after broadcast', () => aBroadcast(), { type: 'addTargetCountries', countries: ['IS'], facts: mailboxes }, a.dkCoordBroadcaster, 'Invalid'],
  ])('%s is refused', (_name, build, command, actor, code) => {
    expect(refusal(build(), command, actor)).toBe(code);
  });

  it('an alert coordinator’s handler may submit to its own authority, and a combined user still takes two steps', () => {
    const both = user('u-dkc-hb', 'coord-dk', 'DK', 'alert-handler', 'alert-broadcaster');
    let s = createAlert(newAlert({ originatingAuthorityId: 'coord-dk' }), both, t0).state;
    s = must(s, { type: 'submit', facts: { ...submitFacts, isAlertCoordinator: true, linkedAlertCoordinatorIds: [] } }, both);
    expect(s.status).toBe('submitted');
    expect(refusal(s, { type: 'broadcast', facts: mailboxes }, both)).toBe('WrongState');
    s = must(s, { type: 'accept' }, both);
    expect(must(s, { type: 'broadcast', facts: mailboxes }, both).status).toBe('broadcast');
  });

  it('passing hands the alert to another coordinator of the country, whose broadcasters then act', () => {
    const s = must(aSubmitted(), commands.pass, a.dkCoordBroadcaster);
    expect(s).toMatchObject({ status: 'submitted', alertCoordinatorId: 'coord-dk2' });
    expect(notifications(effectsOf(aSubmitted(), commands.pass, a.dkCoordBroadcaster))).toEqual(['alert-submitted → coord-dk2 (alert-broadcaster)']);
    expect(refusal(s, { type: 'accept' }, a.dkCoordBroadcaster)).toBe('NotAllowed');
    expect(refusal(s, { type: 'accept' }, user('u-dkc2-b', 'coord-dk2', 'DK', 'alert-broadcaster'))).toBe('ok');
  });

  it('final approval: the coordinator’s broadcasters, not the originating authority, edit and delete before broadcast', () => {
    const fa = { ...submitFacts, coordinatorFinalApproval: true };
    for (const s of [aSubmitted(fa), aNotYetBroadcast(fa)]) {
      expect(refusal(s, { type: 'editContent' }, a.dkHandler)).toBe('NotAllowed');
      expect(refusal(s, { type: 'editContent' }, a.dkCoordBroadcaster)).toBe('ok');
      expect(refusal(s, { type: 'delete' }, a.dkHandler)).toBe('NotAllowed');
      expect(must(s, { type: 'delete' }, a.dkCoordBroadcaster).status).toBe('deleted');
    }
    // Without it, the originating authority keeps these rights; the broadcaster may only add countries.
    const s = aNotYetBroadcast();
    expect(refusal(s, { type: 'editContent' }, a.dkCoordBroadcaster)).toBe('NotAllowed');
    expect(refusal(s, commands.addTargetCountries, a.dkCoordBroadcaster)).toBe('ok');
  });

  it('deleting erases the content at once', () => {
    expect(effectsOf(aSubmitted(), { type: 'delete' }, a.dkHandler)).toContainEqual({ type: 'startRetention', eraseAfterMs: 0 });
  });

  it('broadcast reaches each target country’s mailbox, the originating country’s mailbox (a copy) and the Commission', () => {
    const effects = effectsOf(aNotYetBroadcast(), commands.broadcast, a.dkCoordBroadcaster);
    expect(notifications(effects)).toEqual([
      'alert-received → mbox-se (alert-broadcaster)',
      'alert-received → mbox-no (alert-broadcaster)',
      'alert-copy → mbox-dk (alert-broadcaster)',
      'alert-received → commission',
    ]);
    const s = justBroadcast();
    expect(s).toMatchObject({ broadcastingCoordinatorId: 'coord-dk', broadcastAt: at(0.03).toISOString(), commissionReceivedAt: at(0.03).toISOString() });
    expect(s.countries.map((c) => [c.country, c.kind, c.mailboxState, c.mailboxIds])).toEqual([
      ['SE', 'target', 'awaiting-acceptance', ['mbox-se']],
      ['NO', 'target', 'awaiting-acceptance', ['mbox-no']],
      ['DK', 'origin', 'copy', ['mbox-dk']],
    ]);
  });

  it('countries added after broadcast receive it at once through their mailbox', () => {
    const effects = effectsOf(aBroadcast(), commands.addTargetCountries, a.dkCoordBroadcaster);
    expect(notifications(effects)).toEqual(['alert-received → mbox-fi (alert-broadcaster)']);
    const s = must(aBroadcast(), commands.addTargetCountries, a.dkCoordBroadcaster);
    expect(s.targetCountries).toEqual(['SE', 'NO', 'FI']);
    expect(s.countries.find((c) => c.country === 'FI')).toMatchObject({ kind: 'target', mailboxState: 'awaiting-acceptance', mailboxIds: ['mbox-fi'] });
  });
});

describe('AlertWorkflow machine: receiving and forwarding', () => {
  it('a mailbox acknowledges, then forwards to authorities of its own country only', () => {
    const s = justBroadcast();
    expect(refusal(s, forwardTo(['auth-no', false, 'NO']), a.noMailboxBroadcaster)).toBe('WrongState');
    const acked = must(s, { type: 'acknowledge' }, a.noMailboxBroadcaster);
    expect(acked.countries.find((c) => c.country === 'NO')).toMatchObject({ mailboxState: 'acknowledged', acknowledgedByAuthorityId: 'mbox-no', acknowledgedByUserId: 'u-nom-b' });
    expect(refusal(acked, { type: 'acknowledge' }, a.noMailboxBroadcaster)).toBe('WrongState');
    expect(refusal(acked, forwardTo(['auth-se9', false, 'SE']), a.noMailboxBroadcaster)).toBe('Invalid');
    expect(refusal(acked, { type: 'forward', targets: [{ authorityId: 'auth-no', country: 'NO', hasAlertAccess: false, isAlertCoordinator: false }] }, a.noMailboxBroadcaster)).toBe('Invalid');
    expect(refusal(acked, forwardTo(['mbox-no', true, 'NO']), a.noMailboxBroadcaster)).toBe('Invalid');
    const effects = effectsOf(acked, forwardTo(['auth-no', false, 'NO'], ['coord-no', true, 'NO']), a.noMailboxBroadcaster);
    expect(notifications(effects)).toEqual(['alert-forwarded → auth-no,coord-no (alert-handler+alert-broadcaster)']);
  });

  it('coordinators it was forwarded to forward further; plain authorities do not', () => {
    const s = must(aBroadcast(), forwardTo(['auth-se4', false]), a.seCoordBroadcaster);
    const se = s.countries.find((c) => c.country === 'SE')!;
    expect(se.recipients.find((r) => r.authorityId === 'auth-se4')).toMatchObject({ addedByAuthorityId: 'coord-se', actedAt: null });
    // Forwarding is acting: the coordinator can no longer be removed.
    expect(se.recipients.find((r) => r.authorityId === 'coord-se')!.actedAt).not.toBeNull();
    expect(refusal(s, { type: 'removeRecipient', authorityId: 'coord-se' }, a.seMailboxBroadcaster)).toBe('WrongState');
    const seBroadcaster = user('u-se-b', 'auth-se', 'SE', 'alert-broadcaster');
    expect(refusal(s, forwardTo(['auth-se5', false]), seBroadcaster)).toBe('NotAllowed');
  });

  it('only the mailbox removes recipients, only those that have not acted, and a removed one sees nothing further', () => {
    const s = aBroadcast();
    // auth-se submitted information (acted); auth-se2 did nothing yet.
    expect(refusal(s, { type: 'removeRecipient', authorityId: 'auth-se' }, a.seMailboxBroadcaster)).toBe('WrongState');
    expect(refusal(s, { type: 'removeRecipient', authorityId: 'auth-se2' }, a.seCoordBroadcaster)).toBe('NotAllowed');
    expect(refusal(s, { type: 'removeRecipient', authorityId: 'auth-se2' }, a.noMailboxBroadcaster)).toBe('Invalid');
    const removed = must(s, { type: 'removeRecipient', authorityId: 'auth-se2' }, a.seMailboxBroadcaster);
    expect(removed.countries.find((c) => c.country === 'SE')!.recipients.find((r) => r.authorityId === 'auth-se2')).toMatchObject({ removedByAuthorityId: 'mbox-se' });
    expect(involvedAuthorities(removed)).not.toContain('auth-se2');
    expect(refusal(removed, infoItem('item-2'), a.se2Handler)).toBe('NotAllowed');
    expect(refusal(removed, propose(), a.se2Handler)).toBe('NotAllowed');
    const broadcastItem = effectsOf(removed, { type: 'broadcastItem', itemId: 'item-1' }, a.seCoordBroadcaster);
    expect(notifications(broadcastItem)[0]).not.toContain('auth-se2');
    // Forwarded again, it takes part afresh.
    const again = must(removed, forwardTo(['auth-se2', false]), a.seMailboxBroadcaster);
    expect(involvedAuthorities(again)).toContain('auth-se2');
  });

  it('the originating country’s mailbox forwards its copy to more domestic recipients', () => {
    const s = must(justBroadcast(), forwardTo(['auth-dk2', false, 'DK']), a.dkMailboxBroadcaster);
    expect(s.countries.find((c) => c.country === 'DK')!.recipients.map((r) => r.authorityId)).toEqual(['auth-dk2']);
    expect(refusal(s, { type: 'acknowledge' }, a.dkMailboxBroadcaster)).toBe('NotAllowed');
  });
});

describe('AlertWorkflow machine: edits after broadcast', () => {
  it('the broadcasting coordinator changes the establishment country and every recipient is emailed', () => {
    const effects = effectsOf(aBroadcast(), commands.changeEstablishmentCountry, a.dkCoordBroadcaster);
    expect(notifications(effects)).toEqual(['establishment-country-changed → auth-dk,auth-se,auth-se2,coord-dk,coord-se,mbox-dk,mbox-no,mbox-se (alert-handler+alert-broadcaster)']);
    expect(refusal(aBroadcast(), commands.changeEstablishmentCountry, a.dkHandler)).toBe('NotAllowed');
    expect(refusal(aBroadcast(), { type: 'changeEstablishmentCountry', establishmentCountry: 'SE' }, a.dkCoordBroadcaster)).toBe('Invalid');
  });

  it('the establishment country cannot change once closure has been proposed', () => {
    for (const s of [aCommentPeriod(), aPendingBroadcast(), anObjectionPeriod(), aPendingDecision()]) {
      expect(refusal(s, commands.changeEstablishmentCountry, a.dkCoordBroadcaster)).toBe('WrongState');
    }
  });

  it('provider data and description: the originating authority, or with final approval the broadcasting coordinator; no email', () => {
    const fa = aBroadcast({ ...submitFacts, coordinatorFinalApproval: true });
    expect(refusal(fa, { type: 'editContent' }, a.dkHandler)).toBe('NotAllowed');
    expect(notifications(effectsOf(fa, { type: 'editContent' }, a.dkCoordBroadcaster))).toEqual([]);
    expect(refusal(aBroadcast(), { type: 'editContent' }, a.dkCoordBroadcaster)).toBe('NotAllowed');
    expect(notifications(effectsOf(aBroadcast(), { type: 'editContent' }, a.dkHandler))).toEqual([]);
  });
});

describe('AlertWorkflow machine: two-step information', () => {
  const everyone = 'auth-dk,auth-se,auth-se2,coord-dk,coord-se,mbox-dk,mbox-no,mbox-se (alert-handler+alert-broadcaster)';

  it('submitted to the submitter’s coordinator, broadcast by its broadcasters to every handler and broadcaster involved', () => {
    expect(notifications(effectsOf(justBroadcast(), infoItem('i-no', 'coord-no'), a.noMailboxHandler))).toEqual(['item-submitted → coord-no (alert-broadcaster)']);
    // A coordinator that had not received the alert takes part once information is submitted to it.
    const noCoordinator = user('u-noc-b', 'coord-no', 'NO', 'alert-broadcaster');
    expect(refusal(justBroadcast(), { type: 'broadcastItem', itemId: 'i-no' }, noCoordinator)).toBe('NotAllowed');
    const viaNo = must(justBroadcast(), infoItem('i-no', 'coord-no'), a.noMailboxHandler);
    expect(notifications(effectsOf(viaNo, { type: 'broadcastItem', itemId: 'i-no' }, noCoordinator))).toEqual([
      'item-broadcast → auth-dk,coord-dk,coord-no,mbox-dk,mbox-no,mbox-se (alert-handler+alert-broadcaster)',
    ]);
    expect(refusal(aBroadcast(), infoItem('i-x', 'coord-xx'), a.seHandler)).toBe('ok');
    expect(refusal(aBroadcast(), { ...infoItem('i-x'), facts: { isAlertCoordinator: false, linkedAlertCoordinatorIds: [], coordinatorFinalApproval: false } } as AlertCommand, a.seHandler)).toBe('Invalid');
    expect(refusal(aBroadcast(), infoItem('item-1'), a.seHandler)).toBe('Invalid');
    const s = must(aBroadcast(), { type: 'broadcastItem', itemId: 'item-1' }, a.seCoordBroadcaster);
    expect(s.items[0]).toMatchObject({ id: 'item-1', status: 'broadcast', decidedByAuthorityId: 'coord-se', country: 'SE' });
    expect(notifications(effectsOf(aBroadcast(), { type: 'broadcastItem', itemId: 'item-1' }, a.seCoordBroadcaster))).toEqual([`item-broadcast → ${everyone}`]);
    expect(refusal(s, { type: 'broadcastItem', itemId: 'item-1' }, a.seCoordBroadcaster)).toBe('WrongState');
    expect(refusal(s, { type: 'editItem', itemId: 'item-1' }, a.seHandler)).toBe('WrongState');
  });

  it('with final approval the coordinator edits, deletes or declines; the submitter no longer does', () => {
    const s = must(aBroadcast(), infoItem('item-fa', 'coord-se', true), a.se2Handler);
    expect(refusal(s, { type: 'editItem', itemId: 'item-fa' }, a.se2Handler)).toBe('NotAllowed');
    expect(refusal(s, { type: 'editItem', itemId: 'item-fa' }, a.seCoordBroadcaster)).toBe('ok');
    expect(refusal(s, { type: 'deleteItem', itemId: 'item-fa' }, a.se2Handler)).toBe('NotAllowed');
    const declined = effectsOf(s, { type: 'declineItem', itemId: 'item-fa' }, a.seCoordBroadcaster);
    expect(notifications(declined)).toEqual(['item-declined → auth-se2 (alert-handler+alert-broadcaster)']);
    expect(must(s, { type: 'deleteItem', itemId: 'item-fa' }, a.seCoordBroadcaster).items.find((i) => i.id === 'item-fa')!.status).toBe('deleted');
  });

  it('a clarification request names the originating country or one that sent information, not its own', () => {
    const ask = (to: string | null): AlertCommand => ({ ...infoItem('clar-1', 'coord-no'), kind: 'clarification-request', addressedToCountry: to } as AlertCommand);
    const s = justBroadcast();
    expect(refusal(s, ask('DK'), a.noMailboxHandler)).toBe('ok');
    expect(refusal(s, ask(null), a.noMailboxHandler)).toBe('Invalid');
    expect(refusal(s, ask('NO'), a.noMailboxHandler)).toBe('Invalid');
    // Sweden's information is not broadcast yet, then it is.
    expect(refusal(aBroadcast(), ask('SE'), a.noMailboxHandler)).toBe('Invalid');
    const informed = must(aBroadcast(), { type: 'broadcastItem', itemId: 'item-1' }, a.seCoordBroadcaster);
    expect(must(informed, ask('SE'), a.noMailboxHandler).items.find((i) => i.id === 'clar-1')!.addressedToCountry).toBe('SE');
  });

  it('a suggestion to close comes from another country than the closing one', () => {
    const suggest: AlertCommand = { ...infoItem('sug-1', 'coord-no'), kind: 'suggestion-to-close' } as AlertCommand;
    expect(refusal(aBroadcast(), suggest, a.noMailboxHandler)).toBe('ok');
    expect(refusal(aBroadcast(), { ...suggest, coordinatorId: 'coord-se', facts: { ...seLinked, coordinatorFinalApproval: false } } as AlertCommand, a.seHandler)).toBe('Invalid');
  });
});

describe('AlertWorkflow machine: withdrawal', () => {
  it('two steps: submitted by the originating side, broadcast by its coordinator; then reduced view, timers cancelled, erasure scheduled', () => {
    expect(notifications(effectsOf(aBroadcast(), { type: 'submitWithdrawal', itemId: 'wd-1' }, a.dkHandler))).toEqual(['item-submitted → coord-dk (alert-broadcaster)']);
    const pending = aWithdrawalPending();
    expect(pending.items.find((i) => i.id === 'wd-1')).toMatchObject({ kind: 'withdrawal', status: 'submitted', coordinatorId: 'coord-dk' });
    const effects = effectsOf(pending, { type: 'broadcastWithdrawal' }, a.dkCoordBroadcaster);
    expect(effects).toContainEqual({ type: 'cancelTimer', timer: 'commentPeriod' });
    expect(effects).toContainEqual({ type: 'cancelTimer', timer: 'objectionPeriod' });
    expect(effects).toContainEqual({ type: 'startRetention', eraseAfterMs: defaultAlertPolicy.erasureAfterMs });
    expect(notifications(effects)).toEqual(['alert-withdrawn → auth-dk,auth-se,auth-se2,coord-dk,coord-se,mbox-dk,mbox-no,mbox-se (alert-handler+alert-broadcaster)']);
    const withdrawn = aWithdrawn();
    expect(withdrawn).toMatchObject({ status: 'withdrawn', reducedView: true, withdrawnAt: at(2).toISOString() });
    expect(refusal(withdrawn, infoItem('late'), a.seHandler)).toBe('WrongState');
  });

  it('cancelling returns to where the alert was, also in the middle of a closure', () => {
    expect(must(aWithdrawalPending(), { type: 'cancelWithdrawal' }, a.dkHandler).status).toBe('broadcast');
    const during = must(aCommentPeriod(), { type: 'submitWithdrawal', itemId: 'wd-2' }, a.dkCoordBroadcaster, at(2));
    expect(refusal(during, { type: 'commentOnClosure', commentId: 'c-2' }, a.se2Handler, at(3))).toBe('WrongState');
    // The comment period ends while the withdrawal waits: the closure moves on underneath.
    const ended = must(during, { type: 'commentPeriodOver' }, systemActor, at(8.01));
    expect(ended.status).toBe('withdrawal-pending-broadcast');
    const back = must(ended, { type: 'cancelWithdrawal' }, a.dkCoordBroadcaster, at(8.5));
    expect(back.status).toBe('closure-pending-broadcast');
    expect(back.items.find((i) => i.id === 'wd-2')!.status).toBe('deleted');
  });

  it('only the originating authority and its broadcasting coordinator withdraw', () => {
    expect(refusal(aBroadcast(), { type: 'submitWithdrawal', itemId: 'wd-1' }, a.seHandler)).toBe('NotAllowed');
    expect(refusal(aBroadcast(), { type: 'submitWithdrawal', itemId: 'wd-1' }, a.dkMailboxBroadcaster)).toBe('NotAllowed');
  });
});

describe('AlertWorkflow machine: closure', () => {
  it('a proposal opens the comment period: timer at +7 days, the closing country’s other recipient authorities emailed', () => {
    const effects = effectsOf(aBroadcast(), propose(), a.seHandler, at(1));
    expect(effects).toContainEqual({ type: 'startTimer', timer: 'commentPeriod', at: at(8).toISOString() });
    expect(notifications(effects)).toEqual(['closure-proposed → auth-se2,coord-se,mbox-se (alert-handler)']);
    const s = aCommentPeriod();
    expect(s).toMatchObject({ commentPeriodEndsAt: at(8).toISOString(), closure: { country: 'SE', closureCoordinatorId: 'coord-se', proposedByAuthorityId: 'auth-se', proposalTextId: 'proposal-1' } });
  });

  it('only an alert handler in the closing country proposes, to a coordinator linked to its authority', () => {
    expect(refusal(aBroadcast(), propose(), a.noMailboxHandler)).toBe('NotAllowed');
    expect(refusal(aBroadcast(), propose(), a.dkHandler)).toBe('NotAllowed');
    expect(refusal(aBroadcast(), propose(), a.seCoordBroadcaster)).toBe('NotAllowed');
    expect(refusal(aBroadcast(), { ...propose(), closureCoordinatorId: 'coord-se2' } as AlertCommand, a.seHandler)).toBe('Invalid');
    expect(refusal(aBroadcast(), { ...propose(), proposalTextId: ' ' } as AlertCommand, a.seHandler)).toBe('Invalid');
  });

  it('with the establishment country unknown, the originating country closes', () => {
    const s = must(aBroadcast(), { type: 'changeEstablishmentCountry', establishmentCountry: null }, a.dkCoordBroadcaster);
    expect(refusal(s, propose(), a.seHandler)).toBe('NotAllowed');
    const dk = must(s, { ...propose(), closureCoordinatorId: 'coord-dk', facts: { isAlertCoordinator: false, linkedAlertCoordinatorIds: ['coord-dk'], closureCoordinatorFinalApproval: false } } as AlertCommand, a.dkHandler);
    expect(dk.closure!.country).toBe('DK');
    // The Danish mailbox may comment; Swedish authorities may not.
    const comment: AlertCommand = { type: 'commentOnClosure', commentId: 'c-dk' };
    expect(refusal(dk, comment, user('u-dkm-h', 'mbox-dk', 'DK', 'alert-handler'))).toBe('ok');
    expect(refusal(dk, comment, a.se2Handler)).toBe('NotAllowed');
  });

  it('comments: only the closing country’s other authorities, only within the period', () => {
    const s = aCommentPeriod();
    expect(refusal(s, { type: 'commentOnClosure', commentId: 'c-2' }, a.seHandler)).toBe('NotAllowed');
    expect(refusal(s, { type: 'commentOnClosure', commentId: 'c-2' }, a.noMailboxHandler)).toBe('NotAllowed');
    expect(refusal(s, { type: 'commentOnClosure', commentId: 'c-2' }, a.se2Handler, at(7.99))).toBe('ok');
    // Past the end, even before the timer has fired; and after it.
    expect(refusal(s, { type: 'commentOnClosure', commentId: 'c-2' }, a.se2Handler, at(8))).toBe('PeriodOver');
    expect(refusal(aPendingBroadcast(), { type: 'commentOnClosure', commentId: 'c-2' }, a.seMailboxHandler, at(8.5))).toBe('PeriodOver');
    const commented = must(s, { type: 'commentOnClosure', commentId: 'c-2' }, a.se2Handler, at(2));
    expect(commented.closure!.comments).toEqual([{ id: 'c-2', authorityId: 'auth-se2', at: at(2).toISOString() }]);
    expect(refusal(commented, { type: 'commentOnClosure', commentId: 'c-2' }, a.seMailboxHandler, at(3))).toBe('Invalid');
  });

  it('the comment period ends only by its timer, at its end, and emails the closure coordinator’s broadcasters', () => {
    const s = aCommentPeriod();
    expect(refusal(s, { type: 'commentPeriodOver' }, systemActor, at(7.99))).toBe('WrongState');
    expect(refusal(s, { type: 'commentPeriodOver' }, a.seCoordBroadcaster, at(8))).toBe('NotAllowed');
    expect(notifications(effectsOf(s, { type: 'commentPeriodOver' }, systemActor, at(8)))).toEqual(['comment-period-over → coord-se (alert-broadcaster)']);
    expect(refusal(s, { type: 'broadcastClosureProposal', commentIds: [] }, a.seCoordBroadcaster, at(5))).toBe('WrongState');
  });

  it('the proposal is edited or cancelled by the proposer, or with final approval by the closure coordinator', () => {
    const plain = aCommentPeriod();
    expect(refusal(plain, { type: 'editClosureProposal' }, a.seCoordBroadcaster)).toBe('NotAllowed');
    expect(refusal(plain, { type: 'cancelClosureProposal' }, a.seCoordBroadcaster)).toBe('NotAllowed');
    expect(refusal(plain, { type: 'editClosureProposal' }, a.se2Handler)).toBe('NotAllowed');
    const fa = aCommentPeriod(true);
    expect(refusal(fa, { type: 'editClosureProposal' }, a.seCoordBroadcaster)).toBe('ok');
    expect(refusal(fa, { type: 'editClosureProposal' }, a.seHandler)).toBe('ok');
    const effects = effectsOf(fa, { type: 'cancelClosureProposal' }, a.seCoordBroadcaster);
    expect(effects).toContainEqual({ type: 'cancelTimer', timer: 'commentPeriod' });
    expect(notifications(effects)).toEqual(['closure-proposal-cancelled → auth-se,auth-se2,mbox-se (alert-handler+alert-broadcaster)']);
    const cancelled = must(fa, { type: 'cancelClosureProposal' }, a.seCoordBroadcaster);
    expect(cancelled).toMatchObject({ status: 'broadcast', closure: null, commentPeriodEndsAt: null });
    // After a cancelled proposal, the establishment country may change again.
    expect(refusal(cancelled, commands.changeEstablishmentCountry, a.dkCoordBroadcaster)).toBe('ok');
  });

  it('broadcasting the proposal attaches chosen comments, starts the 14-day objection period and emails everyone involved', () => {
    const s = aPendingBroadcast();
    expect(refusal(s, { type: 'broadcastClosureProposal', commentIds: ['c-unknown'] }, a.seCoordBroadcaster)).toBe('Invalid');
    expect(refusal(s, { type: 'broadcastClosureProposal', commentIds: [] }, a.seHandler)).toBe('NotAllowed');
    const effects = effectsOf(s, { type: 'broadcastClosureProposal', commentIds: ['c-1'] }, a.seCoordBroadcaster, at(9));
    expect(effects).toContainEqual({ type: 'startTimer', timer: 'objectionPeriod', at: at(23).toISOString() });
    expect(notifications(effects)).toEqual(['closure-proposal-broadcast → auth-dk,auth-se,auth-se2,coord-dk,coord-se,mbox-dk,mbox-no,mbox-se (alert-handler+alert-broadcaster)']);
    expect(anObjectionPeriod().closure).toMatchObject({ broadcastCommentIds: ['c-1'], broadcastByAuthorityId: 'coord-se', broadcastAt: at(9).toISOString() });
  });

  it('objections: other countries only, to the closure coordinator, within the period; its broadcasters broadcast or decline', () => {
    const s = anObjectionPeriod();
    const object = (itemId: string): AlertCommand => ({ ...commands.submitObjection, itemId });
    expect(refusal(s, object('o-se'), a.se2Handler)).toBe('NotAllowed');
    expect(refusal(s, { ...object('o-x'), coordinatorId: 'coord-no' } as AlertCommand, a.noMailboxHandler)).toBe('Invalid');
    expect(notifications(effectsOf(s, object('o-1'), a.noMailboxHandler))).toEqual(['item-submitted → coord-se (alert-broadcaster)']);
    expect(refusal(s, object('o-late'), a.noMailboxHandler, at(23))).toBe('PeriodOver');
    expect(refusal(aPendingDecision(), object('o-late'), a.noMailboxHandler)).toBe('PeriodOver');
    let objected = must(s, object('o-1'), a.noMailboxHandler, at(10));
    objected = must(objected, object('o-2'), a.dkHandler, at(11));
    expect(refusal(objected, { type: 'broadcastItem', itemId: 'o-1' }, a.noMailboxBroadcaster)).toBe('NotAllowed');
    expect(notifications(effectsOf(objected, { type: 'broadcastItem', itemId: 'o-1' }, a.seCoordBroadcaster))[0]).toMatch(/^item-broadcast → auth-dk,/);
    // Declining an objection needs no final approval: the closure coordinator decides.
    expect(notifications(effectsOf(objected, { type: 'declineItem', itemId: 'o-2' }, a.seCoordBroadcaster))).toEqual(['item-declined → auth-dk (alert-handler+alert-broadcaster)']);
    // Objections submitted in time are decided after the period too; closing waits for that.
    objected = must(objected, { type: 'objectionPeriodOver' }, systemActor, at(23));
    expect(refusal(objected, { type: 'close' }, a.seCoordBroadcaster)).toBe('WrongState');
    objected = must(objected, { type: 'broadcastItem', itemId: 'o-1' }, a.seCoordBroadcaster);
    objected = must(objected, { type: 'declineItem', itemId: 'o-2' }, a.seCoordBroadcaster);
    expect(must(objected, { type: 'close' }, a.seCoordBroadcaster).status).toBe('closed');
  });

  it('closing waits for the objection period; then only a broadcaster under the closure coordinator closes', () => {
    const s = anObjectionPeriod();
    expect(refusal(s, { type: 'close' }, a.seCoordBroadcaster, at(22.9))).toBe('WrongState');
    expect(refusal(s, { type: 'objectionPeriodOver' }, systemActor, at(22.9))).toBe('WrongState');
    expect(notifications(effectsOf(s, { type: 'objectionPeriodOver' }, systemActor, at(23)))).toEqual(['objection-period-over → coord-se (alert-broadcaster)']);
    const decision = aPendingDecision();
    for (const who of [a.seHandler, a.seMailboxBroadcaster, a.dkCoordBroadcaster, a.noMailboxBroadcaster]) expect(refusal(decision, { type: 'close' }, who)).toBe('NotAllowed');
    const effects = effectsOf(decision, { type: 'close' }, a.seCoordBroadcaster, at(24));
    expect(effects).toContainEqual({ type: 'startRetention', eraseAfterMs: defaultAlertPolicy.erasureAfterMs });
    expect(notifications(effects)).toEqual(['alert-closed → auth-dk,auth-se,auth-se2,coord-dk,coord-se,mbox-dk,mbox-no,mbox-se (alert-handler+alert-broadcaster)']);
    expect(aClosed()).toMatchObject({ status: 'closed', closedAt: at(24).toISOString(), reducedView: true, pendingActions: [] });
  });

  it('after the objections the closure coordinator may keep the alert open instead', () => {
    const s = must(aPendingDecision(), { type: 'cancelClosureProposal' }, a.seCoordBroadcaster);
    expect(s).toMatchObject({ status: 'broadcast', closure: null, objectionPeriodEndsAt: null });
    expect(refusal(anObjectionPeriod(), { type: 'cancelClosureProposal' }, a.seCoordBroadcaster)).toBe('WrongState');
    expect(refusal(anObjectionPeriod(), { type: 'editClosureProposal' }, a.seHandler)).toBe('WrongState');
  });

  it('the periods come from the policy given at start', () => {
    const policy = { commentPeriodMs: minute, objectionPeriodMs: 2 * minute, erasureAfterMs: 3 * minute };
    let s = must(aBroadcast(), propose(), a.seHandler, at(1));
    s = { ...s, policy };
    const proposed = must(aBroadcast(), propose(), a.seHandler, at(1));
    expect(proposed.commentPeriodEndsAt).toBe(at(8).toISOString());
    const fast = must({ ...aBroadcast(), policy }, propose(), a.seHandler, at(1));
    expect(fast.commentPeriodEndsAt).toBe(new Date(at(1).getTime() + minute).toISOString());
    const over = must(fast, { type: 'commentPeriodOver' }, systemActor, new Date(at(1).getTime() + minute));
    const broadcast = must(over, { type: 'broadcastClosureProposal', commentIds: [] }, a.seCoordBroadcaster, at(1.1));
    expect(broadcast.objectionPeriodEndsAt).toBe(new Date(at(1.1).getTime() + 2 * minute).toISOString());
    expect(s.policy).toBe(policy);
  });
});

describe('AlertWorkflow machine: the issue’s three-country story, step by step', () => {
  it('A initiates, B and C receive, B forwards and removes one, C closes after a comment and a broadcast objection from B', () => {
    const A = { handler: a.dkHandler, coordinator: a.dkCoordBroadcaster };
    const bMailbox = user('u-bm-b', 'mbox-b', 'BE', 'alert-broadcaster');
    const bAuthority = user('u-b1-h', 'auth-b1', 'BE', 'alert-handler');
    const bCoordinator = user('u-bc-b', 'coord-b', 'BE', 'alert-broadcaster');
    const cMailbox = user('u-cm-b', 'mbox-c', 'CZ', 'alert-broadcaster');
    const cProposer = user('u-c1-h', 'auth-c1', 'CZ', 'alert-handler');
    const cCommenter = user('u-c2-h', 'auth-c2', 'CZ', 'alert-handler');
    const cCoordinator = user('u-cc-b', 'coord-c', 'CZ', 'alert-broadcaster');
    const facts: MailboxFacts = { mailboxes: { BE: ['mbox-b'], CZ: ['mbox-c'], DK: ['mbox-dk'] } };
    const to = (country: string, ...ids: [string, boolean][]): AlertCommand => ({ type: 'forward', targets: ids.map(([authorityId, isAlertCoordinator]) => ({ authorityId, country, hasAlertAccess: true, isAlertCoordinator })) });

    let s = createAlert(newAlert({ targetCountries: ['BE', 'CZ'], establishmentCountry: 'CZ' }), A.handler, t0).state;
    s = must(s, { type: 'submit', facts: submitFacts }, A.handler, at(0.1));
    s = must(s, { type: 'accept' }, A.coordinator, at(0.2));
    s = must(s, { type: 'broadcast', facts }, A.coordinator, at(0.3));
    s = must(s, { type: 'acknowledge' }, bMailbox, at(0.4));
    expect(s.pendingActions).toContainEqual({ authorityId: 'mbox-b', role: 'alert-broadcaster', action: 'forward', itemId: null });
    s = must(s, to('BE', ['auth-b1', false], ['auth-b2', false]), bMailbox, at(0.5));
    s = must(s, { type: 'removeRecipient', authorityId: 'auth-b2' }, bMailbox, at(0.6));
    s = must(s, { type: 'acknowledge' }, cMailbox, at(0.7));
    s = must(s, to('CZ', ['auth-c1', false], ['auth-c2', false]), cMailbox, at(0.8));
    s = must(s, { type: 'proposeClosure', proposalTextId: 'p-1', closureCoordinatorId: 'coord-c', facts: { isAlertCoordinator: false, linkedAlertCoordinatorIds: ['coord-c'], closureCoordinatorFinalApproval: false } }, cProposer, at(1));
    // Other countries do not take part in the comment period.
    expect(refusal(s, { type: 'commentOnClosure', commentId: 'x' }, bAuthority, at(2))).toBe('NotAllowed');
    s = must(s, { type: 'commentOnClosure', commentId: 'c-1' }, cCommenter, at(2));
    expect(refusal(s, { type: 'commentOnClosure', commentId: 'c-2' }, cCommenter, at(8.5))).toBe('PeriodOver');
    s = must(s, { type: 'commentPeriodOver' }, systemActor, at(8));
    s = must(s, { type: 'broadcastClosureProposal', commentIds: ['c-1'] }, cCoordinator, at(9));
    s = must(s, { type: 'submitItem', itemId: 'obj-b', kind: 'objection', coordinatorId: null, addressedToCountry: null, facts: { isAlertCoordinator: false, linkedAlertCoordinatorIds: ['coord-b'], coordinatorFinalApproval: false } }, bAuthority, at(10));
    const broadcastObjection = transition(s, { type: 'broadcastItem', itemId: 'obj-b' }, cCoordinator, at(11));
    expect(broadcastObjection.ok && notifications(broadcastObjection.effects)).toEqual([
      'item-broadcast → auth-b1,auth-c1,auth-c2,auth-dk,coord-c,coord-dk,mbox-b,mbox-c,mbox-dk (alert-handler+alert-broadcaster)',
    ]);
    s = must(s, { type: 'broadcastItem', itemId: 'obj-b' }, cCoordinator, at(11));
    expect(refusal(s, { type: 'close' }, cCoordinator, at(12))).toBe('WrongState');
    expect(refusal(s, { type: 'submitItem', itemId: 'obj-late', kind: 'objection', coordinatorId: null, addressedToCountry: null, facts: { isAlertCoordinator: false, linkedAlertCoordinatorIds: [], coordinatorFinalApproval: false } }, bAuthority, at(23))).toBe('PeriodOver');
    s = must(s, { type: 'objectionPeriodOver' }, systemActor, at(23));
    expect(refusal(s, { type: 'close' }, bCoordinator)).toBe('NotAllowed');
    s = must(s, { type: 'close' }, cCoordinator, at(24));

    expect(s).toMatchObject({ status: 'closed', reducedView: true, closedAt: at(24).toISOString(), pendingActions: [] });
    expect(s.history.map((e) => e.action)).toEqual([
      'created',
      'submitted',
      'accepted',
      'broadcast',
      'acknowledged',
      'forwarded',
      'recipient-removed',
      'acknowledged',
      'forwarded',
      'closure-proposed',
      'closure-commented',
      'comment-period-over',
      'closure-proposal-broadcast',
      'item-submitted',
      'item-broadcast',
      'objection-period-over',
      'closed',
    ]);
    // The console's recipient map: who received, who acted, who was removed.
    const map = s.countries.map((c) => [c.country, c.mailboxState, c.recipients.map((r) => `${r.authorityId}:${r.removedAt ? 'removed' : r.actedAt ? 'acted' : 'received'}`)]);
    expect(map).toEqual([
      ['BE', 'acknowledged', ['auth-b1:acted', 'auth-b2:removed']],
      ['CZ', 'acknowledged', ['auth-c1:acted', 'auth-c2:acted']],
      ['DK', 'copy', []],
    ]);
    expect(involvedAuthorities(s)).not.toContain('auth-b2');
  });
});
