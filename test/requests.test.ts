/**
 * Information requests through the real HTTP API, worker and Temporal (domain.md §5, §8; IMI
 * manual ch. 5): the main path with its emails checked against the recipient rules of 5.3.9.3 and
 * the retention child, and each branch: forward (before and after acceptance), split, reject (the
 * flag), additional information accepted and refused, referral scenarios 1–4, approval refused
 * then approved, allocation, copy; what the responder (before acceptance), the coordinators and
 * the allocators see of personal data.
 *
 * Authorities are inserted directly (fresh ones, so their flags can be set per scenario without
 * touching anyone else's); users call with personal API tokens.
 */
import { retentionWorkflowId } from '../workflows/retention/definitions';
import { requestPersonalDataStore } from '../schema/requestPersonalDataStore';
import { caughtEmails, waitFor } from './stack';
import {
  aNewRequest,
  answered,
  api,
  call,
  cmd,
  created,
  deCa,
  deCa2,
  deCoord,
  dkCa,
  emailedAbout,
  ok,
  outsider,
  q1,
  q2,
  questionSet,
  recipients,
  refused,
  reqCoordHandler,
  reqHandler,
  resp2Handler,
  respAllocator,
  respHandler,
  respHandler2,
  sent,
  setFlags,
  subjectName,
  useRequestWorld,
} from './requestWorld';

jest.setTimeout(60_000);
useRequestWorld();

describe('main path: create → send → accept → answer → close', () => {
  let id: string;
  let number: string;

  it('creates a draft with its personal data, numbered, in the creator’s action list', async () => {
    const draft = await created();
    id = draft.request.id;
    number = draft.request.number;
    expect(number).toMatch(/^REQ-\d{4}-\d{6}$/);
    expect(draft.request.status).toBe('draft');
    expect(draft.request.requesterHandlerIds).toEqual([reqHandler.id]);
    expect(draft.personalDataVisible).toBe(true);
    expect(draft.caseData.name).toBe(subjectName);
    expect(draft.questions.map((q: { code: string }) => q.code)).toEqual([q1, q2]);
    expect(draft.questions[0].comment).toBe('Is the provider established since 2011? See the certificate.');
    expect(draft.attachments).toHaveLength(1);
    expect(draft.actions).toEqual(expect.arrayContaining(['edit-draft', 'send']));
    expect(draft.actions).not.toContain('accept');
    const list = await ok('GET', '/api/requests/action-list', reqHandler);
    expect(list.data.map((r: { id: string }) => r.id)).toContain(id);
    // The responder does not see a draft at all.
    expect((await call('GET', `/api/requests/${id}`, respHandler)).status).toBe(404);
  });

  it('sends: the responder sees a summary without personal data and cannot open attachments', async () => {
    const after = await cmd(id, 'send', reqHandler);
    expect(after.request.status).toBe('awaiting-acceptance');
    const seen = await ok('GET', `/api/requests/${id}`, respHandler);
    expect(seen.viewerSide).toBe('responder');
    expect(seen.personalDataVisible).toBe(false);
    expect(seen.caseData).toBeNull();
    // All questions and comments, also about the attachments, before accepting (manual 5.3.2.1).
    expect(seen.questions.map((q: { comment: string | null }) => q.comment)).toEqual(['Is the provider established since 2011? See the certificate.', null]);
    expect(seen.questions[0].commentLanguage).toBe('en');
    expect(seen.attachments.map((a: { fileName: string }) => a.fileName)).toEqual(['attachment-1']);
    expect(seen.questions[0].text).toMatch(/established/);
    expect(JSON.stringify(seen)).not.toContain(subjectName);
    expect(seen.actions).toEqual(expect.arrayContaining(['accept', 'forward', 'propose-deadline', 'send-message']));
    expect(seen.actions).not.toContain('reject'); // the DE CA may not reject for its country
    const download = await call('GET', `/api/requests/${id}/attachments/${seen.attachments[0].id}`, respHandler);
    expect(download.status).toBe(403);
    // Nobody else of another authority sees it.
    expect((await call('GET', `/api/requests/${id}`, outsider)).status).toBe(404);
    // Emails: every case handler of the responder and its contact address (5.3.9.3).
    const mails = await emailedAbout(number, 3);
    expect(recipients(mails)).toEqual(expect.arrayContaining([respHandler.email, respHandler2.email, deCa.contactEmail]));
    expect(recipients(mails)).not.toContain(respAllocator.email);
    for (const m of mails) {
      expect(m.text).not.toContain(subjectName);
      expect(m.text).toContain(`/#/requests/${id}/show`);
    }
  });

  it('the requester’s coordinator sees the request but never its personal data', async () => {
    const seen = await ok('GET', `/api/requests/${id}`, reqCoordHandler);
    expect(seen.viewerSide).toBe('requester-coordinator');
    expect(seen.personalDataVisible).toBe(false);
    expect(JSON.stringify(seen)).not.toContain(subjectName);
    // Nor the question comments (free text that may name people); nor the responder's allocator.
    expect(seen.questions.map((q: { comment: string | null }) => q.comment)).toEqual([null, null]);
    const allocatorSees = await ok('GET', `/api/requests/${id}`, respAllocator);
    expect(allocatorSees.viewerSide).toBe('responder');
    expect(allocatorSees.questions.map((q: { comment: string | null }) => q.comment)).toEqual([null, null]);
  });

  it('accepts: the responder sees the personal data and opens the attachment; the requester is emailed', async () => {
    const before = (await caughtEmails()).filter((m) => m.subject.includes(number)).length;
    const after = await cmd(id, 'accept', respHandler, {});
    expect(after.request.status).toBe('accepted');
    expect(after.request.responderCoordinatorId).toBe(deCoord.id); // its only linked coordinator
    expect(after.caseData.name).toBe(subjectName);
    const download = await fetch(`${api.url}/api/requests/${id}/attachments/${after.attachments[0].id}`, { headers: { authorization: `Bearer ${respHandler.bearer}` } });
    expect(download.status).toBe(200);
    expect(await download.text()).toBe('a certificate');
    const mails = (await emailedAbout(number, before + 2)).filter((m) => /accepted your request/.test(m.text));
    expect(recipients(mails).sort()).toEqual([dkCa.contactEmail, reqHandler.email].sort());
  });

  it('answers: a draft first (the requester does not see it), then sent', async () => {
    const detail = await ok('GET', `/api/requests/${id}`, respHandler);
    const saved = await ok('PUT', `/api/requests/${id}/answer-draft`, respHandler, {
      answers: [
        { questionId: detail.questions[0].id, predefinedAnswer: `${q1}/yes`, text: 'Registered since 2011.', language: 'en' },
        { questionId: detail.questions[1].id, predefinedAnswer: `${q2}/no` },
      ],
    });
    expect(saved.answers.map((a: { state: string }) => a.state)).toEqual(['draft', 'draft']);
    expect((await ok('GET', `/api/requests/${id}`, reqHandler)).answers).toEqual([]);
    const wrong = await call('PUT', `/api/requests/${id}/answer-draft`, respHandler, { answers: [{ questionId: detail.questions[0].id, predefinedAnswer: `${q2}/no` }] });
    expect(wrong.status).toBe(400);
    expect(wrong.body.error.fields['answers.0.predefinedAnswer']).toBeDefined();
    const after = await cmd(id, 'answer', respHandler);
    expect(after.request.status).toBe('answered');
    const read = await ok('GET', `/api/requests/${id}`, reqHandler);
    expect(read.answers.map((a: { state: string; predefinedAnswerText: string }) => [a.state, a.predefinedAnswerText])).toEqual([
      ['sent', 'Yes'],
      ['sent', 'No'],
    ]);
    expect(read.actions).toEqual(expect.arrayContaining(['close', 'request-additional-info']));
  });

  it('closes: emails the responder’s last involved handler and its contact; the retention child runs', async () => {
    const before = (await caughtEmails()).filter((m) => m.subject.includes(number)).length;
    const after = await cmd(id, 'close', reqHandler);
    expect(after.request.status).toBe('closed');
    expect(after.actions).toEqual(['copy']);
    const mails = await waitFor(async () => {
      const closed = (await emailedAbout(number, before + 2)).filter((m) => /has been closed/.test(m.text));
      return closed.length >= 2 ? closed : undefined;
    }, 'the closing emails');
    expect(recipients(mails).sort()).toEqual([deCa.contactEmail, respHandler.email].sort());
    const retention = await waitFor(async () => {
      const d = await api.deps.temporal.workflow.getHandle(retentionWorkflowId('request', id)).describe();
      return d.status.name === 'RUNNING' ? d : undefined;
    }, 'the retention workflow');
    expect(retention.type).toBe('RetentionWorkflow');
    expect((await call('POST', `/api/requests/${id}/close`, reqHandler)).status).toBe(409);
  });

  it('copy: a new draft with the case data and the chosen parts', async () => {
    const copy = await ok('POST', `/api/requests/${id}/copy`, reqHandler, { respondingAuthority: true, questions: true, attachments: true }, 201);
    expect(copy.request.id).not.toBe(id);
    expect(copy.request.status).toBe('draft');
    expect(copy.request.respondingAuthorityId).toBe(deCa.id);
    expect(copy.caseData.name).toBe(subjectName);
    expect(copy.questions.map((q: { code: string }) => q.code)).toEqual([q1, q2]);
    expect(copy.attachments).toHaveLength(1);
    const bare = await ok('POST', `/api/requests/${id}/copy`, reqHandler, { respondingAuthority: false, questions: false, respondingAuthorityId: deCa2.id }, 201);
    expect(bare.request.respondingAuthorityId).toBe(deCa2.id);
    expect(bare.questions).toEqual([]);
    // The coordinator may not copy (it sees no personal data).
    expect((await call('POST', `/api/requests/${id}/copy`, reqCoordHandler, {})).status).toBe(403);
  });

  it('once retention blocks the personal data, nobody sees it through the API', async () => {
    const attachmentId = (await ok('GET', `/api/requests/${id}`, reqHandler)).attachments[0].id;
    await api.deps.orm.em.fork().transactional((tx) => requestPersonalDataStore.block(tx, id, new Date()));
    const seen = await ok('GET', `/api/requests/${id}`, reqHandler);
    expect(seen.personalDataVisible).toBe(false);
    expect(seen.personalDataHiddenReason).toMatch(/blocked/);
    expect(seen.caseData).toBeNull();
    expect(JSON.stringify(seen)).not.toContain(subjectName);
    expect((await call('GET', `/api/requests/${id}/attachments/${attachmentId}`, reqHandler)).status).toBe(404);
    expect((await call('POST', `/api/requests/${id}/copy`, reqHandler, {})).status).toBe(403);
  });
});

describe('branches', () => {
  it('bad input is 400 with fields; a stranger’s command 404; the wrong side 403', async () => {
    const bad = await call('POST', '/api/requests', reqHandler, aNewRequest({ questions: [{ code: `${questionSet}/nope` }] }));
    expect(bad.status).toBe(400);
    expect(bad.body.error.fields['questions.0.code']).toBeDefined();
    const id = await sent();
    expect((await call('POST', `/api/requests/${id}/accept`, outsider, {})).status).toBe(404);
    expect((await call('POST', `/api/requests/${id}/accept`, reqHandler, {})).status).toBe(403);
    expect((await call('POST', `/api/requests/${id}/close`, reqHandler)).status).toBe(409);
  });

  it('an Idempotency-Key makes a retried command apply once', async () => {
    const id = await sent();
    const key = `accept-${id}`;
    const first = await call('POST', `/api/requests/${id}/accept`, { ...respHandler }, {});
    expect(first.status).toBe(200);
    const refuseKey = { reason: 'Please give the date.' };
    await answered(id);
    const once = await fetch(`${api.url}/api/requests/${id}/request-additional-info`, {
      method: 'POST',
      headers: { authorization: `Bearer ${reqHandler.bearer}`, 'content-type': 'application/json', 'idempotency-key': key },
      body: JSON.stringify(refuseKey),
    });
    const twice = await fetch(`${api.url}/api/requests/${id}/request-additional-info`, {
      method: 'POST',
      headers: { authorization: `Bearer ${reqHandler.bearer}`, 'content-type': 'application/json', 'idempotency-key': key },
      body: JSON.stringify(refuseKey),
    });
    expect([once.status, twice.status]).toEqual([200, 200]);
    const seen = await ok('GET', `/api/requests/${id}`, reqHandler);
    expect(seen.timeline.filter((e: { action: string }) => e.action === 'additional-info-requested')).toHaveLength(1);
    const [{ n }] = await api.deps.orm.em.fork().execute<{ n: string }[]>(`select count(*)::text as n from request_message where request_id = ? and comment_code like 'reason:%'`, [id]);
    expect(n).toBe('1');
  });

  it('a request sent with a deadline already past is overdue at once, for both sides', async () => {
    const id = await sent({ deadline: '2026-01-05' });
    const seen = await waitFor(async () => {
      const d = await ok('GET', `/api/requests/${id}`, respHandler);
      return d.request.overdue ? d : undefined;
    }, 'the overdue mark');
    expect(seen.request.status).toBe('awaiting-acceptance');
    expect(seen.timeline.map((e: { action: string }) => e.action)).toContain('overdue');
    expect((await ok('GET', `/api/requests/${id}`, reqHandler)).request.overdue).toBe(true);
  });

  it('deadline: the responder proposes, the requester accepts', async () => {
    const id = await sent();
    const proposed = await cmd(id, 'propose-deadline', respHandler, { deadline: '2031-06-30' });
    expect(proposed.request.proposedDeadline).toBe('2031-06-30');
    expect((await ok('GET', `/api/requests/${id}`, reqHandler)).actions).toContain('accept-proposed-deadline');
    const changed = await cmd(id, 'accept-proposed-deadline', reqHandler);
    expect(changed.request.deadline).toBe('2031-06-30');
    expect(changed.request.proposedDeadline).toBeNull();
  });

  it('forward before acceptance: the new responder receives it, the old one loses sight of it', async () => {
    const id = await sent();
    const after = await cmd(id, 'forward', respHandler, { toAuthorityId: deCa2.id, reason: 'Not competent; the other authority is.' });
    expect(after).toMatchObject({ id, status: 'awaiting-acceptance', respondingAuthorityId: deCa2.id });
    expect((await call('GET', `/api/requests/${id}`, respHandler)).status).toBe(404);
    const seen = await ok('GET', `/api/requests/${id}`, resp2Handler);
    expect(seen.request.status).toBe('awaiting-acceptance');
    expect(seen.request.respondingAuthorityId).toBe(deCa2.id);
    const back = await ok('GET', `/api/requests/${id}`, reqHandler);
    expect(back.timeline.map((e: { action: string }) => e.action)).toContain('forwarded');
    expect(back.timeline.find((e: { action: string }) => e.action === 'forwarded').text).toBe('Not competent; the other authority is.');
  });

  it('forward after acceptance deletes the draft answer', async () => {
    const id = await sent();
    const accepted = await cmd(id, 'accept', respHandler, {});
    await ok('PUT', `/api/requests/${id}/answer-draft`, respHandler, { answers: [{ questionId: accepted.questions[0].id, text: 'Draft text', language: 'en' }] });
    await call('POST', `/api/requests/${id}/forward`, respHandler, { toAuthorityId: deCa2.id, reason: 'Wrong authority after all.' }).then((a) => expect(a.status).toBe(200));
    const [{ n }] = await api.deps.orm.em.fork().execute<{ n: string }[]>('select count(*)::text as n from request_answer where request_id = ?', [id]);
    expect(n).toBe('0');
    const seen = await ok('GET', `/api/requests/${id}`, resp2Handler);
    expect(seen.personalDataVisible).toBe(false);
    expect(seen.actions).toContain('accept');
  });

  it('split: some questions become a new request at another authority', async () => {
    const id = await sent();
    const seen = await ok('GET', `/api/requests/${id}`, respHandler);
    expect(seen.actions).toContain('split');
    const moving = seen.questions[1].id;
    const after = await cmd(id, 'split', respHandler, { toAuthorityId: deCa2.id, questionIds: [moving], reason: 'The register is kept elsewhere.' });
    expect(after.questions.map((q: { code: string }) => q.code)).toEqual([q1]);
    const list = await waitFor(async () => {
      const [row] = await api.deps.orm.em.fork().execute<{ id: string }[]>('select id from request where split_from_request_id = ? and version > 0', [id]);
      return row;
    }, 'the split request');
    const split = await ok('GET', `/api/requests/${list.id}`, resp2Handler);
    expect(split.request.splitFromRequestId).toBe(id);
    expect(split.questions.map((q: { code: string }) => q.code)).toEqual([q2]);
    const accepted = await cmd(list.id, 'accept', resp2Handler, {});
    expect(accepted.caseData.name).toBe(subjectName);
  });

  it('reject needs the flag "may reject on behalf of its country"', async () => {
    const id = await sent();
    expect((await call('POST', `/api/requests/${id}/reject`, respHandler, { reason: 'Outside our remit.' })).status).toBe(403);
    await setFlags(deCa, { ca: { mayRejectForCountry: true } });
    try {
      expect((await ok('GET', `/api/requests/${id}`, respHandler)).actions).toContain('reject');
      const after = await cmd(id, 'reject', respHandler, { reason: 'Outside our remit.' });
      expect(after.request.status).toBe('rejected');
    } finally {
      await setFlags(deCa, {});
    }
  });

  it('additional information accepted: a second round of answers, then close', async () => {
    const id = await sent();
    await cmd(id, 'accept', respHandler, {});
    await answered(id);
    await cmd(id, 'request-additional-info', reqHandler, { reason: 'Please add the registration date.' });
    const accepted = await cmd(id, 'accept-additional-info', respHandler);
    expect(accepted.request.status).toBe('additional-info-accepted');
    await ok('PUT', `/api/requests/${id}/answer-draft`, respHandler, { answers: [{ questionId: accepted.questions[0].id, text: 'Registered on 1 March 2011.', language: 'en' }] });
    const again = await cmd(id, 'answer', respHandler);
    expect(again.request.status).toBe('answered');
    const read = await ok('GET', `/api/requests/${id}`, reqHandler);
    expect(read.answers.map((a: { round: number }) => a.round)).toEqual([1, 1, 2]);
    expect((await cmd(id, 'close', reqHandler)).request.status).toBe('closed');
  });

  it('additional information refused: the requester may close', async () => {
    const id = await refused();
    const seen = await ok('GET', `/api/requests/${id}`, reqHandler);
    expect(seen.request.status).toBe('additional-info-refused');
    expect(seen.actions).toEqual(expect.arrayContaining(['close', 'refer']));
    expect((await cmd(id, 'close', reqHandler)).request.status).toBe('closed');
  });

  it('messages: the other side’s handlers are emailed, never the text', async () => {
    const id = await sent();
    const number = (await ok('GET', `/api/requests/${id}`, reqHandler)).request.number;
    await cmd(id, 'accept', respHandler, {});
    const before = (await caughtEmails(reqHandler.email)).filter((m) => m.subject.includes(number)).length;
    const after = await ok('POST', `/api/requests/${id}/messages`, respHandler, { commentCode: 'documents-requested', text: `Send the diploma of ${subjectName}`, language: 'en' }, 201);
    expect(after.messages).toHaveLength(1);
    expect(after.messages[0].commentText).toBe('Please send the following documents.');
    const mails = await waitFor(async () => {
      const m = (await caughtEmails(reqHandler.email)).filter((x) => x.subject.includes(number));
      return m.length > before ? m : undefined;
    }, 'the message email');
    expect(mails.at(-1)!.text).not.toContain(subjectName);
    expect((await call('POST', `/api/requests/${id}/messages`, respHandler, {})).status).toBe(400);
  });

  it('question sets come translated into the caller’s language', async () => {
    const sets = await ok('GET', '/api/question-sets?area=services&language=da', reqHandler);
    const set = sets.data.find((s: { code: string }) => s.code === questionSet);
    expect(set.name).toBe('Etablering og registrering af en tjenesteyder');
    expect(set.questions[0].answers.length).toBeGreaterThan(0);
    expect(sets.messageComments.find((c: { code: string }) => c.code === 'documents-added').text).toBe('Dokumenter tilføjet.');
  });
});
