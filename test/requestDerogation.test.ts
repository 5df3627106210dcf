/**
 * Individual derogations through the real HTTP API, worker and Temporal (domain.md §5 "Individual
 * derogations"; IMI manual ch. 7; Services Directive art. 18 and 35): the two Services question
 * sets with the 10-step checklist and the mandatory texts; a derogation request from the country
 * where the service is provided (DK) to the establishment country (DE), answered and closed; then
 * the notification of measures, which must cite that request's number (unless urgent), waits 15
 * days before the establishment country receives it, and which a Commission decision cuts short
 * (measures may apply) or stops. The timer ending by itself is shown by a second stack started
 * with `REQUEST_DEROGATION_WAIT_DAYS=0` (the policy is read from the API's configuration at start).
 */
import { apiClient } from './apiClient';
import { caughtEmails, startTestApi, waitFor } from './stack';
import { api, area, call, cmd, deCa, emailedAbout, ok, recipients, reqHandler, respHandler, respHandler2, useRequestWorld } from './requestWorld';

jest.setTimeout(90_000);
useRequestWorld();

const requestSet = 'services-derogation-request';
const notificationSet = 'services-derogation-notification';
const day = 24 * 60 * 60 * 1000;
const operator = () => ({ bearer: api.token });

const derogationRequest = (overrides: Record<string, unknown> = {}) => ({
  legislationArea: area,
  questionSet: requestSet,
  respondingAuthorityId: deCa.id,
  deadline: '2030-01-31',
  caseData: { subjectKind: 'provider', name: 'Derogation Test Builders ApS', identifiers: { vat: 'DK12345678' }, fields: {}, reason: 'Unsafe scaffolding' },
  questions: [
    { code: `${requestSet}/facts`, comment: 'Scaffolding collapsed on two sites in Aarhus in October.', commentLanguage: 'en' },
    { code: `${requestSet}/operating-lawfully`, comment: null },
    { code: `${requestSet}/measures`, comment: 'We ask you to take measures against the provider.', commentLanguage: 'en' },
  ],
  attachments: [],
  ...overrides,
});

const notification = (overrides: Record<string, unknown> = {}) => ({
  ...derogationRequest(),
  questionSet: notificationSet,
  questions: [
    { code: `${notificationSet}/intended-measures`, comment: 'A ban on providing scaffolding services in Denmark for 6 months.', commentLanguage: 'en' },
    { code: `${notificationSet}/measures-inadequate`, comment: 'No measures were taken in the establishment country.', commentLanguage: 'en' },
  ],
  ...overrides,
});

/** Every step of a derogation set's 10-step checklist, confirmed when sending (ch. 7). */
const confirmedAll = { confirmedChecklist: Array.from({ length: 10 }, (_, i) => i) };

/** A derogation request DK → DE, answered and closed: the earlier request a notification cites. */
async function closedDerogationRequest(): Promise<{ id: string; number: string }> {
  const draft = await ok('POST', '/api/requests', reqHandler, derogationRequest(), 201);
  const id = draft.request.id as string;
  await cmd(id, 'send', reqHandler, confirmedAll);
  await cmd(id, 'accept', respHandler, {});
  const detail = await ok('GET', `/api/requests/${id}`, respHandler);
  const answer = (code: string) => ({ [`${requestSet}/facts`]: 'confirmed', [`${requestSet}/operating-lawfully`]: 'yes', [`${requestSet}/measures`]: 'none' })[code];
  await ok('PUT', `/api/requests/${id}/answer-draft`, respHandler, {
    answers: detail.questions.map((q: { id: string; code: string }) => ({
      questionId: q.id,
      predefinedAnswer: `${q.code}/${answer(q.code)}`,
      ...(q.code.endsWith('/measures') && { text: 'The provider holds a valid licence; we see no reason for measures.', language: 'en' }),
    })),
  });
  await cmd(id, 'answer', respHandler);
  const closed = await cmd(id, 'close', reqHandler);
  expect(closed.request.status).toBe('closed');
  return { id, number: draft.request.number };
}

/** A notification of measures created and sent; its detail as the requester sees it after sending. */
async function notified(cited: string | null, overrides: Record<string, unknown> = {}) {
  const draft = await ok('POST', '/api/requests', reqHandler, notification({ relatedRequestNumber: cited, ...overrides }), 201);
  const after = await cmd(draft.request.id, 'send', reqHandler, confirmedAll);
  return after;
}

describe('the two Services derogation question sets', () => {
  it('are served with their instructions, the 10-step checklist and the mandatory texts, in the caller’s language', async () => {
    const { data } = await ok('GET', `/api/question-sets?area=${area}`, reqHandler);
    const request = data.find((s: { code: string }) => s.code === requestSet);
    const notice = data.find((s: { code: string }) => s.code === notificationSet);
    expect(request.checklist).toHaveLength(10);
    expect(request.checklist[0]).toMatch(/established in another Member State/);
    expect(request.instructions).toMatch(/Articles 18 and 35/);
    expect(request.questions.map((q: { code: string; commentRequired: boolean }) => [q.code, q.commentRequired])).toEqual([
      [`${requestSet}/facts`, true],
      [`${requestSet}/operating-lawfully`, false],
      [`${requestSet}/measures`, true],
    ]);
    expect(notice.checklist.length).toBeGreaterThan(0);
    expect(notice.questions.find((q: { code: string }) => q.code === `${notificationSet}/intended-measures`).commentRequired).toBe(true);
    // The same sets in Danish.
    const danish = await ok('GET', `/api/question-sets?area=${area}&language=da`, reqHandler);
    const requestDa = danish.data.find((s: { code: string }) => s.code === requestSet);
    expect(requestDa.checklist).toHaveLength(10);
    expect(requestDa.checklist[0]).not.toBe(request.checklist[0]);
    expect(requestDa.questions[0].answers.map((a: { text: string }) => a.text)).toContain('De faktiske forhold er bekræftet');
  });

  it('a mandatory text missing is a 400 naming the question’s comment', async () => {
    const questions = derogationRequest().questions.map((q, i) => (i === 0 ? { ...q, comment: '  ', commentLanguage: null } : q));
    const answer = await call('POST', '/api/requests', reqHandler, derogationRequest({ questions }));
    expect(answer.status).toBe(400);
    expect(Object.keys(answer.body.error.fields ?? {})).toContain('questions.0.comment');
    const notice = notification();
    const missingIntended = await call('POST', '/api/requests', reqHandler, { ...notice, questions: [{ ...notice.questions[0], comment: null }, notice.questions[1]] });
    expect(missingIntended.status).toBe(400);
    expect(Object.keys(missingIntended.body.error.fields ?? {})).toContain('questions.0.comment');
  });

  it('are sent only with every step of the checklist confirmed (a draft needs none)', async () => {
    const draft = await ok('POST', '/api/requests', reqHandler, derogationRequest(), 201);
    const unconfirmed = await call('POST', `/api/requests/${draft.request.id}/send`, reqHandler);
    expect(unconfirmed.status).toBe(400);
    expect(Object.keys(unconfirmed.body.error.fields)).toHaveLength(10);
    const partly = await call('POST', `/api/requests/${draft.request.id}/send`, reqHandler, { confirmedChecklist: [0, 1, 2, 3, 4, 5, 6, 7, 8] });
    expect(partly.status).toBe(400);
    expect(partly.body.error.fields).toEqual({ 'confirmedChecklist.9': ['step 10 of the checklist must be confirmed'] });
    expect((await ok('GET', `/api/requests/${draft.request.id}`, reqHandler)).request.status).toBe('draft');
    // Create-and-send in one call: refused the same way, and nothing is kept.
    const before = (await ok('GET', '/api/requests?direction=sent', reqHandler)).data.length;
    expect((await call('POST', '/api/requests', reqHandler, { ...derogationRequest(), send: true })).status).toBe(400);
    expect((await ok('GET', '/api/requests?direction=sent', reqHandler)).data.length).toBe(before);
    const sent = await ok('POST', '/api/requests', reqHandler, { ...derogationRequest(), send: true, ...confirmedAll }, 201);
    expect(sent.request.status).toBe('awaiting-acceptance');
    // An ordinary question set has no checklist: it is sent without a body.
    const plain = await ok('POST', '/api/requests', reqHandler, { ...derogationRequest(), questionSet: 'services-establishment', questions: [{ code: 'services-establishment/established', comment: null }] }, 201);
    expect((await cmd(plain.request.id, 'send', reqHandler)).request.status).toBe('awaiting-acceptance');
  });

  it('their mandatory questions must be among those sent (a draft may lack them)', async () => {
    const withoutMeasures = derogationRequest({ questions: derogationRequest().questions.filter((q) => !q.code.endsWith('/measures')) });
    const draft = await ok('POST', '/api/requests', reqHandler, withoutMeasures, 201);
    const refused = await call('POST', `/api/requests/${draft.request.id}/send`, reqHandler);
    expect(refused.status).toBe(400);
    expect(refused.body.error.fields.questions).toEqual([`${requestSet}/measures is mandatory`]);
    expect((await ok('GET', `/api/requests/${draft.request.id}`, reqHandler)).request.status).toBe('draft');
    // The same in one call (the wizard's create-and-send): nothing is kept.
    const before = (await ok('GET', '/api/requests?direction=sent', reqHandler)).data.length;
    const atOnce = await call('POST', '/api/requests', reqHandler, { ...withoutMeasures, send: true });
    expect(atOnce.status).toBe(400);
    expect((await ok('GET', '/api/requests?direction=sent', reqHandler)).data.length).toBe(before);
    // The responder never saw it.
    expect((await call('GET', `/api/requests/${draft.request.id}`, respHandler)).status).toBe(404);
  });

  it('exist only in the Services area', async () => {
    const answer = await call('POST', '/api/requests', reqHandler, derogationRequest({ legislationArea: 'solvit' }));
    expect(answer.status).toBe(400);
  });
});

describe('a derogation request, then the notification of measures', () => {
  let earlier: { id: string; number: string };

  beforeAll(async () => {
    earlier = await closedDerogationRequest();
  });

  it('the derogation request went the normal way: the establishment country answered with a justified refusal', async () => {
    const seen = await ok('GET', `/api/requests/${earlier.id}`, reqHandler);
    expect(seen.request.questionSet).toBe(requestSet);
    expect(seen.answers.find((a: { predefinedAnswer: string }) => a.predefinedAnswer === `${requestSet}/measures/none`).text).toMatch(/no reason for measures/);
  });

  it('a non-urgent notification must cite the earlier derogation request: none, an unknown number, or a plain request is refused', async () => {
    for (const cited of [null, 'REQ-2099-999999']) {
      const draft = await ok('POST', '/api/requests', reqHandler, notification({ relatedRequestNumber: cited }), 201);
      const refused = await call('POST', `/api/requests/${draft.request.id}/send`, reqHandler, confirmedAll);
      expect(refused.status).toBe(400);
      expect(refused.body.error.message).toMatch(/cite the earlier derogation request/);
      expect((await ok('GET', `/api/requests/${draft.request.id}`, reqHandler)).request.status).toBe('draft');
    }
    // A number that is not a request number is a field error at once.
    const malformed = await call('POST', '/api/requests', reqHandler, notification({ relatedRequestNumber: 'the one from May' }));
    expect(malformed.status).toBe(400);
    expect(Object.keys(malformed.body.error.fields ?? {})).toContain('relatedRequestNumber');
    // An ordinary (non-derogation) request between the same countries does not count.
    const plain = await ok('POST', '/api/requests', reqHandler, { ...derogationRequest(), questionSet: 'services-establishment', questions: [{ code: 'services-establishment/established', comment: null }] }, 201);
    await cmd(plain.request.id, 'send', reqHandler);
    const draft = await ok('POST', '/api/requests', reqHandler, notification({ relatedRequestNumber: plain.request.number }), 201);
    expect((await call('POST', `/api/requests/${draft.request.id}/send`, reqHandler, confirmedAll)).status).toBe(400);
  });

  it('cited: it waits 15 days; the establishment country is told, sees it, but cannot act yet', async () => {
    const before = Date.now();
    const after = await notified(earlier.number);
    const id = after.request.id as string;
    expect(after.request.status).toBe('measures-waiting-period');
    expect(after.request.relatedRequestNumber).toBe(earlier.number);
    const mayApply = Date.parse(after.request.measuresMayApplyAt);
    expect(mayApply).toBeGreaterThanOrEqual(before + 15 * day - 5_000);
    expect(mayApply).toBeLessThanOrEqual(Date.now() + 15 * day + 5_000);
    const seen = await ok('GET', `/api/requests/${id}`, respHandler);
    expect(seen.viewerSide).toBe('responder');
    expect(seen.request.relatedRequestNumber).toBe(earlier.number);
    expect(seen.actions).not.toContain('accept');
    expect((await call('POST', `/api/requests/${id}/accept`, respHandler, {})).status).toBe(409);
    expect(seen.request.pendingActions).toEqual([]);
    // The establishment country's handlers and its contact address learn of the notification, without content.
    // (an arrival: every case handler of the responder and its contact address, 5.3.9.3)
    const mails = await emailedAbout(after.request.number, 3);
    expect(recipients(mails)).toEqual(expect.arrayContaining([respHandler.email, respHandler2.email, deCa.contactEmail]));
    expect(recipients(mails)).not.toContain(reqHandler.email);
    for (const m of mails) expect(m.text).not.toMatch(/scaffolding/i);
  });

  it('a Commission decision "measures may apply" cuts the wait short: the establishment country receives it', async () => {
    const after = await notified(earlier.number);
    const id = after.request.id as string;
    // Only the Commission (the helpdesk) decides.
    expect((await call('POST', `/api/requests/${id}/commission-decision`, reqHandler, { decision: 'measures-may-apply' })).status).toBe(403);
    expect((await call('POST', `/api/requests/${id}/commission-decision`, operator(), { decision: 'perhaps' })).status).toBe(400);
    expect((await ok('GET', `/api/requests/${id}`, operator())).actions).toContain('commission-decision');
    const decided = await cmd(id, 'commission-decision', operator(), { decision: 'measures-may-apply' });
    expect(decided.request.status).toBe('awaiting-acceptance');
    expect(decided.request.commissionDecision).toBe('measures-may-apply');
    expect(Date.parse(decided.request.measuresMayApplyAt)).toBeLessThanOrEqual(Date.now() + 5_000);
    // The requester is told; the responder may accept now.
    const mayApply = await waitFor(async () => {
      const mails = (await caughtEmails()).filter((m) => m.subject.includes(after.request.number) && m.text.includes('may now apply'));
      return recipients(mails).includes(reqHandler.email) ? mails : undefined;
    }, 'the "measures may apply" email to the requester');
    expect(recipients(mayApply)).not.toContain(respHandler.email);
    expect((await ok('GET', `/api/requests/${id}`, respHandler)).actions).toContain('accept');
    await cmd(id, 'accept', respHandler, {});
    // A second decision is refused: the waiting period is over.
    expect((await call('POST', `/api/requests/${id}/commission-decision`, operator(), { decision: 'measures-stopped' })).status).toBe(409);
  });

  it('a Commission decision "measures stopped" ends the notification: closed, both sides told, retention started', async () => {
    const after = await notified(earlier.number);
    const id = after.request.id as string;
    const decided = await cmd(id, 'commission-decision', operator(), { decision: 'measures-stopped' });
    expect(decided.request.status).toBe('closed');
    expect(decided.request.commissionDecision).toBe('measures-stopped');
    const mails = await waitFor(async () => {
      const stopped = (await caughtEmails()).filter((m) => m.subject.includes(after.request.number) && m.text.includes('may not apply'));
      const to = recipients(stopped);
      return to.includes(reqHandler.email) && [respHandler.email, respHandler2.email, deCa.contactEmail].some((a) => to.includes(a)) ? stopped : undefined;
    }, 'the "measures stopped" emails to both sides');
    expect(mails.length).toBeGreaterThanOrEqual(2);
    await waitFor(async () => (await api.deps.temporal.workflow.getHandle(`retention-request-${id}`).describe()).status.name === 'RUNNING', 'the retention workflow');
    expect((await call('POST', `/api/requests/${id}/accept`, respHandler, {})).status).toBe(409);
  });

  it('the urgency procedure notifies directly, without citing a request', async () => {
    const after = await notified(null, {
      urgent: true,
      questions: [
        { code: `${notificationSet}/intended-measures`, comment: 'Immediate ban on the scaffolding service.', commentLanguage: 'en' },
        { code: `${notificationSet}/urgency`, comment: 'Scaffolding is collapsing now.', commentLanguage: 'en' },
      ],
    });
    expect(after.request.status).toBe('measures-waiting-period');
    expect(after.request.urgent).toBe(true);
    expect(after.request.relatedRequestNumber).toBeNull();
  });

  it('only a notification of measures has a waiting period and a Commission decision', async () => {
    const id = (await ok('POST', '/api/requests', reqHandler, derogationRequest(), 201)).request.id;
    await cmd(id, 'send', reqHandler, confirmedAll);
    expect((await ok('GET', `/api/requests/${id}`, respHandler)).request.status).toBe('awaiting-acceptance');
    expect((await call('POST', `/api/requests/${id}/commission-decision`, operator(), { decision: 'measures-stopped' })).status).toBe(409);
  });
});

describe('the waiting period ends by itself (a stack with REQUEST_DEROGATION_WAIT_DAYS=0)', () => {
  let fast: Awaited<ReturnType<typeof startTestApi>>;
  const { call: fastCall } = apiClient(() => fast.url);
  const fastOk = async (method: string, route: string, who: { bearer?: string }, body?: unknown, expected = 200) => {
    const answer = await fastCall(method, route, who, body);
    if (answer.status !== expected) throw new Error(`${method} ${route} answered ${answer.status}: ${JSON.stringify(answer.body)}`);
    return answer.body;
  };

  beforeAll(async () => {
    // testConfig reads process.env when the stack starts: the policy of this second API only.
    process.env.REQUEST_DEROGATION_WAIT_DAYS = '0';
    try {
      fast = await startTestApi();
    } finally {
      delete process.env.REQUEST_DEROGATION_WAIT_DAYS;
    }
  }, 90_000);
  afterAll(async () => {
    await fast?.close();
  });

  it('the timer fires, the establishment country receives it and the requester is told the measures may apply', async () => {
    expect(fast.deps.config.REQUEST_DEROGATION_WAIT_DAYS).toBe(0);
    expect(api.deps.config.REQUEST_DEROGATION_WAIT_DAYS).toBeUndefined();
    const earlier = await closedDerogationRequest();
    const draft = await fastOk('POST', '/api/requests', reqHandler, notification({ relatedRequestNumber: earlier.number }), 201);
    const id = draft.request.id as string;
    const sent = await fastOk('POST', `/api/requests/${id}/send`, reqHandler, confirmedAll);
    // Sent into the waiting period (the timer may already have fired by the time the answer is read).
    expect(['measures-waiting-period', 'awaiting-acceptance']).toContain(sent.request.status);
    const received = await waitFor(async () => {
      const seen = await fastOk('GET', `/api/requests/${id}`, respHandler);
      return seen.request.status === 'awaiting-acceptance' ? seen : undefined;
    }, 'the waiting period to end');
    expect(received.request.commissionDecision).toBeNull();
    expect(received.actions).toContain('accept');
    const timeline = (await fastOk('GET', `/api/requests/${id}`, reqHandler)).timeline.map((e: { action: string }) => e.action);
    expect(timeline.indexOf('sent')).toBeGreaterThanOrEqual(0);
    expect(timeline.indexOf('sent')).toBeLessThan(timeline.indexOf('measures-may-apply'));
    const mails = await waitFor(async () => {
      const mayApply = (await caughtEmails()).filter((m) => m.subject.includes(draft.request.number) && m.text.includes('may now apply'));
      return mayApply.length > 0 ? mayApply : undefined;
    }, 'the "measures may apply" email');
    expect(recipients(mails)).toContain(reqHandler.email);
    // The establishment country accepts and answers as usual.
    await fastOk('POST', `/api/requests/${id}/accept`, respHandler, {});
    expect((await fastOk('GET', `/api/requests/${id}`, respHandler)).personalDataVisible).toBe(true);
  });
});
