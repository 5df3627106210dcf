import type { RequestSnapshot } from '../../workflows/request/snapshot';

/**
 * The one module deciding who may see an information request, its personal data and its
 * attachments (domain.md §8, IMI data protection guidelines): only the two authorities taking part
 * in the exchange see personal data, through their case handlers; coordinators, allocators,
 * referral handlers, observers and the Commission (helpdesk) never do; a responder sees none before
 * it accepts (nor a request not yet sent to it); nobody sees blocked data through the normal
 * interface. Pure: the API passes the facts it read from PostgreSQL.
 */

export interface RequestViewerFacts {
  kind: 'user' | 'operator';
  userId: string;
  authorityId: string | null;
  /** The user's roles as stored (`{ role, area?, workflow? }`); a role without area applies to every area. */
  roles: readonly { role: string; area?: string; workflow?: string }[];
  /** The viewer's authority is a request coordinator of the requesting or responding authority (search scope `coordinated`). */
  coordinatesParty?: boolean;
}

export type RequestViewerSide = 'requester' | 'responder' | 'requester-coordinator' | 'responder-coordinator' | 'helpdesk' | 'coordinating';

type Facts = Pick<
  RequestSnapshot,
  'status' | 'legislationArea' | 'requestingAuthorityId' | 'respondingAuthorityId' | 'requesterCoordinatorId' | 'responderCoordinatorId' | 'acceptedAt'
>;

/** Statuses before the responder receives the request: it does not see it at all. */
const notYetReceived = new Set(['draft', 'request-pending-approval', 'request-approval-refused']);

export const helpdeskRole = 'system-admin';

/** The role names a viewer holds in the request's area. */
export function rolesInArea(viewer: Pick<RequestViewerFacts, 'roles'>, area: string): string[] {
  return [...new Set(viewer.roles.filter((r) => !r.area || r.area === area).filter((r) => !r.workflow || r.workflow === 'requests').map((r) => r.role))];
}

const isHelpdesk = (viewer: RequestViewerFacts) => viewer.kind === 'operator' || viewer.roles.some((r) => r.role === helpdeskRole);

/**
 * How the viewer relates to the request, or null when it may not see it at all (the API answers
 * 404 then, so the request's existence is not disclosed). A party's own side wins over a
 * coordinator side when an authority is both.
 */
export function requestViewerSide(request: Facts, viewer: RequestViewerFacts): RequestViewerSide | null {
  const authority = viewer.authorityId;
  if (authority) {
    if (authority === request.requestingAuthorityId) return 'requester';
    if (authority === request.respondingAuthorityId && !notYetReceived.has(request.status)) return 'responder';
    if (authority === request.requesterCoordinatorId) return 'requester-coordinator';
    if (authority === request.responderCoordinatorId) return 'responder-coordinator';
  }
  if (isHelpdesk(viewer)) return 'helpdesk';
  if (authority && viewer.coordinatesParty) return 'coordinating';
  return null;
}

export interface PersonalDataAccess {
  visible: boolean;
  /** Why hidden (shown to the user), null when visible. */
  reason: string | null;
}

/**
 * Whether the viewer sees the request's personal data: case data, answers' texts, messages,
 * reasons and attachments (question comments: `questionCommentAccess`). `blocked`: retention has
 * blocked the request's data.
 */
export function personalDataAccess(request: Facts, viewer: RequestViewerFacts, blocked: boolean): PersonalDataAccess {
  const side = requestViewerSide(request, viewer);
  if (blocked) return { visible: false, reason: 'The personal data of this request is blocked (retention period): only the helpdesk can retrieve it.' };
  if (side !== 'requester' && side !== 'responder') {
    return { visible: false, reason: 'Only the authorities taking part in the exchange see its personal data.' };
  }
  if (side === 'responder' && !request.acceptedAt) return { visible: false, reason: 'The personal data is shown once the request is accepted.' };
  if (!rolesInArea(viewer, request.legislationArea).includes('case-handler')) {
    return { visible: false, reason: 'Only case handlers see personal data; allocators, referral handlers and observers do not.' };
  }
  return { visible: true, reason: null };
}

/**
 * Whether the viewer sees the free-text comments on the questions (also those about attachments).
 * Manual ch. 5.3.2.1: before accepting, the responder's case handler sees "alle spørgsmål og
 * kommentarer i forespørgslen, også vedrørende bilagene" — only the case data (who the request is
 * about) and the attachments stay hidden until acceptance. Otherwise the personal data rule holds:
 * comments are free text that may name people, so coordinators, allocators, referral handlers,
 * observers and the helpdesk never see them, nor does anyone once they are blocked.
 */
export function questionCommentAccess(request: Facts, viewer: RequestViewerFacts, blocked: boolean): PersonalDataAccess {
  const access = personalDataAccess(request, viewer, blocked);
  if (access.visible || blocked) return access;
  const side = requestViewerSide(request, viewer);
  if (side === 'responder' && !request.acceptedAt && rolesInArea(viewer, request.legislationArea).includes('case-handler')) return { visible: true, reason: null };
  return access;
}

/** Attachments open under the same rule as personal data (a responder before acceptance: locked). */
export const mayDownloadAttachments = (request: Facts, viewer: RequestViewerFacts, blocked: boolean) => personalDataAccess(request, viewer, blocked).visible;

