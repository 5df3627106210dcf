import fs from 'node:fs';
import type { Page } from 'playwright-core';
import { verifyReportSignature } from '../activities/reports/signing';
import { openSession } from '../api/auth/sessions';
import { retentionWorkflowId, retentionWorkflowType, type RetentionInput } from '../workflows/retention/definitions';
import type { RetentionWorkflow } from '../workflows/retention/workflow';
import { launchBrowser, type TestBrowser } from './browser';
import { aUser, api, answered, call, cmd, dkCa, ok, reqHandler, respAllocator, respHandler, sent, subjectName, useRequestWorld, type TestUser } from './requestWorld';
import { waitFor } from './stack';

/**
 * Reports and retention in the console (domain.md §5 "Reports", §8), in Debian's chromium against
 * the real API and workflows: the requester's case handler makes a signed full report of a closed
 * request, sees it listed with its 30-day expiry and downloads the PDF; a custom report without
 * sections shows the API's field message; an allocator is offered only reports without personal
 * data. Then retention blocks the request (a RetentionWorkflow with a short blocking period, as
 * test/retention.test.ts starts it) and the helpdesk, on its blocked-data screen, retrieves the
 * blocked data with a reason and a legal basis and records a contest; the case handler asks for
 * early erasure of another closed request. Case handlers log in with a session cookie; the
 * helpdesk is the operator token.
 */

describe('console reports and retention of a request', () => {
  useRequestWorld();
  let browser: TestBrowser;
  let page: Page;
  let id = '';
  let number = '';
  const shoot = (name: string) => browser.shoot(name);

  /** Opens the console as `who` with a session cookie (the console recovers the session from /api/auth/me). */
  const openAs = async (who: TestUser, path: string) => {
    const { token } = await openSession(api.deps.orm.em.fork(), who.id, { ip: null, userAgent: 'browser test' });
    await browser.openWithSession(api.url, `liaison_session=${token}`, path);
  };

  /** Signs in as the helpdesk with the operator token on the login page. */
  const signInAsHelpdesk = async () => {
    await browser.context.clearCookies();
    await page.goto(`${api.url}/#/login`);
    await page.reload();
    await page.getByRole('tab', { name: 'Operator token' }).click();
    await page.getByLabel('Operator token').fill(api.token);
    await page.getByRole('button', { name: 'Sign in' }).click();
  };

  /** A request sent, accepted, answered and closed through the API. */
  const aClosedRequest = async () => {
    const requestId = await sent();
    await cmd(requestId, 'accept', respHandler, {});
    await answered(requestId);
    expect((await cmd(requestId, 'close', reqHandler)).request.status).toBe('closed');
    const detail = await ok('GET', `/api/requests/${requestId}`, reqHandler);
    return { id: requestId, number: detail.request.number as string };
  };

  beforeAll(async () => {
    browser = await launchBrowser();
    page = browser.page;
    ({ id, number } = await aClosedRequest());
  }, 120_000);

  afterAll(async () => {
    await browser?.close();
  });

  it('makes a signed full report, lists it with its expiry and downloads the PDF', async () => {
    await openAs(reqHandler, `/requests/${id}/show`);
    await page.getByTestId('request-number').filter({ hasText: number }).waitFor();
    const panel = page.getByTestId('request-reports');
    await panel.getByText('No report yet.').waitFor();
    // the status of retention is the helpdesk's; the case handler may still ask for early erasure
    await page.getByTestId('retention-helpdesk-only').waitFor();
    await page.getByTestId('erase-early').waitFor();

    await panel.getByRole('button', { name: 'Make a report' }).click();
    const dialog = page.getByRole('dialog');
    await dialog.getByRole('radio', { name: 'Full report', exact: true }).check();
    await dialog.getByRole('checkbox', { name: /Sign the report/ }).check();
    await shoot('report-dialog');
    // a slow generation shows its progress: the API's answer is held back until the progress is seen
    let release: () => void = () => undefined;
    const held = new Promise<void>((resolve) => (release = resolve));
    await page.route('**/api/requests/*/reports', async (route) => {
      await held;
      await route.continue();
    });
    await dialog.getByRole('button', { name: 'Make a report' }).click();
    await dialog.getByTestId('report-generating').getByText(/Making the report/).waitFor();
    expect(await dialog.getByRole('button', { name: 'Make a report' }).isDisabled()).toBe(true);
    await shoot('report-generating');
    release();
    await page.getByText('The report is made. It can be downloaded for 30 days.').waitFor();
    await page.unroute('**/api/requests/*/reports');
    expect(await dialog.count()).toBe(0);

    const row = panel.getByTestId('report-row');
    await row.first().waitFor();
    expect(await row.count()).toBe(1);
    expect(await row.getAttribute('data-kind')).toBe('full');
    await row.getByText('Full report').waitFor();
    await row.getByText('Signed').waitFor();
    await row.getByText('Personal data').waitFor();
    const expires = row.getByTestId('report-expires');
    expect(await expires.textContent()).toMatch(/^in 29 days 23 hr$|^in 30 days$/);
    expect(await expires.getAttribute('data-warning')).toBe('false');
    await shoot('report-listed');

    const [download] = await Promise.all([page.waitForEvent('download'), row.getByRole('button', { name: 'Download PDF' }).click()]);
    expect(download.suggestedFilename()).toMatch(/^liaison-request-report-[0-9a-f-]+\.pdf$/);
    const file = await download.path();
    const bytes = fs.readFileSync(file!);
    expect(bytes.subarray(0, 5).toString()).toBe('%PDF-');
    // signed: the PAdES signature verifies over the whole file
    expect(verifyReportSignature(bytes)).toMatchObject({ valid: true, subFilter: 'ETSI.CAdES.detached', coversWholeFile: true });

    // the same report the API lists
    const listed = await ok('GET', `/api/reports?caseType=request&caseId=${id}`, reqHandler);
    expect(listed.data).toHaveLength(1);
    expect(listed.data[0]).toMatchObject({ kind: 'full', signed: true, personalData: true });

    // near its expiry the countdown turns red
    await api.deps.orm.em.fork().execute(`update report set expires_at = now() + interval '2 days' where id = ?`, [listed.data[0].id]);
    await page.reload();
    const soon = page.getByTestId('report-row').getByTestId('report-expires');
    await soon.filter({ hasText: /^in 1 day 23 hr$|^in 2 days$/ }).waitFor();
    expect(await soon.getAttribute('data-warning')).toBe('true');
    // retention's start is in the request's timeline, in words
    await page.getByTestId('case-timeline').getByText('Retention period started').waitFor();
    expect(browser.pageErrors).toEqual([]);
  }, 120_000);

  it("shows the API's field message for a custom report without sections; in Danish too", async () => {
    await page.getByTestId('request-reports').getByRole('button', { name: 'Make a report' }).click();
    const dialog = page.getByRole('dialog');
    await dialog.getByRole('radio', { name: 'Custom report' }).check();
    for (const section of ['Summary', 'Questions and answers']) await dialog.getByRole('checkbox', { name: section, exact: true }).uncheck();
    await dialog.getByRole('button', { name: 'Make a report' }).click();
    await dialog.getByText('choose at least one section').first().waitFor();
    await dialog.getByRole('checkbox', { name: 'History', exact: true }).check();
    await dialog.getByRole('button', { name: 'Make a report' }).click();
    await page.getByText('The report is made. It can be downloaded for 30 days.').waitFor();
    await page.getByTestId('report-row').filter({ hasText: 'Custom report' }).waitFor();

    // the app bar hides while the page is scrolled down
    await page.evaluate(() => window.scrollTo(0, 0));
    await page.getByRole('button', { name: 'English' }).click();
    await page.getByRole('menuitem', { name: 'Dansk' }).click();
    await page.getByText('Rapporter', { exact: true }).waitFor();
    await page.getByTestId('report-row').filter({ hasText: 'Tilpasset rapport' }).waitFor();
    await page.getByRole('button', { name: 'Hent PDF' }).first().waitFor();
    await page.getByText('Opbevaring af personoplysninger').waitFor();
    await page.getByTestId('case-timeline').getByText('Opbevaringsperioden er begyndt').waitFor();
    await shoot('report-listed-da');
    await page.getByRole('button', { name: 'Dansk' }).click();
    await page.getByRole('menuitem', { name: 'English' }).click();
    await page.getByText('Reports', { exact: true }).waitFor();
  }, 120_000);

  it('offers an allocator only reports without personal data, and lists only its authority’s reports', async () => {
    await openAs(respAllocator, `/requests/${id}/show`);
    await page.getByTestId('request-number').filter({ hasText: number }).waitFor();
    const panel = page.getByTestId('request-reports');
    // the requester's reports are its own authority's
    await panel.getByText('No report yet.').waitFor();
    await panel.getByRole('button', { name: 'Make a report' }).click();
    const dialog = page.getByRole('dialog');
    expect(await dialog.locator('[data-kind="full"]').getAttribute('data-available')).toBe('false');
    expect(await dialog.locator('[data-kind="full-without-personal-data"]').getAttribute('data-available')).toBe('true');
    await dialog.getByText('Reports with personal data are not available to you.').first().waitFor();
    await dialog.getByRole('button', { name: 'Make a report' }).click();
    await panel.getByTestId('report-row').filter({ hasText: 'Full report without personal data' }).waitFor();
    expect(await panel.getByTestId('report-row').count()).toBe(1);
    expect(browser.pageErrors).toEqual([]);
  }, 120_000);

  it("shows the API's reason when it allows the viewer no report at all", async () => {
    const administrator = await aUser(dkCa, 'local-data-administrator');
    await openAs(administrator, `/requests/${id}/show`);
    await page.getByTestId('request-number').filter({ hasText: number }).waitFor();
    await page.getByTestId('request-reports').getByRole('button', { name: 'Make a report' }).click();
    await page.getByRole('dialog').getByRole('radio', { name: 'Full report without personal data' }).check();
    await page.getByRole('dialog').getByRole('button', { name: 'Make a report' }).click();
    await page.getByTestId('no-report-allowed').getByText(/Making reports of requests needs one of the roles case-handler/).waitFor();
    expect(await page.getByTestId('make-report').count()).toBe(0);
    expect(browser.pageErrors).toEqual([]);
  }, 60_000);

  it('lets the helpdesk retrieve blocked data with a reason and a legal basis, and record a contest', async () => {
    // Retention blocks soon: the request's own retention child (6 months) is replaced by one that blocks after 1 s.
    const workflowId = retentionWorkflowId('request', id);
    await api.deps.temporal.workflow.getHandle(workflowId).terminate('browser test: block sooner');
    await api.deps.orm.em.fork().execute(`delete from case_retention where case_type = 'request' and case_id = ?`, [id]);
    const input: RetentionInput = { caseType: 'request', caseId: id, blockAfterMs: 1_000, eraseAfterMs: 3_600_000 };
    await api.deps.temporal.workflow.start<typeof RetentionWorkflow>(retentionWorkflowType, { workflowId, taskQueue: api.deps.config.TEMPORAL_TASK_QUEUE, args: [input] });
    await waitFor(async () => (await call('GET', `/api/retention/request/${id}`, { bearer: api.token })).body?.status === 'blocked', 'the request to be blocked');

    await signInAsHelpdesk();
    await page.getByRole('menuitem', { name: 'Blocked data' }).click();
    await page.getByTestId('blocked-data-page').waitFor();
    // the helpdesk finds the case by its number (GET /api/retention/by-number/{number}); an unknown number says so
    const finder = page.getByRole('textbox', { name: 'Request number or case id' });
    await finder.fill('REQ-2001-999999');
    await page.getByRole('button', { name: 'Open' }).click();
    await page.getByText('No request or alert has the number REQ-2001-999999.').waitFor();
    await finder.fill(number);
    await page.getByRole('button', { name: 'Open' }).click();
    await page.waitForURL(new RegExp(`#/blocked-data/request/${id}$`));
    const retention = page.getByTestId('retention');
    expect(await retention.getAttribute('data-retention-status')).toBe('blocked');
    await retention.locator('[data-step="blocked"][data-done="true"]').waitFor();
    await retention.locator('[data-step="erase"][data-done="false"]').waitFor();
    await page.getByText('No contest recorded.').waitFor();

    // reason and legal basis are required; consent needs its reference
    const form = page.getByTestId('retrieve-form');
    await form.getByRole('button', { name: 'Retrieve blocked data' }).click();
    await form.getByText('Required').first().waitFor();
    await form.getByRole('textbox', { name: /Reason/ }).fill('Special request HD-2026-118 of the Danish authority');
    await form.getByRole('radio', { name: /consent/ }).check();
    await form.getByRole('textbox', { name: /Reference of the data subject/ }).fill('DK-consent-2026-17');
    await shoot('blocked-data-retrieve');
    await form.getByRole('button', { name: 'Retrieve blocked data' }).click();
    const retrieved = page.getByTestId('retrieval');
    await retrieved.getByText(/Legal basis: A special request with the data subject’s consent/).waitFor();
    await retrieved.getByText(subjectName).waitFor();
    await retrieved.getByText('010170-1234').waitFor();
    await shoot('blocked-data-retrieved');

    // audited with the reason and the legal basis
    const audit = await api.deps.orm.em
      .fork()
      .execute<{ actor: string; reason: string; details: { legalBasis: string; consentReference: string } }[]>(
        `select actor, reason, details from audit_event where subject_type = 'request' and subject_id = ? and action = 'retention.blocked-data-retrieved'`,
        [id],
      );
    expect(audit).toEqual([{ actor: 'operator', reason: 'Special request HD-2026-118 of the Danish authority', details: { legalBasis: 'consent', consentReference: 'DK-consent-2026-17' } }]);

    // a contest, recorded beside the data
    const contest = page.getByTestId('contest-form');
    await contest.getByRole('textbox', { name: /Reference/ }).fill('HD-2026-201');
    await contest.getByRole('button', { name: 'Record a contest' }).click();
    await page.getByText('The contest is recorded.').waitFor();
    await page.getByTestId('contests').first().getByText('Rectification · HD-2026-201').waitFor();
    const status = await ok('GET', `/api/retention/request/${id}`, { bearer: api.token });
    expect(status.contests).toEqual([expect.objectContaining({ kind: 'rectification', reference: 'HD-2026-201' })]);

    // the screen in Danish
    await page.evaluate(() => window.scrollTo(0, 0));
    await page.getByRole('button', { name: 'English' }).click();
    await page.getByRole('menuitem', { name: 'Dansk' }).click();
    await page.getByRole('heading', { name: 'Spærrede data' }).waitFor();
    await page.getByTestId('contests').getByText('Berigtigelse · HD-2026-201').waitFor();
    await page.getByTestId('retention').getByText('Personoplysningerne er spærret').waitFor();
    await shoot('blocked-data-da');
    await page.getByRole('button', { name: 'Dansk' }).click();
    await page.getByRole('menuitem', { name: 'English' }).click();
    await page.getByRole('heading', { name: 'Blocked data' }).waitFor();

    // the request page: the case handler no longer sees the data; the helpdesk sees the retention
    await page.getByRole('link', { name: 'Open the request' }).click();
    await page.getByTestId('request-number').filter({ hasText: number }).waitFor();
    expect(await page.getByTestId('request-retention').getByTestId('retention').getAttribute('data-retention-status')).toBe('blocked');
    await page.getByTestId('request-retention').getByText('Rectification · HD-2026-201').waitFor();
    expect(browser.pageErrors).toEqual([]);
  }, 120_000);

  it('refuses the blocked-data screen to a case handler and lets it erase a closed request early with consent', async () => {
    const other = await aClosedRequest();
    await openAs(reqHandler, '/blocked-data');
    await page.getByText('Only the helpdesk uses this screen.').waitFor();

    await page.goto(`${api.url}/#/requests/${other.id}/show`);
    await page.getByTestId('request-number').filter({ hasText: other.number }).waitFor();
    await page.getByTestId('case-data').getByText(subjectName).waitFor();
    await page.getByTestId('erase-early').click();
    const dialog = page.getByRole('dialog');
    await dialog.getByRole('button', { name: 'Erase early' }).click();
    await dialog.getByText('Required').first().waitFor();
    await dialog.getByRole('textbox', { name: 'Reason' }).fill('The data subject asked for erasure.');
    await dialog.getByRole('textbox', { name: /consent/ }).fill('DK-consent-2026-42');
    await dialog.getByRole('button', { name: 'Erase early' }).click();
    await page.getByText('The personal data is erased.').waitFor();
    await page.getByTestId('personal-data-hidden').waitFor();
    expect(await page.getByTestId('erase-early').count()).toBe(0);
    const status = await waitFor(async () => {
      const s = await ok('GET', `/api/retention/request/${other.id}`, { bearer: api.token });
      return s.status === 'erased' && s;
    }, 'the erasure');
    expect(status.earlyErasure).toMatchObject({ reason: 'The data subject asked for erasure.', consentReference: 'DK-consent-2026-42' });
    expect(browser.pageErrors).toEqual([]);
  }, 120_000);
});
