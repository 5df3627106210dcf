import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import crypto from 'node:crypto';
import { aRequestCaseView, personalDataInCase } from '../activities/reports/aCaseView';
import { composeReport } from '../activities/reports/document';
import { createReport, type ReportMaker } from '../activities/reports/reportStore';
import { verifyReportSignature } from '../activities/reports/signing';
import type { ReportKind } from '../schema/reports';
import { reportExpiryWorkflowId } from '../workflows/reportExpiry/definitions';
import { anAuthority, apiClient, registerAuthority, type Caller } from './apiClient';
import { pdfText } from './pdfText';
import { startTestApi, waitFor } from './stack';

describe('reports (real stack)', () => {
  let api: Awaited<ReturnType<typeof startTestApi>>;
  let dataDir: string;
  let nimic: Awaited<ReturnType<typeof registerAuthority>>;
  let ca: Awaited<ReturnType<typeof registerAuthority>>;
  let maker: ReportMaker;
  const { call, firstLoginSession } = apiClient(() => api.url);
  const caseId = crypto.randomUUID();

  beforeAll(async () => {
    api = await startTestApi();
    dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'liaison-reports-'));
    nimic = await registerAuthority(call, firstLoginSession, { bearer: api.token }, anAuthority('NIMIC'));
    ca = await registerAuthority(call, firstLoginSession, nimic.session, anAuthority('CA'));
    const me = await call('GET', '/api/auth/me', ca.session);
    maker = { kind: 'user', id: me.body.user.id, authorityId: ca.id };
  }, 180_000);
  afterAll(async () => {
    await api?.close();
    if (dataDir) fs.rmSync(dataDir, { recursive: true, force: true });
  });

  /** A report of the case made by the CA's case handler, in one transaction as a case route would. */
  const make = (kind: ReportKind, signed: boolean, now?: Date) =>
    api.deps.orm.em.fork().transactional((tx) =>
      createReport({
        deps: { config: { ...api.deps.config, LIAISON_DATA_DIR: dataDir }, temporal: api.deps.temporal },
        tx,
        caseType: 'request',
        caseId,
        kind,
        language: 'da',
        signed,
        document: composeReport(kind, aRequestCaseView(), { language: 'da', generatedAt: now ?? new Date() }),
        actor: maker,
        now,
      }),
    );

  const download = async (id: string, who: Caller) => {
    const response = await fetch(`${api.url}/api/reports/${id}`, {
      headers: { ...(who.cookie && { cookie: who.cookie }), ...(who.bearer && { authorization: `Bearer ${who.bearer}` }) },
    });
    const bytes = Buffer.from(await response.arrayBuffer());
    return { status: response.status, headers: response.headers, bytes, json: () => JSON.parse(bytes.toString()) };
  };

  it('stores a signed full report that the making authority downloads as a PDF whose PAdES signature verifies', async () => {
    const report = await make('full', true);
    expect(report).toMatchObject({ caseType: 'request', caseId, kind: 'full', language: 'da', signed: true, personalData: true, createdBy: maker.id, authorityId: ca.id });
    expect(Date.parse(report.expiresAt) - Date.parse(report.createdAt)).toBe(30 * 86_400_000);

    const got = await download(report.id, ca.session);
    expect(got.status).toBe(200);
    expect(got.headers.get('content-type')).toBe('application/pdf');
    expect(got.headers.get('cache-control')).toBe('no-store');
    expect(crypto.createHash('sha256').update(got.bytes).digest('hex')).toBe(report.sha256);
    expect(verifyReportSignature(got.bytes)).toMatchObject({ valid: true, subFilter: 'ETSI.CAdES.detached', coversWholeFile: true });
    expect((await pdfText(got.bytes)).replace(/\s+/g, ' ')).toContain('Søren Ærøskøbing-Müller');
    // The default certificate was generated once into the data folder.
    expect(fs.existsSync(path.join(dataDir, 'reports', 'signing.p12'))).toBe(true);

    // Its expiry timer is running, with ids and times only.
    const expiry = await api.deps.temporal.workflow.getHandle(reportExpiryWorkflowId(report.id)).describe();
    expect(expiry.status.name).toBe('RUNNING');
  });

  it('an unsigned report without personal data holds none of it; the helpdesk may download it, another authority may not', async () => {
    const report = await make('full-without-personal-data', false);
    expect(report.personalData).toBe(false);
    const got = await download(report.id, { bearer: api.token });
    expect(got.status).toBe(200);
    expect(verifyReportSignature(got.bytes)).toEqual({ valid: false, problem: 'no signature' });
    const text = (await pdfText(got.bytes)).replace(/\s+/g, ' ');
    for (const value of personalDataInCase) expect(text).not.toContain(value);
    expect(text).toContain('Fuld rapport uden personoplysninger');

    const refused = await download(report.id, nimic.session);
    expect(refused.status).toBe(403);
    expect(refused.json().error.message).toMatch(/authority that made the report/);
  });

  it('lists the case’s reports for those who may download them', async () => {
    const mine = await call('GET', `/api/reports?caseType=request&caseId=${caseId}`, ca.session);
    expect(mine.status).toBe(200);
    expect(mine.body.total).toBeGreaterThanOrEqual(2);
    expect(mine.body.data.every((r: { caseId: string; authorityId: string }) => r.caseId === caseId && r.authorityId === ca.id)).toBe(true);
    expect(JSON.stringify(mine.body)).not.toMatch(/Søren|bytes/);
    const theirs = await call('GET', `/api/reports?caseType=request&caseId=${caseId}`, nimic.session);
    expect(theirs.body).toEqual({ data: [], total: 0 });
    expect((await call('GET', '/api/reports?caseType=invoice&caseId=x', ca.session)).status).toBe(400);
    expect((await call('GET', '/api/reports?caseType=request&caseId=x', {})).status).toBe(401);
  });

  it('a report past its 30 days answers 404 report_expired, and its expiry workflow deletes it', async () => {
    // An unknown kind is refused before anything is stored.
    await expect(make('custom-less' as never, false)).rejects.toThrow(/kind must be one of/);
    const old = await api.deps.orm.em.fork().transactional((tx) =>
      createReport({
        deps: { config: { ...api.deps.config, LIAISON_DATA_DIR: dataDir }, temporal: api.deps.temporal },
        tx,
        caseType: 'request',
        caseId,
        kind: 'full-without-personal-data',
        language: 'en',
        signed: false,
        document: composeReport('full-without-personal-data', aRequestCaseView(), { language: 'en', generatedAt: new Date() }),
        actor: maker,
        // Made 30 days and a minute ago: already expired when its timer starts, so it fires at once.
        now: new Date(Date.now() - 30 * 86_400_000 - 60_000),
      }),
    );
    const handle = api.deps.temporal.workflow.getHandle(reportExpiryWorkflowId(old.id));
    await handle.result();
    const gone = await download(old.id, ca.session);
    expect(gone.status).toBe(404);
    expect(gone.json().error.code).toBe('not_found');
    const rows = await api.deps.orm.em.fork().execute('select 1 from report where id = ?', [old.id]);
    expect(rows).toEqual([]);
    await waitFor(async () => (await api.deps.orm.em.fork().execute(`select 1 from audit_event where subject_type = 'report' and subject_id = ? and action = 'expired-deleted'`, [old.id])).length === 1, 'the deletion audit event');
  });

  it('between expiry and deletion the report is refused with report_expired, never served', async () => {
    // The row is as it would be in the minutes before its timer fires (expired, not yet deleted).
    const report = await make('full-without-personal-data', false);
    await api.deps.orm.em.fork().execute(`update report set expires_at = now() - interval '1 minute' where id = ?`, [report.id]);
    const expired = await download(report.id, ca.session);
    expect(expired.status).toBe(404);
    expect(expired.json().error).toMatchObject({ code: 'report_expired', message: expect.stringContaining('kept 30 days') });
    const listed = await call('GET', `/api/reports?caseType=request&caseId=${caseId}`, ca.session);
    expect(listed.body.data.map((r: { id: string }) => r.id)).not.toContain(report.id);
  });

  it('answers an unknown or malformed report id with 404 / 400', async () => {
    expect((await download(crypto.randomUUID(), ca.session)).status).toBe(404);
    expect((await download('not-a-uuid', ca.session)).status).toBe(400);
  });
});
