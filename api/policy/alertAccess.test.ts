import type { Actor } from '../../workflows/actor';
import { defaultAlertPolicy, type AlertCommand, type AlertState, type MailboxFacts } from '../../workflows/alert/commands';
import { createAlert, snapshotOf, transition } from '../../workflows/alert/machine';
import type { AlertSnapshot } from '../../workflows/alert/snapshot';
import {
  alertPersonalDataAccess,
  alertRolesOf,
  alertViewerSide,
  closureKnownTo,
  commentKnownTo,
  itemKnownTo,
  mayDownloadAlertFiles,
  statusShownTo,
  wasRemoved,
  type AlertViewerFacts,
  type AlertViewerSide,
} from './alertAccess';

/**
 * Who sees what of an alert, as a table: every kind of viewer × the alert's life (draft,
 * submitted, broadcast, the closure's comment period, closed, withdrawn, deleted) → the side it is
 * given (null: 404) and whether it sees personal data. The states come from the pure machine.
 */

const day = 86_400_000;
const t0 = new Date('2026-03-02T09:00:00Z');
const at = (days: number) => new Date(t0.getTime() + days * day);

const actor = (id: string, authorityId: string, countryCode: string, ...roles: string[]): Actor => ({ kind: 'user', id, authorityId, countryCode, roles });
const dkHandler = actor('u-dk-h', 'auth-dk', 'DK', 'alert-handler');
const dkCoordB = actor('u-dkc-b', 'coord-dk', 'DK', 'alert-broadcaster');
const seMailboxB = actor('u-sem-b', 'mbox-se', 'SE', 'alert-broadcaster');
const seHandler = actor('u-se-h', 'auth-se', 'SE', 'alert-handler');
const se2Handler = actor('u-se2-h', 'auth-se2', 'SE', 'alert-handler');
const mailboxes: MailboxFacts = { mailboxes: { SE: ['mbox-se'], NO: ['mbox-no'], DK: ['mbox-dk'] } };

function must(state: AlertState, command: AlertCommand, who: Actor, when: Date): AlertState {
  const result = transition(state, command, who, when);
  if (!result.ok) throw new Error(`${command.type} refused: ${result.rejection.message}`);
  return result.state;
}

// Denmark originates; Sweden (establishment) and Norway receive. Sweden forwards to auth-se, auth-se2 and auth-se3, then removes auth-se3.
const draft = createAlert(
  { alertId: 'a1', number: 'ALR-2026-000001', legislationArea: 'services', originatingAuthorityId: 'auth-dk', originatingCountry: 'DK', alertCoordinatorId: 'coord-dk', targetCountries: ['SE', 'NO'], establishmentCountry: 'SE', policy: defaultAlertPolicy },
  dkHandler,
  t0,
).state;
const submitted = must(draft, { type: 'submit', facts: { isAlertCoordinator: false, linkedAlertCoordinatorIds: ['coord-dk'], coordinatorFinalApproval: false, complete: true } }, dkHandler, at(0.01));
const accepted = must(submitted, { type: 'accept' }, dkCoordB, at(0.02));
const broadcastOnly = must(accepted, { type: 'broadcast', facts: mailboxes }, dkCoordB, at(0.03));
const forwarded = must(
  must(broadcastOnly, { type: 'acknowledge' }, seMailboxB, at(0.04)),
  {
    type: 'forward',
    targets: ['auth-se', 'auth-se2', 'auth-se3'].map((authorityId) => ({ authorityId, country: 'SE', hasAlertAccess: true, isAlertCoordinator: false })),
  },
  seMailboxB,
  at(0.05),
);
const broadcast = must(forwarded, { type: 'removeRecipient', authorityId: 'auth-se3' }, seMailboxB, at(0.06));
const proposed = must(
  broadcast,
  { type: 'proposeClosure', proposalTextId: 'p1', closureCoordinatorId: 'coord-se', facts: { isAlertCoordinator: false, linkedAlertCoordinatorIds: ['coord-se'], closureCoordinatorFinalApproval: false } },
  seHandler,
  at(1),
);
const commented = must(proposed, { type: 'commentOnClosure', commentId: 'c1' }, se2Handler, at(2));
const pendingBroadcast = must(commented, { type: 'commentPeriodOver' }, { kind: 'system', id: 'system' }, at(8));
const objections = must(pendingBroadcast, { type: 'broadcastClosureProposal', commentIds: [] }, actor('u-sec-b', 'coord-se', 'SE', 'alert-broadcaster'), at(9));
const decision = must(objections, { type: 'objectionPeriodOver' }, { kind: 'system', id: 'system' }, at(23));
const closed = must(decision, { type: 'close' }, actor('u-sec-b', 'coord-se', 'SE', 'alert-broadcaster'), at(24));
const withdrawn = must(
  must(broadcast, { type: 'submitWithdrawal', itemId: 'w1' }, dkHandler, at(1)),
  { type: 'broadcastWithdrawal' },
  dkCoordB,
  at(1.1),
);
const deleted = must(draft, { type: 'delete' }, dkHandler, at(0.5));

const states: Record<string, AlertSnapshot> = {
  draft: snapshotOf(draft),
  submitted: snapshotOf(submitted),
  broadcast: snapshotOf(broadcast),
  comments: snapshotOf(commented),
  closed: snapshotOf(closed),
  withdrawn: snapshotOf(withdrawn),
  deleted: snapshotOf(deleted),
};

const viewer = (authorityId: string | null, ...roles: string[]): AlertViewerFacts => ({ kind: 'user', userId: 'u', authorityId, roles: roles.map((role) => ({ role })) });
const viewers: Record<string, AlertViewerFacts> = {
  originHandler: viewer('auth-dk', 'alert-handler'),
  originObserver: viewer('auth-dk', 'alert-observer'),
  originCaseHandlerOnly: viewer('auth-dk', 'case-handler'),
  originRequestsOnlyRole: { kind: 'user', userId: 'u', authorityId: 'auth-dk', roles: [{ role: 'alert-handler', workflow: 'requests' }] },
  coordinator: viewer('coord-dk', 'alert-broadcaster'),
  originMailbox: viewer('mbox-dk', 'alert-broadcaster'),
  seMailbox: viewer('mbox-se', 'alert-broadcaster'),
  seRecipient: viewer('auth-se2', 'alert-handler'),
  seRemoved: viewer('auth-se3', 'alert-handler'),
  noMailbox: viewer('mbox-no', 'alert-broadcaster'),
  outsider: viewer('auth-fr', 'alert-handler', 'alert-broadcaster'),
  helpdeskUser: viewer('auth-be', 'system-admin'),
  operator: { kind: 'operator', userId: 'op', authorityId: null, roles: [{ role: 'system-admin' }] },
};

type Row = [state: string, viewer: string, side: AlertViewerSide | null, personalData: boolean];
// prettier-ignore
const table: Row[] = [
  // A draft: the originating authority only.
  ['draft', 'originHandler', 'originator', true],
  ['draft', 'originObserver', 'originator', true],
  ['draft', 'originCaseHandlerOnly', null, false],
  ['draft', 'originRequestsOnlyRole', null, false],
  ['draft', 'coordinator', null, false],
  ['draft', 'seMailbox', null, false],
  ['draft', 'helpdeskUser', null, false],
  ['draft', 'operator', null, false],
  // Submitted: its alert coordinator too.
  ['submitted', 'originHandler', 'originator', true],
  ['submitted', 'coordinator', 'coordinator', true],
  ['submitted', 'originMailbox', null, false],
  ['submitted', 'seMailbox', null, false],
  ['submitted', 'operator', null, false],
  // Broadcast: every receiving mailbox and recipient; the Commission without personal data; the removed one nothing.
  ['broadcast', 'originHandler', 'originator', true],
  ['broadcast', 'coordinator', 'coordinator', true],
  ['broadcast', 'originMailbox', 'recipient', true],
  ['broadcast', 'seMailbox', 'recipient', true],
  ['broadcast', 'seRecipient', 'recipient', true],
  ['broadcast', 'seRemoved', null, false],
  ['broadcast', 'noMailbox', 'recipient', true],
  ['broadcast', 'outsider', null, false],
  ['broadcast', 'helpdeskUser', 'commission', false],
  ['broadcast', 'operator', 'commission', false],
  ['comments', 'seRecipient', 'recipient', true],
  ['comments', 'noMailbox', 'recipient', true],
  ['comments', 'operator', 'commission', false],
  // Closed or withdrawn: the reduced view for everyone who took part.
  ['closed', 'originHandler', 'originator', false],
  ['closed', 'originObserver', 'originator', false],
  ['closed', 'coordinator', 'coordinator', false],
  ['closed', 'seMailbox', 'recipient', false],
  ['closed', 'seRecipient', 'recipient', false],
  ['closed', 'noMailbox', 'recipient', false],
  ['closed', 'seRemoved', null, false],
  ['closed', 'outsider', null, false],
  ['closed', 'operator', 'commission', false],
  ['withdrawn', 'originHandler', 'originator', false],
  ['withdrawn', 'seRecipient', 'recipient', false],
  ['withdrawn', 'noMailbox', 'recipient', false],
  ['withdrawn', 'seRemoved', null, false],
  ['withdrawn', 'helpdeskUser', 'commission', false],
  // Deleted before broadcast: the originating side keeps the summary; nothing personal.
  ['deleted', 'originHandler', 'originator', false],
  ['deleted', 'coordinator', null, false],
  ['deleted', 'operator', null, false],
];

describe('alertViewerSide × alertPersonalDataAccess', () => {
  it.each(table)('%s alert, %s → side %s, personal data %s', (state, who, side, personal) => {
    const s = states[state]!;
    const v = viewers[who]!;
    expect(alertViewerSide(s, v)).toBe(side);
    const access = alertPersonalDataAccess(s, v);
    expect(access.visible).toBe(personal);
    expect(access.reason === null).toBe(personal);
    expect(mayDownloadAlertFiles(s, v)).toBe(personal);
  });

  it('blocked data is shown to nobody', () => {
    expect(alertPersonalDataAccess(states.broadcast!, viewers.originHandler!, true).visible).toBe(false);
  });

  it('a removed recipient is recognised as removed (not merely unrelated)', () => {
    expect(wasRemoved(states.broadcast!, 'auth-se3')).toBe(true);
    expect(wasRemoved(states.broadcast!, 'auth-fr')).toBe(false);
    expect(wasRemoved(states.broadcast!, 'auth-se2')).toBe(false);
  });

  it('roles limited to another workflow or area do not count', () => {
    expect(alertRolesOf({ roles: [{ role: 'alert-handler', area: 'services' }, { role: 'alert-observer', area: 'solvit' }, { role: 'case-handler' }] }, 'services')).toEqual(['alert-handler']);
  });
});

describe('the closure proposal is known only to the closing country until broadcast (6.3.6.1)', () => {
  const s = states.comments!;
  it.each([
    ['seRecipient', true, 'closure-open-for-comments'],
    ['seMailbox', true, 'closure-open-for-comments'],
    ['noMailbox', false, 'broadcast'],
    ['originHandler', false, 'broadcast'],
    ['operator', false, 'broadcast'],
  ] as const)('%s knows: %s, is shown status %s', (who, known, status) => {
    expect(closureKnownTo(s, viewers[who]!)).toBe(known);
    expect(statusShownTo(s, viewers[who]!)).toBe(status);
    expect(commentKnownTo(s, { id: 'c1', authorityId: 'auth-se2' }, viewers[who]!)).toBe(known);
  });

  it('after its broadcast everyone knows it, and of the comments only those attached', () => {
    const after = snapshotOf(objections);
    expect(closureKnownTo(after, viewers.noMailbox!)).toBe(true);
    expect(statusShownTo(after, viewers.noMailbox!)).toBe('closure-open-for-objections');
    // The comment was not attached: Norway does not see it; Sweden does.
    expect(commentKnownTo(after, { id: 'c1', authorityId: 'auth-se2' }, viewers.noMailbox!)).toBe(false);
    expect(commentKnownTo(after, { id: 'c1', authorityId: 'auth-se2' }, viewers.seMailbox!)).toBe(true);
  });
});

describe('two-step items are known to their submitter and coordinator until broadcast', () => {
  const item = { submittedByAuthorityId: 'auth-se2', coordinatorId: 'coord-se' };
  it.each([
    ['submitted', 'seRecipient', true],
    ['submitted', 'outsider', false],
    ['submitted', 'noMailbox', false],
    ['declined', 'seRecipient', true],
    ['declined', 'originHandler', false],
    ['broadcast', 'noMailbox', true],
    ['broadcast', 'originHandler', true],
  ] as const)('%s item, %s → %s', (status, who, known) => {
    const coordinatorViewer = viewer('coord-se', 'alert-broadcaster');
    expect(itemKnownTo({ ...item, status }, viewers[who]!)).toBe(known);
    expect(itemKnownTo({ ...item, status }, coordinatorViewer)).toBe(true);
  });
});

it('a mailbox whose country has not acknowledged yet sees the alert (it must acknowledge it)', () => {
  expect(alertViewerSide(snapshotOf(broadcastOnly), viewers.noMailbox!)).toBe('recipient');
  expect(alertPersonalDataAccess(snapshotOf(broadcastOnly), viewers.noMailbox!).visible).toBe(true);
});
