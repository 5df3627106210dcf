import { reject, type Actor, type TransitionResult } from '../actor';
import {
  type AlertAudience,
  type AlertCommand,
  type AlertEffect,
  type AlertNotificationKind,
  type AlertPolicy,
  type AlertState,
  type ActorAuthorityFacts,
  type NewAlert,
} from './commands';
import type { AlertActionRole, AlertCountry, AlertEvent, AlertItem, AlertPendingAction, AlertSnapshot, AlertStatus } from './snapshot';

/**
 * An alert (domain.md §6, §8; IMI manual ch. 6) as a pure state machine: no Temporal import, `now`
 * is an argument, durations come from the policy given at start, facts about authorities (linked
 * coordinators, final approval, mailboxes) are resolved by the API and passed in with each command.
 *
 *   draft ─submit─► submitted ─accept─► not-yet-broadcast ─broadcast─► broadcast
 *     (submitted | not-yet-broadcast ─pass─► submitted at another alert coordinator of the country;
 *      draft | submitted | not-yet-broadcast ─delete─► deleted)
 *   broadcast ─proposeClosure─► closure-open-for-comments ─(comment period)─► closure-pending-broadcast
 *   ─broadcastClosureProposal─► closure-open-for-objections ─(objection period)─► closure-pending-decision
 *   ─close─► closed; the proposal can be cancelled (back to broadcast) before it is broadcast, and after
 *   the objection period by the closure coordinator.
 *   any broadcast status ─submitWithdrawal─► withdrawal-pending-broadcast ─broadcastWithdrawal─► withdrawn
 *   (cancelWithdrawal returns to where it was).
 *
 * Alongside the status: per receiving country its mailbox state and the recipients forwarded to, and
 * the two-step items (information, clarification requests, objections, suggestions to close). Texts
 * live in PostgreSQL; commands carry their ids.
 */

export const finalStatuses: readonly AlertStatus[] = ['withdrawn', 'closed', 'deleted'];
export const isFinal = (s: Pick<AlertSnapshot, 'status'>) => finalStatuses.includes(s.status);

/** Before broadcast: only the originating side and its alert coordinator know the alert. */
const beforeBroadcast: readonly AlertStatus[] = ['submitted', 'not-yet-broadcast'];
const closureStatuses: readonly AlertStatus[] = ['closure-open-for-comments', 'closure-pending-broadcast', 'closure-open-for-objections', 'closure-pending-decision'];
/** Broadcast and not yet withdrawn or closed: information flows, countries may be added. */
export const liveStatuses: readonly AlertStatus[] = ['broadcast', 'withdrawal-pending-broadcast', ...closureStatuses];

// ───────────────────────────── who is involved ─────────────────────────────

/** The country that closes: the establishment country, or the originating country if that is unknown (6.3.6). */
export const closingCountry = (s: Pick<AlertSnapshot, 'establishmentCountry' | 'originatingCountry'>) => s.establishmentCountry ?? s.originatingCountry;

/**
 * The authorities that have the alert in `country` (all countries when omitted): the originating
 * authority and its coordinators, each receiving country's mailboxes and its recipients that were not
 * removed, the closure coordinator and the coordinators items were submitted to. Removed recipients are
 * no longer involved.
 */
export function involvedAuthorities(s: AlertSnapshot, country?: string): string[] {
  const out: string[] = [];
  if (country === undefined || country === s.originatingCountry) {
    out.push(s.originatingAuthorityId);
    if (s.alertCoordinatorId) out.push(s.alertCoordinatorId);
    if (s.broadcastingCoordinatorId) out.push(s.broadcastingCoordinatorId);
  }
  for (const c of s.countries) {
    if (country !== undefined && c.country !== country) continue;
    out.push(...c.mailboxIds, ...c.recipients.filter((r) => !r.removedAt).map((r) => r.authorityId));
  }
  if (s.closure && (country === undefined || s.closure.country === country)) out.push(s.closure.closureCoordinatorId);
  // A coordinator that information was submitted to checks and broadcasts it: it takes part from then on.
  for (const i of s.items) if ((country === undefined || i.country === country) && i.status !== 'deleted') out.push(i.coordinatorId);
  return unique(out);
}

/** The country in which `authorityId` has the alert, or null when it is not involved. */
export function countryOfInvolved(s: AlertSnapshot, authorityId: string): string | null {
  if ([s.originatingAuthorityId, s.alertCoordinatorId, s.broadcastingCoordinatorId].includes(authorityId)) return s.originatingCountry;
  for (const c of s.countries) {
    if (c.mailboxIds.includes(authorityId) || c.recipients.some((r) => r.authorityId === authorityId && !r.removedAt)) return c.country;
  }
  if (s.closure?.closureCoordinatorId === authorityId) return s.closure.country;
  const item = s.items.find((i) => i.coordinatorId === authorityId && i.status !== 'deleted');
  return item ? item.country : null;
}

const isUser = (actor: Actor): actor is Actor & { kind: 'user'; authorityId: string } => actor.kind === 'user' && !!actor.authorityId;
const has = (actor: Actor, role: AlertActionRole) => !!actor.roles?.includes(role);
/** A user of `authorityId` holding one of `roles`. */
const actsFor = (actor: Actor, authorityId: string | null | undefined, ...roles: AlertActionRole[]) =>
  isUser(actor) && !!authorityId && actor.authorityId === authorityId && roles.some((r) => has(actor, r));

/** The coordinator a handler submits to must be linked to its authority, or its own authority if that is an alert coordinator. */
function mayUseCoordinator(actor: Actor, coordinatorId: string, facts: ActorAuthorityFacts): boolean {
  if (facts.isAlertCoordinator && actor.authorityId === coordinatorId) return true;
  return facts.linkedAlertCoordinatorIds.includes(coordinatorId);
}

// ───────────────────────────── creation ─────────────────────────────

export function createAlert(input: NewAlert, actor: Actor, now: Date): { state: AlertState; effects: AlertEffect[] } {
  const at = now.toISOString();
  const event: AlertEvent = { action: 'created', actor: actorLabel(actor), authorityId: input.originatingAuthorityId, country: input.originatingCountry, subjectId: null, targets: [], at };
  const base: AlertState = {
    alertId: input.alertId,
    number: input.number,
    legislationArea: input.legislationArea,
    status: 'draft',
    version: 1,
    originatingAuthorityId: input.originatingAuthorityId,
    originatingCountry: input.originatingCountry,
    createdByUserId: actor.kind === 'user' ? actor.id : null,
    alertCoordinatorId: input.alertCoordinatorId,
    alertCoordinatorFinalApproval: false,
    broadcastingCoordinatorId: null,
    establishmentCountry: input.establishmentCountry,
    targetCountries: unique(input.targetCountries).filter((c) => c !== input.originatingCountry),
    countries: [],
    commissionReceivedAt: null,
    items: [],
    closure: null,
    commentPeriodEndsAt: null,
    objectionPeriodEndsAt: null,
    createdAt: at,
    submittedAt: null,
    broadcastAt: null,
    withdrawnAt: null,
    closedAt: null,
    deletedAt: null,
    reducedView: false,
    history: [event],
    pendingActions: [],
    policy: input.policy,
    statusBeforeWithdrawal: null,
    lastEvent: event,
  };
  return { state: withPending(base), effects: [{ type: 'project' }] };
}

// ───────────────────────────── transitions ─────────────────────────────

export type Ok = { ok: true; state: AlertState; effects: AlertEffect[] };
type Result = TransitionResult<AlertState, AlertEffect>;
type Step = (patch: Partial<AlertState>, action: string, detail?: { subjectId?: string | null; targets?: string[] }) => AlertState;

export function transition(state: AlertState, command: AlertCommand, actor: Actor, now: Date): Result {
  const at = now.toISOString();
  const next: Step = (patch, action, detail = {}) => {
    const event: AlertEvent = {
      action,
      actor: actorLabel(actor),
      authorityId: actor.kind === 'user' ? (actor.authorityId ?? null) : null,
      country: actor.kind === 'user' ? (actor.countryCode ?? null) : null,
      subjectId: detail.subjectId ?? null,
      targets: detail.targets ?? [],
      at,
    };
    const s: AlertState = { ...state, ...patch, version: state.version + 1, lastEvent: event, history: [...state.history, event] };
    return withPending(markActed(s, actor, at));
  };
  const ok = (s: AlertState, effects: AlertEffect[] = []): Ok => ({ ok: true, state: s, effects: [{ type: 'project' }, ...effects] });

  if (isFinal(state)) return reject('WrongState', `The alert is ${state.status}.`);
  if (command.type === 'commentPeriodOver' || command.type === 'objectionPeriodOver') {
    if (actor.kind !== 'system') return reject('NotAllowed', 'Only the alert’s timers may do this.');
    return periodOver(state, command.type, now, next, ok);
  }
  if (!isUser(actor)) return reject('NotAllowed', 'Only users of the authorities involved act on an alert.');
  // Observers (and users without alert roles) only read; authorities not (or no longer) involved see nothing.
  if (!has(actor, 'alert-handler') && !has(actor, 'alert-broadcaster')) return reject('NotAllowed', 'Only alert handlers and broadcasters act on alerts.');
  if (countryOfInvolved(state, actor.authorityId) === null) return reject('NotAllowed', 'Your authority does not take part in this alert.');

  switch (command.type) {
    case 'editDraft':
      return editDraft(state, command, actor, next, ok);
    case 'editContent':
      return editContent(state, actor, next, ok);
    case 'changeEstablishmentCountry':
      return changeEstablishmentCountry(state, command.establishmentCountry, actor, next, ok);
    case 'addTargetCountries':
      return addTargetCountries(state, command, actor, at, next, ok);
    case 'submit':
      return submit(state, command, actor, at, next, ok);
    case 'pass':
      return pass(state, command, actor, next, ok);
    case 'accept':
      if (state.status !== 'submitted') return wrongState(state, 'accept', ['submitted']);
      if (!actsFor(actor, state.alertCoordinatorId, 'alert-broadcaster')) return reject('NotAllowed', 'Only a broadcaster of the chosen alert coordinator accepts the alert.');
      return ok(next({ status: 'not-yet-broadcast' }, 'accepted'));
    case 'broadcast':
      return broadcast(state, command, actor, at, next, ok);
    case 'delete':
      return deleteAlert(state, actor, at, next, ok);
    case 'acknowledge':
      return acknowledge(state, actor, at, next, ok);
    case 'forward':
      return forward(state, command, actor, at, next, ok);
    case 'removeRecipient':
      return removeRecipient(state, command.authorityId, actor, at, next, ok);
    case 'submitItem':
      return submitItem(state, command, actor, at, next, ok);
    case 'editItem':
    case 'deleteItem':
      return changeItem(state, command, actor, at, next, ok);
    case 'broadcastItem':
    case 'declineItem':
      return decideItem(state, command, actor, at, next, ok);
    case 'submitWithdrawal':
      return submitWithdrawal(state, command.itemId, actor, at, next, ok);
    case 'broadcastWithdrawal':
    case 'cancelWithdrawal':
      return decideWithdrawal(state, command.type, actor, at, next, ok);
    case 'proposeClosure':
      return proposeClosure(state, command, actor, now, next, ok);
    case 'commentOnClosure':
      return commentOnClosure(state, command.commentId, actor, now, next, ok);
    case 'editClosureProposal':
    case 'cancelClosureProposal':
      return changeClosureProposal(state, command.type, actor, next, ok);
    case 'broadcastClosureProposal':
      return broadcastClosureProposal(state, command.commentIds, actor, now, next, ok);
    case 'close':
      return close(state, actor, now, next, ok);
  }
}

type OkFn = (s: AlertState, effects?: AlertEffect[]) => Ok;

const wrongState = (state: AlertState, command: string, from: readonly AlertStatus[]) =>
  reject('WrongState', `The alert is ${state.status}; ${command} needs it to be ${from.join(' or ')}.`);

// ───────────────────────────── before broadcast ─────────────────────────────

/**
 * Who edits or deletes the alert before broadcast (6.2.2): the originating authority's handlers
 * while it is a draft; once submitted, the alert coordinator's broadcasters if it has final
 * approval, otherwise still the originating authority.
 */
function mayEditBeforeBroadcast(state: AlertState, actor: Actor): string | null {
  if (state.status === 'draft' || !state.alertCoordinatorFinalApproval) {
    return actsFor(actor, state.originatingAuthorityId, 'alert-handler') ? null : 'Only an alert handler of the originating authority may do this (its coordinator has no final approval).';
  }
  return actsFor(actor, state.alertCoordinatorId, 'alert-broadcaster') ? null : 'With final approval, only a broadcaster of the alert coordinator may do this.';
}

/** After broadcast (6.3.2): the broadcasting coordinator if it has final approval, otherwise the originating authority. */
function mayEditAfterBroadcast(state: AlertState, actor: Actor): string | null {
  if (state.alertCoordinatorFinalApproval) {
    return actsFor(actor, state.broadcastingCoordinatorId, 'alert-broadcaster') ? null : 'With final approval, only a broadcaster of the broadcasting coordinator edits the alert.';
  }
  return actsFor(actor, state.originatingAuthorityId, 'alert-handler') ? null : 'Only an alert handler of the originating authority edits the alert.';
}

function editDraft(state: AlertState, command: Extract<AlertCommand, { type: 'editDraft' }>, actor: Actor, next: Step, ok: OkFn): Result {
  if (state.status !== 'draft') return wrongState(state, 'editDraft', ['draft']);
  if (!actsFor(actor, state.originatingAuthorityId, 'alert-handler')) return reject('NotAllowed', 'Only an alert handler of the originating authority edits the draft.');
  const patch: Partial<AlertState> = {};
  if (command.alertCoordinatorId !== undefined) patch.alertCoordinatorId = command.alertCoordinatorId?.trim() || null;
  if (command.targetCountries !== undefined) {
    const countries = unique(command.targetCountries);
    if (countries.some((c) => !isCountry(c))) return reject('Invalid', 'targetCountries must be country codes.');
    if (countries.includes(state.originatingCountry)) return reject('Invalid', 'The originating country receives its own copy; choose other countries.');
    patch.targetCountries = countries;
  }
  if (command.establishmentCountry !== undefined) {
    if (command.establishmentCountry !== null && !isCountry(command.establishmentCountry)) return reject('Invalid', 'establishmentCountry must be a country code or null (unknown).');
    patch.establishmentCountry = command.establishmentCountry;
  }
  return ok(next(patch, 'draft-edited'));
}

function editContent(state: AlertState, actor: Actor, next: Step, ok: OkFn): Result {
  const refusal = state.status === 'draft' || beforeBroadcast.includes(state.status) ? mayEditBeforeBroadcast(state, actor) : mayEditAfterBroadcast(state, actor);
  if (refusal) return reject('NotAllowed', refusal);
  // Changes are visible at once to every recipient; nothing is broadcast again (6.3.2).
  return ok(next({}, 'content-edited'));
}

function changeEstablishmentCountry(state: AlertState, country: string | null, actor: Actor, next: Step, ok: OkFn): Result {
  if (country !== null && !isCountry(country)) return reject('Invalid', 'establishmentCountry must be a country code or null (unknown).');
  const from: AlertStatus[] = ['draft', ...beforeBroadcast, 'broadcast'];
  if (!from.includes(state.status)) {
    if (closureStatuses.includes(state.status)) return reject('WrongState', 'The establishment country cannot change once closure has been proposed.');
    return wrongState(state, 'changeEstablishmentCountry', from);
  }
  if (state.status === 'broadcast') {
    // Only the coordinator that broadcast it (6.3.2), regardless of final approval.
    if (!actsFor(actor, state.broadcastingCoordinatorId, 'alert-broadcaster')) return reject('NotAllowed', 'Only a broadcaster of the broadcasting coordinator changes the establishment country.');
  } else {
    const refusal = mayEditBeforeBroadcast(state, actor);
    if (refusal) return reject('NotAllowed', refusal);
  }
  if (country === state.establishmentCountry) return reject('Invalid', 'That is already the establishment country.');
  const s = next({ establishmentCountry: country }, 'establishment-country-changed', { targets: country ? [country] : [] });
  // Every recipient is emailed once it has been broadcast (6.3.2).
  return ok(s, state.status === 'broadcast' ? [notify('establishment-country-changed', involvedAuthorities(s), 'alert-handler', 'alert-broadcaster')] : []);
}

function addTargetCountries(state: AlertState, command: Extract<AlertCommand, { type: 'addTargetCountries' }>, actor: Actor, at: string, next: Step, ok: OkFn): Result {
  const live = liveStatuses.includes(state.status);
  if (state.status === 'draft') {
    if (!actsFor(actor, state.originatingAuthorityId, 'alert-handler')) return reject('NotAllowed', 'Only an alert handler of the originating authority edits the draft.');
  } else if (beforeBroadcast.includes(state.status)) {
    // Always, whatever the final-approval flag (6.3.1.2).
    if (!actsFor(actor, state.alertCoordinatorId, 'alert-broadcaster')) return reject('NotAllowed', 'Only a broadcaster of the alert coordinator adds target countries.');
  } else if (!actsFor(actor, state.broadcastingCoordinatorId, 'alert-broadcaster')) {
    return reject('NotAllowed', 'Only a broadcaster of the broadcasting coordinator adds target countries.');
  }
  const countries = unique(command.countries);
  if (countries.length === 0 || countries.some((c) => !isCountry(c))) return reject('Invalid', 'Give at least one country code.');
  if (countries.includes(state.originatingCountry)) return reject('Invalid', 'The originating country receives its own copy; choose other countries.');
  const added = countries.filter((c) => !state.targetCountries.includes(c));
  if (added.length === 0) return reject('Invalid', 'These countries already receive the alert.');
  const patch: Partial<AlertState> = { targetCountries: [...state.targetCountries, ...added] };
  const effects: AlertEffect[] = [];
  if (live) {
    // Added after broadcast: the new countries' mailboxes receive it at once.
    const missing = added.filter((c) => !(command.facts.mailboxes[c] ?? []).length);
    if (missing.length) return reject('Invalid', `No alert mailbox in ${missing.join(', ')}: the alert cannot be sent there.`);
    patch.countries = [...state.countries, ...added.map((c) => received(c, 'target', command.facts.mailboxes[c], at))];
    for (const c of added) effects.push(notify('alert-received', command.facts.mailboxes[c], 'alert-broadcaster'));
  }
  return ok(next(patch, 'target-countries-added', { targets: added }), effects);
}

function submit(state: AlertState, command: Extract<AlertCommand, { type: 'submit' }>, actor: Actor, at: string, next: Step, ok: OkFn): Result {
  if (state.status !== 'draft') return wrongState(state, 'submit', ['draft']);
  if (!actsFor(actor, state.originatingAuthorityId, 'alert-handler')) return reject('NotAllowed', 'Only an alert handler of the originating authority submits the alert.');
  const { facts } = command;
  if (!facts.complete) return reject('Invalid', 'Every criterion of the checklist must be met and provider data and description filled in.');
  if (!state.alertCoordinatorId) return reject('Invalid', 'Choose the alert coordinator that broadcasts the alert.');
  if (!mayUseCoordinator(actor, state.alertCoordinatorId, facts)) return reject('Invalid', 'The alert coordinator must be one linked to the authority.');
  if (state.targetCountries.length === 0) return reject('Invalid', 'Choose at least one target country.');
  const s = next({ status: 'submitted', submittedAt: at, alertCoordinatorFinalApproval: facts.coordinatorFinalApproval }, 'submitted', { targets: [state.alertCoordinatorId] });
  return ok(s, [notify('alert-submitted', [state.alertCoordinatorId], 'alert-broadcaster')]);
}

function pass(state: AlertState, command: Extract<AlertCommand, { type: 'pass' }>, actor: Actor, next: Step, ok: OkFn): Result {
  if (!beforeBroadcast.includes(state.status)) return wrongState(state, 'pass', beforeBroadcast);
  if (!actsFor(actor, state.alertCoordinatorId, 'alert-broadcaster')) return reject('NotAllowed', 'Only a broadcaster of the alert coordinator passes the alert on.');
  const to = command.toCoordinatorId.trim();
  const { facts } = command;
  if (!to || to === state.alertCoordinatorId) return reject('Invalid', 'Choose another alert coordinator.');
  if (!facts.targetIsAlertCoordinator || facts.targetCountry !== state.originatingCountry) return reject('Invalid', 'The alert goes only to another alert coordinator of the same country.');
  const s = next({ status: 'submitted', alertCoordinatorId: to, alertCoordinatorFinalApproval: facts.targetFinalApproval }, 'passed', { targets: [to] });
  return ok(s, [notify('alert-submitted', [to], 'alert-broadcaster')]);
}

function broadcast(state: AlertState, command: Extract<AlertCommand, { type: 'broadcast' }>, actor: Actor, at: string, next: Step, ok: OkFn): Result {
  if (state.status !== 'not-yet-broadcast') return wrongState(state, 'broadcast', ['not-yet-broadcast']);
  if (!actsFor(actor, state.alertCoordinatorId, 'alert-broadcaster')) return reject('NotAllowed', 'Only a broadcaster of the alert coordinator broadcasts the alert.');
  const { mailboxes } = command.facts;
  if (state.targetCountries.length === 0) return reject('Invalid', 'Choose at least one target country.');
  const missing = state.targetCountries.filter((c) => !(mailboxes[c] ?? []).length);
  if (missing.length) return reject('Invalid', `No alert mailbox in ${missing.join(', ')}: the alert cannot be sent there.`);
  const originMailboxes = unique(mailboxes[state.originatingCountry] ?? []);
  const countries: AlertCountry[] = [
    ...state.targetCountries.map((c) => received(c, 'target', mailboxes[c], at)),
    // The originating country's mailbox receives every alert its country sends (6.3.4.2).
    { ...received(state.originatingCountry, 'origin', originMailboxes, at), mailboxState: 'copy' as const },
  ];
  const s = next({ status: 'broadcast', broadcastAt: at, broadcastingCoordinatorId: state.alertCoordinatorId, countries, commissionReceivedAt: at }, 'broadcast', { targets: state.targetCountries });
  const effects: AlertEffect[] = state.targetCountries.map((c) => notify('alert-received', mailboxes[c], 'alert-broadcaster'));
  if (originMailboxes.length) effects.push(notify('alert-copy', originMailboxes, 'alert-broadcaster'));
  effects.push({ type: 'notify', kind: 'alert-received', audience: { commission: true } });
  return ok(s, effects);
}

function deleteAlert(state: AlertState, actor: Actor, at: string, next: Step, ok: OkFn): Result {
  const from: AlertStatus[] = ['draft', ...beforeBroadcast];
  if (!from.includes(state.status)) return reject('WrongState', `The alert is ${state.status}; once broadcast it can only be withdrawn.`);
  const refusal = mayEditBeforeBroadcast(state, actor);
  if (refusal) return reject('NotAllowed', refusal);
  // Nobody outside the originating side ever saw it: its content goes at once.
  return ok(next({ status: 'deleted', deletedAt: at }, 'deleted'), [{ type: 'startRetention', eraseAfterMs: 0 }]);
}

// ───────────────────────────── receiving ─────────────────────────────

function received(country: string, kind: AlertCountry['kind'], mailboxIds: string[] | undefined, at: string): AlertCountry {
  return {
    country,
    kind,
    mailboxIds: unique(mailboxIds ?? []),
    mailboxState: kind === 'origin' ? 'copy' : 'awaiting-acceptance',
    receivedAt: at,
    acknowledgedAt: null,
    acknowledgedByAuthorityId: null,
    acknowledgedByUserId: null,
    recipients: [],
  };
}

/** The receiving country whose mailbox the actor's authority is. */
const mailboxCountryOf = (state: AlertState, actor: Actor) => state.countries.find((c) => !!actor.authorityId && c.mailboxIds.includes(actor.authorityId)) ?? null;

function acknowledge(state: AlertState, actor: Actor, at: string, next: Step, ok: OkFn): Result {
  if (!liveStatuses.includes(state.status)) return wrongState(state, 'acknowledge', liveStatuses);
  const country = state.countries.find((c) => c.kind === 'target' && !!actor.authorityId && c.mailboxIds.includes(actor.authorityId));
  if (!country || !has(actor, 'alert-broadcaster')) return reject('NotAllowed', 'Only a broadcaster of a receiving country’s alert mailbox acknowledges the alert.');
  if (country.mailboxState !== 'awaiting-acceptance') return reject('WrongState', `${country.country} has already acknowledged the alert.`);
  const countries = state.countries.map((c) =>
    c === country ? { ...c, mailboxState: 'acknowledged' as const, acknowledgedAt: at, acknowledgedByAuthorityId: actor.authorityId!, acknowledgedByUserId: actor.id } : c,
  );
  return ok(next({ countries }, 'acknowledged', { targets: [country.country] }));
}

/**
 * Forwarding inside one country (6.3.4.2): first by the mailbox's broadcasters (after acknowledging;
 * the originating country's mailbox on its copy), then by the broadcasters of coordinators it was
 * forwarded to.
 */
function forward(state: AlertState, command: Extract<AlertCommand, { type: 'forward' }>, actor: Actor, at: string, next: Step, ok: OkFn): Result {
  if (!liveStatuses.includes(state.status)) return wrongState(state, 'forward', liveStatuses);
  if (!has(actor, 'alert-broadcaster')) return reject('NotAllowed', 'Only alert broadcasters forward alerts.');
  const asMailbox = mailboxCountryOf(state, actor);
  const asCoordinator = state.countries.find((c) => c.recipients.some((r) => r.authorityId === actor.authorityId && !r.removedAt && r.isAlertCoordinator));
  const country = asMailbox ?? asCoordinator;
  if (!country) return reject('NotAllowed', 'Only the mailbox of a receiving country, or a coordinator it forwarded the alert to, forwards it.');
  if (asMailbox && !asCoordinator && country.mailboxState === 'awaiting-acceptance') return reject('WrongState', 'Acknowledge the alert before forwarding it.');
  const targets = command.targets;
  if (targets.length === 0) return reject('Invalid', 'Choose at least one authority.');
  const already = involvedAuthorities(state, country.country);
  for (const t of targets) {
    if (!t.authorityId.trim()) return reject('Invalid', 'authorityId is required.');
    if (t.country !== country.country) return reject('Invalid', 'Alerts are forwarded only inside the forwarder’s own country.');
    if (!t.hasAlertAccess) return reject('Invalid', 'The authority does not take part in alerts.');
    if (already.includes(t.authorityId)) return reject('Invalid', 'That authority already has the alert.');
  }
  const ids = unique(targets.map((t) => t.authorityId));
  const added = ids.map((id) => {
    const t = targets.find((x) => x.authorityId === id)!;
    return { authorityId: id, isAlertCoordinator: t.isAlertCoordinator, addedByAuthorityId: actor.authorityId!, addedAt: at, actedAt: null, removedAt: null, removedByAuthorityId: null };
  });
  // A recipient removed earlier and forwarded to again starts afresh.
  const countries = state.countries.map((c) => (c === country ? { ...c, recipients: [...c.recipients.filter((r) => !ids.includes(r.authorityId)), ...added] } : c));
  return ok(next({ countries }, 'forwarded', { targets: ids }), [notify('alert-forwarded', ids, 'alert-handler', 'alert-broadcaster')]);
}

function removeRecipient(state: AlertState, authorityId: string, actor: Actor, at: string, next: Step, ok: OkFn): Result {
  if (!liveStatuses.includes(state.status)) return wrongState(state, 'removeRecipient', liveStatuses);
  const country = mailboxCountryOf(state, actor);
  if (!country || !has(actor, 'alert-broadcaster')) return reject('NotAllowed', 'Only broadcasters of the country’s alert mailbox remove recipients.');
  const recipient = country.recipients.find((r) => r.authorityId === authorityId && !r.removedAt);
  if (!recipient) return reject('Invalid', 'That authority is not a recipient in this country.');
  if (recipient.actedAt) return reject('WrongState', 'The recipient has already acted on the alert and cannot be removed.');
  const countries = state.countries.map((c) =>
    c === country ? { ...c, recipients: c.recipients.map((r) => (r === recipient ? { ...r, removedAt: at, removedByAuthorityId: actor.authorityId! } : r)) } : c,
  );
  return ok(next({ countries }, 'recipient-removed', { targets: [authorityId] }));
}

/** A recipient that does anything has acted: it can no longer be removed (6.3.4.2). */
function markActed(state: AlertState, actor: Actor, at: string): AlertState {
  if (!isUser(actor)) return state;
  let changed = false;
  const countries = state.countries.map((c) => {
    if (!c.recipients.some((r) => r.authorityId === actor.authorityId && !r.removedAt && !r.actedAt)) return c;
    changed = true;
    return { ...c, recipients: c.recipients.map((r) => (r.authorityId === actor.authorityId && !r.removedAt && !r.actedAt ? { ...r, actedAt: at } : r)) };
  });
  return changed ? { ...state, countries } : state;
}

// ───────────────────────────── two-step items ─────────────────────────────

function submitItem(state: AlertState, command: Extract<AlertCommand, { type: 'submitItem' }>, actor: Actor, at: string, next: Step, ok: OkFn): Result {
  const from: readonly AlertStatus[] = command.kind === 'objection' ? ['closure-open-for-objections'] : liveStatuses;
  if (!from.includes(state.status)) {
    if (command.kind === 'objection' && state.status === 'closure-pending-decision') return reject('PeriodOver', 'The objection period is over.');
    return wrongState(state, `submitting ${command.kind}`, from);
  }
  const country = countryOfInvolved(state, actor.authorityId!);
  if (!country || !(has(actor, 'alert-handler') || has(actor, 'alert-broadcaster'))) return reject('NotAllowed', 'Only alert handlers and broadcasters of the authorities involved add information.');
  const itemId = command.itemId.trim();
  if (!itemId || state.items.some((i) => i.id === itemId)) return reject('Invalid', 'itemId is required and must be new.');
  const closure = state.closure;
  let coordinatorId: string;
  let finalApproval: boolean;
  let addressedToCountry: string | null = null;
  if (command.kind === 'objection') {
    // Other countries object; the closure coordinator's broadcasters decide on each (6.3.6.4).
    if (!closure || country === closure.country) return reject('NotAllowed', 'Only the other countries object to the closure.');
    if (state.objectionPeriodEndsAt && Date.parse(at) >= Date.parse(state.objectionPeriodEndsAt)) return reject('PeriodOver', 'The objection period is over.');
    if (command.coordinatorId && command.coordinatorId !== closure.closureCoordinatorId) return reject('Invalid', 'Objections go to the closure coordinator.');
    coordinatorId = closure.closureCoordinatorId;
    finalApproval = closure.closureCoordinatorFinalApproval;
  } else {
    if (!command.coordinatorId || !mayUseCoordinator(actor, command.coordinatorId, command.facts)) return reject('Invalid', 'Submit it to an alert coordinator linked to the authority.');
    coordinatorId = command.coordinatorId;
    finalApproval = command.facts.coordinatorFinalApproval;
    if (command.kind === 'clarification-request') {
      // Asked of the originating country or of another country that sent information (6.3.5).
      const asked = command.addressedToCountry;
      const informed = state.items.filter((i) => i.status === 'broadcast' && i.kind === 'additional-information').map((i) => i.country);
      if (!asked || asked === country || (asked !== state.originatingCountry && !informed.includes(asked))) {
        return reject('Invalid', 'Ask the originating country, or a country that sent information, for clarification.');
      }
      addressedToCountry = asked;
    }
    if (command.kind === 'suggestion-to-close' && country === closingCountry(state)) return reject('Invalid', 'The closing country proposes closure itself.');
  }
  const item: AlertItem = {
    id: itemId,
    kind: command.kind,
    status: 'submitted',
    submittedByAuthorityId: actor.authorityId!,
    submittedByUserId: actor.id,
    country,
    coordinatorId,
    coordinatorFinalApproval: finalApproval,
    addressedToCountry,
    submittedAt: at,
    decidedAt: null,
    decidedByAuthorityId: null,
  };
  return ok(next({ items: [...state.items, item] }, 'item-submitted', { subjectId: itemId, targets: [coordinatorId] }), [notify('item-submitted', [coordinatorId], 'alert-broadcaster')]);
}

/**
 * Before broadcast an item is edited or deleted by its coordinator's broadcasters when it has final
 * approval, otherwise by the submitting authority (6.2.2).
 */
function mayChangeItem(item: AlertItem, actor: Actor): string | null {
  if (item.coordinatorFinalApproval) return actsFor(actor, item.coordinatorId, 'alert-broadcaster') ? null : 'With final approval, only the coordinator’s broadcasters change it.';
  return actsFor(actor, item.submittedByAuthorityId, 'alert-handler', 'alert-broadcaster') ? null : 'Only the authority that submitted it changes it.';
}

function changeItem(state: AlertState, command: Extract<AlertCommand, { type: 'editItem' | 'deleteItem' }>, actor: Actor, at: string, next: Step, ok: OkFn): Result {
  if (!liveStatuses.includes(state.status)) return wrongState(state, command.type, liveStatuses);
  const item = state.items.find((i) => i.id === command.itemId);
  if (!item) return reject('Invalid', 'No such item.');
  const refusal = mayChangeItem(item, actor);
  if (refusal) return reject('NotAllowed', refusal);
  if (item.status !== 'submitted') return reject('WrongState', `The item is ${item.status}; only a submitted item changes.`);
  if (command.type === 'editItem') return ok(next({}, 'item-edited', { subjectId: item.id }));
  if (item.kind === 'withdrawal') return reject('Invalid', 'Cancel the withdrawal instead.');
  return ok(next({ items: replaceItem(state, item, { status: 'deleted', decidedAt: at, decidedByAuthorityId: actor.authorityId! }) }, 'item-deleted', { subjectId: item.id }));
}

function decideItem(state: AlertState, command: Extract<AlertCommand, { type: 'broadcastItem' | 'declineItem' }>, actor: Actor, at: string, next: Step, ok: OkFn): Result {
  if (!liveStatuses.includes(state.status)) return wrongState(state, command.type, liveStatuses);
  const item = state.items.find((i) => i.id === command.itemId);
  if (!item || item.kind === 'withdrawal') return reject('Invalid', 'No such item (a withdrawal has its own commands).');
  if (!actsFor(actor, item.coordinatorId, 'alert-broadcaster')) return reject('NotAllowed', 'Only broadcasters of the coordinator it was submitted to decide on it.');
  if (item.status !== 'submitted') return reject('WrongState', `The item is already ${item.status}.`);
  if (command.type === 'declineItem' && item.kind !== 'objection' && !item.coordinatorFinalApproval) {
    return reject('NotAllowed', 'Without final approval the coordinator asks the submitter to change or delete it.');
  }
  const patch = { items: replaceItem(state, item, { status: command.type === 'broadcastItem' ? 'broadcast' : 'declined', decidedAt: at, decidedByAuthorityId: actor.authorityId! }) };
  if (command.type === 'declineItem') return ok(next(patch, 'item-declined', { subjectId: item.id }), tellSubmitter(item, actor));
  const s = next(patch, 'item-broadcast', { subjectId: item.id });
  // All handlers and broadcasters of every authority involved (6.3.5, 6.3.6.4).
  return ok(s, [notify('item-broadcast', involvedAuthorities(s), 'alert-handler', 'alert-broadcaster')]);
}

const replaceItem = (state: AlertState, item: AlertItem, patch: Partial<AlertItem>) => state.items.map((i) => (i === item ? { ...i, ...patch } : i));

// ───────────────────────────── withdrawal ─────────────────────────────

function submitWithdrawal(state: AlertState, itemId: string, actor: Actor, at: string, next: Step, ok: OkFn): Result {
  const from: AlertStatus[] = ['broadcast', ...closureStatuses];
  if (!from.includes(state.status)) {
    if (state.status === 'draft' || beforeBroadcast.includes(state.status)) return reject('WrongState', 'Before broadcast the alert is deleted, not withdrawn.');
    return wrongState(state, 'submitWithdrawal', from);
  }
  // Only the authority and the coordinator that started it (6.2.3.4).
  const fromOrigin = actsFor(actor, state.originatingAuthorityId, 'alert-handler') || actsFor(actor, state.broadcastingCoordinatorId, 'alert-handler', 'alert-broadcaster');
  if (!fromOrigin) return reject('NotAllowed', 'Only the originating authority or its broadcasting coordinator withdraws the alert.');
  const id = itemId.trim();
  if (!id || state.items.some((i) => i.id === id)) return reject('Invalid', 'itemId is required and must be new.');
  const coordinatorId = state.broadcastingCoordinatorId!;
  const item: AlertItem = {
    id,
    kind: 'withdrawal',
    status: 'submitted',
    submittedByAuthorityId: actor.authorityId!,
    submittedByUserId: actor.id,
    country: state.originatingCountry,
    coordinatorId,
    coordinatorFinalApproval: state.alertCoordinatorFinalApproval,
    addressedToCountry: null,
    submittedAt: at,
    decidedAt: null,
    decidedByAuthorityId: null,
  };
  const s = next({ status: 'withdrawal-pending-broadcast', statusBeforeWithdrawal: state.status, items: [...state.items, item] }, 'withdrawal-submitted', { subjectId: id });
  return ok(s, [notify('item-submitted', [coordinatorId], 'alert-broadcaster')]);
}

function decideWithdrawal(state: AlertState, type: 'broadcastWithdrawal' | 'cancelWithdrawal', actor: Actor, at: string, next: Step, ok: OkFn): Result {
  if (state.status !== 'withdrawal-pending-broadcast') return wrongState(state, type, ['withdrawal-pending-broadcast']);
  const item = [...state.items].reverse().find((i) => i.kind === 'withdrawal' && i.status === 'submitted')!;
  if (type === 'broadcastWithdrawal') {
    if (!actsFor(actor, state.broadcastingCoordinatorId, 'alert-broadcaster')) return reject('NotAllowed', 'Only a broadcaster of the broadcasting coordinator broadcasts the withdrawal.');
    const s = next(
      { status: 'withdrawn', withdrawnAt: at, reducedView: true, statusBeforeWithdrawal: null, items: replaceItem(state, item, { status: 'broadcast', decidedAt: at, decidedByAuthorityId: actor.authorityId! }) },
      'withdrawal-broadcast',
      { subjectId: item.id },
    );
    return ok(s, [...cancelTimers(), notify('alert-withdrawn', involvedAuthorities(s), 'alert-handler', 'alert-broadcaster'), { type: 'startRetention', eraseAfterMs: state.policy.erasureAfterMs }]);
  }
  const refusal = mayChangeItem(item, actor);
  if (refusal) return reject('NotAllowed', refusal);
  const byCoordinator = item.coordinatorFinalApproval;
  const s = next(
    { status: state.statusBeforeWithdrawal ?? 'broadcast', statusBeforeWithdrawal: null, items: replaceItem(state, item, { status: byCoordinator ? 'declined' : 'deleted', decidedAt: at, decidedByAuthorityId: actor.authorityId! }) },
    'withdrawal-cancelled',
    { subjectId: item.id },
  );
  return ok(s, byCoordinator ? tellSubmitter(item, actor) : []);
}

/** The submitting authority hears that its item was declined (unless it declined it itself, as a coordinator). */
const tellSubmitter = (item: AlertItem, actor: Actor): AlertEffect[] =>
  item.submittedByAuthorityId === actor.authorityId ? [] : [notify('item-declined', [item.submittedByAuthorityId], 'alert-handler', 'alert-broadcaster')];

// ───────────────────────────── closure ─────────────────────────────

function proposeClosure(state: AlertState, command: Extract<AlertCommand, { type: 'proposeClosure' }>, actor: Actor, now: Date, next: Step, ok: OkFn): Result {
  if (state.status !== 'broadcast') return wrongState(state, 'proposeClosure', ['broadcast']);
  const country = closingCountry(state);
  // Any alert handler in the closing country whose authority received the alert (6.3.6.1).
  if (!has(actor, 'alert-handler') || countryOfInvolved(state, actor.authorityId!) !== country) {
    return reject('NotAllowed', `Only an alert handler of an authority in ${country} (the closing country) that received the alert proposes closure.`);
  }
  const coordinatorId = command.closureCoordinatorId.trim();
  if (!coordinatorId || !mayUseCoordinator(actor, coordinatorId, command.facts)) return reject('Invalid', 'The closure coordinator must be a coordinator linked to the authority.');
  const textId = command.proposalTextId.trim();
  if (!textId) return reject('Invalid', 'proposalTextId is required.');
  const at = now.toISOString();
  const endsAt = new Date(now.getTime() + state.policy.commentPeriodMs).toISOString();
  const s = next(
    {
      status: 'closure-open-for-comments',
      commentPeriodEndsAt: endsAt,
      objectionPeriodEndsAt: null,
      closure: {
        country,
        proposedByAuthorityId: actor.authorityId!,
        proposedByUserId: actor.id,
        proposalTextId: textId,
        closureCoordinatorId: coordinatorId,
        closureCoordinatorFinalApproval: command.facts.closureCoordinatorFinalApproval,
        proposedAt: at,
        comments: [],
        broadcastCommentIds: [],
        broadcastAt: null,
        broadcastByAuthorityId: null,
      },
    },
    'closure-proposed',
    { subjectId: textId, targets: [coordinatorId] },
  );
  // The other authorities of that country that received it may comment; the coordinator does nothing yet.
  const others = involvedAuthorities(state, country).filter((id) => id !== actor.authorityId);
  return ok(s, [{ type: 'startTimer', timer: 'commentPeriod', at: endsAt }, ...(others.length ? [notify('closure-proposed', others, 'alert-handler')] : [])]);
}

/** Authorities that may comment: the closing country's other recipients (the period involves one country only). */
function commenters(state: AlertSnapshot): string[] {
  if (!state.closure) return [];
  const { country, proposedByAuthorityId } = state.closure;
  return involvedAuthorities({ ...state, closure: null }, country).filter((id) => id !== proposedByAuthorityId);
}

function commentOnClosure(state: AlertState, commentId: string, actor: Actor, now: Date, next: Step, ok: OkFn): Result {
  if (state.status !== 'closure-open-for-comments') {
    if (state.status === 'closure-pending-broadcast' || state.statusBeforeWithdrawal === 'closure-pending-broadcast') return reject('PeriodOver', 'The comment period is over.');
    return wrongState(state, 'commentOnClosure', ['closure-open-for-comments']);
  }
  if (!has(actor, 'alert-handler') || !commenters(state).includes(actor.authorityId!)) {
    return reject('NotAllowed', 'Only alert handlers of the closing country’s other authorities that received the alert comment.');
  }
  if (state.commentPeriodEndsAt && now.getTime() >= Date.parse(state.commentPeriodEndsAt)) return reject('PeriodOver', 'The comment period is over.');
  const id = commentId.trim();
  const closure = state.closure!;
  if (!id || closure.comments.some((c) => c.id === id)) return reject('Invalid', 'commentId is required and must be new.');
  return ok(next({ closure: { ...closure, comments: [...closure.comments, { id, authorityId: actor.authorityId!, at: now.toISOString() }] } }, 'closure-commented', { subjectId: id }));
}

/**
 * Until it is broadcast the proposal is edited or cancelled by the proposer, or by the closure
 * coordinator's broadcasters when it has final approval (6.3.6.1–6.3.6.3). After the objection
 * period the closure coordinator may decide not to close (6.3.6.5): it cancels the proposal.
 */
function changeClosureProposal(state: AlertState, type: 'editClosureProposal' | 'cancelClosureProposal', actor: Actor, next: Step, ok: OkFn): Result {
  const beforeBroadcastOfProposal: AlertStatus[] = ['closure-open-for-comments', 'closure-pending-broadcast'];
  const from = type === 'cancelClosureProposal' ? [...beforeBroadcastOfProposal, 'closure-pending-decision' as const] : beforeBroadcastOfProposal;
  if (!from.includes(state.status)) return wrongState(state, type, from);
  const closure = state.closure!;
  const coordinator = actsFor(actor, closure.closureCoordinatorId, 'alert-broadcaster');
  if (state.status === 'closure-pending-decision') {
    if (!coordinator) return reject('NotAllowed', 'Only a broadcaster of the closure coordinator decides after the objection period.');
  } else if (!actsFor(actor, closure.proposedByAuthorityId, 'alert-handler') && !(coordinator && closure.closureCoordinatorFinalApproval)) {
    return reject('NotAllowed', 'Only the proposer, or the closure coordinator with final approval, changes the proposal.');
  }
  if (type === 'editClosureProposal') return ok(next({}, 'closure-proposal-edited', { subjectId: closure.proposalTextId }));
  // Those told of the proposal: before its broadcast the closing country only, afterwards everyone.
  const told =
    state.status === 'closure-pending-decision'
      ? involvedAuthorities(state)
      : [closure.proposedByAuthorityId, ...commenters(state), ...(state.status === 'closure-pending-broadcast' ? [closure.closureCoordinatorId] : [])];
  const s = next({ status: 'broadcast', closure: null, commentPeriodEndsAt: null, objectionPeriodEndsAt: null }, 'closure-proposal-cancelled', { subjectId: closure.proposalTextId });
  const audience = unique(told).filter((id) => id !== actor.authorityId);
  return ok(s, [...cancelTimers(), ...(audience.length ? [notify('closure-proposal-cancelled', audience, 'alert-handler', 'alert-broadcaster')] : [])]);
}

function broadcastClosureProposal(state: AlertState, commentIds: string[], actor: Actor, now: Date, next: Step, ok: OkFn): Result {
  if (state.status !== 'closure-pending-broadcast') {
    if (state.status === 'closure-open-for-comments') return reject('WrongState', 'The comment period is still running.');
    return wrongState(state, 'broadcastClosureProposal', ['closure-pending-broadcast']);
  }
  const closure = state.closure!;
  if (!actsFor(actor, closure.closureCoordinatorId, 'alert-broadcaster')) return reject('NotAllowed', 'Only a broadcaster of the closure coordinator broadcasts the proposal.');
  const chosen = unique(commentIds);
  if (chosen.some((id) => !closure.comments.some((c) => c.id === id))) return reject('Invalid', 'Attach only comments made on this proposal.');
  const at = now.toISOString();
  const endsAt = new Date(now.getTime() + state.policy.objectionPeriodMs).toISOString();
  const s = next(
    { status: 'closure-open-for-objections', objectionPeriodEndsAt: endsAt, closure: { ...closure, broadcastCommentIds: chosen, broadcastAt: at, broadcastByAuthorityId: actor.authorityId! } },
    'closure-proposal-broadcast',
    { subjectId: closure.proposalTextId, targets: chosen },
  );
  // Every handler and broadcaster that received it, in all countries (6.3.6.3).
  return ok(s, [{ type: 'startTimer', timer: 'objectionPeriod', at: endsAt }, notify('closure-proposal-broadcast', involvedAuthorities(s), 'alert-handler', 'alert-broadcaster')]);
}

function close(state: AlertState, actor: Actor, now: Date, next: Step, ok: OkFn): Result {
  if (state.status !== 'closure-pending-decision') {
    if (state.status === 'closure-open-for-objections') return reject('WrongState', 'The objection period is still running.');
    return wrongState(state, 'close', ['closure-pending-decision']);
  }
  const closure = state.closure!;
  if (!actsFor(actor, closure.closureCoordinatorId, 'alert-broadcaster')) return reject('NotAllowed', 'Only a broadcaster of the closure coordinator closes the alert.');
  if (state.items.some((i) => i.kind === 'objection' && i.status === 'submitted')) return reject('WrongState', 'Decide on every submitted objection first.');
  const s = next({ status: 'closed', closedAt: now.toISOString(), reducedView: true }, 'closed');
  return ok(s, [...cancelTimers(), notify('alert-closed', involvedAuthorities(s), 'alert-handler', 'alert-broadcaster'), { type: 'startRetention', eraseAfterMs: state.policy.erasureAfterMs }]);
}

/** A period's end: the next closure step, and the closure coordinator's broadcasters are emailed. */
function periodOver(state: AlertState, type: 'commentPeriodOver' | 'objectionPeriodOver', now: Date, next: Step, ok: OkFn): Result {
  const [open, after, endsAt, kind] =
    type === 'commentPeriodOver'
      ? (['closure-open-for-comments', 'closure-pending-broadcast', state.commentPeriodEndsAt, 'comment-period-over'] as const)
      : (['closure-open-for-objections', 'closure-pending-decision', state.objectionPeriodEndsAt, 'objection-period-over'] as const);
  const pendingWithdrawal = state.status === 'withdrawal-pending-broadcast' && state.statusBeforeWithdrawal === open;
  if (state.status !== open && !pendingWithdrawal) return reject('WrongState', `The alert is ${state.status}; no period is running.`);
  if (!endsAt || now.getTime() < Date.parse(endsAt)) return reject('WrongState', 'The period has not ended.');
  // A pending withdrawal does not stop the clock: the closure moves on underneath it.
  const patch: Partial<AlertState> = pendingWithdrawal ? { statusBeforeWithdrawal: after } : { status: after };
  return ok(next(patch, type === 'commentPeriodOver' ? 'comment-period-over' : 'objection-period-over'), [notify(kind, [state.closure!.closureCoordinatorId], 'alert-broadcaster')]);
}

const cancelTimers = (): AlertEffect[] => [
  { type: 'cancelTimer', timer: 'commentPeriod' },
  { type: 'cancelTimer', timer: 'objectionPeriod' },
];

// ───────────────────────────── action list ─────────────────────────────

/** Who must act next (the action list); empty in final statuses. */
export function pendingActionsOf(state: AlertState): AlertPendingAction[] {
  const act = (authorityIds: (string | null)[], role: AlertActionRole, action: string, itemId: string | null = null): AlertPendingAction[] =>
    unique(authorityIds.filter((id): id is string => !!id)).map((authorityId) => ({ authorityId, role, action, itemId }));
  const status = state.status;
  switch (status) {
    case 'draft':
      return act([state.originatingAuthorityId], 'alert-handler', 'submit');
    case 'submitted':
      return act([state.alertCoordinatorId], 'alert-broadcaster', 'accept-or-pass');
    case 'not-yet-broadcast':
      return act([state.alertCoordinatorId], 'alert-broadcaster', 'broadcast');
    case 'withdrawn':
    case 'closed':
    case 'deleted':
      return [];
  }
  const out: AlertPendingAction[] = [];
  for (const c of state.countries) {
    if (c.mailboxState === 'awaiting-acceptance') out.push(...act(c.mailboxIds, 'alert-broadcaster', 'acknowledge'));
    // The mailbox that acknowledged owes the first forwarding inside its country (6.2.1.3).
    else if (c.mailboxState === 'acknowledged' && c.recipients.length === 0) out.push(...act([c.acknowledgedByAuthorityId], 'alert-broadcaster', 'forward'));
  }
  for (const i of state.items) if (i.status === 'submitted' && i.kind !== 'withdrawal') out.push(...act([i.coordinatorId], 'alert-broadcaster', 'broadcast-item', i.id));
  const closure = state.closure;
  switch (status) {
    case 'withdrawal-pending-broadcast':
      out.push(...act([state.broadcastingCoordinatorId], 'alert-broadcaster', 'broadcast-withdrawal'));
      break;
    case 'closure-open-for-comments':
      out.push(...act(commenters(state).filter((id) => !closure!.comments.some((c) => c.authorityId === id)), 'alert-handler', 'comment-on-closure'));
      break;
    case 'closure-pending-broadcast':
      out.push(...act([closure!.closureCoordinatorId], 'alert-broadcaster', 'broadcast-closure-proposal'));
      break;
    case 'closure-pending-decision':
      out.push(...act([closure!.closureCoordinatorId], 'alert-broadcaster', 'close'));
      break;
    case 'broadcast':
    case 'closure-open-for-objections':
      break;
  }
  return out;
}

const withPending = (s: AlertState): AlertState => ({ ...s, pendingActions: pendingActionsOf(s) });

/** The projection's view: the state without what only the machine needs. */
export function snapshotOf(state: AlertState): AlertSnapshot {
  const { policy: _p, lastEvent: _e, ...snapshot } = state;
  return snapshot;
}

/** The machine's state again from a projected snapshot (the API dry-runs commands on it to offer only the allowed ones). */
export function stateFromSnapshot(snapshot: AlertSnapshot, policy: AlertPolicy): AlertState {
  return { ...snapshot, policy, lastEvent: snapshot.history[snapshot.history.length - 1] };
}

// ───────────────────────────── small pieces ─────────────────────────────

function notify(kind: AlertNotificationKind, authorityIds: string[], ...roles: AlertActionRole[]): AlertEffect {
  const audience: AlertAudience = { authorityIds: unique(authorityIds), roles };
  return { type: 'notify', kind, audience };
}

const unique = (list: readonly string[]) => [...new Set(list.map((c) => c.trim()).filter(Boolean))];
const isCountry = (v: string) => /^[A-Z]{2}$/.test(v);
const actorLabel = (actor: Actor) => (actor.kind === 'system' ? 'system' : `${actor.kind}:${actor.id}`);
