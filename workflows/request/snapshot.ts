/**
 * The contract between `RequestWorkflow` (workflows/request/*), its projection into PostgreSQL
 * (the read model behind lists, the action list and search) and the API. Fields may be added;
 * none may be renamed or removed without changing every reader.
 *
 * Non-personal facts only: ids, codes, dates and counts. Case data, comments, free-text answers,
 * messages' text and attachments live in PostgreSQL tables keyed by `requestId`, so retention can
 * block and erase them with real deletes.
 */

export const requestStatuses = [
  /** Being written by the requesting authority; in its action list. */
  'draft',
  /** Sent, waiting for the requester's request coordinator to approve it (5.3.7). */
  'request-pending-approval',
  /** The coordinator did not approve: back with remarks, to be edited and resubmitted. */
  'request-approval-refused',
  /** Received: the responder sees a summary without personal data until it accepts. */
  'awaiting-acceptance',
  /** Accepted: the responder is preparing its answer. */
  'accepted',
  /** The answer waits for the responder's request coordinator to approve it. */
  'answer-pending-approval',
  /** The coordinator did not approve the answer: back with remarks. */
  'answer-approval-refused',
  /** Answered: the requester may close, or ask for additional information. */
  'answered',
  /** The requester asked for more (5.3.4); the responder accepts or refuses. */
  'additional-info-requested',
  /** The responder accepted to give more; it stays in its action list until it answers again. */
  'additional-info-accepted',
  /** The responder refused; the requester may close or refer. */
  'additional-info-refused',
  /** A request coordinator gives its opinion on the disagreement (5.3.6). */
  'referred-to-requester-coordinator',
  'referred-to-responder-coordinator',
  /** Scenario 4 (no coordinator takes part): the requester asked once more; responder reconsiders. */
  'reconsideration-requested',
  /** Notification of measures (derogations, ch. 7): the 15-day wait before measures may apply. */
  'measures-waiting-period',
  /** Final states. */
  'closed',
  'rejected',
] as const;
export type RequestStatus = (typeof requestStatuses)[number];

/** Which role of an authority must act next. Feeds the action list (5.3.9.1). */
export type RequestActionRole = 'case-handler' | 'allocator' | 'referral-handler';

export interface PendingAction {
  authorityId: string;
  role: RequestActionRole;
  /** When allocated: only these users act (others of the authority read). Null: every user with the role. */
  userIds: string[] | null;
  /** What is expected, e.g. 'accept-or-reject', 'answer', 'approve-request', 'give-opinion', 'allocate', 'close'. */
  action: string;
}

export interface RequestSnapshot {
  requestId: string;
  /** Human number, e.g. "REQ-2026-000042", assigned from a PostgreSQL sequence at creation. */
  number: string;
  legislationArea: string;
  questionSet: string;
  status: RequestStatus;
  /** Increases with every transition; the projection keeps only the highest. */
  version: number;
  requestingAuthorityId: string;
  requestingCountry: string;
  /** Current responder (changes on forward). */
  respondingAuthorityId: string;
  respondingCountry: string;
  /** The requesting side's request coordinator (approvals, referrals). */
  requesterCoordinatorId: string | null;
  /** The responding side's request coordinator, chosen on acceptance (changeable). */
  responderCoordinatorId: string | null;
  /** Assigned case handlers of each side (the creator on the requesting side). */
  requesterHandlerIds: string[];
  responderHandlerIds: string[];
  /** Who must act now; empty in final states. */
  pendingActions: PendingAction[];
  /** Indicative deadline (ISO date) and a responder's proposal. */
  deadline: string | null;
  proposedDeadline: string | null;
  overdue: boolean;
  createdAt: string;
  sentAt: string | null;
  acceptedAt: string | null;
  answeredAt: string | null;
  closedAt: string | null;
  /** The request this one was split from, or (derogations) the earlier request it cites. */
  splitFromRequestId: string | null;
  relatedRequestNumber: string | null;
  /** Ids of the request's questions (their text is in PostgreSQL); a split moves some to a new request. */
  questionIds: string[];
  /** Referral handlers assigned at each side's coordinator (empty: any referral handler). */
  requesterCoordinatorHandlerIds: string[];
  responderCoordinatorHandlerIds: string[];
  /** Derogations (ch. 7.2): a notification of measures under the urgency procedure cites no earlier request. */
  urgent: boolean;
  /** Reminders sent to the requester to close the answered request (reset by each new answer). */
  closeRemindersSent: number;
  /** Notification of measures: when the notified measures may apply (15 days, or the Commission's decision). */
  measuresMayApplyAt: string | null;
  commissionDecision: 'measures-may-apply' | 'measures-stopped' | null;
}

export const requestWorkflowId = (requestId: string) => `request-${requestId}`;
