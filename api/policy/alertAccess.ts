import { closingCountry, involvedAuthorities } from '../../workflows/alert/machine';
import type { AlertItem, AlertSnapshot } from '../../workflows/alert/snapshot';

/**
 * The one module deciding who sees what of an alert (domain.md §6, §8; IMI manual 6.3.4.2,
 * 6.3.6.5, 6.4.2–6.4.3): an authority sees an alert while it takes part in it — the originating
 * authority from the draft on, its alert coordinator once submitted, every receiving mailbox and
 * recipient after broadcast — through users holding an alert role. Personal data (provider,
 * description, texts, files) only to those authorities, never to the Commission (it always receives
 * the alert), and nobody's once the alert is closed, withdrawn or deleted (the reduced view: a
 * summary without personal data, the recipient list, the history). A removed recipient sees nothing
 * further. During the comment period only the closing country knows of the closure proposal.
 * Pure: the API passes the facts it read from PostgreSQL.
 */

export interface AlertViewerFacts {
  kind: 'user' | 'operator';
  userId: string;
  authorityId: string | null;
  /** The user's roles as stored (`{ role, area?, workflow? }`); a role without area applies to every area. */
  roles: readonly { role: string; area?: string; workflow?: string }[];
}

export type AlertViewerSide = 'originator' | 'coordinator' | 'recipient' | 'commission';

export const helpdeskRole = 'system-admin';
export const alertRoleNames = ['alert-observer', 'alert-handler', 'alert-broadcaster'] as const;

type Facts = Pick<
  AlertSnapshot,
  | 'status'
  | 'legislationArea'
  | 'originatingAuthorityId'
  | 'originatingCountry'
  | 'alertCoordinatorId'
  | 'broadcastingCoordinatorId'
  | 'establishmentCountry'
  | 'countries'
  | 'closure'
  | 'items'
  | 'commissionReceivedAt'
  | 'reducedView'
  | 'submittedAt'
>;

/** The alert role names the viewer holds in the area (roles limited to another workflow do not count). */
export function alertRolesOf(viewer: Pick<AlertViewerFacts, 'roles'>, area: string): string[] {
  return [
    ...new Set(
      viewer.roles
        .filter((r) => !r.area || r.area === area)
        .filter((r) => !r.workflow || r.workflow === 'alerts')
        .map((r) => r.role)
        .filter((role) => (alertRoleNames as readonly string[]).includes(role)),
    ),
  ];
}

const isHelpdesk = (viewer: AlertViewerFacts) => viewer.kind === 'operator' || viewer.roles.some((r) => r.role === helpdeskRole);
const beforeBroadcast = new Set(['submitted', 'not-yet-broadcast']);

/** The authorities that have the alert now, by its status (removed recipients are not among them). */
export function authoritiesSeeing(s: Facts): string[] {
  if (s.status === 'draft') return [s.originatingAuthorityId];
  if (beforeBroadcast.has(s.status)) return [s.originatingAuthorityId, ...(s.alertCoordinatorId ? [s.alertCoordinatorId] : [])];
  // Deleted before broadcast: the coordinator knew it only if it had been submitted.
  if (s.status === 'deleted') return [s.originatingAuthorityId, ...(s.alertCoordinatorId && s.submittedAt ? [s.alertCoordinatorId] : [])];
  return involvedAuthorities(s as AlertSnapshot);
}

/** The recipient was removed by its country's mailbox and takes part in no other way: it sees nothing further. */
export function wasRemoved(s: Facts, authorityId: string): boolean {
  return !authoritiesSeeing(s).includes(authorityId) && s.countries.some((c) => c.recipients.some((r) => r.authorityId === authorityId && r.removedAt));
}

/**
 * How the viewer relates to the alert, or null when it may not see it at all (the API answers 404,
 * so the alert's existence is not disclosed): users need an alert role and an authority taking part;
 * the helpdesk is the Commission's side, once the alert was broadcast.
 */
export function alertViewerSide(s: Facts, viewer: AlertViewerFacts): AlertViewerSide | null {
  const authority = viewer.authorityId;
  if (authority && alertRolesOf(viewer, s.legislationArea).length > 0 && authoritiesSeeing(s).includes(authority)) {
    if (authority === s.originatingAuthorityId) return 'originator';
    if (authority === s.alertCoordinatorId || authority === s.broadcastingCoordinatorId) return 'coordinator';
    return 'recipient';
  }
  if (isHelpdesk(viewer) && s.commissionReceivedAt) return 'commission';
  return null;
}

/** The country in which the viewer's authority has the alert (null: the Commission). */
export function viewerCountry(s: Facts, authorityId: string | null): string | null {
  if (!authorityId) return null;
  if ([s.originatingAuthorityId, s.alertCoordinatorId, s.broadcastingCoordinatorId].includes(authorityId)) return s.originatingCountry;
  for (const c of s.countries) if (c.mailboxIds.includes(authorityId) || c.recipients.some((r) => r.authorityId === authorityId && !r.removedAt)) return c.country;
  if (s.closure?.closureCoordinatorId === authorityId) return s.closure.country;
  return s.items.find((i) => i.coordinatorId === authorityId)?.country ?? null;
}

export interface PersonalDataAccess {
  visible: boolean;
  /** Why hidden (shown to the user), null when visible. */
  reason: string | null;
}

/**
 * Whether the viewer sees the alert's personal data: provider, description, suggested authorities,
 * every text and every file. `blocked`: retention marked the data blocked (not shown through the API).
 */
export function alertPersonalDataAccess(s: Facts, viewer: AlertViewerFacts, blocked = false): PersonalDataAccess {
  const side = alertViewerSide(s, viewer);
  if (side === 'commission' || side === null) return { visible: false, reason: 'The Commission receives every alert but never sees its personal data; only the authorities taking part do.' };
  if (s.status === 'deleted') return { visible: false, reason: 'The alert was deleted before broadcast; its personal data is gone.' };
  if (s.reducedView || s.status === 'closed' || s.status === 'withdrawn') {
    return { visible: false, reason: 'The alert is closed or withdrawn: only a summary without personal data, the recipients and the history remain.' };
  }
  if (blocked) return { visible: false, reason: 'The personal data of this alert is blocked: only the helpdesk can retrieve it.' };
  return { visible: true, reason: null };
}

/** Files open under the same rule as personal data. */
export const mayDownloadAlertFiles = (s: Facts, viewer: AlertViewerFacts, blocked = false) => alertPersonalDataAccess(s, viewer, blocked).visible;

/**
 * Whether the viewer knows of the closure proposal: during the comment period and until it is
 * broadcast only the closing country's authorities do ("Myndigheder i andre modtagerlande kender
 * ikke til afslutningsforslaget"); afterwards everyone who sees the alert.
 */
export function closureKnownTo(s: Facts, viewer: AlertViewerFacts): boolean {
  if (!s.closure) return false;
  if (s.closure.broadcastAt) return true;
  const side = alertViewerSide(s, viewer);
  if (side === null || side === 'commission') return false;
  return viewerCountry(s, viewer.authorityId) === s.closure.country;
}

/**
 * Whether the viewer sees one item (its existence; its text further needs personal data access):
 * broadcast items everyone sees; until then (and when declined or deleted) only the submitting
 * authority and the coordinator it went to.
 */
export function itemKnownTo(item: Pick<AlertItem, 'status' | 'submittedByAuthorityId' | 'coordinatorId'>, viewer: AlertViewerFacts): boolean {
  if (item.status === 'broadcast') return true;
  return !!viewer.authorityId && (viewer.authorityId === item.submittedByAuthorityId || viewer.authorityId === item.coordinatorId);
}

/**
 * Whether the viewer sees one comment on the closure proposal: its author and the closing country
 * while the proposal is not broadcast; afterwards the comments the closure coordinator attached.
 */
export function commentKnownTo(s: Facts, comment: { id: string; authorityId: string }, viewer: AlertViewerFacts): boolean {
  if (!s.closure || !closureKnownTo(s, viewer)) return false;
  if (viewerCountry(s, viewer.authorityId) === s.closure.country) return true;
  return s.closure.broadcastCommentIds.includes(comment.id);
}

/** The status the viewer is shown: outside the closing country an unbroadcast closure proposal is not known, so the alert is simply broadcast. */
export function statusShownTo(s: Facts, viewer: AlertViewerFacts): AlertSnapshot['status'] {
  const hidden = s.closure && !closureKnownTo(s, viewer);
  if (hidden && (s.status === 'closure-open-for-comments' || s.status === 'closure-pending-broadcast')) return 'broadcast';
  return s.status;
}

/** The closing country (re-exported for the API's summary). */
export { closingCountry };
