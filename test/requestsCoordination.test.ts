/**
 * Requests through the real HTTP API, the coordinators' part (domain.md §5; IMI manual 5.3.5–5.3.7):
 * referral scenarios 1–4 by the coordinators' "takes part in referrals" flags, the approval
 * procedure (refused, edited, approved) and allocation. The world is test/requestWorld.ts.
 */
import { caughtEmails, waitFor } from './stack';
import {
  answered,
  call,
  cmd,
  created,
  deCa,
  deCoord,
  dkCa,
  dkCoord,
  emailedAbout,
  ok,
  recipients,
  refused,
  reqCoordHandler,
  reqHandler,
  resp2Handler,
  respAllocator,
  respCoordHandler,
  respHandler,
  respHandler2,
  sent,
  setFlags,
  subjectName,
  useRequestWorld,
} from './requestWorld';

jest.setTimeout(60_000);
useRequestWorld();

describe('coordinators and allocation', () => {
  it('referral scenario 1 (only the requester’s coordinator): it agrees, the responder keeps its position, closed', async () => {
    await setFlags(deCoord, { coordinator: { takesPartInReferrals: false } });
    try {
      const id = await refused();
      expect((await cmd(id, 'refer', reqHandler)).request.status).toBe('referred-to-requester-coordinator');
      const coord = await ok('GET', `/api/requests/${id}`, reqCoordHandler);
      expect(coord.actions).toContain('give-opinion');
      expect(coord.personalDataVisible).toBe(false);
      expect((await cmd(id, 'give-opinion', reqCoordHandler, { agrees: true, remarks: 'The answer is incomplete.' })).request.status).toBe('reconsideration-requested');
      expect((await cmd(id, 'keep-position', respHandler, { reason: 'We gave all we have.' })).request.status).toBe('closed');
    } finally {
      await setFlags(deCoord, {});
    }
  });

  it('referral scenario 2 (only the responder’s coordinator): keeping the position refers again', async () => {
    await setFlags(dkCoord, { coordinator: { takesPartInReferrals: false } });
    try {
      const id = await refused();
      expect((await cmd(id, 'refer', reqHandler)).request.status).toBe('referred-to-responder-coordinator');
      const coord = await ok('GET', `/api/requests/${id}`, respCoordHandler);
      expect(coord.viewerSide).toBe('responder-coordinator');
      expect(coord.personalDataVisible).toBe(false);
      expect(JSON.stringify(coord)).not.toContain(subjectName);
      expect((await cmd(id, 'give-opinion', respCoordHandler, { agrees: true })).request.status).toBe('reconsideration-requested');
      expect((await cmd(id, 'keep-position', respHandler, {})).request.status).toBe('referred-to-responder-coordinator');
      expect((await cmd(id, 'give-opinion', respCoordHandler, { agrees: false })).request.status).toBe('closed');
    } finally {
      await setFlags(dkCoord, {});
    }
  });

  it('referral scenario 3 (both): the requester’s coordinator first, then the responder’s; the responder provides more', async () => {
    const id = await refused();
    const referred = await cmd(id, 'refer', reqHandler);
    expect(referred.request.status).toBe('referred-to-requester-coordinator');
    // The first referral to a coordinator goes to its contact address (no referral handler involved yet).
    const first = await waitFor(async () => (await caughtEmails(dkCoord.contactEmail)).find((m) => m.subject.includes(referred.request.number)), 'the referral email');
    expect(first.text).toMatch(/referred to your authority/);
    expect((await caughtEmails(reqCoordHandler.email)).filter((m) => m.subject.includes(referred.request.number))).toEqual([]);
    expect((await call('POST', `/api/requests/${id}/give-opinion`, respCoordHandler, { agrees: true })).status).toBe(403);
    expect((await cmd(id, 'give-opinion', reqCoordHandler, { agrees: true })).request.status).toBe('referred-to-responder-coordinator');
    expect((await cmd(id, 'give-opinion', respCoordHandler, { agrees: true })).request.status).toBe('reconsideration-requested');
    expect((await cmd(id, 'provide-more', respHandler)).request.status).toBe('additional-info-accepted');
  });

  it('referral scenario 4 (neither): the requester asks once more; the responder keeps its position and it closes', async () => {
    await setFlags(dkCoord, { coordinator: { takesPartInReferrals: false } });
    await setFlags(deCoord, { coordinator: { takesPartInReferrals: false } });
    try {
      const id = await refused();
      expect((await cmd(id, 'refer', reqHandler)).request.status).toBe('reconsideration-requested');
      expect((await cmd(id, 'keep-position', respHandler, {})).request.status).toBe('closed');
    } finally {
      await setFlags(dkCoord, {});
      await setFlags(deCoord, {});
    }
  });

  it('approval refused, edited, then approved by the requester’s coordinator', async () => {
    await setFlags(dkCa, { ca: { approvalRequired: true } });
    await setFlags(dkCoord, { coordinator: { approvesRequests: true } });
    try {
      const draft = await created();
      const id = draft.request.id;
      expect((await cmd(id, 'send', reqHandler)).request.status).toBe('request-pending-approval');
      expect((await call('GET', `/api/requests/${id}`, respHandler)).status).toBe(404);
      const coord = await ok('GET', `/api/requests/${id}`, reqCoordHandler);
      expect(coord.actions).toEqual(expect.arrayContaining(['approve-request', 'refuse-request']));
      const refusedApproval = await cmd(id, 'refuse-request', reqCoordHandler, { remarks: 'Add the legal basis.' });
      expect(refusedApproval.request.status).toBe('request-approval-refused');
      const mine = await ok('GET', `/api/requests/${id}`, reqHandler);
      expect(mine.timeline.find((e: { action: string }) => e.action === 'request-approval-refused').text).toBe('Add the legal basis.');
      await cmd(id, 'edit-draft', reqHandler, { caseData: { subjectKind: 'person', name: subjectName, reason: 'Legal basis: Art. 28 Services Directive' } });
      expect((await cmd(id, 'send', reqHandler)).request.status).toBe('request-pending-approval');
      expect((await cmd(id, 'approve-request', reqCoordHandler)).request.status).toBe('awaiting-acceptance');
    } finally {
      await setFlags(dkCa, {});
      await setFlags(dkCoord, {});
    }
  });

  it('allocation: the allocators are told; only the assigned handler acts; the allocator sees no personal data', async () => {
    await setFlags(deCa, { coordinator: { usesAllocation: true } });
    try {
      const draft = await created();
      const { id, number } = draft.request;
      await cmd(id, 'send', reqHandler);
      const mails = await emailedAbout(number, 2);
      expect(recipients(mails)).toEqual(expect.arrayContaining([respAllocator.email, deCa.contactEmail]));
      expect(recipients(mails)).not.toContain(respHandler.email);
      expect((await call('POST', `/api/requests/${id}/accept`, respHandler, {})).status).toBe(403);
      const allocator = await ok('GET', `/api/requests/${id}`, respAllocator);
      expect(allocator.personalDataVisible).toBe(false);
      expect(allocator.actions).toContain('assign-handlers');
      expect((await call('POST', `/api/requests/${id}/assign-handlers`, respAllocator, { party: 'responder', userIds: [resp2Handler.id] })).status).toBe(400);
      const assigned = await cmd(id, 'assign-handlers', respAllocator, { party: 'responder', userIds: [respHandler2.id] });
      expect(assigned.request.responderHandlerIds).toEqual([respHandler2.id]);
      await waitFor(async () => (await caughtEmails(respHandler2.email)).some((m) => m.subject.includes(number)), 'the allocation email');
      expect((await ok('GET', `/api/requests/${id}`, respHandler)).actions).not.toContain('accept');
      expect((await call('POST', `/api/requests/${id}/accept`, respHandler, {})).status).toBe(403);
      expect((await cmd(id, 'accept', respHandler2, {})).request.status).toBe('accepted');
    } finally {
      await setFlags(deCa, {});
    }
  });


  it('answer approval: refused with remarks, revised, then approved; the requester reads it only then', async () => {
    await setFlags(deCa, { ca: { approvalRequired: true } });
    await setFlags(deCoord, { coordinator: { approvesAnswers: true } });
    try {
      const id = await sent();
      await cmd(id, 'accept', respHandler, {});
      const pending = await answered(id);
      expect(pending.request.status).toBe('answer-pending-approval');
      expect((await ok('GET', `/api/requests/${id}`, reqHandler)).answers).toEqual([]);
      const coord = await ok('GET', `/api/requests/${id}`, respCoordHandler);
      expect(coord.actions).toEqual(expect.arrayContaining(['approve-answer', 'refuse-answer']));
      expect(coord.answers).toEqual([]); // the coordinator sees no personal data
      expect((await cmd(id, 'refuse-answer', respCoordHandler, { remarks: 'Cite the register entry.' })).request.status).toBe('answer-approval-refused');
      const again = await answered(id);
      expect(again.request.status).toBe('answer-pending-approval');
      expect((await cmd(id, 'approve-answer', respCoordHandler)).request.status).toBe('answered');
      const read = await ok('GET', `/api/requests/${id}`, reqHandler);
      expect(read.answers.map((a: { state: string }) => a.state)).toEqual(['sent', 'sent']);
    } finally {
      await setFlags(deCa, {});
      await setFlags(deCoord, {});
    }
  });
});
