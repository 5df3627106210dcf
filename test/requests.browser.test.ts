import type { Page } from 'playwright-core';
import { anAuthority, apiClient, registerAuthority, type Caller } from './apiClient';
import { launchBrowser, type TestBrowser } from './browser';
import { startTestApi } from './stack';

/**
 * An information request through the console, in Debian's chromium against the real API and
 * workflow (domain.md §5): an Austrian case handler creates a request in the wizard and sends it;
 * the Danish case handler finds it in its action list (home page), sees no personal data and a
 * locked attachment before accepting, accepts, answers with a predefined answer and free text; the
 * requester closes it. Status chips and the timeline follow each step. Authorities of their own,
 * so the demo data other tests read stays as it is.
 */

describe('console information requests', () => {
  let api: Awaited<ReturnType<typeof startTestApi>>;
  let browser: TestBrowser;
  let page: Page;
  let requester: Awaited<ReturnType<typeof registerAuthority>>;
  let responder: Awaited<ReturnType<typeof registerAuthority>>;
  const responderBody = anAuthority('CA', 'CA', { countryCode: 'DK', city: 'København', languages: ['da', 'en'] });
  const subjectName = `Jens Testperson ${Date.now().toString(36)}`;
  let number = '';
  let requestId = '';
  const shoot = (name: string) => browser.shoot(name);
  const { call, firstLoginSession } = apiClient(() => api.url);

  /** Hands `who`'s session cookie to the browser and opens `path` afresh (the console reads the session from /api/auth/me). */
  const openAs = async (who: Caller, path: string) => {
    await browser.openWithSession(api.url, who.cookie!, path);
  };

  /** The superuser (local data administrator) becomes a case handler too. */
  const makeCaseHandler = async (authority: Awaited<ReturnType<typeof registerAuthority>>) => {
    const answer = await call('PATCH', `/api/users/${authority.answer.body.superuser.id}/roles`, authority.session, {
      roles: [{ role: 'local-data-administrator' }, { role: 'case-handler' }],
    });
    if (answer.status !== 200) throw new Error(`roles: ${answer.status} ${JSON.stringify(answer.body)}`);
  };

  beforeAll(async () => {
    browser = await launchBrowser();
    page = browser.page;

    api = await startTestApi();
    const operator = { bearer: api.token };
    const atNimic = await registerAuthority(call, firstLoginSession, operator, anAuthority('NIMIC'));
    const dkNimic = await registerAuthority(call, firstLoginSession, operator, anAuthority('NIMIC', 'NIMIC', { countryCode: 'DK', city: 'København', languages: ['da', 'en'] }));
    requester = await registerAuthority(call, firstLoginSession, atNimic.session, anAuthority('CA'));
    responder = await registerAuthority(call, firstLoginSession, dkNimic.session, responderBody);
    await makeCaseHandler(requester);
    await makeCaseHandler(responder);
  }, 180_000);

  afterAll(async () => {
    await browser?.close();
    await api?.close();
  });

  it('lets a case handler create a request in the wizard and send it', async () => {
    await openAs(requester.session, '/');
    // the action list is a case handler's home page
    await page.getByText('Nothing to do: no request waits for you.').waitFor();
    await page.getByRole('link', { name: 'New request' }).first().click();

    // 1. area and question set
    await page.getByRole('combobox', { name: 'Legislation area' }).click();
    await page.getByRole('option', { name: 'Services Directive' }).click();
    await page.getByRole('radio', { name: 'Establishment and registration of a service provider' }).check();
    await page.getByRole('button', { name: 'Next' }).click();

    // 2. the responding authority, found in the directory
    const picker = page.getByRole('combobox', { name: 'Search the directory' });
    await picker.fill(responderBody.officialName.split(' ').pop()!);
    await page.getByRole('option', { name: new RegExp(responderBody.officialName) }).click();
    await page.getByRole('button', { name: 'Next' }).click();

    // 3. a question with a comment in German
    await page.getByRole('checkbox', { name: 'Is the service provider legally established in your Member State?' }).check();
    await page.getByRole('textbox', { name: 'Comment (optional)' }).fill('Bitte bestätigen Sie die Niederlassung.');
    await page.getByRole('combobox', { name: 'Language of the comment' }).click();
    await page.getByRole('option', { name: /\(de\)/ }).click();
    await shoot('request-wizard-questions');
    await page.getByRole('button', { name: 'Next' }).click();

    // 4. case data, reason and deadline
    await page.getByRole('textbox', { name: 'Name' }).fill(subjectName);
    await page.getByRole('textbox', { name: 'Reason for the request' }).fill('Establishment check before registration.');
    await page.locator('input[name="deadline"]').fill('2027-01-15');
    await page.getByRole('button', { name: 'Next' }).click();

    // 5. an attachment
    await page.getByTestId('wizard-files').setInputFiles({ name: 'register-extract.txt', mimeType: 'text/plain', buffer: Buffer.from('Extract of the trade register') });
    await page.getByText('register-extract.txt').waitFor();
    await page.getByRole('button', { name: 'Next' }).click();

    // 6. review and send
    await page.getByTestId('review-questions').getByText('Is the service provider legally established').waitFor();
    await shoot('request-wizard-review');
    await page.getByRole('button', { name: 'Send', exact: true }).click();

    await page.waitForURL(/#\/requests\/[^/]+\/show$/);
    requestId = decodeURIComponent(page.url().match(/#\/requests\/([^/]+)\/show$/)![1]!);
    await page.getByTestId('request-number').waitFor();
    number = (await page.getByTestId('request-number').textContent())!.trim();
    expect(number).toMatch(/^REQ-\d{4}-\d{6,}$/);
    await page.locator('[data-status="awaiting-acceptance"]').first().waitFor();
    await page.getByTestId('case-timeline').getByText('Sent').waitFor();
    await page.getByTestId('case-data').getByText(subjectName).waitFor();
    await shoot('request-sent');
  }, 120_000);

  it("puts it in the responder's action list, without personal data until accepted", async () => {
    // another request, sent through the API with a deadline already past: its deadline chip is red
    const late = await call('POST', '/api/requests', requester.session, {
      legislationArea: 'services',
      questionSet: 'services-establishment',
      respondingAuthorityId: responder.id,
      deadline: '2026-01-10',
      caseData: { subjectKind: 'provider', name: 'Late Provider GmbH' },
      questions: [{ code: 'services-establishment/registered' }],
    });
    expect(late.status).toBe(201);
    expect((await call('POST', `/api/requests/${late.body.request.id}/send`, requester.session)).status).toBe(200);

    await openAs(responder.session, '/');
    const lateRow = page.getByTestId('action-list').getByRole('row').filter({ hasText: late.body.request.number });
    await lateRow.locator('[data-testid="request-deadline"][data-overdue="true"]').waitFor();
    const row = page.getByTestId('action-list').getByRole('row').filter({ hasText: number });
    await row.waitFor();
    await row.getByText('Accept, reject or forward').waitFor();
    await row.locator('[data-status="awaiting-acceptance"]').waitFor();
    await row.locator('[data-testid="request-deadline"][data-overdue="false"]').waitFor();
    await page.getByTestId('action-list-groups').getByText('Awaiting acceptance · 2').waitFor();
    await shoot('request-action-list');
    await row.click();

    await page.getByTestId('request-number').filter({ hasText: number }).waitFor();
    await page.getByTestId('personal-data-hidden').waitFor();
    expect(await page.getByText(subjectName).count()).toBe(0);
    // all questions and comments before accepting (manual 5.3.2.1)
    await page.getByTestId('question').first().getByText('Bitte bestätigen Sie die Niederlassung.').waitFor();
    // the attachment is there, locked, without its name (a file name often names the data subject)
    await page.locator('[data-testid="attachments"] [data-locked="true"]').first().waitFor();
    expect(await page.getByText('register-extract.txt').count()).toBe(0);
    // only the commands the API allows: no close, no send
    expect(await page.locator('[data-command="close"]').count()).toBe(0);
    expect(await page.locator('[data-command="send"]').count()).toBe(0);
    await shoot('request-received');

    // a refusal of the API (a deadline in the past) is shown in the dialog, which stays open
    await page.locator('[data-command="propose-deadline"]').click();
    const dialog = page.getByRole('dialog');
    await dialog.locator('input[name="deadline"]').fill('2020-01-01');
    await dialog.getByRole('button', { name: 'Propose deadline' }).click();
    const refusal = dialog.getByRole('alert');
    await refusal.waitFor();
    expect((await refusal.textContent())!.trim().length).toBeGreaterThan(5);
    await shoot('request-refusal');
    await dialog.getByRole('button', { name: 'Cancel' }).click();
    await dialog.waitFor({ state: 'hidden' });

    // the local data administrator allocates it to a case handler (itself: the only one)
    await page.locator('[data-command="assign-handlers"]').click();
    await dialog.getByRole('checkbox', { name: new RegExp(responderBody.superuser.lastName) }).check();
    await dialog.getByRole('button', { name: 'Allocate' }).click();
    await dialog.waitFor({ state: 'hidden' });
    await page.getByTestId('case-timeline').getByText('Allocated').waitFor();

    await page.locator('[data-command="accept"]').click();
    await page.getByRole('dialog').getByRole('button', { name: 'Accept' }).click();
    await page.locator('[data-status="accepted"]').first().waitFor();
    await page.getByTestId('case-data').getByText(subjectName).waitFor();
    await page.locator('[data-testid="attachments"] [data-locked="false"]').filter({ hasText: 'register-extract.txt' }).waitFor();
    await page.getByTestId('case-timeline').getByText('Accepted').waitFor();
  }, 90_000);

  it('lets the responder answer with a predefined answer and free text', async () => {
    const question = page.getByTestId('question').first();
    await question.getByText('Bitte bestätigen Sie die Niederlassung.').waitFor();
    await question.getByRole('combobox', { name: 'Predefined answer' }).click();
    await page.getByRole('option', { name: 'Yes', exact: true }).click();
    await question.getByRole('textbox', { name: 'Free text answer' }).fill('Registered in CVR since 2019.');
    // a message to the requester with a predefined comment
    const messages = page.getByTestId('message-form');
    await messages.getByRole('combobox', { name: 'Predefined comment' }).click();
    await page.getByRole('option', { name: 'Preliminary information before the answer.' }).click();
    await messages.getByRole('textbox', { name: 'Message' }).fill('The answer follows today.');
    await messages.getByRole('button', { name: 'Send message' }).click();
    await page.getByTestId('message').filter({ hasText: 'The answer follows today.' }).waitFor();

    await page.getByTestId('answer-files').setInputFiles({ name: 'cvr-extract.txt', mimeType: 'text/plain', buffer: Buffer.from('CVR extract') });
    await page.getByRole('button', { name: 'Save draft answers' }).click();
    await page.getByText('Draft answers saved.').waitFor();
    await shoot('request-answer-draft');

    await page.locator('[data-command="answer"]').click();
    await page.getByRole('dialog').getByRole('button', { name: 'Send answer' }).click();
    await page.locator('[data-status="answered"]').first().waitFor();
    await page.getByTestId('case-timeline').getByText('Answered').waitFor();
    const sent = await call('GET', `/api/requests/${requestId}`, responder.session);
    expect(sent.body.request.status).toBe('answered');
  }, 90_000);

  it('lets the requester read the answer beside the question and close the request', async () => {
    await openAs(requester.session, `/requests/${requestId}/show`);
    await page.getByTestId('request-number').filter({ hasText: number }).waitFor();
    await page.locator('[data-status="answered"]').first().waitFor();
    const question = page.getByTestId('question').first();
    await question.getByTestId('answer').getByText('Yes').waitFor();
    await question.getByText('Registered in CVR since 2019.').waitFor();
    await page.getByTestId('attachments').getByText('cvr-extract.txt').waitFor();
    await page.getByTestId('message').filter({ hasText: 'Preliminary information before the answer.' }).getByText('The answer follows today.').waitFor();
    await shoot('request-answered');

    await page.locator('[data-command="close"]').click();
    await page.getByRole('dialog').getByRole('button', { name: 'Close' }).click();
    await page.locator('[data-status="closed"]').first().waitFor();
    const timeline = page.getByTestId('case-timeline');
    for (const step of ['Sent', 'Accepted', 'Answered', 'Closed']) await timeline.locator('li').filter({ hasText: new RegExp(`^${step}`) }).first().waitFor();
    expect(await page.locator('[data-testid="request-actions"] [data-command="close"]').count()).toBe(0);
    await timeline.getByText('by you').first().waitFor();
    await shoot('request-closed');

    // any request may seed a new draft (5.3.8): it opens in the wizard with the questions copied
    await page.locator('[data-command="copy"]').click();
    await page.getByRole('dialog').getByRole('button', { name: 'Copy into new draft' }).click();
    await page.waitForURL((url) => /#\/requests\/[^/]+$/.test(url.hash) && !url.hash.includes(requestId));
    await page.locator('.MuiStepper-root').getByText('Questions', { exact: true }).click();
    expect(await page.getByRole('checkbox', { name: 'Is the service provider legally established in your Member State?' }).isChecked()).toBe(true);
    await page.locator('.MuiStepper-root').getByText('Case data and deadline', { exact: true }).click();
    expect(await page.getByRole('textbox', { name: 'Name' }).inputValue()).toBe(subjectName);

    // the search lists it, closed, among the sent requests
    await page.goto(`${api.url}/#/requests?filter=${encodeURIComponent(JSON.stringify({ number, direction: 'sent' }))}`);
    const row = page.getByTestId('request-list').getByRole('row').filter({ hasText: number });
    await row.locator('[data-status="closed"]').waitFor();
    expect(browser.pageErrors).toEqual([]);
  }, 90_000);

  it('saves a draft part-way, lists it in the action list and edits it in the wizard', async () => {
    await openAs(requester.session, '/requests/create');
    await page.getByRole('combobox', { name: 'Legislation area' }).click();
    await page.getByRole('option', { name: 'Services Directive' }).click();
    await page.getByRole('radio', { name: 'Establishment and registration of a service provider' }).check();
    await page.locator('.MuiStepper-root').getByText('Responding authority', { exact: true }).click();
    // saving too early names what is missing and goes to its step
    await page.getByRole('button', { name: 'Save draft' }).click();
    await page.getByText('Some required data is missing.').waitFor();
    const picker = page.getByRole('combobox', { name: 'Search the directory' });
    await picker.fill(responderBody.officialName.split(' ').pop()!);
    await page.getByRole('option', { name: new RegExp(responderBody.officialName) }).click();
    await page.locator('.MuiStepper-root').getByText('Questions', { exact: true }).click();
    await page.getByRole('checkbox', { name: 'Has the service provider ceased its activity or become subject to insolvency proceedings?' }).check();
    await page.locator('.MuiStepper-root').getByText('Case data and deadline', { exact: true }).click();
    await page.getByRole('radio', { name: 'A service provider' }).check();
    await page.getByRole('textbox', { name: 'Name' }).fill('Bygge ApS');
    await page.getByRole('button', { name: 'Save draft' }).click();
    const saved = page.getByTestId('draft-number');
    await saved.waitFor();
    const draftNumber = (await saved.textContent())!.match(/REQ-\d{4}-\d+/)![0];

    await page.goto(`${api.url}/#/`);
    const row = page.getByTestId('action-list').getByRole('row').filter({ hasText: draftNumber });
    await row.getByText('Finish and send the draft').waitFor();
    await row.locator('[data-status="draft"]').waitFor();
    await row.click();
    await page.getByTestId('case-data').getByText('Bygge ApS').waitFor();
    await page.getByRole('link', { name: 'Edit draft' }).click();

    await page.locator('.MuiStepper-root').getByText('Case data and deadline', { exact: true }).click();
    const name = page.getByRole('textbox', { name: 'Name' });
    expect(await name.inputValue()).toBe('Bygge ApS');
    await name.fill('Bygge og Anlæg ApS');
    await page.getByRole('button', { name: 'Save draft' }).click();
    await page.getByText('Draft saved.').waitFor();
    const stored = await call('GET', `/api/requests?number=${draftNumber}`, requester.session);
    const detail = await call('GET', `/api/requests/${stored.body.data[0].id}`, requester.session);
    expect(detail.body.request.status).toBe('draft');
    expect(detail.body.caseData).toMatchObject({ subjectKind: 'provider', name: 'Bygge og Anlæg ApS' });
    expect(detail.body.questions.map((q: { code: string }) => q.code)).toEqual(['services-establishment/activity-ceased']);
  }, 90_000);
});
