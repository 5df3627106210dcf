/**
 * Reports of a request through HTTP (domain.md §5 "Reports", 5.3.10; §8): POST
 * /api/requests/{id}/reports makes the PDF through the reports module, GET /api/reports/{id}
 * downloads it. The requests are projected into the read model as RequestWorkflow projects them,
 * with recognisable personal data in every personal-data table; the callers are users of the demo
 * authorities with the roles under test and personal API tokens.
 */
import { randomUUID } from 'node:crypto';
import { newToken } from '../api/auth/credentials';
import { createUser } from '../api/auth/users';
import { verifyReportSignature } from '../activities/reports/signing';
import { demoAuthorityIds as ids, loadDemoAuthorities } from '../schema/demoAuthorities';
import { ApiToken } from '../schema/entities/identity/apiToken';
import type { UserRole } from '../schema/entities/identity/user';
import { nextRequestNumber, projectRequestSnapshot } from '../schema/requestReadModel';
import { requestPersonalDataStore } from '../schema/requestPersonalDataStore';
import type { RequestSnapshot } from '../workflows/request/snapshot';
import { apiClient, type Caller } from './apiClient';
import { pdfText } from './pdfText';
import { startTestApi } from './stack';

const subjectName = 'Zyxqvist Ørnebjerg';
const personalNumber = '170482-9931';
const personalData = [subjectName, personalNumber, 'Kvæsthusgade 9', 'Elektrikeruddannelsen 2011', 'certifikat-zyxqvist.pdf', 'Ørnebjerg has held the licence'];

describe('request reports (real stack)', () => {
  let api: Awaited<ReturnType<typeof startTestApi>>;
  const { call } = apiClient(() => api.url);
  const users: Record<'handler' | 'allocator' | 'coordinator' | 'responder' | 'unrelated', Caller> = {} as never;
  let received: RequestSnapshot; // awaiting acceptance: the responder has not accepted
  let closed: RequestSnapshot; // accepted, answered and closed

  /** A user of `authorityId` with `roles` and a personal API token. */
  async function aUser(authorityId: string, roles: UserRole[]): Promise<Caller> {
    const tag = randomUUID().slice(0, 8);
    const em = api.deps.orm.em.fork();
    const user = await createUser(em, api.deps.mailer, { firstName: 'Report', lastName: `Maker ${tag}`, email: `report-${tag}@authority.example.eu`, authorityId, roles, loginUrl: 'http://localhost/login' });
    const made = newToken('lsn_');
    await em.insert(ApiToken, { id: randomUUID(), userId: user.id, name: 'test', tokenHash: made.hash, prefix: made.token.slice(0, 12), createdAt: new Date(), lastUsedAt: null, revokedAt: null });
    return { bearer: made.token };
  }

  /** A request between the demo DK CA (coordinated by the DK services LIMIC) and the demo DE CA, with personal data in every table. */
  async function aProjectedRequest(status: RequestSnapshot['status'], accepted: boolean): Promise<RequestSnapshot> {
    const em = api.deps.orm.em.fork();
    const requestId = randomUUID();
    const now = new Date().toISOString();
    const snapshot: RequestSnapshot = {
      requestId,
      number: await nextRequestNumber(em),
      legislationArea: 'services',
      questionSet: 'services-general',
      status,
      version: 5,
      requestingAuthorityId: ids.erhvervsstyrelsen,
      requestingCountry: 'DK',
      respondingAuthorityId: ids.bundesnetzagentur,
      respondingCountry: 'DE',
      requesterCoordinatorId: null,
      responderCoordinatorId: null,
      requesterHandlerIds: [],
      responderHandlerIds: [],
      pendingActions: [],
      deadline: '2026-12-31',
      proposedDeadline: null,
      overdue: false,
      createdAt: now,
      sentAt: now,
      acceptedAt: accepted ? now : null,
      answeredAt: accepted ? now : null,
      closedAt: status === 'closed' ? now : null,
      splitFromRequestId: null,
      relatedRequestNumber: null,
      questionIds: [],
      requesterCoordinatorHandlerIds: [],
      responderCoordinatorHandlerIds: [],
      urgent: false,
      closeRemindersSent: 0,
      measuresMayApplyAt: null,
      commissionDecision: null,
    };
    await em.transactional(async (tx) => {
      await projectRequestSnapshot(tx, snapshot, { action: 'sent', actor: 'system', at: now, reason: null });
      await tx.execute(
        `insert into request_case_data (request_id, subject_kind, name, identifiers, fields, reason, updated_at) values (?, 'person', ?, ?::jsonb, ?::jsonb, ?, now())`,
        [requestId, subjectName, JSON.stringify({ nationalId: personalNumber }), JSON.stringify({ address: 'Kvæsthusgade 9, 1251 København K' }), 'Checks Elektrikeruddannelsen 2011'],
      );
      const questionId = randomUUID();
      await tx.execute(`insert into request_question (id, request_id, question_set, question_code, position, comment, comment_language) values (?, ?, 'services-general', 'services-general/registered', 1, ?, 'en')`, [
        questionId,
        requestId,
        `Is ${subjectName} registered?`,
      ]);
      if (accepted) {
        await tx.execute(`insert into request_answer (id, request_id, question_id, round, text, language, state, updated_at, sent_at) values (?, ?, ?, 1, ?, 'en', 'sent', now(), now())`, [
          randomUUID(),
          requestId,
          questionId,
          'Ørnebjerg has held the licence since 2012.',
        ]);
      }
      await tx.execute(`insert into request_message (id, request_id, from_side, authority_id, comment_code, text, language, sent_at) values (?, ?, 'requester', ?, null, ?, 'en', now())`, [
        randomUUID(),
        requestId,
        ids.erhvervsstyrelsen,
        `The certificate of ${subjectName} is attached.`,
      ]);
      await tx.execute(
        `insert into request_attachment (id, request_id, side, file_name, mime_type, size_bytes, content, uploaded_at) values (?, ?, 'requester', 'certifikat-zyxqvist.pdf', 'application/pdf', 3, ?, now())`,
        [randomUUID(), requestId, Buffer.from('%PD')],
      );
    });
    return snapshot;
  }

  const makeReport = (request: RequestSnapshot, who: Caller, body: Record<string, unknown>) => call('POST', `/api/requests/${request.requestId}/reports`, who, body);

  async function download(reportId: string, who: Caller): Promise<Buffer> {
    const response = await fetch(`${api.url}/api/reports/${reportId}`, { headers: { authorization: `Bearer ${who.bearer}` } });
    expect(response.status).toBe(200);
    return Buffer.from(await response.arrayBuffer());
  }

  const textOf = async (pdf: Buffer) => (await pdfText(pdf)).replace(/\s+/g, ' ');
  const expectNoPersonalData = (text: string) => {
    for (const value of personalData) expect(text).not.toContain(value);
  };

  beforeAll(async () => {
    api = await startTestApi({ withWorker: false });
    await loadDemoAuthorities(api.deps.orm);
    const area = (role: string): UserRole => ({ role, area: 'services', workflow: 'requests' });
    users.handler = await aUser(ids.erhvervsstyrelsen, [area('case-handler')]);
    users.allocator = await aUser(ids.erhvervsstyrelsen, [area('allocator')]);
    users.coordinator = await aUser(ids.dkLimicServices, [area('referral-handler'), area('case-handler')]);
    users.responder = await aUser(ids.bundesnetzagentur, [area('case-handler')]);
    users.unrelated = await aUser(ids.prefecturePolice, [area('case-handler')]);
    received = await aProjectedRequest('awaiting-acceptance', false);
    closed = await aProjectedRequest('closed', true);
  }, 180_000);
  afterAll(async () => {
    await api?.close();
  });

  it('makes a signed full report for the requesting case handler: the PAdES signature verifies and the personal data is in it', async () => {
    const made = await makeReport(closed, users.handler, { kind: 'full', language: 'da', signed: true });
    expect(made.status).toBe(201);
    expect(made.body).toMatchObject({ caseType: 'request', caseId: closed.requestId, kind: 'full', language: 'da', signed: true, personalData: true });
    expect(Date.parse(made.body.expiresAt) - Date.parse(made.body.createdAt)).toBe(30 * 86_400_000);
    const pdf = await download(made.body.id, users.handler);
    expect(verifyReportSignature(pdf)).toMatchObject({ valid: true, subFilter: 'ETSI.CAdES.detached', coversWholeFile: true });
    const text = await textOf(pdf);
    expect(text).toContain(closed.number);
    for (const value of [subjectName, personalNumber, 'certifikat-zyxqvist.pdf', 'Ørnebjerg has held the licence']) expect(text).toContain(value);
  });

  it('redacted kinds hold no personal data: full without, custom without, for every viewer', async () => {
    for (const body of [
      { kind: 'full-without-personal-data', language: 'en', signed: false },
      { kind: 'custom', language: 'de', sections: ['summary', 'data-subject', 'questions', 'messages', 'attachments'] },
    ]) {
      const made = await makeReport(closed, users.handler, body);
      expect(made.status).toBe(201);
      expect(made.body.personalData).toBe(false);
      const text = await textOf(await download(made.body.id, users.handler));
      expect(text).toContain(closed.number);
      expectNoPersonalData(text);
    }
  });

  it('a custom report with personal data, the data-subject report and the consent form are the case handler’s', async () => {
    const custom = await makeReport(closed, users.handler, { kind: 'custom', language: 'en', sections: ['data-subject'], includePersonalData: true });
    expect(custom.status).toBe(201);
    expect(await textOf(await download(custom.body.id, users.handler))).toContain(personalNumber);
    for (const kind of ['data-subject', 'consent-form']) {
      const made = await makeReport(closed, users.handler, { kind, language: 'fr' });
      expect(made.status).toBe(201);
      expect(made.body.personalData).toBe(true);
    }
  });

  it('coordinators of the requesting authority make reports only without personal data (403 with the reason otherwise)', async () => {
    for (const kind of ['full', 'data-subject', 'consent-form']) {
      const refused = await makeReport(closed, users.coordinator, { kind, language: 'en' });
      expect(refused.status).toBe(403);
      expect(refused.body.error.message).toMatch(/coordinat.*without personal data/i);
    }
    const customWith = await makeReport(closed, users.coordinator, { kind: 'custom', sections: ['summary'], includePersonalData: true });
    expect(customWith.status).toBe(403);
    const made = await makeReport(closed, users.coordinator, { kind: 'full-without-personal-data' });
    expect(made.status).toBe(201);
    expectNoPersonalData(await textOf(await download(made.body.id, users.coordinator)));
  });

  it('allocators only without personal data', async () => {
    const refused = await makeReport(closed, users.allocator, { kind: 'full' });
    expect(refused.status).toBe(403);
    expect(refused.body.error.message).toMatch(/case-handler/);
    const made = await makeReport(closed, users.allocator, { kind: 'full-without-personal-data' });
    expect(made.status).toBe(201);
    expectNoPersonalData(await textOf(await download(made.body.id, users.allocator)));
  });

  it('a responder before acceptance has none with personal data; after acceptance it does', async () => {
    const refused = await makeReport(received, users.responder, { kind: 'full' });
    expect(refused.status).toBe(403);
    expect(refused.body.error.message).toMatch(/accepted/);
    const made = await makeReport(received, users.responder, { kind: 'full-without-personal-data' });
    expect(made.status).toBe(201);
    expectNoPersonalData(await textOf(await download(made.body.id, users.responder)));

    const after = await makeReport(closed, users.responder, { kind: 'full' });
    expect(after.status).toBe(201);
    expect(await textOf(await download(after.body.id, users.responder))).toContain(subjectName);
  });

  it('an authority that takes no part does not see the request (404), nor its reports', async () => {
    expect((await makeReport(closed, users.unrelated, { kind: 'full-without-personal-data' })).status).toBe(404);
    const made = await makeReport(closed, users.handler, { kind: 'full-without-personal-data' });
    const response = await fetch(`${api.url}/api/reports/${made.body.id}`, { headers: { authorization: `Bearer ${users.unrelated.bearer}` } });
    expect(response.status).toBe(403);
  });

  it('answers bad input with field messages and an unknown request with 404', async () => {
    const noSections = await makeReport(closed, users.handler, { kind: 'custom' });
    expect(noSections.status).toBe(400);
    expect(noSections.body.error.fields.sections).toBeDefined();
    const sectionsOnFull = await makeReport(closed, users.handler, { kind: 'full', sections: ['summary'] });
    expect(sectionsOnFull.status).toBe(400);
    expect((await makeReport(closed, users.handler, { kind: 'everything' })).status).toBe(400);
    expect((await makeReport(closed, users.handler, { kind: 'custom', sections: ['secrets'] })).status).toBe(400);
    expect((await call('POST', `/api/requests/${randomUUID()}/reports`, users.handler, { kind: 'full' })).status).toBe(404);
    expect((await call('POST', `/api/requests/not-a-uuid/reports`, users.handler, { kind: 'full' })).status).toBe(400);
    expect((await call('POST', `/api/requests/${closed.requestId}/reports`, {}, { kind: 'full' })).status).toBe(401);
  });

  it('blocked data never: after retention blocks it, no report with personal data, and the redacted one holds none', async () => {
    const em = api.deps.orm.em.fork();
    const blockedAt = new Date();
    await em.transactional(async (tx) => {
      await requestPersonalDataStore.block(tx, closed.requestId, blockedAt);
      await tx.execute(
        `insert into case_retention (case_type, case_id, workflow_id, status, version, closed_at, block_at, erase_at, blocked_at, contests, updated_at)
         values ('request', ?, ?, 'blocked', 2, now(), now(), now() + interval '3 years', now(), '[]'::jsonb, now())`,
        [closed.requestId, `retention-request-${closed.requestId}`],
      );
    });
    const refused = await makeReport(closed, users.handler, { kind: 'full' });
    expect(refused.status).toBe(403);
    expect(refused.body.error.message).toMatch(/blocked/);
    const made = await makeReport(closed, users.handler, { kind: 'full-without-personal-data' });
    expect(made.status).toBe(201);
    expectNoPersonalData(await textOf(await download(made.body.id, users.handler)));
  });
});
