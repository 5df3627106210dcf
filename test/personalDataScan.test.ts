/**
 * The bar for personal data (domain.md §8, architecture "Personal data never enters
 * Temporal"): recognisable personal data is seeded into requests that then live their whole life
 * through the HTTP API, the worker and the Temporal dev server — create, send, accept, messages
 * both ways with attachments, answer, additional information, answer again, close (retention child),
 * a forward, and a split (a new request workflow) — and afterwards the data is searched for in
 *   - every Temporal history of the test's task queue (all runs, children included), payloads decoded;
 *   - every email the SMTP catcher holds;
 *   - every API response to viewers who may not see it: both coordinators, both allocators, the
 *     responder before acceptance, an unrelated authority (detail, attachments, lists, reports).
 * Each search is shown not to be vacuous: the same data is served to a case handler who may see it.
 *
 * The question comments are the one exception: the responder's case handler reads them before it
 * accepts (manual 5.3.2.1, "alle spørgsmål og kommentarer"), so the comment marker is allowed in
 * its responses then — and only there; the data subject's data lives in the case data, which stays
 * hidden from it until acceptance.
 */
import { api, area, call, cmd, anAuthority, insertUser, link, ok, q1, q2, questionSet, useRequestApi, type TestAuthority, type TestUser as RequestTestUser } from './requestWorld';
import { caughtEmails, waitFor } from './stack';

jest.setTimeout(120_000);

// Recognisable personal data, one marker per kind of personal-data field.
const name = 'Zyxqvist Ørnebjerg';
const cpr = '170482-9931';
const marks = {
  name,
  nameAscii: 'Zyxqvist',
  cpr,
  address: 'Kvæsthusgade 9',
  // No name in it: a requester writes the data subject's data in the case data, not in a comment (see above).
  comment: 'licence COMMENT-MARK-5521 (comment)',
  answer: 'licence number DK-ELX-44817',
  message: 'passport copy of Ørnebjerg, see PASSPORT-QX77',
  attachmentName: 'zyxqvist-passport.pdf',
  attachmentContent: 'ZYXQVIST-CONTENT-MARK',
  additionalInfoReason: 'ask again about Ørnebjerg birth date 1982-04-17',
  forwardReason: 'Ørnebjerg lives in Bayern (forward)',
  splitReason: 'Ørnebjerg register entry (split)',
};
const allMarks = Object.values(marks);
const attachmentBase64 = Buffer.from(`%PDF ${marks.attachmentContent}`).toString('base64');

useRequestApi();

/** A user named by its part in the scan, so a leak says whose response it was. */
interface TestUser extends RequestTestUser {
  name: string;
}
const aUser = async (label: string, authority: TestAuthority, ...roles: string[]): Promise<TestUser> => ({
  ...(await insertUser(api.deps.orm.em.fork(), api.deps.mailer, authority, roles, label)),
  name: label,
});

const found = (text: string) => allMarks.filter((m) => text.includes(m));

/**
 * Text of a fetched history with every payload decoded as UTF-8, so JSON payloads are searchable:
 * the client gives payloads' `data` (and metadata) as base64 strings in its JSON form, or as bytes.
 */
function historyText(history: unknown): string {
  return JSON.stringify(history, function (this: Record<string, unknown>, key, value) {
    const raw = this[key];
    if (raw instanceof Uint8Array) return Buffer.from(raw).toString('utf8');
    if (key === 'data' && typeof raw === 'string') return Buffer.from(raw, 'base64').toString('utf8');
    return value;
  });
}

let dkCa: TestAuthority, dkCoord: TestAuthority, deCa: TestAuthority, deCa2: TestAuthority, deCa3: TestAuthority, deCoord: TestAuthority, frCa: TestAuthority;
let reqHandler: TestUser, reqAllocator: TestUser, reqCoord: TestUser, respHandler: TestUser, respAllocator: TestUser, resp2Handler: TestUser, resp3Handler: TestUser, respCoord: TestUser, unrelated: TestUser;

/** Every response a restricted viewer got, with who and what, searched at the end (and as we go); `allowed`: markers it may hold. */
const restrictedResponses: { who: string; what: string; text: string; allowed?: string[] }[] = [];
const requestIds = new Set<string>();
const numbers = new Set<string>();

/**
 * What a viewer who may not see the personal data is served about a request: detail, attachments,
 * lists, a redacted report. `receivedNotAccepted`: the viewer is the responder's case handler
 * before acceptance, who reads the question comments (and must: checked here).
 */
async function lookAs(who: TestUser, id: string, when: string, receivedNotAccepted = false) {
  const detail = await call('GET', `/api/requests/${id}`, who);
  const allowed = receivedNotAccepted ? [marks.comment] : [];
  restrictedResponses.push({ who: who.name, what: `GET detail (${when}) → ${detail.status}`, text: JSON.stringify(detail.body), allowed });
  if (receivedNotAccepted) {
    expect(detail.status).toBe(200);
    expect(detail.body.personalDataVisible).toBe(false);
    expect(detail.body.caseData).toBeNull();
  }
  for (const a of detail.status === 200 ? ((detail.body.attachments ?? []) as { id: string }[]) : []) {
    const response = await fetch(`${api.url}/api/requests/${id}/attachments/${a.id}`, { headers: { authorization: `Bearer ${who.bearer}` } });
    restrictedResponses.push({ who: who.name, what: `GET attachment (${when}) → ${response.status}`, text: Buffer.from(await response.arrayBuffer()).toString('latin1') });
  }
  for (const route of ['/api/requests/action-list', '/api/requests', '/api/requests?scope=coordinated']) {
    const list = await call('GET', route, who);
    restrictedResponses.push({ who: who.name, what: `GET ${route} (${when}) → ${list.status}`, text: JSON.stringify(list.body) });
  }
  const report = await call('POST', `/api/requests/${id}/reports`, who, { kind: 'full' });
  restrictedResponses.push({ who: who.name, what: `POST report full (${when}) → ${report.status}`, text: JSON.stringify(report.body) });
  expect(report.status).not.toBe(201);
}

beforeAll(async () => {
  dkCa = await anAuthority('DK', 'CA', ['authority']);
  dkCoord = await anAuthority('DK', 'LIMIC', ['request-coordinator']);
  deCa = await anAuthority('DE', 'CA', ['authority']);
  deCa2 = await anAuthority('DE', 'CA', ['authority']);
  deCa3 = await anAuthority('DE', 'CA', ['authority']);
  deCoord = await anAuthority('DE', 'LIMIC', ['request-coordinator']);
  frCa = await anAuthority('FR', 'CA', ['authority']);
  for (const [a, c] of [
    [dkCa, dkCoord],
    [deCa, deCoord],
    [deCa2, deCoord],
    [deCa3, deCoord],
  ] as const)
    await link(a, c);
  reqHandler = await aUser('requester case handler', dkCa, 'case-handler');
  reqAllocator = await aUser('requester allocator', dkCa, 'allocator');
  reqCoord = await aUser('requester coordinator', dkCoord, 'referral-handler', 'case-handler');
  respHandler = await aUser('responder case handler', deCa, 'case-handler');
  respAllocator = await aUser('responder allocator', deCa, 'allocator');
  resp2Handler = await aUser('forward target case handler', deCa2, 'case-handler');
  resp3Handler = await aUser('split target case handler', deCa3, 'case-handler');
  respCoord = await aUser('responder coordinator', deCoord, 'referral-handler', 'case-handler');
  unrelated = await aUser('unrelated authority case handler', frCa, 'case-handler');
}, 120_000);

const aNewRequest = (questions = [q1, q2]) => ({
  legislationArea: area,
  questionSet,
  respondingAuthorityId: deCa.id,
  deadline: '2030-01-31',
  caseData: { subjectKind: 'person', name, identifiers: { nationalId: cpr }, fields: { address: `${marks.address}, 1251 København K` }, reason: `Checking ${name}` },
  questions: questions.map((code, i) => (i === 0 ? { code, comment: marks.comment, commentLanguage: 'en' } : { code, comment: null })),
  attachments: [{ fileName: marks.attachmentName, mimeType: 'application/pdf', contentBase64: attachmentBase64, questionCode: q1 }],
});

async function createAndSend(): Promise<{ id: string; number: string }> {
  const draft = await ok('POST', '/api/requests', reqHandler, aNewRequest(), 201);
  const id = draft.request.id as string;
  requestIds.add(id);
  numbers.add(draft.request.number);
  // Not vacuous: the creating case handler is served the personal data.
  expect(found(JSON.stringify(draft))).toEqual(expect.arrayContaining([name, cpr, marks.comment, marks.attachmentName]));
  await cmd(id, 'send', reqHandler);
  return { id, number: draft.request.number };
}

async function answerAll(id: string, text: string) {
  const detail = await ok('GET', `/api/requests/${id}`, respHandler);
  await ok('PUT', `/api/requests/${id}/answer-draft`, respHandler, {
    answers: detail.questions.map((q: { id: string; code: string }, i: number) => (i === 0 ? { questionId: q.id, predefinedAnswer: `${q.code}/yes`, text, language: 'en' } : { questionId: q.id, predefinedAnswer: `${q.code}/yes` })),
  });
  return cmd(id, 'answer', respHandler);
}

describe('personal data stays in PostgreSQL', () => {
  it('a request lives its whole life: create, send, accept, messages, answer, additional information, answer, close', async () => {
    const { id } = await createAndSend();
    // Received: the responder before acceptance, both allocators and coordinators, an unrelated authority.
    await lookAs(respHandler, id, 'awaiting acceptance', true);
    // It reads the requester's comment (manual 5.3.2.1), and nothing else of the markers (checked at the end).
    const responderDetail = restrictedResponses.find((r) => r.who === respHandler.name && r.what.startsWith('GET detail'));
    expect(found(responderDetail?.text ?? '')).toEqual([marks.comment]);
    for (const who of [respAllocator, reqAllocator, reqCoord, respCoord, unrelated]) await lookAs(who, id, 'awaiting acceptance');

    await cmd(id, 'accept', respHandler, {});
    await ok('POST', `/api/requests/${id}/messages`, respHandler, { commentCode: 'documents-requested', text: marks.message, language: 'en' }, 201);
    await ok('POST', `/api/requests/${id}/messages`, reqHandler, {
      commentCode: 'documents-added',
      text: `${marks.message} (reply)`,
      language: 'en',
      attachments: [{ fileName: marks.attachmentName, mimeType: 'application/pdf', contentBase64: attachmentBase64 }],
    }, 201);
    await answerAll(id, marks.answer);
    await cmd(id, 'request-additional-info', reqHandler, { reason: marks.additionalInfoReason });
    await cmd(id, 'accept-additional-info', respHandler);
    await answerAll(id, `${marks.answer} (again)`);
    const closed = await cmd(id, 'close', reqHandler);
    expect(closed.request.status).toBe('closed');
    // Not vacuous: the participants' case handlers see every kind of marker.
    const seen = JSON.stringify(await ok('GET', `/api/requests/${id}`, reqHandler));
    expect(found(seen)).toEqual(expect.arrayContaining([name, cpr, marks.comment, marks.answer, marks.message, marks.additionalInfoReason]));

    for (const who of [respAllocator, reqAllocator, reqCoord, respCoord, unrelated]) await lookAs(who, id, 'closed');
    // The retention child was started on closure.
    await waitFor(async () => (await api.deps.temporal.workflow.getHandle(`retention-request-${id}`).describe()).status.name === 'RUNNING', 'the retention workflow');
  });

  it('a forwarded request: reason with personal data; the first responder loses sight of it', async () => {
    const { id } = await createAndSend();
    await cmd(id, 'accept', respHandler, {});
    // The answer is the detail as the forwarding responder now sees it: not at all (404), or 200.
    const forwarded = await call('POST', `/api/requests/${id}/forward`, respHandler, { toAuthorityId: deCa2.id, reason: marks.forwardReason });
    restrictedResponses.push({ who: respHandler.name, what: `POST forward → ${forwarded.status}`, text: JSON.stringify(forwarded.body) });
    expect([200, 404]).toContain(forwarded.status);
    expect((await ok('GET', `/api/requests/${id}`, resp2Handler)).request.respondingAuthorityId).toBe(deCa2.id);
    await lookAs(resp2Handler, id, 'forwarded, not yet accepted', true);
    for (const who of [respHandler, respAllocator, reqCoord, respCoord, unrelated]) await lookAs(who, id, 'forwarded, not yet accepted');
    await cmd(id, 'accept', resp2Handler, {});
    const seen = JSON.stringify(await ok('GET', `/api/requests/${id}`, resp2Handler));
    expect(seen).toContain(name);
  });

  it('a split request: a new request workflow at a third authority', async () => {
    const { id } = await createAndSend();
    await cmd(id, 'accept', respHandler, {});
    const detail = await ok('GET', `/api/requests/${id}`, respHandler);
    await cmd(id, 'split', respHandler, { toAuthorityId: deCa3.id, questionIds: [detail.questions[1].id], reason: marks.splitReason });
    const split = await waitFor(async () => {
      const l = await ok('GET', '/api/requests?direction=received', resp3Handler);
      return l.data.find((r: { id: string }) => r.id !== id) ?? undefined;
    }, 'the split request');
    requestIds.add(split.id);
    numbers.add(split.number);
    // The list may show the API's provisional row (version 0) before the workflow's first projection; the detail waits for it.
    await waitFor(async () => (await call('GET', `/api/requests/${split.id}`, resp3Handler)).status === 200, 'the split request projected');
    await lookAs(resp3Handler, split.id, 'split, not yet accepted', true);
    for (const who of [respAllocator, reqCoord, respCoord, unrelated]) await lookAs(who, split.id, 'split, not yet accepted');
    await cmd(split.id, 'accept', resp3Handler, {});
    expect(JSON.stringify(await ok('GET', `/api/requests/${split.id}`, resp3Handler))).toContain(name);
  });

  const leaksIn = (markers: string[]) =>
    restrictedResponses
      .map((r) => ({ r, hits: markers.filter((m) => r.text.includes(m) && !r.allowed?.includes(m)) }))
      .filter(({ hits }) => hits.length > 0)
      .map(({ r, hits }) => `${r.who}: ${r.what}: ${hits.join(', ')}`);

  it('no API response to a viewer who may not see it holds any of it (attachment names aside, see below)', () => {
    expect(restrictedResponses.length).toBeGreaterThan(60);
    expect(leaksIn(allMarks.filter((m) => m !== marks.attachmentName))).toEqual([]);
  });

  // The request detail lists attachments to the responder before acceptance, allocators and
  // coordinators as `attachment-<n>` (locked): a file name often names the data subject.
  it('no attachment file name reaches a viewer who may not see personal data', () => {
    expect(leaksIn([marks.attachmentName])).toEqual([]);
  });

  it('no Temporal history of the test’s task queue holds any of it (every run, children included)', async () => {
    const taskQueue = api.deps.config.TEMPORAL_TASK_QUEUE;
    const expected = [...requestIds].flatMap((id) => [`request-${id}`]).concat(`retention-request-${[...requestIds][0]}`);
    const executions = await waitFor(async () => {
      const list: { workflowId: string; runId: string; type: string }[] = [];
      for await (const e of api.deps.temporal.workflow.list({ query: `TaskQueue = '${taskQueue}'` })) list.push({ workflowId: e.workflowId, runId: e.runId, type: e.type });
      return expected.every((w) => list.some((e) => e.workflowId === w)) ? list : undefined;
    }, `visibility to list ${expected.join(', ')}`);
    expect(executions.map((e) => e.type)).toEqual(expect.arrayContaining(['RequestWorkflow', 'RetentionWorkflow']));
    const leaks: string[] = [];
    let events = 0;
    for (const e of executions) {
      const history = await api.deps.temporal.workflow.getHandle(e.workflowId, e.runId).fetchHistory();
      events += history.events?.length ?? 0;
      const text = historyText(history);
      // Not vacuous: payloads are decoded (the request number is only in the start input's payload).
      if (e.type === 'RequestWorkflow') expect([...numbers].filter((n) => text.includes(n))).not.toEqual([]);
      const hits = found(text).concat(text.includes(attachmentBase64) ? ['attachment base64'] : []);
      if (hits.length > 0) leaks.push(`${e.type} ${e.workflowId}/${e.runId}: ${hits.join(', ')}`);
    }
    expect(events).toBeGreaterThan(50);
    expect(leaks).toEqual([]);
  });

  it('no email the SMTP catcher holds carries any of it', async () => {
    const isAbout = (m: { subject: string; text: string }) => [...numbers].some((n) => m.subject.includes(n) || m.text.includes(n));
    // Not vacuous: the requests' emails were sent and caught.
    await waitFor(async () => (await caughtEmails()).filter(isAbout).length > 5, 'the requests’ emails');
    const all = await caughtEmails();
    const leaks = all.filter((m) => found(`${m.subject}\n${m.text}\n${m.html}`).length > 0).map((m) => `${m.subject} → ${m.to.map((t) => t.address).join(', ')}`);
    expect(leaks).toEqual([]);
  });
});
