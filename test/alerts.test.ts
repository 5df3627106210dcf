/**
 * Alerts through the real HTTP API, worker and Temporal (domain.md §6, §8; IMI manual ch. 6), the
 * issue's three-country story on a stack whose comment and objection periods are seconds long:
 * initiated in Luxembourg (A), broadcast to Malta (B) and Cyprus (C, the establishment country);
 * Malta's mailbox forwards to two authorities and removes one before it acts; a Cypriot handler
 * proposes closure, another Cypriot authority comments, the closure coordinator broadcasts the
 * proposal with the comment, Malta objects and the objection is broadcast, the objection period
 * ends, the alert is closed; the reduced view is checked for every party and the emails of every
 * step against exactly the parties ch. 6 names. Plus the refusals: a comment after the comment
 * period, closing before the objection period ends, removing a recipient that acted, wrong roles,
 * bad input.
 */
import { alertPersonalDataStore } from '../schema/alertPersonalDataStore';
import { alertWorkflowId } from '../workflows/alert/snapshot';
import { CaseStatus, CaseType, CountryCode } from '../workflows/searchAttributes';
import { pdfText } from './pdfText';
import { waitFor } from './stack';
import {
  allCriteria,
  anAlertAuthority,
  anAlertUser,
  api,
  call,
  cmd,
  emailSentence as says,
  emailSentence as emailSaying,
  emailedWith,
  expectEmailed,
  helpdeskAddresses,
  linkAlertCoordinator,
  ok,
  statusBecomes,
  useAlertApi,
  type TestAuthority,
  type TestUser,
} from './alertWorld';

jest.setTimeout(120_000);
// Long enough for the steps inside each period on a loaded machine, short enough to wait for.
useAlertApi({ comment: 'PT10S', objection: 'PT12S' });

const providerName = 'Vexbrook Scaffolding Ltd of Jorund Pelkauskas';
const description = 'Scaffolding collapsed twice; the owner Jorund Pelkauskas keeps trading.';

// A = LU (originating), B = MT, C = CY (establishment country).
let luCa: TestAuthority, luCoord: TestAuthority, luMailbox: TestAuthority;
let mtMailbox: TestAuthority, mtCa1: TestAuthority, mtCa2: TestAuthority;
let cyMailbox: TestAuthority, cyCa: TestAuthority, cyCa2: TestAuthority, cyCoord: TestAuthority;
let luH: TestUser, luObs: TestUser, luCoordB: TestUser, luMbB: TestUser;
let mtMbB: TestUser, mtH1: TestUser, mtH2: TestUser;
let cyMbB: TestUser, cyH: TestUser, cyH2: TestUser, cyCoordB: TestUser;
let helpdesk: TestUser;
const operator = () => ({ bearer: api.token });

/** Makes a report of the alert as `who` and returns the status and, when made, the PDF's text. */
async function report(id: string, who: { bearer?: string }, kind: string): Promise<{ status: number; text: string }> {
  const made = await call('POST', `/api/alerts/${id}/reports`, who, { kind, language: 'en' });
  if (made.status !== 201) return { status: made.status, text: '' };
  const pdf = await fetch(`${api.url}/api/reports/${made.body.id}`, { headers: { authorization: `Bearer ${who.bearer}` } });
  expect(pdf.status).toBe(200);
  return { status: 201, text: (await pdfText(Buffer.from(await pdf.arrayBuffer()))).replace(/\s+/g, ' ') };
}

beforeAll(async () => {
  luCa = await anAlertAuthority('LU', ['alert-authority']);
  luCoord = await anAlertAuthority('LU', ['alert-coordinator']);
  luMailbox = await anAlertAuthority('LU', ['alert-coordinator', 'alert-mailbox']);
  mtMailbox = await anAlertAuthority('MT', ['alert-coordinator', 'alert-mailbox']);
  mtCa1 = await anAlertAuthority('MT', ['alert-authority']);
  mtCa2 = await anAlertAuthority('MT', ['alert-authority']);
  cyMailbox = await anAlertAuthority('CY', ['alert-coordinator', 'alert-mailbox']);
  cyCa = await anAlertAuthority('CY', ['alert-authority']);
  cyCa2 = await anAlertAuthority('CY', ['alert-authority']);
  cyCoord = await anAlertAuthority('CY', ['alert-coordinator']);
  await linkAlertCoordinator(luCa, luCoord);
  await linkAlertCoordinator(mtCa1, mtMailbox);
  await linkAlertCoordinator(mtCa2, mtMailbox);
  await linkAlertCoordinator(cyCa, cyCoord);
  await linkAlertCoordinator(cyCa2, cyMailbox);
  luH = await anAlertUser(luCa, 'LU handler', 'alert-handler');
  luObs = await anAlertUser(luCa, 'LU observer', 'alert-observer');
  luCoordB = await anAlertUser(luCoord, 'LU coordinator broadcaster', 'alert-broadcaster');
  luMbB = await anAlertUser(luMailbox, 'LU mailbox broadcaster', 'alert-broadcaster');
  mtMbB = await anAlertUser(mtMailbox, 'MT mailbox broadcaster', 'alert-broadcaster');
  mtH1 = await anAlertUser(mtCa1, 'MT handler 1', 'alert-handler');
  mtH2 = await anAlertUser(mtCa2, 'MT handler 2', 'alert-handler');
  cyMbB = await anAlertUser(cyMailbox, 'CY mailbox broadcaster', 'alert-broadcaster');
  cyH = await anAlertUser(cyCa, 'CY handler', 'alert-handler');
  cyH2 = await anAlertUser(cyCa2, 'CY handler 2', 'alert-handler');
  cyCoordB = await anAlertUser(cyCoord, 'CY closure broadcaster', 'alert-broadcaster');
  // The Commission's side: a helpdesk user (no alert role, no alert authority).
  const commission = await anAlertAuthority('BE', ['alert-authority'], false, 'Helpdesk home');
  helpdesk = await anAlertUser(commission, 'Helpdesk', 'system-admin');
}, 90_000);

const newAlert = (overrides: Record<string, unknown> = {}) => ({
  criteria: allCriteria(),
  provider: { providerKind: 'business', name: providerName, otherNames: ['Vexbrook'], address: { city: 'Nicosia', country: 'CY' }, registrationNumbers: { vat: 'CY10998877X' }, fields: {} },
  description,
  descriptionLanguage: 'en',
  files: [{ fileName: 'pelkauskas-inspection.txt', mimeType: 'text/plain', contentBase64: Buffer.from('inspection report').toString('base64') }],
  alertCoordinatorId: luCoord.id,
  targetCountries: ['MT', 'CY'],
  establishmentCountry: 'CY',
  suggestedAuthorities: 'The Maltese building authority',
  ...overrides,
});

describe('the three-country story: initiate in LU, broadcast to MT and CY, close from CY', () => {
  let id: string;
  let number: string;
  let commentId: string;
  let objectionId: string;
  const everyoneInvolved = () => [luH, luCoordB, luMbB, mtMbB, mtH1, cyMbB, cyH, cyH2, cyCoordB].map((u) => u.email);

  it('initiates a numbered draft with the checklist, provider, description, file, coordinator and countries; only the originating authority sees it', async () => {
    const draft = await ok('POST', '/api/alerts', luH, newAlert(), 201);
    id = draft.alert.id;
    number = draft.alert.number;
    expect(number).toMatch(/^ALR-\d{4}-\d{6,}$/);
    expect(draft.alert.status).toBe('draft');
    expect(draft.viewerSide).toBe('originator');
    expect(draft.personalDataVisible).toBe(true);
    expect(draft.provider.name).toBe(providerName);
    expect(draft.description).toBe(description);
    expect(draft.suggestedAuthorities).toBe('The Maltese building authority');
    expect(draft.files).toHaveLength(1);
    expect(draft.files[0].fileName).toBe('pelkauskas-inspection.txt');
    expect(draft.actions).toEqual(expect.arrayContaining(['edit-draft', 'submit', 'delete']));
    expect(draft.actions).not.toContain('broadcast');
    // The observer sees it, acts on nothing.
    const observed = await ok('GET', `/api/alerts/${id}`, luObs);
    expect(observed.personalDataVisible).toBe(true);
    expect(observed.actions).toEqual([]);
    // Nobody else knows of a draft, not even its coordinator or the Commission.
    for (const who of [luCoordB, mtMbB, cyH, helpdesk, operator()]) expect((await call('GET', `/api/alerts/${id}`, who)).status).toBe(404);
    const list = await ok('GET', '/api/alerts/action-list', luH);
    expect(list.data.map((a: { id: string }) => a.id)).toContain(id);
    // Operators find it by type and country: set by the API at the start, so the workflow's first task upserts only the status's attributes.
    const handle = api.deps.temporal.workflow.getHandle(alertWorkflowId(id));
    const described = await handle.describe();
    expect(described.typedSearchAttributes.get(CaseType)).toBe('alert');
    expect(described.typedSearchAttributes.get(CountryCode)).toBe('LU');
    expect(described.typedSearchAttributes.get(CaseStatus)).toBe('draft');
    const upserted = ((await handle.fetchHistory()).events ?? []).flatMap((e) => Object.keys(e.upsertWorkflowSearchAttributesEventAttributes?.searchAttributes?.indexedFields ?? {}));
    expect(upserted).not.toContain(CaseType.name);
    expect(upserted).not.toContain(CountryCode.name);
  });

  it('submits to the chosen coordinator, whose broadcasters accept and broadcast it to MT, CY, the LU mailbox copy and the Commission', async () => {
    // Wrong role: only the originating authority's handlers submit.
    expect((await call('POST', `/api/alerts/${id}/submit`, luObs)).status).toBe(403);
    const submitted = await cmd(id, 'submit', luH);
    expect(submitted.alert.status).toBe('submitted');
    // Wrong role: a handler does not accept (nor broadcast); that is the coordinator's broadcasters'.
    expect((await call('POST', `/api/alerts/${id}/accept`, luH)).status).toBe(403);
    await expectEmailed(number, says.submitted, [luCoordB.email]);
    const seen = await ok('GET', `/api/alerts/${id}`, luCoordB);
    expect(seen.viewerSide).toBe('coordinator');
    expect(seen.personalDataVisible).toBe(true);
    expect(seen.actions).toEqual(expect.arrayContaining(['accept', 'pass']));
    expect((await cmd(id, 'accept', luCoordB)).alert.status).toBe('not-yet-broadcast');
    const broadcast = await cmd(id, 'broadcast', luCoordB, undefined);
    expect(broadcast.alert.status).toBe('broadcast');
    expect(broadcast.alert.commissionReceivedAt).not.toBeNull();
    expect(broadcast.countries.map((c: { country: string; kind: string; mailboxState: string }) => [c.country, c.kind, c.mailboxState]).sort()).toEqual([
      ['CY', 'target', 'awaiting-acceptance'],
      ['LU', 'origin', 'copy'],
      ['MT', 'target', 'awaiting-acceptance'],
    ]);
    // The target countries' mailbox broadcasters, and the Commission's helpdesk (other test files may add helpdesk users meanwhile).
    const received = await waitFor(async () => {
      const got = await emailedWith(number, says.received);
      return [helpdesk, mtMbB, cyMbB].every((u) => got.includes(u.email.toLowerCase())) ? got : undefined;
    }, 'the broadcast emails');
    const helpdeskUsers = await helpdeskAddresses();
    expect(received.filter((a) => !helpdeskUsers.includes(a))).toEqual([mtMbB.email, cyMbB.email].map((a) => a.toLowerCase()).sort());
    await expectEmailed(number, says.copy, [luMbB.email]);
  });

  it('the Commission receives it and never sees its personal data', async () => {
    for (const who of [helpdesk, operator()]) {
      const seen = await ok('GET', `/api/alerts/${id}`, who);
      expect(seen.viewerSide).toBe('commission');
      expect(seen.personalDataVisible).toBe(false);
      expect(seen.provider).toBeNull();
      expect(seen.description).toBeNull();
      expect(seen.files[0].fileName).toBe('file-1');
      expect(seen.actions).toEqual([]);
      expect((await call('GET', `/api/alerts/${id}/files/${seen.files[0].id}`, who)).status).toBe(403);
      const listed = await ok('GET', `/api/alerts?number=${number}`, who);
      expect(listed.data).toHaveLength(1);
      expect(listed.data[0].providerName).toBeNull();
      // A search by provider never matches what the caller may not see.
      expect((await ok('GET', `/api/alerts?provider=Vexbrook`, who)).data.map((a: { id: string }) => a.id)).not.toContain(id);
    }
    expect((await call('POST', `/api/alerts/${id}/acknowledge`, helpdesk)).status).toBe(403);
  });

  it('prints at every stage what the viewer sees: the full report for a party, only without personal data for the Commission', async () => {
    const full = await report(id, luH, 'full');
    expect(full.status).toBe(201);
    expect(full.text).toContain(number);
    expect(full.text).toContain('Pelkauskas');
    const commission = await report(id, operator(), 'full');
    expect(commission.status).toBe(403);
    const reduced = await report(id, operator(), 'full-without-personal-data');
    expect(reduced.status).toBe(201);
    expect(reduced.text).toContain(number);
    expect(reduced.text).not.toContain('Pelkauskas');
    expect(reduced.text).not.toContain('Vexbrook');
  });

  it('MT’s mailbox acknowledges and forwards to two authorities, then removes one before it acts; the removed one sees nothing further', async () => {
    // A handler of an authority that has not received it does not even see it.
    expect((await call('GET', `/api/alerts/${id}`, mtH1)).status).toBe(404);
    const mailboxView = await ok('GET', `/api/alerts/${id}`, mtMbB);
    expect(mailboxView.personalDataVisible).toBe(true);
    expect(mailboxView.suggestedAuthorities).toBe('The Maltese building authority');
    expect(mailboxView.actions).toContain('acknowledge');
    // Wrong role: forwarding is a mailbox broadcaster's.
    expect((await call('POST', `/api/alerts/${id}/acknowledge`, luH)).status).toBe(403);
    expect((await cmd(id, 'acknowledge', mtMbB)).countries.find((c: { country: string }) => c.country === 'MT').mailboxState).toBe('acknowledged');
    const forwarded = await cmd(id, 'forward', mtMbB, { authorityIds: [mtCa1.id, mtCa2.id] });
    const mt = forwarded.countries.find((c: { country: string }) => c.country === 'MT');
    expect(mt.recipients.map((r: { authorityId: string }) => r.authorityId)).toEqual(expect.arrayContaining([mtMailbox.id, mtCa1.id, mtCa2.id]));
    await expectEmailed(number, says.forwarded, [mtH1.email, mtH2.email]);
    expect((await ok('GET', `/api/alerts/${id}`, mtH2)).viewerSide).toBe('recipient');
    const removed = await cmd(id, 'remove-recipient', mtMbB, { authorityId: mtCa2.id });
    const gone = removed.countries.find((c: { country: string }) => c.country === 'MT').recipients.find((r: { authorityId: string }) => r.authorityId === mtCa2.id);
    expect(gone.removedAt).not.toBeNull();
    expect(gone.removedByAuthorityId).toBe(mtMailbox.id);
    expect((await call('GET', `/api/alerts/${id}`, mtH2)).status).toBe(404);
    expect((await ok('GET', '/api/alerts', mtH2)).data.map((a: { id: string }) => a.id)).not.toContain(id);
    // Only mailbox broadcasters remove recipients.
    expect((await call('POST', `/api/alerts/${id}/remove-recipient`, mtH1, { authorityId: mtCa1.id })).status).toBe(403);
  });

  it('CY’s mailbox forwards inside Cyprus; a Cypriot handler proposes closure to its coordinator and only Cyprus knows', async () => {
    await cmd(id, 'acknowledge', cyMbB);
    await cmd(id, 'forward', cyMbB, { authorityIds: [cyCa.id, cyCa2.id] });
    await expectEmailed(number, says.forwarded, [mtH1.email, mtH2.email, cyH.email, cyH2.email]);
    // Only the closing country proposes closure.
    expect((await call('POST', `/api/alerts/${id}/propose-closure`, mtH1, { text: 'Close it', closureCoordinatorId: mtMailbox.id })).status).toBe(403);
    const proposed = await cmd(id, 'propose-closure', cyH, { text: 'The scaffolding licence of Pelkauskas was revoked.', language: 'en', closureCoordinatorId: cyCoord.id });
    expect(proposed.alert.status).toBe('closure-open-for-comments');
    expect(proposed.alert.commentPeriodEndsAt).not.toBeNull();
    expect(proposed.closure.proposal).toBe('The scaffolding licence of Pelkauskas was revoked.');
    // The other Cypriot authorities that received it may comment (the mailbox's handlers: it has none).
    await expectEmailed(number, says.closureProposed, [cyH2.email]);
    // Malta does not know of the proposal yet (6.3.6.1).
    const maltese = await ok('GET', `/api/alerts/${id}`, mtH1);
    expect(maltese.alert.status).toBe('broadcast');
    expect(maltese.closure).toBeNull();
    expect(maltese.alert.commentPeriodEndsAt).toBeNull();
    expect(maltese.timeline.map((e: { action: string }) => e.action)).not.toContain('closure-proposed');
  });

  it('another Cypriot authority comments within the comment period; a Maltese one cannot', async () => {
    const seen = await ok('GET', `/api/alerts/${id}`, cyH2);
    expect(seen.actions).toContain('comment-on-closure');
    const commented = await cmd(id, 'comment-on-closure', cyH2, { text: 'Agree: no more sites of Vexbrook.', language: 'en' });
    expect(commented.closure.comments).toHaveLength(1);
    commentId = commented.closure.comments[0].id;
    expect(commented.closure.comments[0].text).toBe('Agree: no more sites of Vexbrook.');
    expect((await call('POST', `/api/alerts/${id}/comment-on-closure`, mtH1, { text: 'We disagree' })).status).toBe(403);
    // Broadcasting before the comment period ends is refused.
    expect((await call('POST', `/api/alerts/${id}/broadcast-closure-proposal`, cyCoordB, { commentIds: [commentId] })).status).toBe(409);
  });

  it('the comment period ends by its durable timer: the closure coordinator’s broadcasters are told; a comment afterwards is refused with 409', async () => {
    const pending = await statusBecomes(id, cyCoordB, 'closure-pending-broadcast');
    expect(pending.actions).toContain('broadcast-closure-proposal');
    await expectEmailed(number, says.commentPeriodOver, [cyCoordB.email]);
    const late = await call('POST', `/api/alerts/${id}/comment-on-closure`, cyH2, { text: 'One more remark', language: 'en' });
    expect(late.status).toBe(409);
    expect(late.body.error.code).toBe('period_over');
    // The refused comment left no text behind.
    const texts = await api.deps.orm.em.fork().execute(`select 1 from alert_text where alert_id = ? and text = 'One more remark'`, [id]);
    expect(texts).toHaveLength(0);
  });

  it('the closure coordinator broadcasts the proposal with the comment: every recipient in every country is told, and the objection period runs', async () => {
    const broadcast = await cmd(id, 'broadcast-closure-proposal', cyCoordB, { commentIds: [commentId] });
    expect(broadcast.alert.status).toBe('closure-open-for-objections');
    expect(broadcast.alert.objectionPeriodEndsAt).not.toBeNull();
    // Closing before the objection period ends is refused.
    const early = await call('POST', `/api/alerts/${id}/close`, cyCoordB);
    expect(early.status).toBe(409);
    expect(early.body.error.code).toBe('wrong_state');
    await expectEmailed(number, says.closureBroadcast, everyoneInvolved());
    const maltese = await ok('GET', `/api/alerts/${id}`, mtH1);
    expect(maltese.alert.status).toBe('closure-open-for-objections');
    expect(maltese.closure.comments.map((c: { id: string; attached: boolean }) => [c.id, c.attached])).toEqual([[commentId, true]]);
    expect(maltese.actions).toContain('submit-item');
  });

  it('MT objects; the closure coordinator broadcasts the objection to everyone; closing before the period ends is refused with 409', async () => {
    const objected = await cmd(id, 'submit-item', mtH1, { kind: 'objection', text: 'Vexbrook still operates in Valletta.', language: 'en' });
    const item = objected.items.find((i: { kind: string }) => i.kind === 'objection');
    objectionId = item.id;
    expect(item.status).toBe('submitted');
    expect(item.coordinatorId).toBe(cyCoord.id);
    await expectEmailed(number, says.itemSubmitted, [cyCoordB.email]);
    // Submitted, not broadcast: Luxembourg does not see it yet.
    expect((await ok('GET', `/api/alerts/${id}`, luH)).items.map((i: { id: string }) => i.id)).not.toContain(objectionId);
    // The recipient acted: its mailbox can no longer remove it.
    const removal = await call('POST', `/api/alerts/${id}/remove-recipient`, mtMbB, { authorityId: mtCa1.id });
    expect(removal.status).toBe(409);
    expect((await call('POST', `/api/alerts/${id}/close`, cyCoordB)).status).toBe(409);
    const broadcast = await cmd(id, 'broadcast-item', cyCoordB, { itemId: objectionId });
    expect(broadcast.items.find((i: { id: string }) => i.id === objectionId).status).toBe('broadcast');
    await expectEmailed(number, says.itemBroadcast, everyoneInvolved());
    expect((await ok('GET', `/api/alerts/${id}`, luH)).items.find((i: { id: string }) => i.id === objectionId).text).toBe('Vexbrook still operates in Valletta.');
  });

  it('the objection period ends by its timer; a broadcaster of the closure coordinator (only) closes', async () => {
    await statusBecomes(id, cyCoordB, 'closure-pending-decision');
    await expectEmailed(number, says.objectionPeriodOver, [cyCoordB.email]);
    const lateObjection = await call('POST', `/api/alerts/${id}/submit-item`, mtH1, { kind: 'objection', text: 'Too late', language: 'en' });
    expect(lateObjection.status).toBe(409);
    // Wrong role and wrong authority.
    expect((await call('POST', `/api/alerts/${id}/close`, cyH)).status).toBe(403);
    expect((await call('POST', `/api/alerts/${id}/close`, luCoordB)).status).toBe(403);
    const closed = await cmd(id, 'close', cyCoordB);
    expect(closed.alert.status).toBe('closed');
    expect(closed.alert.reducedView).toBe(true);
    await expectEmailed(number, says.closed, everyoneInvolved());
  });

  it('every party sees only the reduced view: summary without personal data, the recipients and the history; the removed one nothing', async () => {
    for (const who of [luH, luObs, luCoordB, luMbB, mtMbB, mtH1, cyMbB, cyH, cyH2, cyCoordB, helpdesk, operator()]) {
      const seen = await ok('GET', `/api/alerts/${id}`, who);
      expect(seen.alert.status).toBe('closed');
      expect(seen.personalDataVisible).toBe(false);
      expect(seen.provider).toBeNull();
      expect(seen.description).toBeNull();
      expect(seen.suggestedAuthorities).toBeNull();
      expect(seen.items.every((i: { text: string | null }) => i.text === null)).toBe(true);
      expect(seen.closure?.proposal ?? null).toBeNull();
      expect(seen.files.every((f: { fileName: string; locked: boolean }) => f.locked && !f.fileName.includes('pelkauskas'))).toBe(true);
      expect(seen.countries.map((c: { country: string }) => c.country).sort()).toEqual(['CY', 'LU', 'MT']);
      expect(seen.timeline.map((e: { action: string }) => e.action)).toEqual(expect.arrayContaining(['created', 'broadcast', 'closure-proposal-broadcast', 'closed']));
      expect(seen.actions).toEqual([]);
      expect(JSON.stringify(seen)).not.toContain('Pelkauskas');
      expect((await call('GET', `/api/alerts/${id}/files/${seen.files[0].id}`, who)).status).toBe(403);
      const listed = await ok('GET', `/api/alerts?number=${number}`, who);
      expect(listed.data.map((a: { providerName: string | null }) => a.providerName)).toEqual([null]);
    }
    expect((await call('GET', `/api/alerts/${id}`, mtH2)).status).toBe(404);
    // Printable once closed: only the reduced view.
    expect((await report(id, luH, 'full')).status).toBe(403);
    const printed = await report(id, luH, 'full-without-personal-data');
    expect(printed.status).toBe(201);
    expect(printed.text).toContain(number);
    expect(printed.text).not.toContain('Pelkauskas');
    expect((await report(id, mtH2, 'full-without-personal-data')).status).toBe(404);
    // The personal data stays in PostgreSQL until retention erases it 6 months after closure; only the API hides it.
    expect(await api.deps.orm.em.fork().execute('select 1 from alert_provider where alert_id = ?', [id])).toHaveLength(1);
    // Early erasure may be asked by the authorities that took part, not by the removed one.
    const participants = await api.deps.orm.em.fork().transactional((tx) => alertPersonalDataStore.participantAuthorityIds!(tx, id));
    expect(participants).toEqual(expect.arrayContaining([luCa.id, mtCa1.id, cyCa.id]));
    expect(participants).not.toContain(mtCa2.id);
  });
});

describe('the alert list, search and action list; an establishment-country change', () => {
  let id: string;
  let number: string;

  beforeAll(async () => {
    const draft = await ok('POST', '/api/alerts', luH, newAlert(), 201);
    id = draft.alert.id;
    number = draft.alert.number;
    await cmd(id, 'submit', luH);
    await cmd(id, 'accept', luCoordB);
    await cmd(id, 'broadcast', luCoordB);
  });

  const ids = (body: { data: { id: string }[] }) => body.data.map((a) => a.id);

  it('searches by number, provider (parties only), establishment country, initiating authority, status and broadcast date', async () => {
    const today = new Date().toISOString().slice(0, 10);
    const row = (await ok('GET', `/api/alerts?number=${number}`, luH)).data[0];
    expect(row).toMatchObject({ id, number, status: 'broadcast', providerName: providerName, establishmentCountry: 'CY', originatingAuthorityId: luCa.id, originatingCountry: 'LU', reducedView: false });
    expect(row.broadcastAt).not.toBeNull();
    expect(ids(await ok('GET', '/api/alerts?provider=vexbrook', luH))).toContain(id);
    expect(ids(await ok('GET', '/api/alerts?provider=Vexbrook', mtMbB))).toContain(id);
    expect(ids(await ok('GET', `/api/alerts?establishmentCountry=CY&originatingAuthorityId=${luCa.id}&status=broadcast,closed&broadcastFrom=${today}&broadcastTo=${today}`, mtMbB))).toContain(id);
    expect(ids(await ok('GET', '/api/alerts?establishmentCountry=DE', mtMbB))).not.toContain(id);
    expect(ids(await ok('GET', '/api/alerts?status=draft', mtMbB))).not.toContain(id);
    expect(ids(await ok('GET', '/api/alerts?broadcastTo=2020-01-01', mtMbB))).not.toContain(id);
    expect(ids(await ok('GET', `/api/alerts?number=${number.slice(0, 9)}`, mtMbB))).toContain(id);
    // Outside: a removed or unrelated authority lists nothing of it; a search by provider is only over visible personal data.
    expect(ids(await ok('GET', '/api/alerts', mtH2))).not.toContain(id);
    expect(ids(await ok('GET', '/api/alerts?provider=Vexbrook', helpdesk))).not.toContain(id);
    expect(ids(await ok('GET', `/api/alerts?number=${number}`, helpdesk))).toContain(id);
    expect((await call('GET', '/api/alerts?provider=V', luH)).status).toBe(400);
    expect((await call('GET', '/api/alerts?status=nonsense', luH)).status).toBe(400);
  });

  it('offers the forms’ choices: linked coordinators, authorities of the country, countries with a mailbox, the checklist', async () => {
    const options = await ok('GET', '/api/alerts/options', luH);
    expect(options).toMatchObject({ authorityId: luCa.id, country: 'LU', isAlertCoordinator: false });
    expect(options.linkedCoordinators).toEqual([expect.objectContaining({ id: luCoord.id, finalApproval: false })]);
    expect(options.authoritiesInCountry).toEqual(expect.arrayContaining([expect.objectContaining({ id: luMailbox.id, isMailbox: true, isAlertCoordinator: true })]));
    expect(options.authoritiesInCountry.map((a: { id: string }) => a.id)).not.toContain(mtMailbox.id);
    expect(options.countriesWithMailbox).toEqual(expect.arrayContaining(['LU', 'MT', 'CY']));
    expect(options.criteria.length).toBeGreaterThan(3);
  });

  it('the action list shows each authority what its roles must do now', async () => {
    const mailbox = (await ok('GET', '/api/alerts/action-list', mtMbB)).data.find((a: { id: string }) => a.id === id);
    expect(mailbox.actions).toEqual(['acknowledge']);
    expect(ids(await ok('GET', '/api/alerts/action-list', luH))).not.toContain(id);
    await cmd(id, 'acknowledge', mtMbB);
    expect((await ok('GET', '/api/alerts/action-list', mtMbB)).data.find((a: { id: string }) => a.id === id).actions).toEqual(['forward']);
  });

  it('the broadcasting coordinator changes the establishment country; every recipient is emailed', async () => {
    expect((await call('POST', `/api/alerts/${id}/change-establishment-country`, luH, { establishmentCountry: 'MT' })).status).toBe(403);
    const changed = await cmd(id, 'change-establishment-country', luCoordB, { establishmentCountry: 'MT' });
    expect(changed.alert.establishmentCountry).toBe('MT');
    expect(changed.alert.closingCountry).toBe('MT');
    await expectEmailed(number, 'The establishment country of an alert you received has changed.', [luH.email, luCoordB.email, luMbB.email, mtMbB.email, cyMbB.email]);
    // Edits after broadcast: the originating authority (its coordinator has no final approval); visible at once.
    const edited = await cmd(id, 'edit-content', luH, { description: 'Now also in Malta.' });
    expect(edited.description).toBe('Now also in Malta.');
    expect((await ok('GET', `/api/alerts/${id}`, mtMbB)).description).toBe('Now also in Malta.');
    expect((await call('POST', `/api/alerts/${id}/edit-content`, luCoordB, { description: 'x' })).status).toBe(403);
  });
});

describe('passing to another coordinator; withdrawal in two steps', () => {
  it('a coordinator passes a submitted alert to another alert coordinator of its country, whose broadcasters are emailed', async () => {
    const draft = await ok('POST', '/api/alerts', luH, newAlert(), 201);
    const id = draft.alert.id;
    await cmd(id, 'submit', luH);
    // Only to an alert coordinator of the same country.
    expect((await call('POST', `/api/alerts/${id}/pass`, luCoordB, { toCoordinatorId: mtMailbox.id })).status).toBe(400);
    // The passing coordinator no longer sees the alert: it is answered where the alert went.
    const passed = await cmd(id, 'pass', luCoordB, { toCoordinatorId: luMailbox.id });
    expect(passed).toEqual({ id, number: draft.alert.number, status: 'submitted', alertCoordinatorId: luMailbox.id });
    await expectEmailed(draft.alert.number, emailSaying.submitted, [luCoordB.email, luMbB.email]);
    // The first coordinator no longer has it; the new one accepts.
    expect((await call('GET', `/api/alerts/${id}`, luCoordB)).status).toBe(404);
    expect((await cmd(id, 'accept', luMbB)).alert.status).toBe('not-yet-broadcast');
  });

  it('the originating authority submits a withdrawal, its coordinator broadcasts it: everyone involved is emailed and sees the reduced view', async () => {
    const draft = await ok('POST', '/api/alerts', luH, newAlert(), 201);
    const id = draft.alert.id;
    const number = draft.alert.number;
    await cmd(id, 'submit', luH);
    await cmd(id, 'accept', luCoordB);
    await cmd(id, 'broadcast', luCoordB);
    await cmd(id, 'acknowledge', mtMbB);
    await cmd(id, 'forward', mtMbB, { authorityIds: [mtCa1.id] });
    // Only the originating side withdraws.
    expect((await call('POST', `/api/alerts/${id}/submit-withdrawal`, mtH1, { text: 'Withdraw it' })).status).toBe(403);
    const pending = await cmd(id, 'submit-withdrawal', luH, { text: 'Wrong provider: Pelkauskas is not the owner.', language: 'en' });
    expect(pending.alert.status).toBe('withdrawal-pending-broadcast');
    expect(pending.actions).toContain('cancel-withdrawal');
    expect((await ok('GET', `/api/alerts/${id}`, luCoordB)).actions).toContain('broadcast-withdrawal');
    // The reason is known to its submitter and coordinator only until broadcast.
    expect((await ok('GET', `/api/alerts/${id}`, mtH1)).items.filter((i: { kind: string }) => i.kind === 'withdrawal')).toEqual([]);
    const withdrawn = await cmd(id, 'broadcast-withdrawal', luCoordB);
    expect(withdrawn.alert.status).toBe('withdrawn');
    await expectEmailed(number, emailSaying.withdrawn, [luH.email, luCoordB.email, luMbB.email, mtMbB.email, mtH1.email, cyMbB.email]);
    for (const who of [luH, luCoordB, mtMbB, mtH1, cyMbB, helpdesk]) {
      const seen = await ok('GET', `/api/alerts/${id}`, who);
      expect(seen.alert.reducedView).toBe(true);
      expect(seen.personalDataVisible).toBe(false);
      expect(JSON.stringify(seen)).not.toContain('Pelkauskas');
      expect(seen.actions).toEqual([]);
    }
  });
});

describe('refusals and bad input', () => {
  it('bad input is a 400 with field messages', async () => {
    const bad = await call('POST', '/api/alerts', luH, { targetCountries: ['mt'], criteria: { nonsense: true }, alertCoordinatorId: 'nope' });
    expect(bad.status).toBe(400);
    expect(Object.keys(bad.body.error.fields)).toEqual(expect.arrayContaining(['targetCountries.0', 'criteria.nonsense', 'alertCoordinatorId']));
    const notLinked = await call('POST', '/api/alerts', luH, newAlert({ alertCoordinatorId: cyCoord.id }));
    expect(notLinked.status).toBe(400);
    expect(notLinked.body.error.fields.alertCoordinatorId).toBeDefined();
    const own = await call('POST', '/api/alerts', luH, newAlert({ targetCountries: ['LU'] }));
    expect(own.status).toBe(400);
  });

  it('an incomplete checklist cannot be submitted (400); observers and non-handlers cannot initiate (403)', async () => {
    const draft = await ok('POST', '/api/alerts', luH, newAlert({ criteria: { ...allCriteria(), 'serious-damage': false } }), 201);
    const refused = await call('POST', `/api/alerts/${draft.alert.id}/submit`, luH);
    expect(refused.status).toBe(400);
    expect((await call('POST', `/api/alerts/${draft.alert.id}/submit`, luObs)).status).toBe(403);
    expect((await call('POST', '/api/alerts', luObs, newAlert())).status).toBe(403);
    expect((await call('POST', '/api/alerts', luCoordB, newAlert())).status).toBe(403);
    // The draft is deleted by its handler; nobody sees its personal data afterwards.
    const deleted = await cmd(draft.alert.id, 'delete', luH);
    expect(deleted.alert.status).toBe('deleted');
    expect(deleted.personalDataVisible).toBe(false);
  });

  it('an unknown alert is a 404, the same as one the caller may not see', async () => {
    expect((await call('GET', '/api/alerts/00000000-0000-4000-8000-000000000000', luH)).status).toBe(404);
    expect((await call('POST', '/api/alerts/00000000-0000-4000-8000-000000000000/submit', luH)).status).toBe(404);
  });

  it('a keyed command applies once', async () => {
    const draft = await ok('POST', '/api/alerts', luH, newAlert(), 201);
    const key = `submit-${draft.alert.id}`;
    const submit = () =>
      fetch(`${api.url}/api/alerts/${draft.alert.id}/submit`, { method: 'POST', headers: { authorization: `Bearer ${luH.bearer}`, 'idempotency-key': key } });
    const [first, second] = [await submit(), await submit()];
    expect(first.status).toBe(200);
    expect(second.status).toBe(200);
    const seen = await ok('GET', `/api/alerts/${draft.alert.id}`, luH);
    expect(seen.timeline.filter((e: { action: string }) => e.action === 'submitted')).toHaveLength(1);
  });
});
