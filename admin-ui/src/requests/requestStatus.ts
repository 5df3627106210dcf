import type { RequestStatus } from '../../../workflows/request/snapshot';
import { requestStatuses } from '../../../workflows/request/snapshot';

export type { RequestStatus };
export { requestStatuses };

/**
 * One colour per group of statuses, so a list reads at a glance: grey drafts, purple approvals,
 * blue waiting for the responder, teal answered, orange disputes (additional information and
 * referrals), green closed, red rejected or refused.
 */
export const requestStatusColours: Record<RequestStatus, string> = {
  draft: '#757575',
  'request-pending-approval': '#6a1b9a',
  'request-approval-refused': '#ad1457',
  'awaiting-acceptance': '#1565c0',
  accepted: '#0277bd',
  'answer-pending-approval': '#6a1b9a',
  'answer-approval-refused': '#ad1457',
  answered: '#00796b',
  'additional-info-requested': '#ef6c00',
  'additional-info-accepted': '#f57c00',
  'additional-info-refused': '#d84315',
  'referred-to-requester-coordinator': '#8d6e63',
  'referred-to-responder-coordinator': '#8d6e63',
  'reconsideration-requested': '#ef6c00',
  'measures-waiting-period': '#5d4037',
  closed: '#2e7d32',
  rejected: '#c62828',
};

export const requestStatusChoices = requestStatuses.map((id) => ({ id, name: `liaison.request.status.${id}` }));

/** The request's life is over: no deadline to watch, no action to take. */
export const isFinal = (status: RequestStatus) => status === 'closed' || status === 'rejected';

/** The responder owes an answer: the deadline runs (workflows/request/machine.ts awaitingAnswer). */
export const awaitingAnswer: readonly RequestStatus[] = [
  'awaiting-acceptance',
  'accepted',
  'answer-pending-approval',
  'answer-approval-refused',
  'additional-info-requested',
  'additional-info-accepted',
  'reconsideration-requested',
];
