import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { createUser } from '../api/auth/users';
import { demoAuthorityIds, loadDemoAuthorities } from '../schema/demoAuthorities';
import { apiClient } from './apiClient';
import { launchBrowser, type TestBrowser } from './browser';
import { startTestApi } from './stack';

/**
 * Invitations in the console, in Debian's chromium against the real API: a coordinator's data
 * administrator creates a draft, submits it with the bulk action and reads the result, then imports
 * a small CSV through the Import dialog. Invitations need a coordinator's user (the operator token
 * is refused by the API), so the test logs the user in through the API and hands the session cookie
 * to the browser; the console recovers the session from /api/auth/me.
 */

describe('console invitations', () => {
  let api: Awaited<ReturnType<typeof startTestApi>>;
  let browser: TestBrowser;
  let page: Page;
  const suffix = Date.now().toString(36);
  const shoot = (name: string) => browser.shoot(name);

  beforeAll(async () => {
    browser = await launchBrowser();
    page = browser.page;
    api = await startTestApi();
    await loadDemoAuthorities(api.deps.orm);
    const email = `coordinator.${suffix}@em.example.dk`;
    const { username } = await createUser(api.deps.orm.em.fork(), api.deps.mailer, {
      firstName: 'Mette',
      lastName: `Koordinator${suffix}`,
      email,
      authorityId: demoAuthorityIds.dkNimic,
      roles: [{ role: 'data-administrator' }, { role: 'local-data-administrator' }],
      loginUrl: `${api.url}/`,
    });
    const session = await apiClient(() => api.url).firstLoginSession(username, email);
    const [name, ...value] = session.cookie!.split('=');
    await browser.context.addCookies([{ name: name!, value: value.join('='), url: api.url }]);
  }, 120_000);

  afterAll(async () => {
    await browser?.close();
    await api?.close();
  });

  it('creates a draft, submits it with the bulk action and shows the result', async () => {
    await page.goto(`${api.url}/#/invitations`);
    await page.getByRole('menuitem', { name: 'Invitations' }).waitFor();
    await page.getByRole('link', { name: 'Create' }).click();
    await page.getByRole('textbox', { name: 'Email', exact: true }).fill(`imi.${suffix}@aarhus.example.dk`);
    await page.getByRole('textbox', { name: 'Name', exact: true }).fill(`Aarhus Kommune ${suffix}`);
    await page.getByLabel('Services Directive', { exact: true }).check();
    await page.getByLabel('Services Directive — requests').check();
    await page.getByRole('textbox', { name: 'Personal message' }).fill('Welcome to IMI.');
    await shoot('invitation-create');
    await page.getByRole('button', { name: 'Save' }).click();
    await page.getByText('Timeline').waitFor();
    await page.locator('[data-status="draft"]').first().waitFor();
    await shoot('invitation-show');

    await page.getByRole('menuitem', { name: 'Invitations' }).click();
    const row = page.locator('tr', { hasText: `Aarhus Kommune ${suffix}` });
    await row.getByRole('checkbox').check();
    await page.getByRole('button', { name: 'Submit' }).click();
    const result = page.getByTestId('submit-result');
    await result.waitFor();
    expect(await result.textContent()).toContain('1 submitted, 0 rejected');
    await shoot('invitation-submit-result');
    await page.getByRole('button', { name: 'Close' }).click();
    await row.locator('[data-status]').filter({ hasNotText: 'Draft' }).first().waitFor();
  }, 60_000);

  it('imports a small CSV through the dialog and shows the created count and the row errors', async () => {
    const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'liaison-import-')), 'invitations.csv');
    fs.writeFileSync(file, `name,email\nOdense Kommune ${suffix},imi.${suffix}@odense.example.dk\nVejle Kommune ${suffix},imi.${suffix}@vejle.example.dk\nBroken,not-an-email\n`);
    await page.getByRole('button', { name: 'Import' }).first().click();
    await page.getByRole('dialog').getByText('Download template').waitFor();
    await page.getByTestId('import-file').setInputFiles(file);
    await page.getByRole('dialog').getByRole('button', { name: 'Import' }).click();
    const result = page.getByTestId('import-result');
    await result.waitFor();
    expect(await result.textContent()).toContain('2 drafts created');
    await shoot('invitation-import');
    await page.getByRole('dialog').getByRole('button', { name: 'Close' }).click();
    await page.locator('tr', { hasText: `Odense Kommune ${suffix}` }).waitFor();
    await shoot('invitations');
  }, 60_000);

  it('creates a user of the authority and shows the username once; refuses to remove the last local data administrator', async () => {
    await page.goto(`${api.url}/#/authorities/${demoAuthorityIds.dkNimic}/show`);
    await page.getByTestId('authority-users').waitFor();
    await page.getByRole('button', { name: 'Create user' }).click();
    const dialog = page.getByRole('dialog');
    await dialog.getByLabel('First name').fill('Lars');
    await dialog.getByLabel('Last name').fill(`Hansen${suffix}`);
    await dialog.getByRole('textbox', { name: 'Email' }).fill(`lars.${suffix}@em.example.dk`);
    await shoot('user-create');
    await dialog.getByRole('button', { name: 'Create user' }).click();
    await page.getByTestId('created-username').waitFor();
    await page.getByText('It is not emailed', { exact: false }).waitFor();
    await shoot('user-created');
    await page.getByRole('dialog').getByRole('button', { name: 'Close' }).click();
    await page.locator('tr', { hasText: `Lars Hansen${suffix}` }).waitFor();

    const me = page.locator('tr', { hasText: `Koordinator${suffix}` });
    await me.getByRole('button', { name: 'Remove user' }).click();
    await page.getByRole('dialog').getByRole('button', { name: 'Remove user' }).click();
    await page.getByRole('dialog').getByRole('alert').waitFor();
    await shoot('user-remove-refused');
    await page.getByRole('dialog').getByRole('button', { name: 'Cancel' }).click();
  }, 60_000);
});
