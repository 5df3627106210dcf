import type { Page } from 'playwright-core';
import { AuthorityWorkflow, LinkedCoordinator } from '../schema/entities/authority';
import { apiClient } from './apiClient';
import { launchBrowser, type TestBrowser } from './browser';
import { area, insertAuthority, insertUser, type TestAuthority, type TestUser } from './requestWorld';
import { startTestApi, waitFor } from './stack';

/**
 * An alert through the console, in Debian's chromium against the real API and AlertWorkflow
 * (domain.md §6): a Slovenian alert handler initiates it in the wizard and submits it; the alert
 * coordinator's broadcaster finds it in the alert action list, accepts and broadcasts it; the
 * Croatian mailbox's broadcaster sees it awaiting acceptance in the per-country recipient table,
 * acknowledges it and forwards it to a Croatian authority with the sender's suggestions in view.
 * Each step shows only the buttons the API allows. Authorities of their own, in countries no
 * other alert test uses (a broadcast reaches every alert mailbox of a country). Users call with
 * personal API tokens, which the console sends like the operator token.
 */

describe('console alerts', () => {
  let api: Awaited<ReturnType<typeof startTestApi>>;
  const { call } = apiClient(() => api.url);
  let browser: TestBrowser;
  let page: Page;
  const shoot = (name: string) => browser.shoot(name);

  let origin: TestAuthority, coordinator: TestAuthority, mailbox: TestAuthority, hrAuthority: TestAuthority, siAuthority: TestAuthority;
  let handler: TestUser, broadcaster: TestUser, mailboxBroadcaster: TestUser, commenter: TestUser;
  const hrAuthorityName = () => `Alert console CA ${hrAuthority.id.slice(0, 8)}`;
  const providerName = `Risky Builders d.o.o. ${Date.now().toString(36)}`;
  const suggestion = 'Please warn the Croatian building inspectorate.';
  let alertId = '';
  let number = '';
  let secondNumber = '';
  const commentPeriodSeconds = 40;
  const objectionPeriodSeconds = 45;

  /** Polls the alert as `who` until a durable timer has moved it to `status`. */
  const statusBecomes = (who: TestUser, status: string) =>
    waitFor(
      async () => {
        const answer = await call('GET', `/api/alerts/${alertId}`, who);
        return answer.status === 200 && answer.body.alert.status === status;
      },
      `alert to become ${status}`,
      90_000,
    );

  /** A fresh authority of `country` taking part in alerts in the Services area with `roles`. */
  const anAlertAuthority = async (country: string, roles: string[]) => {
    const em = api.deps.orm.em.fork();
    const kind = roles.includes('alert-authority') ? 'CA' : 'LIMIC';
    const authority = await insertAuthority(em, country, kind, ['authority'], { alerts: { finalApproval: false } }, 'Alert console');
    await em.insert(AuthorityWorkflow, { authorityId: authority.id, areaCode: area, workflow: 'alerts', accessStatus: 'active', previousAccessStatus: null, roles: roles as never });
    return authority;
  };
  const aUser = (authority: TestAuthority, label: string, ...roles: string[]) => insertUser(api.deps.orm.em.fork(), api.deps.mailer, authority, roles, label);

  /** Opens the console as `who` with its personal API token. */
  const openAs = async (who: TestUser, path: string) => {
    await browser.openWithToken(api.url, who.bearer!, path);
  };

  /** The commands whose buttons the alert page shows. */
  const shownCommands = async () =>
    page.locator('[data-testid="alert-actions"] [data-command]').evaluateAll((els) => els.map((e) => e.getAttribute('data-command')));
  /** The commands the API allows `who` now. */
  const allowedFor = async (who: TestUser) => {
    const answer = await call('GET', `/api/alerts/${alertId}`, who);
    expect(answer.status).toBe(200);
    return answer.body.actions as string[];
  };

  beforeAll(async () => {
    browser = await launchBrowser();
    page = browser.page;
    // Short closure periods, so the test sees both end: under a day left, so the countdowns are red from the start.
    const saved = { c: process.env.ALERT_COMMENT_PERIOD, o: process.env.ALERT_OBJECTION_PERIOD };
    process.env.ALERT_COMMENT_PERIOD = `PT${commentPeriodSeconds}S`;
    process.env.ALERT_OBJECTION_PERIOD = `PT${objectionPeriodSeconds}S`;
    try {
      api = await startTestApi();
    } finally {
      for (const [k, v] of [['ALERT_COMMENT_PERIOD', saved.c], ['ALERT_OBJECTION_PERIOD', saved.o]] as const) {
        if (v === undefined) delete process.env[k];
        else process.env[k] = v;
      }
    }
    origin = await anAlertAuthority('SI', ['alert-authority']);
    coordinator = await anAlertAuthority('SI', ['alert-coordinator', 'alert-mailbox']);
    mailbox = await anAlertAuthority('HR', ['alert-mailbox']);
    hrAuthority = await anAlertAuthority('HR', ['alert-authority']);
    siAuthority = await anAlertAuthority('SI', ['alert-authority']);
    await api.deps.orm.em.fork().insert(LinkedCoordinator, { authorityId: origin.id, areaCode: area, workflow: 'alerts', coordinatorId: coordinator.id } as never);
    handler = await aUser(origin, 'Handler', 'alert-handler');
    broadcaster = await aUser(coordinator, 'Broadcaster', 'alert-broadcaster');
    mailboxBroadcaster = await aUser(mailbox, 'Mailbox', 'alert-broadcaster');
    commenter = await aUser(siAuthority, 'Commenter', 'alert-handler');
  }, 180_000);

  afterAll(async () => {
    await browser?.close();
    await api?.close();
  });

  it('lets an alert handler initiate an alert in the wizard and submit it', async () => {
    await openAs(handler, '/alerts/create');

    // 1. the checklist: submitting needs every criterion
    const criteria = page.getByTestId('wizard-criteria').getByRole('checkbox');
    // The file's first page: a cold chromium on a machine busy starting every test file (a fresh clone's run missed 20 s once).
    await criteria.first().waitFor({ timeout: 60_000 });
    expect(await criteria.count()).toBe(5);
    for (let i = 0; i < 5; i += 1) await criteria.nth(i).check();
    await page.getByRole('button', { name: 'Next' }).click();

    // 2. provider and description
    await page.getByRole('textbox', { name: 'Name', exact: true }).fill(providerName);
    await page.getByRole('textbox', { name: 'Registration number' }).fill('SI-123456');
    await page.getByRole('textbox', { name: 'Case description' }).fill('Unsafe scaffolding on several sites; two workers injured.');
    await page.getByTestId('wizard-files').setInputFiles({ name: 'inspection-report.txt', mimeType: 'text/plain', buffer: Buffer.from('Inspection report') });
    await page.getByText('inspection-report.txt').waitFor();
    await page.getByRole('button', { name: 'Next' }).click();

    // 3. the alert coordinator: the one linked to the authority is chosen already
    await page.getByRole('radio', { name: new RegExp(coordinator.id.slice(0, 8)) }).isChecked().then((checked) => expect(checked).toBe(true));
    await page.getByRole('button', { name: 'Next' }).click();

    // 4. countries: Croatia receives it; the establishment country stays unknown
    await page.getByTestId('wizard-target-countries').locator('[data-country="HR"]').click();
    expect(await page.getByTestId('wizard-target-countries').locator('[data-country="SI"]').count()).toBe(0);
    await page.getByRole('button', { name: 'Next' }).click();

    // 5. authorities to warn
    await page.getByRole('textbox', { name: 'Authorities to warn (suggested by the sender)' }).fill(suggestion);
    await page.getByRole('button', { name: 'Next' }).click();

    // 6. review, save the draft (it gets a number), then submit
    await page.getByTestId('review-description').getByText('Unsafe scaffolding').waitFor();
    await page.getByRole('button', { name: 'Save draft' }).click();
    await page.getByTestId('draft-number').getByText(/ALR-\d{4}-\d+/).waitFor();
    await shoot('alert-wizard-review');
    await page.getByRole('button', { name: 'Submit', exact: true }).click();

    await page.waitForURL(/#\/alerts\/[^/]+\/show$/);
    alertId = decodeURIComponent(page.url().match(/#\/alerts\/([^/]+)\/show$/)![1]!);
    number = (await page.getByTestId('alert-number').textContent())!.trim();
    expect(number).toMatch(/^ALR-\d{4}-\d+$/);
    await page.locator('[data-testid="alert-number"] ~ [data-status="submitted"]').first().waitFor();
    await page.getByTestId('alert-provider-name').getByText(providerName).waitFor();
    await page.getByTestId('alert-timeline').getByText('Submitted to the alert coordinator').waitFor();
    await page.getByTestId('alert-files').getByText('inspection-report.txt').waitFor();

    // the handler may not accept or broadcast its own alert: the page shows exactly what the API allows
    const shown = await shownCommands();
    expect(shown).not.toContain('accept');
    expect(shown).not.toContain('broadcast');
    expect(shown.sort()).toEqual((await allowedFor(handler)).sort());
    await shoot('alert-submitted');
  }, 120_000);

  it("lets the coordinator's broadcaster accept it from the action list and broadcast it", async () => {
    // The alerts to do are on the broadcaster's home page too.
    await openAs(broadcaster, '/');
    await page.getByTestId('alert-action-list').getByRole('row').filter({ hasText: number }).getByText('Accept or pass to another coordinator').waitFor();
    await openAs(broadcaster, '/alert-actions');
    const row = page.getByTestId('alert-action-list').getByRole('row').filter({ hasText: number });
    await row.getByText('Accept or pass to another coordinator').waitFor();
    await row.locator('[data-status="submitted"]').waitFor();
    await shoot('alert-action-list');
    await row.click();

    await page.getByTestId('alert-number').filter({ hasText: number }).waitFor();
    await page.locator('[data-command="accept"]').waitFor();
    let shown = await shownCommands();
    expect(shown).toEqual(expect.arrayContaining(['accept', 'pass']));
    expect(shown).not.toContain('broadcast');
    expect(shown).not.toContain('submit');
    expect(shown.sort()).toEqual((await allowedFor(broadcaster)).sort());

    await page.locator('[data-command="accept"]').click();
    await page.getByRole('dialog').getByRole('button', { name: 'Accept' }).click();
    await page.locator('[data-testid="alert-number"] ~ [data-status="not-yet-broadcast"]').first().waitFor();
    shown = await shownCommands();
    expect(shown).toContain('broadcast');
    expect(shown).not.toContain('accept');

    await page.locator('[data-command="broadcast"]').click();
    await shoot('alert-broadcast-dialog');
    await page.getByRole('dialog').getByRole('button', { name: 'Broadcast' }).click();
    await page.locator('[data-testid="alert-number"] ~ [data-status="broadcast"]').first().waitFor();
    // Croatia's mailbox has it, awaiting acceptance; Slovenia's own mailbox holds its copy
    await page.locator('[data-testid="alert-country"][data-country="HR"][data-mailbox-state="awaiting-acceptance"]').waitFor();
    await page.locator('[data-testid="alert-country"][data-country="SI"][data-mailbox-state="copy"]').waitFor();
    await page.getByTestId('alert-commission').waitFor();
    await page.getByTestId('alert-timeline').getByText('Broadcast', { exact: true }).waitFor();
    expect((await shownCommands()).sort()).toEqual((await allowedFor(broadcaster)).sort());
    await shoot('alert-broadcast');
  }, 120_000);

  it("lets the recipient country's mailbox acknowledge it and forward it, with the sender's suggestions shown", async () => {
    await openAs(mailboxBroadcaster, '/alert-actions');
    const row = page.getByTestId('alert-action-list').getByRole('row').filter({ hasText: number });
    await row.getByText('Acknowledge receipt').waitFor();
    await row.click();

    await page.getByTestId('alert-number').filter({ hasText: number }).waitFor();
    const hr = page.locator('[data-testid="alert-country"][data-country="HR"]');
    await hr.locator('[data-mailbox-state="awaiting-acceptance"], [data-status="awaiting-acceptance"]').first().waitFor();
    await hr.locator(`[data-testid="alert-recipient"][data-authority="${mailbox.id}"]`).waitFor();
    await page.getByTestId('alert-provider-name').getByText(providerName).waitFor();
    let shown = await shownCommands();
    expect(shown).toContain('acknowledge');
    for (const never of ['accept', 'broadcast', 'close', 'submit', 'delete', 'remove-recipient']) expect(shown).not.toContain(never);
    expect(shown.sort()).toEqual((await allowedFor(mailboxBroadcaster)).sort());
    await page.getByTestId('alert-recipients').scrollIntoViewIfNeeded();
    await shoot('alert-received');

    await page.locator('[data-command="acknowledge"]').click();
    await page.getByRole('dialog').getByRole('button', { name: 'Acknowledge' }).click();
    await page.locator('[data-testid="alert-country"][data-country="HR"][data-mailbox-state="acknowledged"]').waitFor();
    await page.getByTestId('alert-timeline').getByText('Receipt acknowledged').waitFor();
    shown = await shownCommands();
    expect(shown).toContain('forward');
    expect(shown).not.toContain('acknowledge');

    // forward: the sender's suggestions are in the dialog; the authority is found in the directory
    await page.locator('[data-command="forward"]').click();
    const dialog = page.getByRole('dialog');
    await dialog.getByTestId('forward-suggested').getByText(suggestion).waitFor();
    await dialog.getByRole('button', { name: 'Forward' }).click();
    await dialog.getByText('Required').waitFor();
    await dialog.getByRole('combobox', { name: 'Add an authority or coordinator' }).fill(hrAuthority.id.slice(0, 8));
    await page.getByRole('option', { name: new RegExp(hrAuthorityName()) }).click();
    await dialog.getByTestId('forward-targets').getByText(hrAuthorityName()).waitFor();
    await shoot('alert-forward-dialog');
    await dialog.getByRole('button', { name: 'Forward' }).click();
    await page.locator(`[data-testid="alert-recipient"][data-authority="${hrAuthority.id}"][data-acted="false"][data-removed="false"]`).waitFor();
    await page.getByTestId('alert-timeline').getByText('Forwarded').first().waitFor();
    // the forwarded authority has not acted: the mailbox may remove it
    expect(await shownCommands()).toContain('remove-recipient');
    expect((await shownCommands()).sort()).toEqual((await allowedFor(mailboxBroadcaster)).sort());
    await page.getByTestId('alert-recipients').scrollIntoViewIfNeeded();
    await shoot('alert-forwarded');

    // printable: the full PDF for a recipient that sees the personal data
    const download = page.waitForEvent('download');
    await page.getByTestId('alert-print-button').click();
    expect((await download).suggestedFilename()).toMatch(/\.pdf$/);
    await page.locator('[data-testid="alert-report"][data-kind="full"]').waitFor();
  }, 120_000);

  it('lets a handler of the closing country propose closure, shows the comment period counting down in red, and takes a comment', async () => {
    // Slovenia's own mailbox (the coordinator) forwards it to another Slovenian authority, which may comment
    expect((await call('POST', `/api/alerts/${alertId}/forward`, broadcaster, { authorityIds: [siAuthority.id] })).status).toBe(200);
    await openAs(handler, `/alerts/${encodeURIComponent(alertId)}/show`);
    await page.getByTestId('alert-number').filter({ hasText: number }).waitFor();
    const shown = await shownCommands();
    expect(shown).toContain('propose-closure');
    expect(shown.sort()).toEqual((await allowedFor(handler)).sort());

    await page.locator('[data-command="propose-closure"]').click();
    const dialog = page.getByRole('dialog');
    await dialog.getByRole('button', { name: 'Propose closure' }).click();
    await dialog.getByText('Required').first().waitFor();
    await dialog.getByRole('combobox', { name: 'Closure coordinator' }).click();
    await page.getByRole('option', { name: new RegExp(coordinator.id.slice(0, 8)) }).click();
    await dialog.getByRole('textbox', { name: 'Why the alert can be closed' }).fill('The provider has stopped trading; the sites are closed.');
    await dialog.getByRole('button', { name: 'Propose closure' }).click();
    await page.locator('[data-testid="alert-number"] ~ [data-status="closure-open-for-comments"]').first().waitFor();
    await page.locator('[data-testid="comment-period"][data-ending="true"][data-over="false"]').waitFor();
    expect(await page.getByTestId('objection-period').count()).toBe(0);
    await page.getByTestId('alert-closure-proposal').getByText('The provider has stopped trading').waitFor();
    await page.getByTestId('alert-timeline').getByText('Closure proposed').waitFor();
    expect(await page.locator('[data-command="propose-closure"]').count()).toBe(0);
    await shoot('alert-comment-period');

    await openAs(commenter, `/alerts/${encodeURIComponent(alertId)}/show`);
    await page.locator('[data-testid="comment-period"][data-over="false"]').waitFor();
    await page.locator('[data-command="comment-on-closure"]').click();
    const commentDialog = page.getByRole('dialog');
    await commentDialog.getByRole('textbox', { name: 'Comment' }).fill('Agreed: our inspection found the sites closed.');
    await commentDialog.getByRole('button', { name: 'Comment on closure' }).click();
    await page.locator('[data-testid="alert-closure-comment"][data-attached="false"]').getByText('our inspection found the sites closed').waitFor();
  }, 120_000);

  it('lets the closure coordinator broadcast the proposal after the comment period, another country object, and close it after the objection period', async () => {
    await statusBecomes(broadcaster, 'closure-pending-broadcast');
    await openAs(broadcaster, `/alerts/${encodeURIComponent(alertId)}/show`);
    await page.locator('[data-testid="alert-number"] ~ [data-status="closure-pending-broadcast"]').first().waitFor();
    await page.locator('[data-testid="comment-period"][data-over="true"]').waitFor();
    expect((await shownCommands()).sort()).toEqual((await allowedFor(broadcaster)).sort());
    await page.locator('[data-command="broadcast-closure-proposal"]').click();
    let dialog = page.getByRole('dialog');
    // every comment is offered, ticked; the broadcaster attaches the ones it chooses
    await dialog.getByRole('checkbox', { name: /our inspection found the sites closed/ }).isChecked().then((on) => expect(on).toBe(true));
    await dialog.getByRole('button', { name: 'Broadcast closure proposal' }).click();
    await page.locator('[data-testid="alert-number"] ~ [data-status="closure-open-for-objections"]').first().waitFor();
    await page.locator('[data-testid="objection-period"][data-ending="true"][data-over="false"]').waitFor();
    await page.locator('[data-testid="alert-closure-comment"][data-attached="true"]').waitFor();
    expect(await page.getByTestId('comment-period').count()).toBe(0);

    // Croatia objects; only the closure coordinator decides whether to broadcast it
    await openAs(mailboxBroadcaster, `/alerts/${encodeURIComponent(alertId)}/show`);
    await page.locator('[data-testid="objection-period"]').waitFor();
    await page.locator('[data-command="submit-item"]').click();
    dialog = page.getByRole('dialog');
    await dialog.getByRole('radio', { name: 'Objection to closure' }).check();
    await dialog.getByText('An objection goes to the closure coordinator').waitFor();
    await dialog.getByRole('textbox', { name: 'Text' }).fill('The provider still works on a site in Zagreb.');
    await dialog.getByRole('button', { name: 'Add information' }).click();
    await page.locator('[data-testid="alert-item"][data-kind="objection"][data-status="submitted"]').waitFor();
    expect(await shownCommands()).not.toContain('broadcast-item');

    await openAs(broadcaster, `/alerts/${encodeURIComponent(alertId)}/show`);
    await page.locator('[data-command="broadcast-item"]').click();
    dialog = page.getByRole('dialog');
    await dialog.getByRole('button', { name: 'Broadcast information' }).click();
    await page.locator('[data-testid="alert-item"][data-kind="objection"][data-status="broadcast"]').waitFor();
    await shoot('alert-objection-broadcast');

    await statusBecomes(broadcaster, 'closure-pending-decision');
    await page.reload();
    await page.locator('[data-command="close"]').click();
    await page.getByRole('dialog').getByRole('button', { name: 'Close alert' }).click();
    await page.locator('[data-testid="alert-number"] ~ [data-status="closed"]').first().waitFor();
    // the reduced view: no personal data, the recipients and the history
    await page.locator('[data-testid="personal-data-hidden"][data-reason="reduced"]').waitFor();
    await page.getByTestId('alert-recipients').waitFor();
    await page.getByTestId('alert-timeline').getByText('Closed', { exact: true }).waitFor();
    expect(await page.getByText(providerName).count()).toBe(0);
    expect(await page.getByText('Zagreb').count()).toBe(0);
    expect(await shownCommands()).toEqual([]);
    await shoot('alert-closed');

    await openAs(mailboxBroadcaster, `/alerts/${encodeURIComponent(alertId)}/show`);
    await page.locator('[data-testid="personal-data-hidden"][data-reason="reduced"]').waitFor();
    await page.getByTestId('alert-recipients').waitFor();
    expect(await page.getByText(providerName).count()).toBe(0);
    expect(await shownCommands()).toEqual([]);
  }, 240_000);

  it('runs the dialogs for recipients, countries, content and withdrawal, showing the API’s refusals', async () => {
    // a second alert, broadcast and forwarded through the API
    const ok = async (method: string, route: string, who: TestUser, body?: unknown, expected = 200) => {
      const answer = await call(method, route, who, body);
      if (answer.status !== expected) throw new Error(`${method} ${route} answered ${answer.status}: ${JSON.stringify(answer.body)}`);
      return answer.body;
    };
    const criteria = Object.fromEntries(['services-directive-activity', 'specific-acts', 'serious-damage', 'other-countries-affected', 'facts-established'].map((c) => [c, true]));
    const created = await ok('POST', '/api/alerts', handler, {
      criteria,
      provider: { providerKind: 'business', name: `Second Provider ${Date.now().toString(36)}` },
      description: 'Faulty gas installations.',
      alertCoordinatorId: coordinator.id,
      targetCountries: ['HR'],
    }, 201);
    const id = created.alert.id as string;
    const second = created.alert.number as string;
    await ok('POST', `/api/alerts/${id}/submit`, handler);
    await ok('POST', `/api/alerts/${id}/accept`, broadcaster);
    await ok('POST', `/api/alerts/${id}/broadcast`, broadcaster);
    await ok('POST', `/api/alerts/${id}/acknowledge`, mailboxBroadcaster);
    await ok('POST', `/api/alerts/${id}/forward`, mailboxBroadcaster, { authorityIds: [hrAuthority.id] });
    const show = `/alerts/${encodeURIComponent(id)}/show`;

    // the mailbox removes the recipient that has not acted
    await openAs(mailboxBroadcaster, show);
    await page.getByTestId('alert-number').filter({ hasText: second }).waitFor();
    await page.locator('[data-command="remove-recipient"]').click();
    let dialog = page.getByRole('dialog');
    await dialog.getByRole('combobox', { name: 'Recipient' }).click();
    await page.getByRole('option', { name: new RegExp(hrAuthorityName()) }).click();
    await dialog.getByRole('button', { name: 'Remove recipient' }).click();
    await page.locator(`[data-testid="alert-recipient"][data-authority="${hrAuthority.id}"][data-removed="true"]`).waitFor();
    await page.getByTestId('alert-timeline').getByText('Recipient removed').waitFor();
    expect(await page.locator('[data-command="remove-recipient"]').count()).toBe(0);

    // the broadcasting coordinator: a country without an alert mailbox is refused with the API's reason
    await openAs(broadcaster, show);
    await page.locator('[data-command="add-target-countries"]').click();
    dialog = page.getByRole('dialog');
    await dialog.locator('[data-country="IS"]').click();
    await dialog.getByRole('button', { name: 'Add countries' }).click();
    await dialog.getByRole('alert').waitFor();
    expect(((await dialog.getByRole('alert').textContent()) ?? '').length).toBeGreaterThan(10);
    await shoot('alert-add-country-refused');
    await dialog.getByRole('button', { name: 'Cancel' }).click();
    await page.locator('[data-command="change-establishment-country"]').click();
    dialog = page.getByRole('dialog');
    await dialog.getByRole('combobox', { name: 'Establishment country' }).click();
    await page.getByRole('option', { name: /\(HR\)/ }).click();
    await dialog.getByRole('button', { name: 'Change establishment country' }).click();
    await page.getByTestId('alert-timeline').getByText('Establishment country changed').waitFor();
    expect(await page.locator('[data-country="HR"]').count()).toBeGreaterThanOrEqual(3); // target, establishment and closing country

    // the originating authority edits the description (no final approval at the coordinator), then withdraws
    await openAs(handler, show);
    await page.locator('[data-command="edit-content"]').click();
    dialog = page.getByRole('dialog');
    await dialog.getByRole('textbox', { name: 'Case description' }).fill('Faulty gas installations in three buildings.');
    await dialog.getByRole('button', { name: 'Edit provider data and description' }).click();
    await page.getByTestId('alert-description').getByText('in three buildings').waitFor();
    await page.locator('[data-command="submit-withdrawal"]').click();
    dialog = page.getByRole('dialog');
    await dialog.getByRole('textbox', { name: 'Reason for the withdrawal' }).fill('Sent in error.');
    await dialog.getByRole('button', { name: 'Withdraw' }).click();
    await page.locator('[data-testid="alert-number"] ~ [data-status="withdrawal-pending-broadcast"]').first().waitFor();

    await openAs(broadcaster, show);
    await page.locator('[data-command="broadcast-withdrawal"]').click();
    await page.getByRole('dialog').getByRole('button', { name: 'Broadcast withdrawal' }).click();
    await page.locator('[data-testid="alert-number"] ~ [data-status="withdrawn"]').first().waitFor();
    await page.locator('[data-testid="personal-data-hidden"][data-reason="reduced"]').getByText('withdrawn').waitFor();
    expect(await page.getByText('Faulty gas').count()).toBe(0);
    expect(await shownCommands()).toEqual([]);
    await shoot('alert-withdrawn');
    secondNumber = second;
  }, 180_000);

  it('lists and searches the alerts, with the provider only where the API gives it', async () => {
    await openAs(mailboxBroadcaster, '/alerts');
    const list = page.getByTestId('alert-list');
    await list.getByRole('row').filter({ hasText: number }).locator('[data-status="closed"]').waitFor();
    await list.getByRole('row').filter({ hasText: secondNumber }).locator('[data-status="withdrawn"]').waitFor();
    // both are in the reduced view: no provider anywhere, so no provider column
    expect(await list.getByRole('columnheader', { name: 'Provider' }).count()).toBe(0);
    await page.getByRole('textbox', { name: 'Number' }).fill(secondNumber);
    await list.getByRole('row').filter({ hasText: number }).waitFor({ state: 'detached' });
    await list.getByRole('row').filter({ hasText: secondNumber }).waitFor();
    await shoot('alert-list');

    // a live alert's provider shows for an authority taking part
    const live = await call('POST', '/api/alerts', handler, { provider: { providerKind: 'person', name: 'Visible Provider' }, description: 'Draft.' });
    expect(live.status).toBe(201);
    await openAs(handler, `/alerts?filter=${encodeURIComponent(JSON.stringify({ status: ['draft'] }))}`);
    const row = page.getByTestId('alert-list').getByRole('row').filter({ hasText: live.body.alert.number });
    await row.getByText('Visible Provider').waitFor();
    await page.getByTestId('alert-list').getByRole('columnheader', { name: 'Provider' }).waitFor();
    expect(await page.getByTestId('alert-list').getByRole('row').filter({ hasText: number }).count()).toBe(0);
  }, 120_000);

  it('speaks Danish', async () => {
    await page.goto(`${api.url}/#/alerts/${encodeURIComponent(alertId)}/show`);
    await page.getByTestId('alert-number').filter({ hasText: number }).waitFor();
    // the app bar hides while the page is scrolled down
    await page.evaluate(() => window.scrollTo(0, 0));
    await page.getByRole('button', { name: 'English' }).click();
    await page.getByRole('menuitem', { name: 'Dansk' }).click();
    await page.getByText('Modtagere pr. land').waitFor();
    await page.getByText('Advarsel afsluttet').first().waitFor();
    await shoot('alert-danish');
    expect(browser.pageErrors).toEqual([]);
  }, 60_000);
});
