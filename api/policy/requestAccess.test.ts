import { mayDownloadAttachments, personalDataAccess, questionCommentAccess, requestViewerSide, rolesInArea, type RequestViewerFacts } from './requestAccess';
import type { RequestStatus } from '../../workflows/request/snapshot';

const requester = 'auth-requester';
const responder = 'auth-responder';
const reqCoordinator = 'auth-req-coord';
const respCoordinator = 'auth-resp-coord';

const aRequest = (status: RequestStatus, acceptedAt: string | null = null) => ({
  status,
  legislationArea: 'services',
  requestingAuthorityId: requester,
  respondingAuthorityId: responder,
  requesterCoordinatorId: reqCoordinator,
  responderCoordinatorId: respCoordinator,
  acceptedAt,
});
const accepted = aRequest('accepted', '2026-11-01T10:00:00Z');

const aUser = (authorityId: string | null, ...roles: (string | { role: string; area?: string; workflow?: string })[]): RequestViewerFacts => ({
  kind: 'user',
  userId: 'u-1',
  authorityId,
  roles: roles.map((r) => (typeof r === 'string' ? { role: r } : r)),
});

describe('who sees the request at all', () => {
  it('the requester sees its drafts; the responder only once the request is sent to it', () => {
    expect(requestViewerSide(aRequest('draft'), aUser(requester, 'case-handler'))).toBe('requester');
    for (const status of ['draft', 'request-pending-approval', 'request-approval-refused'] as const) {
      expect(requestViewerSide(aRequest(status), aUser(responder, 'case-handler'))).toBeNull();
    }
    expect(requestViewerSide(aRequest('awaiting-acceptance'), aUser(responder, 'case-handler'))).toBe('responder');
  });
  it('coordinators of either side, the helpdesk and coordinators of a party see it; others do not', () => {
    expect(requestViewerSide(accepted, aUser(reqCoordinator, 'referral-handler'))).toBe('requester-coordinator');
    expect(requestViewerSide(accepted, aUser(respCoordinator, 'referral-handler'))).toBe('responder-coordinator');
    expect(requestViewerSide(accepted, aUser(null, 'system-admin'))).toBe('helpdesk');
    expect(requestViewerSide(accepted, { kind: 'operator', userId: 'operator', authorityId: null, roles: [] })).toBe('helpdesk');
    expect(requestViewerSide(accepted, { ...aUser('auth-dimic', 'case-handler'), coordinatesParty: true })).toBe('coordinating');
    expect(requestViewerSide(accepted, aUser('auth-other', 'case-handler'))).toBeNull();
  });
  it('a responder that forwarded the request no longer sees it', () => {
    expect(requestViewerSide({ ...accepted, respondingAuthorityId: 'auth-new' }, aUser(responder, 'case-handler'))).toBeNull();
  });
});

describe('personal data (§8)', () => {
  it('the case handlers of the requester always see it, of the responder only after acceptance', () => {
    expect(personalDataAccess(aRequest('draft'), aUser(requester, 'case-handler'), false).visible).toBe(true);
    expect(personalDataAccess(aRequest('awaiting-acceptance'), aUser(responder, 'case-handler'), false)).toEqual({ visible: false, reason: expect.stringMatching(/once the request is accepted/) });
    expect(personalDataAccess(accepted, aUser(responder, 'case-handler'), false).visible).toBe(true);
  });
  it('coordinators, allocators, referral handlers, observers and the helpdesk never see it', () => {
    expect(personalDataAccess(accepted, aUser(reqCoordinator, 'case-handler', 'referral-handler'), false).visible).toBe(false);
    expect(personalDataAccess(accepted, aUser(respCoordinator, 'case-handler', 'referral-handler'), false).visible).toBe(false);
    expect(personalDataAccess(accepted, aUser(responder, 'allocator'), false).reason).toMatch(/Only case handlers/);
    expect(personalDataAccess(accepted, aUser(requester, 'referral-handler'), false).visible).toBe(false);
    expect(personalDataAccess(accepted, aUser(requester, 'request-observer'), false).visible).toBe(false);
    expect(personalDataAccess(accepted, aUser(null, 'system-admin', 'case-handler'), false).visible).toBe(false);
    expect(personalDataAccess(accepted, { ...aUser('auth-dimic', 'case-handler'), coordinatesParty: true }, false).visible).toBe(false);
  });
  it('a case-handler role of another area does not count', () => {
    expect(personalDataAccess(accepted, aUser(requester, { role: 'case-handler', area: 'solvit' }), false).visible).toBe(false);
    expect(personalDataAccess(accepted, aUser(requester, { role: 'case-handler', area: 'services' }), false).visible).toBe(true);
    expect(rolesInArea(aUser(requester, { role: 'case-handler', area: 'solvit' }, 'allocator'), 'services')).toEqual(['allocator']);
  });
  it('nobody sees it once blocked, not even the requester', () => {
    expect(personalDataAccess(accepted, aUser(requester, 'case-handler'), true)).toEqual({ visible: false, reason: expect.stringMatching(/blocked/) });
    expect(personalDataAccess(accepted, aUser(responder, 'case-handler'), true).visible).toBe(false);
  });
  it('attachments follow the same rule', () => {
    expect(mayDownloadAttachments(aRequest('awaiting-acceptance'), aUser(responder, 'case-handler'), false)).toBe(false);
    expect(mayDownloadAttachments(accepted, aUser(responder, 'case-handler'), false)).toBe(true);
    expect(mayDownloadAttachments(accepted, aUser(requester, 'case-handler'), true)).toBe(false);
  });
});

describe('question comments (manual 5.3.2.1: all questions and comments before acceptance)', () => {
  const received = aRequest('awaiting-acceptance');
  it('the responder’s case handler reads them before accepting, while the case data stays hidden', () => {
    expect(questionCommentAccess(received, aUser(responder, 'case-handler'), false)).toEqual({ visible: true, reason: null });
    expect(personalDataAccess(received, aUser(responder, 'case-handler'), false).visible).toBe(false);
    expect(questionCommentAccess(accepted, aUser(responder, 'case-handler'), false).visible).toBe(true);
    expect(questionCommentAccess(aRequest('draft'), aUser(requester, 'case-handler'), false).visible).toBe(true);
  });
  it('not the responder’s allocator or observer, nor the responder before it received the request', () => {
    expect(questionCommentAccess(received, aUser(responder, 'allocator'), false).visible).toBe(false);
    expect(questionCommentAccess(received, aUser(responder, 'request-observer'), false).visible).toBe(false);
    expect(questionCommentAccess(received, aUser(responder, { role: 'case-handler', area: 'solvit' }), false).visible).toBe(false);
    expect(questionCommentAccess(aRequest('request-pending-approval'), aUser(responder, 'case-handler'), false).visible).toBe(false);
  });
  it('coordinators, referral handlers and the helpdesk never; nobody once blocked', () => {
    expect(questionCommentAccess(received, aUser(respCoordinator, 'case-handler', 'referral-handler'), false).visible).toBe(false);
    expect(questionCommentAccess(received, aUser(reqCoordinator, 'case-handler', 'referral-handler'), false).visible).toBe(false);
    expect(questionCommentAccess(received, { ...aUser('auth-dimic', 'case-handler'), coordinatesParty: true }, false).visible).toBe(false);
    expect(questionCommentAccess(received, aUser(null, 'system-admin', 'case-handler'), false).visible).toBe(false);
    expect(questionCommentAccess(received, aUser(responder, 'case-handler'), true)).toEqual({ visible: false, reason: expect.stringMatching(/blocked/) });
    expect(questionCommentAccess(accepted, aUser(requester, 'case-handler'), true).visible).toBe(false);
  });
});
