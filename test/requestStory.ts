import { requestPolicy } from '../schema/requestPolicy';
import type { Actor } from '../workflows/actor';
import type { RequestInput } from '../workflows/request/definitions';

/**
 * The request story of the time-skipping tests and the replay recorder: a Danish authority asks a
 * Swedish one. Ids only, no personal data: the workflow sees nothing else.
 */
export const requesterHandler: Actor = { kind: 'user', id: 'u-req-1', authorityId: 'auth-dk', countryCode: 'DK', roles: ['case-handler'] };

/** The story's request as the API starts it (local activities), due 10 days after `nowMs` (the test server's clock). */
export const storyRequestInput = (requestId: string, nowMs: number, patch: Partial<RequestInput> = {}): RequestInput => ({
  requestId,
  number: `REQ-2026-${requestId.slice(0, 6)}`,
  legislationArea: 'services',
  questionSet: 'services-establishment',
  questionIds: ['q1', 'q2'],
  requestingAuthorityId: 'auth-dk',
  requestingCountry: 'DK',
  respondingAuthorityId: 'auth-se',
  respondingCountry: 'SE',
  requesterCoordinatorId: 'coord-dk',
  deadline: new Date(nowMs + 10 * 24 * 60 * 60_000).toISOString().slice(0, 10),
  relatedRequestNumber: null,
  urgent: false,
  rules: { policy: requestPolicy, requesterUsesAllocation: false },
  splitFrom: null,
  createdBy: requesterHandler,
  localActivities: true,
  ...patch,
});
