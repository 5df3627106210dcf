import type { Page } from 'playwright-core';
import { launchBrowser, type TestBrowser } from './browser';
import { allCriteria, anAlertAuthority, anAlertUser, api, call, cmd, linkAlertCoordinator, ok, useAlertApi, type TestAuthority, type TestUser } from './alertWorld';

/**
 * The alert console's dialogs that the main alert browser test does not reach, in Debian's
 * chromium against the real API and AlertWorkflow (domain.md §6): passing a submitted alert to
 * another alert coordinator; information a recipient adds and its coordinator (with final approval)
 * declines, edits and deletes; a clarification request submitted and broadcast; a withdrawal
 * submitted and cancelled; a closure proposal edited and cancelled in its comment period. For each
 * the page shows exactly the buttons the API's `actions` allow the user, the dialog asks for what
 * is missing ("Required"), and the command's effect shows in the page and in the API.
 *
 * Portugal sends, Ireland receives: countries no other alert test uses (a broadcast reaches every
 * alert mailbox of a country). The steps around the one under test go through the HTTP API.
 */

describe('console alert dialogs', () => {
  useAlertApi({ comment: 'PT1H', objection: 'PT1H' });
  let browser: TestBrowser;
  let page: Page;
  const shoot = (name: string) => browser.shoot(name);

  let origin: TestAuthority, coordinatorA: TestAuthority, coordinatorB: TestAuthority, ieMailbox: TestAuthority, ieCoordinator: TestAuthority, ieAuthority: TestAuthority;
  let handler: TestUser, broadcasterA: TestUser, broadcasterB: TestUser, mailboxBroadcaster: TestUser, ieBroadcaster: TestUser, ieHandler: TestUser;
  let alertId = '';
  let number = '';
  const show = () => `/alerts/${encodeURIComponent(alertId)}/show`;

  const openAs = async (who: TestUser, path: string) => {
    await browser.openWithToken(api.url, who.bearer!, path);
  };
  /** Opens the alert page as `who` and waits for the alert to be there. */
  const openAlertAs = async (who: TestUser) => {
    await openAs(who, show());
    await page.getByTestId('alert-number').filter({ hasText: number }).waitFor();
  };
  /** The commands whose buttons the alert page shows. */
  const shownCommands = async () =>
    page.locator('[data-testid="alert-actions"] [data-command]').evaluateAll((els) => els.map((e) => e.getAttribute('data-command')!));
  const detailFor = async (who: TestUser) => ok('GET', `/api/alerts/${alertId}`, who);
  /** The buttons shown are exactly the commands the API allows `who` now. */
  const expectButtonsAsApiAllows = async (who: TestUser) => {
    const allowed = ((await detailFor(who)).actions as string[]).filter((c) => c !== 'edit-draft');
    expect((await shownCommands()).sort()).toEqual(allowed.sort());
    return allowed;
  };
  /** "Required" under the dialog's input named `name` (a text box or a select). */
  const requiredUnder = (name: string) => page.getByRole('dialog').locator(`.MuiFormControl-root:has([name="${name}"])`).getByText('Required');
  const statusChip = (status: string) => page.locator(`[data-testid="alert-number"] ~ [data-status="${status}"]`).first();
  const timeline = () => page.getByTestId('alert-timeline');

  beforeAll(async () => {
    browser = await launchBrowser();
    page = browser.page;
    origin = await anAlertAuthority('PT', ['alert-authority'], false, 'Alert dialogs');
    coordinatorA = await anAlertAuthority('PT', ['alert-coordinator', 'alert-mailbox'], false, 'Alert dialogs');
    coordinatorB = await anAlertAuthority('PT', ['alert-coordinator'], false, 'Alert dialogs');
    ieMailbox = await anAlertAuthority('IE', ['alert-coordinator', 'alert-mailbox'], false, 'Alert dialogs');
    // Final approval: the coordinator, not the submitter, declines, edits and deletes items (6.2.2).
    ieCoordinator = await anAlertAuthority('IE', ['alert-coordinator'], true, 'Alert dialogs');
    ieAuthority = await anAlertAuthority('IE', ['alert-authority'], false, 'Alert dialogs');
    await linkAlertCoordinator(origin, coordinatorA);
    await linkAlertCoordinator(ieAuthority, ieCoordinator);
    handler = await anAlertUser(origin, 'Handler', 'alert-handler');
    broadcasterA = await anAlertUser(coordinatorA, 'Broadcaster A', 'alert-broadcaster');
    broadcasterB = await anAlertUser(coordinatorB, 'Broadcaster B', 'alert-broadcaster');
    mailboxBroadcaster = await anAlertUser(ieMailbox, 'IE mailbox', 'alert-broadcaster');
    ieBroadcaster = await anAlertUser(ieCoordinator, 'IE coordinator', 'alert-broadcaster');
    ieHandler = await anAlertUser(ieAuthority, 'IE handler', 'alert-handler');

    const created = await ok('POST', '/api/alerts', handler, {
      criteria: allCriteria(),
      provider: { providerKind: 'business', name: `Faulty Lifts Lda ${Date.now().toString(36)}` },
      description: 'Lifts installed without safety brakes.',
      alertCoordinatorId: coordinatorA.id,
      targetCountries: ['IE'],
    }, 201);
    alertId = created.alert.id;
    number = created.alert.number;
    await cmd(alertId, 'submit', handler);
  }, 180_000);

  afterAll(async () => {
    await browser?.close();
  });

  it('lets the alert coordinator pass the submitted alert to another alert coordinator of its country', async () => {
    await openAs(broadcasterA, show());
    // The file's first page: a cold chromium on a machine that may be busy.
    await page.getByTestId('alert-number').filter({ hasText: number }).waitFor({ timeout: 60_000 });
    await statusChip('submitted').waitFor();
    const allowed = await expectButtonsAsApiAllows(broadcasterA);
    expect(allowed).toEqual(expect.arrayContaining(['accept', 'pass']));

    await page.locator('[data-command="pass"]').click();
    const dialog = page.getByRole('dialog');
    await dialog.getByRole('button', { name: 'Pass to another coordinator' }).click();
    await dialog.getByText('Required').waitFor();
    await dialog.getByRole('combobox', { name: 'Alert coordinator' }).fill(coordinatorB.id.slice(0, 8));
    await page.getByRole('option', { name: new RegExp(coordinatorB.id.slice(0, 8)) }).click();
    await shoot('alert-pass-dialog');
    await dialog.getByRole('button', { name: 'Pass to another coordinator' }).click();
    // A no longer sees the alert: the page says it was passed on and goes back to A's action list, where it is not
    await page.getByText('Alert passed on').waitFor();
    await page.waitForURL(/#\/alert-actions$/);
    await page.getByTestId('alert-action-list-empty').waitFor();
    expect(await page.getByText('Element does not exist').count()).toBe(0);

    // The alert is B's now: A no longer sees it; B finds it to accept, with the pass in its history.
    expect((await call('GET', `/api/alerts/${alertId}`, broadcasterA)).status).toBe(404);
    const detail = await detailFor(broadcasterB);
    expect(detail.alert).toMatchObject({ status: 'submitted', alertCoordinatorId: coordinatorB.id });
    await openAlertAs(broadcasterB);
    await statusChip('submitted').waitFor();
    // the timeline names the coordinator it went to (from the directory: B is no recipient the detail names)
    await timeline().locator('[data-action="passed"]').getByText(`LIMIC ${coordinatorB.id.slice(0, 8)}`).waitFor();
    expect(await expectButtonsAsApiAllows(broadcasterB)).toContain('accept');
    expect(browser.pageErrors).toEqual([]);
  }, 120_000);

  it('lets a recipient add information and its coordinator (with final approval) decline, edit and delete items', async () => {
    await cmd(alertId, 'accept', broadcasterB);
    await cmd(alertId, 'broadcast', broadcasterB);
    await cmd(alertId, 'acknowledge', mailboxBroadcaster);
    await cmd(alertId, 'forward', mailboxBroadcaster, { authorityIds: [ieAuthority.id] });

    // the recipient adds information in the dialog
    await openAlertAs(ieHandler);
    await expectButtonsAsApiAllows(ieHandler);
    await page.locator('[data-command="submit-item"]').click();
    let dialog = page.getByRole('dialog');
    await dialog.getByRole('radio', { name: 'Additional information' }).check();
    await dialog.getByRole('button', { name: 'Add information' }).click();
    await requiredUnder('text').waitFor();
    await dialog.getByRole('textbox', { name: 'Text' }).fill('First: the same lifts were sold in Cork.');
    await dialog.getByRole('button', { name: 'Add information' }).click();
    // the text is there; the coordinator is still missing
    await requiredUnder('coordinatorId').waitFor();
    expect(await requiredUnder('text').count()).toBe(0);
    await dialog.getByRole('combobox', { name: 'Alert coordinator that broadcasts it' }).click();
    await page.getByRole('option', { name: new RegExp(ieCoordinator.id.slice(0, 8)) }).click();
    await dialog.getByRole('button', { name: 'Add information' }).click();
    await dialog.waitFor({ state: 'detached' });
    const item = (text: string) => page.locator('[data-testid="alert-item"]').filter({ hasText: text });
    await item('First: the same lifts').locator('[data-status="submitted"]').first().waitFor();
    await timeline().getByText('Information submitted').first().waitFor();

    // two more through the API; with final approval the submitter may not change them
    for (const text of ['Second: an inspector’s report follows.', 'Third: sent by mistake.']) {
      await cmd(alertId, 'submit-item', ieHandler, { kind: 'additional-information', text, language: 'en', coordinatorId: ieCoordinator.id });
    }
    await page.reload();
    await item('Third: sent by mistake').waitFor();
    const submitterMay = await expectButtonsAsApiAllows(ieHandler);
    for (const never of ['edit-item', 'delete-item', 'decline-item', 'broadcast-item']) expect(submitterMay).not.toContain(never);

    // the coordinator decides
    await openAlertAs(ieBroadcaster);
    await item('Third: sent by mistake').waitFor();
    expect(await expectButtonsAsApiAllows(ieBroadcaster)).toEqual(expect.arrayContaining(['broadcast-item', 'decline-item', 'edit-item', 'delete-item']));
    const chooseItem = async (text: string) => {
      await dialog.getByRole('combobox', { name: 'Information' }).click();
      await page.getByRole('option', { name: new RegExp(text) }).click();
    };

    // (a) decline the first
    await page.locator('[data-command="decline-item"]').click();
    dialog = page.getByRole('dialog');
    await dialog.getByRole('button', { name: 'Decline information' }).click();
    await dialog.getByText('Required').waitFor();
    await chooseItem('First: the same lifts');
    await dialog.getByRole('button', { name: 'Decline information' }).click();
    await dialog.waitFor({ state: 'detached' });
    await item('First: the same lifts').locator('[data-status="declined"]').first().waitFor();
    await timeline().getByText('Information declined').waitFor();

    // (b) edit the second: its text is offered for editing; an emptied text is refused
    await page.locator('[data-command="edit-item"]').click();
    dialog = page.getByRole('dialog');
    await chooseItem('Second: an inspector');
    const text = dialog.getByRole('textbox', { name: 'Text' });
    expect(await text.inputValue()).toBe('Second: an inspector’s report follows.');
    await text.fill('');
    await dialog.getByRole('button', { name: 'Edit information' }).click();
    await dialog.getByText('Required').waitFor();
    await text.fill('Second: the inspector’s report is attached to our file.');
    await dialog.getByRole('button', { name: 'Edit information' }).click();
    await dialog.waitFor({ state: 'detached' });
    await item('Second: the inspector’s report is attached').locator('[data-status="submitted"]').first().waitFor();
    await timeline().getByText('Information edited').waitFor();

    // (c) delete the third
    await page.locator('[data-command="delete-item"]').click();
    dialog = page.getByRole('dialog');
    await dialog.getByRole('button', { name: 'Delete information' }).click();
    await dialog.getByText('Required').waitFor();
    await chooseItem('Third: sent by mistake');
    await dialog.getByRole('button', { name: 'Delete information' }).click();
    await dialog.waitFor({ state: 'detached' });
    await timeline().getByText('Information deleted').waitFor();
    expect(await item('Third: sent by mistake').count()).toBe(0);
    await shoot('alert-items-decided');

    // the API agrees
    const items = (await detailFor(ieBroadcaster)).items as { kind: string; status: string; text: string | null }[];
    const byText = (start: string) => items.find((i) => i.text?.startsWith(start));
    expect(byText('First')?.status).toBe('declined');
    expect(byText('Second')).toMatchObject({ status: 'submitted', text: 'Second: the inspector’s report is attached to our file.' });
    expect(byText('Third')?.status ?? 'deleted').toBe('deleted');
    await expectButtonsAsApiAllows(ieBroadcaster);
    expect(browser.pageErrors).toEqual([]);
  }, 150_000);

  it('lets a recipient ask the originating country for clarification and its coordinator broadcast the request', async () => {
    // the edited item is still waiting: broadcast it first, so one item waits at a time
    const second = ((await detailFor(ieBroadcaster)).items as { id: string; text: string | null; status: string }[]).find((i) => i.status === 'submitted')!;
    await cmd(alertId, 'broadcast-item', ieBroadcaster, { itemId: second.id });

    await openAlertAs(ieHandler);
    await expectButtonsAsApiAllows(ieHandler);
    await page.locator('[data-command="submit-item"]').click();
    let dialog = page.getByRole('dialog');
    await dialog.getByRole('radio', { name: 'Request for clarification' }).check();
    await dialog.getByRole('textbox', { name: 'Text' }).fill('Which lift models are concerned?');
    await dialog.getByRole('combobox', { name: 'Alert coordinator that broadcasts it' }).click();
    await page.getByRole('option', { name: new RegExp(ieCoordinator.id.slice(0, 8)) }).click();
    await dialog.getByRole('button', { name: 'Add information' }).click();
    // the country asked is still missing
    await requiredUnder('addressedToCountry').waitFor();
    await dialog.getByRole('combobox', { name: 'Country asked' }).click();
    // the originating country; Ireland sent information but is the asker's own country
    await page.getByRole('option', { name: 'PT', exact: true }).waitFor();
    expect(await page.getByRole('listbox').getByRole('option').allTextContents()).toEqual(['PT']);
    await page.getByRole('option', { name: 'PT', exact: true }).click();
    await shoot('alert-clarification-dialog');
    await dialog.getByRole('button', { name: 'Add information' }).click();
    await dialog.waitFor({ state: 'detached' });
    const request = page.locator('[data-testid="alert-item"][data-kind="clarification-request"]');
    await request.locator('[data-status="submitted"]').first().waitFor();
    await request.getByText('to PT').waitFor();
    expect(await shownCommands()).not.toContain('broadcast-item');

    await openAlertAs(ieBroadcaster);
    await expectButtonsAsApiAllows(ieBroadcaster);
    await page.locator('[data-command="broadcast-item"]').click();
    dialog = page.getByRole('dialog');
    // the only item waiting is chosen already
    await dialog.getByRole('combobox', { name: 'Information' }).getByText(/Which lift models/).waitFor();
    await dialog.getByRole('button', { name: 'Broadcast information' }).click();
    await dialog.waitFor({ state: 'detached' });
    await request.locator('[data-status="broadcast"]').first().waitFor();
    expect(await shownCommands()).not.toContain('broadcast-item');
    await expectButtonsAsApiAllows(ieBroadcaster);

    // the originating side sees the request, broadcast and addressed to it
    const items = (await detailFor(handler)).items as { kind: string; status: string; addressedToCountry: string | null }[];
    expect(items.filter((i) => i.kind === 'clarification-request')).toEqual([expect.objectContaining({ status: 'broadcast', addressedToCountry: 'PT' })]);
    expect(browser.pageErrors).toEqual([]);
  }, 120_000);

  it('lets the originating authority submit a withdrawal and cancel it, once even when the answer is lost', async () => {
    await openAlertAs(handler);
    await statusChip('broadcast').waitFor();
    expect(await expectButtonsAsApiAllows(handler)).toContain('submit-withdrawal');
    await page.locator('[data-command="submit-withdrawal"]').click();
    const dialog = page.getByRole('dialog');
    await dialog.getByRole('button', { name: 'Withdraw' }).click();
    await dialog.getByText('Required').waitFor();
    await dialog.getByRole('textbox', { name: 'Reason for the withdrawal' }).fill('The provider has fixed the lifts.');
    await dialog.getByRole('button', { name: 'Withdraw' }).click();
    await dialog.waitFor({ state: 'detached' });
    await statusChip('withdrawal-pending-broadcast').waitFor();
    await timeline().getByText('Withdrawal submitted').waitFor();
    // without final approval at its coordinator, the originating authority may cancel it
    const allowed = await expectButtonsAsApiAllows(handler);
    expect(allowed).toContain('cancel-withdrawal');
    expect(allowed).not.toContain('broadcast-withdrawal');
    await shoot('alert-withdrawal-pending');

    // The cancellation reaches the API, but its answer is lost: pressed again, the dialog resends the same attempt.
    const { keys, lostStatus } = await browser.withFirstAnswerLost('**/api/alerts/*/cancel-withdrawal', async () => {
      await page.locator('[data-command="cancel-withdrawal"]').click();
      await page.getByRole('dialog').getByRole('button', { name: 'Cancel withdrawal' }).click();
      await page.getByRole('dialog').getByText('The Liaison API cannot be reached. Is it running?').waitFor();
      await page.getByRole('dialog').getByRole('button', { name: 'Cancel withdrawal' }).click();
      await page.getByRole('dialog').waitFor({ state: 'detached' });
    });
    expect(lostStatus).toBe(200);
    expect(keys).toHaveLength(2);
    expect(keys[1]).toBe(keys[0]);
    await statusChip('broadcast').waitFor();
    await timeline().getByText('Withdrawal cancelled').waitFor();
    expect(((await detailFor(handler)).timeline as { action: string }[]).filter((e) => e.action === 'withdrawal-cancelled')).toHaveLength(1);
    expect(await shownCommands()).not.toContain('cancel-withdrawal');
    await expectButtonsAsApiAllows(handler);
    expect((await detailFor(broadcasterB)).alert.status).toBe('broadcast');
    expect(browser.pageErrors).toEqual([]);
  }, 120_000);

  it('lets the proposer edit a closure proposal in its comment period and cancel it', async () => {
    // Portugal closes (no establishment country): its handler proposes closure to its coordinator.
    await cmd(alertId, 'propose-closure', handler, { text: 'The lifts were replaced everywhere.', language: 'en', closureCoordinatorId: coordinatorA.id });

    await openAlertAs(handler);
    await statusChip('closure-open-for-comments').waitFor();
    await page.getByTestId('alert-closure-proposal').getByText('The lifts were replaced everywhere.').waitFor();
    expect(await expectButtonsAsApiAllows(handler)).toEqual(expect.arrayContaining(['edit-closure-proposal', 'cancel-closure-proposal']));

    await page.locator('[data-command="edit-closure-proposal"]').click();
    const dialog = page.getByRole('dialog');
    const reason = dialog.getByRole('textbox', { name: 'Why the alert can be closed' });
    expect(await reason.inputValue()).toBe('The lifts were replaced everywhere.');
    await reason.fill('');
    await dialog.getByRole('button', { name: 'Edit closure proposal' }).click();
    await dialog.getByText('Required').waitFor();
    await reason.fill('The lifts were replaced everywhere; the provider stopped trading.');
    await dialog.getByRole('button', { name: 'Edit closure proposal' }).click();
    await dialog.waitFor({ state: 'detached' });
    await page.getByTestId('alert-closure-proposal').getByText('the provider stopped trading').waitFor();
    await timeline().getByText('Closure proposal edited').waitFor();
    await statusChip('closure-open-for-comments').waitFor();
    expect((await detailFor(handler)).closure.proposal).toBe('The lifts were replaced everywhere; the provider stopped trading.');
    await expectButtonsAsApiAllows(handler);

    await page.locator('[data-command="cancel-closure-proposal"]').click();
    await page.getByRole('dialog').getByRole('button', { name: 'Cancel closure proposal' }).click();
    await page.getByRole('dialog').waitFor({ state: 'detached' });
    await statusChip('broadcast').waitFor();
    await timeline().getByText('Closure proposal cancelled').waitFor();
    expect(await page.getByTestId('alert-closure').count()).toBe(0);
    const allowed = await expectButtonsAsApiAllows(handler);
    expect(allowed).toContain('propose-closure');
    expect(allowed).not.toContain('cancel-closure-proposal');
    const after = await detailFor(handler);
    expect(after.alert.status).toBe('broadcast');
    expect(after.closure).toBeNull();
    await shoot('alert-closure-cancelled');
    expect(browser.pageErrors).toEqual([]);
    expect(browser.keyWarnings).toEqual([]);
  }, 120_000);
});
