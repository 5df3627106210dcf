/**
 * The request issue's personal-data scan extended to alerts (domain.md §8, architecture "Personal
 * data never enters Temporal"): recognisable provider data is seeded into alerts that then live
 * their whole life through the HTTP API, the worker and the Temporal dev server — initiate with a
 * file, submit, accept, broadcast, acknowledge, forward, additional information with a file, a
 * clarification request, an edit after broadcast, a closure proposal, a comment, both periods, an
 * objection, close (retention child); and a second alert withdrawn — and afterwards the data is
 * searched for in
 *   - every Temporal history of the test's task queue (all runs, children included), payloads decoded;
 *   - every email the SMTP catcher holds;
 *   - every API response to viewers who may not see it: the Commission (helpdesk user and operator
 *     token), an unrelated authority, a removed recipient, the target countries before broadcast,
 *     the other countries during the comment period (for the proposal and comments), and every
 *     party once the alert is closed or withdrawn (detail, files, lists, provider search, reports).
 * Each search is shown not to be vacuous: the same data is served to a party who may see it.
 */
import { pdfText } from './pdfText';
import { allCriteria, anAlertAuthority, anAlertUser, api, call, cmd, linkAlertCoordinator, ok, statusBecomes, useAlertApi, type TestAuthority, type TestUser as AlertTestUser } from './alertWorld';
import { caughtEmails, waitFor } from './stack';

jest.setTimeout(180_000);
useAlertApi({ comment: 'PT8S', objection: 'PT8S' });

// Recognisable personal data, one marker per kind of personal-data field of an alert.
const marks = {
  name: 'Quillon Brøndsted-Varga',
  nameAscii: 'Quillon',
  otherName: 'QBV Roofing',
  address: 'Tornimäe 17-4',
  registration: 'EE-REG-90817263',
  birthDate: '1979-02-14',
  description: 'Varga left two roofs unsecured (DESCRIPTION-MARK-3310)',
  suggested: 'warn the roofing board of Kaunas (SUGGESTED-MARK)',
  fileName: 'quillon-inspection.pdf',
  fileContent: 'QUILLON-FILE-CONTENT-MARK',
  information: 'Brøndsted-Varga fined again (INFO-MARK-4471)',
  clarification: 'Is Varga’s licence number 5591? (CLARIFY-MARK)',
  edit: 'Also trading as Varga & Sons (EDIT-MARK)',
  proposal: 'Varga stopped trading (PROPOSAL-MARK-8812)',
  comment: 'Agree, Varga’s office is closed (COMMENT-MARK)',
  objection: 'Varga seen working in Riga (OBJECTION-MARK)',
  withdrawal: 'Wrong person: not Varga (WITHDRAW-MARK)',
};
const allMarks = Object.values(marks);
const fileBase64 = Buffer.from(`%PDF ${marks.fileContent}`).toString('base64');
const found = (text: string) => allMarks.filter((m) => text.includes(m));

interface TestUser extends AlertTestUser {
  name: string;
}
const aUser = async (label: string, authority: TestAuthority, ...roles: string[]): Promise<TestUser> => ({ ...(await anAlertUser(authority, label, ...roles)), name: label });

/** Text of a fetched history with every payload decoded as UTF-8 (see test/personalDataScan.test.ts). */
function historyText(history: unknown): string {
  return JSON.stringify(history, function (this: Record<string, unknown>, key, value) {
    const raw = this[key];
    if (raw instanceof Uint8Array) return Buffer.from(raw).toString('utf8');
    if (key === 'data' && typeof raw === 'string') return Buffer.from(raw, 'base64').toString('utf8');
    return value;
  });
}

// EE originates, LV and LT (the establishment country) receive.
let eeCa: TestAuthority, eeCoord: TestAuthority, eeMailbox: TestAuthority, lvMailbox: TestAuthority, lvCa: TestAuthority, lvCa2: TestAuthority;
let ltMailbox: TestAuthority, ltCa: TestAuthority, ltCa2: TestAuthority, ltCoord: TestAuthority, fiCa: TestAuthority;
let eeH: TestUser, eeCoordB: TestUser, eeMbB: TestUser, lvMbB: TestUser, lvH: TestUser, lvH2: TestUser, ltMbB: TestUser, ltH: TestUser, ltH2: TestUser, ltCoordB: TestUser;
let unrelated: TestUser, helpdesk: TestUser;
const operator = { name: 'operator token (Commission)', id: 'operator', email: '', bearer: '' } as TestUser;

/** Every response a restricted viewer got, searched at the end; `allowed`: markers it may hold. */
const restrictedResponses: { who: string; what: string; text: string; allowed?: string[] }[] = [];
const alertIds = new Set<string>();
const numbers = new Set<string>();

/**
 * What a viewer who may not see (some of) the personal data is served about an alert: detail,
 * files, lists, a provider search, reports (the full one refused; the one without, its PDF text).
 */
async function lookAs(who: TestUser, id: string, when: string, allowed: string[] = []) {
  const bearer = who === operator ? api.token : who.bearer!;
  const caller = { bearer };
  const detail = await call('GET', `/api/alerts/${id}`, caller);
  restrictedResponses.push({ who: who.name, what: `GET detail (${when}) → ${detail.status}`, text: JSON.stringify(detail.body), allowed });
  for (const f of detail.status === 200 ? ((detail.body.files ?? []) as { id: string }[]) : []) {
    const response = await fetch(`${api.url}/api/alerts/${id}/files/${f.id}`, { headers: { authorization: `Bearer ${bearer}` } });
    restrictedResponses.push({ who: who.name, what: `GET file (${when}) → ${response.status}`, text: Buffer.from(await response.arrayBuffer()).toString('latin1'), allowed });
  }
  for (const route of ['/api/alerts/action-list', '/api/alerts', `/api/alerts?provider=${encodeURIComponent(marks.nameAscii)}`]) {
    const list = await call('GET', route, caller);
    // Other alerts of this file may rightly show the viewer their provider: only this alert's row is searched.
    const rows = list.status === 200 ? (list.body.data as { id: string }[]).filter((a) => a.id === id) : list.body;
    restrictedResponses.push({ who: who.name, what: `GET ${route} (${when}) → ${list.status}`, text: JSON.stringify(rows), allowed });
    if (list.status === 200 && route.includes('provider=') && allowed.length === 0) expect(rows).toEqual([]);
  }
  if (allowed.length === 0) {
    const full = await call('POST', `/api/alerts/${id}/reports`, caller, { kind: 'full' });
    restrictedResponses.push({ who: who.name, what: `POST report full (${when}) → ${full.status}`, text: JSON.stringify(full.body) });
    expect(full.status).not.toBe(201);
  }
  const without = await call('POST', `/api/alerts/${id}/reports`, caller, { kind: 'full-without-personal-data' });
  restrictedResponses.push({ who: who.name, what: `POST report without (${when}) → ${without.status}`, text: JSON.stringify(without.body) });
  if (without.status === 201) {
    const pdf = await fetch(`${api.url}/api/reports/${without.body.id}`, { headers: { authorization: `Bearer ${bearer}` } });
    const bytes = Buffer.from(await pdf.arrayBuffer());
    restrictedResponses.push({ who: who.name, what: `GET report without (${when}) → ${pdf.status}`, text: `${bytes.toString('latin1')}\n${pdf.status === 200 ? await pdfText(bytes) : ''}` });
  }
}

beforeAll(async () => {
  eeCa = await anAlertAuthority('EE', ['alert-authority']);
  eeCoord = await anAlertAuthority('EE', ['alert-coordinator']);
  eeMailbox = await anAlertAuthority('EE', ['alert-coordinator', 'alert-mailbox']);
  lvMailbox = await anAlertAuthority('LV', ['alert-coordinator', 'alert-mailbox']);
  lvCa = await anAlertAuthority('LV', ['alert-authority']);
  lvCa2 = await anAlertAuthority('LV', ['alert-authority']);
  ltMailbox = await anAlertAuthority('LT', ['alert-coordinator', 'alert-mailbox']);
  ltCa = await anAlertAuthority('LT', ['alert-authority']);
  ltCa2 = await anAlertAuthority('LT', ['alert-authority']);
  ltCoord = await anAlertAuthority('LT', ['alert-coordinator']);
  fiCa = await anAlertAuthority('FI', ['alert-authority']);
  await linkAlertCoordinator(eeCa, eeCoord);
  await linkAlertCoordinator(lvCa, lvMailbox);
  await linkAlertCoordinator(ltCa, ltCoord);
  await linkAlertCoordinator(ltCa2, ltCoord);
  eeH = await aUser('originating handler', eeCa, 'alert-handler');
  eeCoordB = await aUser('originating coordinator broadcaster', eeCoord, 'alert-broadcaster');
  eeMbB = await aUser('originating mailbox broadcaster', eeMailbox, 'alert-broadcaster');
  lvMbB = await aUser('LV mailbox broadcaster', lvMailbox, 'alert-broadcaster', 'alert-handler');
  lvH = await aUser('LV handler', lvCa, 'alert-handler');
  lvH2 = await aUser('LV removed handler', lvCa2, 'alert-handler');
  ltMbB = await aUser('LT mailbox broadcaster', ltMailbox, 'alert-broadcaster');
  ltH = await aUser('LT handler (proposer)', ltCa, 'alert-handler');
  ltH2 = await aUser('LT handler (commenter)', ltCa2, 'alert-handler');
  ltCoordB = await aUser('LT closure broadcaster', ltCoord, 'alert-broadcaster');
  unrelated = await aUser('unrelated authority', fiCa, 'alert-handler', 'alert-broadcaster', 'alert-observer');
  helpdesk = await aUser('helpdesk user (Commission)', await anAlertAuthority('BE', ['alert-authority'], false, 'Helpdesk home'), 'system-admin');
}, 120_000);

const newAlert = () => ({
  criteria: allCriteria(),
  provider: {
    providerKind: 'person',
    name: marks.name,
    otherNames: [marks.otherName],
    address: { street: marks.address, city: 'Tallinn', country: 'EE' },
    registrationNumbers: { registry: marks.registration },
    fields: { birthDate: marks.birthDate },
  },
  description: marks.description,
  descriptionLanguage: 'en',
  files: [{ fileName: marks.fileName, mimeType: 'application/pdf', contentBase64: fileBase64 }],
  alertCoordinatorId: eeCoord.id,
  targetCountries: ['LV', 'LT'],
  establishmentCountry: 'LT',
  suggestedAuthorities: marks.suggested,
});

async function broadcastOne(): Promise<{ id: string; number: string }> {
  const draft = await ok('POST', '/api/alerts', eeH, newAlert(), 201);
  const id = draft.alert.id as string;
  alertIds.add(id);
  numbers.add(draft.alert.number);
  // Not vacuous: the initiating handler is served the personal data.
  expect(found(JSON.stringify(draft))).toEqual(expect.arrayContaining([marks.name, marks.otherName, marks.address, marks.registration, marks.birthDate, marks.description, marks.suggested, marks.fileName]));
  for (const who of [lvMbB, unrelated, helpdesk, operator]) await lookAs(who, id, 'draft');
  await cmd(id, 'submit', eeH);
  await cmd(id, 'accept', eeCoordB);
  for (const who of [lvMbB, ltMbB, unrelated, helpdesk, operator]) await lookAs(who, id, 'not yet broadcast');
  await cmd(id, 'broadcast', eeCoordB);
  return { id, number: draft.alert.number };
}

describe('an alert’s personal data stays in PostgreSQL', () => {
  it('an alert lives its whole life: initiate, broadcast, forward, information, edit, closure with comment and objection, close', async () => {
    const { id } = await broadcastOne();
    for (const who of [helpdesk, operator, unrelated]) await lookAs(who, id, 'broadcast');
    await cmd(id, 'acknowledge', lvMbB);
    await cmd(id, 'forward', lvMbB, { authorityIds: [lvCa.id, lvCa2.id] });
    await cmd(id, 'remove-recipient', lvMbB, { authorityId: lvCa2.id });
    await cmd(id, 'acknowledge', ltMbB);
    await cmd(id, 'forward', ltMbB, { authorityIds: [ltCa.id, ltCa2.id] });
    // Information with a file from Latvia, broadcast by its mailbox (its coordinator).
    const info = await cmd(id, 'submit-item', lvH, {
      kind: 'additional-information',
      text: marks.information,
      language: 'en',
      coordinatorId: lvMailbox.id,
      files: [{ fileName: marks.fileName, mimeType: 'application/pdf', contentBase64: fileBase64 }],
    });
    const infoId = info.items.find((i: { kind: string }) => i.kind === 'additional-information').id;
    // Submitted, not yet broadcast: the other countries do not see it.
    await lookAs(ltH, id, 'information submitted in LV', [marks.name, marks.nameAscii, marks.otherName, marks.address, marks.registration, marks.birthDate, marks.description, marks.suggested, marks.fileName, marks.fileContent]);
    await cmd(id, 'broadcast-item', lvMbB, { itemId: infoId });
    await cmd(id, 'submit-item', ltH, { kind: 'clarification-request', text: marks.clarification, language: 'en', coordinatorId: ltCoord.id, addressedToCountry: 'EE' });
    await cmd(id, 'edit-content', eeH, { description: `${marks.description} ${marks.edit}` });
    for (const who of [lvH2, unrelated, helpdesk, operator]) await lookAs(who, id, 'information exchanged');

    await cmd(id, 'propose-closure', ltH, { text: marks.proposal, language: 'en', closureCoordinatorId: ltCoord.id });
    const commented = await cmd(id, 'comment-on-closure', ltH2, { text: marks.comment, language: 'en' });
    const commentId = commented.closure.comments[0].id;
    // During the comment period Latvia and Estonia know nothing of the proposal or the comment.
    const seenByParties = [marks.name, marks.nameAscii, marks.otherName, marks.address, marks.registration, marks.birthDate, marks.description, marks.edit, marks.suggested, marks.fileName, marks.fileContent, marks.information];
    for (const who of [lvH, lvMbB, eeH]) await lookAs(who, id, 'comment period', seenByParties);
    for (const who of [lvH2, unrelated, helpdesk, operator]) await lookAs(who, id, 'comment period');
    await statusBecomes(id, ltCoordB, 'closure-pending-broadcast');
    // Broadcast without the comment: it stays in Lithuania.
    await cmd(id, 'broadcast-closure-proposal', ltCoordB, { commentIds: [] });
    const objected = await cmd(id, 'submit-item', lvH, { kind: 'objection', text: marks.objection, language: 'en' });
    await cmd(id, 'broadcast-item', ltCoordB, { itemId: objected.items.find((i: { kind: string }) => i.kind === 'objection').id });
    for (const who of [lvH, eeH]) await lookAs(who, id, 'objection period', [...seenByParties, marks.clarification, marks.proposal, marks.objection]);
    expect(commentId).toBeTruthy();
    await statusBecomes(id, ltCoordB, 'closure-pending-decision');
    // Not vacuous: a Lithuanian party sees every kind of marker before closure.
    const seen = JSON.stringify(await ok('GET', `/api/alerts/${id}`, ltH2));
    expect(found(seen)).toEqual(expect.arrayContaining([marks.name, marks.description, marks.edit, marks.information, marks.proposal, marks.comment, marks.objection]));
    const closed = await cmd(id, 'close', ltCoordB);
    expect(closed.alert.status).toBe('closed');
    expect(found(JSON.stringify(closed))).toEqual([]);
    for (const who of [eeH, eeCoordB, eeMbB, lvMbB, lvH, lvH2, ltMbB, ltH, ltH2, ltCoordB, unrelated, helpdesk, operator]) await lookAs(who, id, 'closed');
    await waitFor(async () => (await api.deps.temporal.workflow.getHandle(`retention-alert-${id}`).describe()).status.name === 'RUNNING', 'the retention workflow');
  });

  it('a withdrawn alert: the reason with personal data, then only the reduced view', async () => {
    const { id } = await broadcastOne();
    await cmd(id, 'acknowledge', lvMbB);
    await cmd(id, 'forward', lvMbB, { authorityIds: [lvCa.id] });
    await cmd(id, 'submit-withdrawal', eeH, { text: marks.withdrawal, language: 'en' });
    const withdrawn = await cmd(id, 'broadcast-withdrawal', eeCoordB);
    expect(withdrawn.alert.status).toBe('withdrawn');
    for (const who of [eeH, eeCoordB, lvMbB, lvH, ltMbB, unrelated, helpdesk, operator]) await lookAs(who, id, 'withdrawn');
  });

  const leaksIn = (markers: string[]) =>
    restrictedResponses
      .map((r) => ({ r, hits: markers.filter((m) => r.text.includes(m) && !r.allowed?.includes(m)) }))
      .filter(({ hits }) => hits.length > 0)
      .map(({ r, hits }) => `${r.who}: ${r.what}: ${hits.join(', ')}`);

  it('no API response to a viewer who may not see it holds any of it', () => {
    expect(restrictedResponses.length).toBeGreaterThan(150);
    expect(leaksIn(allMarks)).toEqual([]);
  });

  it('no Temporal history of the test’s task queue holds any of it (every run, children included)', async () => {
    const taskQueue = api.deps.config.TEMPORAL_TASK_QUEUE;
    const expected = [...alertIds].map((id) => `alert-${id}`).concat(`retention-alert-${[...alertIds][0]}`);
    const executions = await waitFor(async () => {
      const list: { workflowId: string; runId: string; type: string }[] = [];
      for await (const e of api.deps.temporal.workflow.list({ query: `TaskQueue = '${taskQueue}'` })) list.push({ workflowId: e.workflowId, runId: e.runId, type: e.type });
      return expected.every((w) => list.some((e) => e.workflowId === w)) ? list : undefined;
    }, `visibility to list ${expected.join(', ')}`);
    expect(executions.map((e) => e.type)).toEqual(expect.arrayContaining(['AlertWorkflow', 'RetentionWorkflow']));
    const leaks: string[] = [];
    let events = 0;
    for (const e of executions) {
      const history = await api.deps.temporal.workflow.getHandle(e.workflowId, e.runId).fetchHistory();
      events += history.events?.length ?? 0;
      const text = historyText(history);
      // Not vacuous: payloads are decoded (the alert number is only in payloads).
      if (e.type === 'AlertWorkflow') expect([...numbers].filter((n) => text.includes(n))).not.toEqual([]);
      const hits = found(text).concat(text.includes(fileBase64) ? ['file base64'] : []);
      if (hits.length > 0) leaks.push(`${e.type} ${e.workflowId}/${e.runId}: ${hits.join(', ')}`);
    }
    expect(events).toBeGreaterThan(50);
    expect(leaks).toEqual([]);
  });

  it('no email the SMTP catcher holds carries any of it', async () => {
    const isAbout = (m: { subject: string; text: string }) => [...numbers].some((n) => m.subject.includes(n) || m.text.includes(n));
    // Not vacuous: the alerts' emails were sent and caught.
    await waitFor(async () => (await caughtEmails()).filter(isAbout).length > 10, 'the alerts’ emails');
    const all = await caughtEmails();
    const leaks = all.filter((m) => found(`${m.subject}\n${m.text}\n${m.html}`).length > 0).map((m) => `${m.subject} → ${m.to.map((t) => t.address).join(', ')}`);
    expect(leaks).toEqual([]);
  });
});
