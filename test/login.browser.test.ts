import type { Page } from 'playwright-core';
import { createUser } from '../api/auth/users';
import { demoAuthorityIds, loadDemoAuthorities } from '../schema/demoAuthorities';
import { launchBrowser, type TestBrowser } from './browser';
import { caughtEmails, startTestApi, waitFor } from './stack';

/**
 * A person's way into the console, in Debian's chromium against the real API: the first login
 * (temporary password from the email → new password → security code chosen and confirmed), log
 * out, log in again with 3 characters of the code, the login page in Danish, My account, and the
 * authority directory. Set SCREENSHOT_DIR to keep a picture of each screen.
 */

const newPassword = 'Harbour-lights-2026';
const securityCode = 'Kx7#mP2!qR9z';

describe('console login and authority directory', () => {
  let api: Awaited<ReturnType<typeof startTestApi>>;
  let browser: TestBrowser;
  let page: Page;
  const suffix = Date.now().toString(36);
  const person = { firstName: 'Birgitte', lastName: `Nyborg${suffix}`, email: `birgitte.${suffix}@erst.example.dk` };
  let username: string;

  const shoot = (name: string) => browser.shoot(name);

  beforeAll(async () => {
    browser = await launchBrowser();
    page = browser.page;
    api = await startTestApi({ withWorker: false });
    await loadDemoAuthorities(api.deps.orm);
    ({ username } = await createUser(api.deps.orm.em.fork(), api.deps.mailer, {
      ...person,
      // helpdesk: sees the dashboard's workflow counts and the authority directory
      roles: [{ role: 'system-admin' }],
      loginUrl: `${api.url}/`,
    }));
    // a user of the Paris prefecture, whose password the helpdesk resets from the authority's page
    await createUser(api.deps.orm.em.fork(), api.deps.mailer, {
      firstName: 'Jeanne',
      lastName: `Martin${suffix}`,
      email: `jeanne.${suffix}@prefpolice.example.fr`,
      preferredLanguage: 'fr',
      authorityId: demoAuthorityIds.prefecturePolice,
      roles: [{ role: 'ordinary-user' }],
      loginUrl: `${api.url}/`,
    });
  }, 120_000);

  afterAll(async () => {
    await browser?.close();
    await api?.close();
  });

  async function temporaryPassword(): Promise<string> {
    const mails = await waitFor(async () => {
      const all = (await caughtEmails(person.email)).filter((m) => /temporary/i.test(m.subject));
      return all.length > 0 && all;
    }, 'the temporary password email');
    return mails[0]!.text.match(/password is: (\S+)/)![1]!;
  }

  async function enterCredentials(password: string) {
    await page.getByLabel('Username').fill(username);
    await page.getByLabel('Password', { exact: true }).fill(password);
    await page.getByRole('button', { name: 'Next' }).click();
  }

  it('refuses a wrong password in words', async () => {
    await page.goto(`${api.url}/`);
    await page.getByRole('tab', { name: 'User login' }).waitFor();
    await shoot('login');
    await enterCredentials('not-the-password');
    await page.getByRole('alert').getByText('The username, password or security code is not right.', { exact: false }).waitFor();
  });

  it('goes through the first login: new password, then the security code chosen and confirmed', async () => {
    await enterCredentials(await temporaryPassword());
    await page.getByText('Choose a new password').waitFor();
    // the API's policy: a short password is refused with the reason under the input
    await page.getByLabel('New password', { exact: true }).fill('short1');
    await page.getByLabel('Repeat the new password').fill('short1');
    await page.getByRole('button', { name: 'Next' }).click();
    await page.getByText('must be at least 12 characters long', { exact: false }).waitFor();
    await shoot('login-new-password');

    await page.getByLabel('New password', { exact: true }).fill(newPassword);
    await page.getByLabel('Repeat the new password').fill(newPassword);
    await page.getByRole('button', { name: 'Next' }).click();
    await page.getByText('Choose your security code').waitFor();
    await page.getByLabel('Security code', { exact: true }).fill(securityCode);
    await page.getByLabel('Repeat the security code').fill(securityCode);
    await shoot('login-choose-code');
    await page.getByRole('button', { name: 'Save the code and sign in' }).click();
    await page.getByTestId('dashboard-workflow-counts').waitFor();
    await page.getByText(`${person.firstName} ${person.lastName}`).waitFor();
  }, 60_000);

  it('logs out and in again with 3 characters of the security code', async () => {
    await page.getByRole('button', { name: 'Profile' }).click();
    await page.getByRole('menuitem', { name: 'Logout' }).click();
    await page.getByRole('tab', { name: 'User login' }).waitFor();

    await enterCredentials(newPassword);
    const prompt = page.getByText(/^Enter characters \d+, \d+ and \d+ of your security code\.$/);
    await prompt.waitFor();
    const positions = ((await prompt.textContent()) ?? '').match(/\d+/g)!.map(Number);
    expect(positions).toHaveLength(3);
    for (const position of positions) {
      const box = page.getByLabel(`Character ${position}`, { exact: true });
      expect(await box.getAttribute('type')).toBe('password');
      await box.fill(securityCode[position - 1]!);
    }
    await shoot('login-security-code');
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.getByTestId('dashboard-workflow-counts').waitFor();
    await page.getByText(`${person.firstName} ${person.lastName}`).waitFor();
    await shoot('dashboard-user');
  }, 60_000);

  it('keeps the session over a reload and changes with the CSRF token (an API token on My account)', async () => {
    await page.reload();
    await page.getByText(`${person.firstName} ${person.lastName}`).waitFor();
    await page.getByRole('button', { name: 'Profile' }).click();
    await page.getByRole('menuitem', { name: 'My account' }).click();
    await page.getByText('You have no API tokens.').waitFor();
    await page.getByLabel('Name', { exact: true }).fill('Nightly export');
    await page.getByRole('button', { name: 'Create token' }).click();
    const created = page.getByTestId('new-api-token');
    await created.getByText(/^lsn_/).waitFor();
    await page.getByRole('cell', { name: 'Nightly export' }).waitFor();
    await shoot('account');
  }, 60_000);

  it('finds the Paris prefecture in the directory by its exact accented name and shows all its data', async () => {
    await page.getByRole('menuitem', { name: 'Authorities' }).click();
    await page.locator('tbody tr').first().waitFor();
    await page.getByLabel('Search mode').click();
    await page.getByRole('option', { name: 'Exact text (as IMI)' }).click();
    await page.getByPlaceholder('Search name, title or description').fill('préfecture');
    const paris = page.locator('tbody tr', { hasText: 'Préfecture de police de Paris' });
    // "préfecture" as typed (accent and all): the Paris prefecture and Stockholm's (French title "Préfecture du comté"), nothing else
    await waitFor(async () => (await page.locator('tbody tr').count()) === 2 && (await paris.count()) === 1, 'the exact search result');
    await shoot('authorities');
    await paris.click();
    await page.getByRole('heading', { name: 'Préfecture de police de Paris' }).waitFor();
    await page.getByText('Informal titles').waitFor();
    await page.getByText('Paris police headquarters').waitFor();
    await page.getByText('Flags', { exact: true }).first().waitFor();
    await shoot('authority');
    await page.mouse.wheel(0, 900);
    await shoot('authority-areas');

    // the helpdesk resets a user's forgotten password from the authority's page
    const users = page.getByTestId('authority-users');
    const jeanne = users.locator('tr', { hasText: `Jeanne Martin${suffix}` });
    await jeanne.scrollIntoViewIfNeeded();
    await shoot('authority-users');
    await jeanne.getByRole('button', { name: 'Reset password' }).click();
    await page.getByRole('dialog').getByRole('button', { name: 'Confirm' }).click();
    await page.getByText(`The password of Jeanne Martin${suffix} was reset`, { exact: false }).waitFor();
    await waitFor(async () => (await caughtEmails(`jeanne.${suffix}@prefpolice.example.fr`)).some((m) => /reset|réinitialisé/i.test(m.subject)), 'the reset email');
  }, 60_000);

  it('opens the reference data', async () => {
    await page.getByRole('menuitem', { name: 'Question sets' }).click();
    await page.locator('tbody tr').first().waitFor();
    await page.locator('tbody tr').first().click();
    await shoot('question-sets');
  }, 60_000);

  it('shows the login page in Danish', async () => {
    await page.getByRole('button', { name: 'English' }).click();
    await page.getByRole('menuitem', { name: 'Dansk' }).click();
    await page.getByRole('menuitem', { name: 'Myndigheder' }).waitFor();
    await page.getByRole('button', { name: 'Profil' }).click();
    await page.getByRole('menuitem', { name: 'Log ud' }).click();
    await page.getByRole('tab', { name: 'Brugerlogin' }).waitFor();
    await page.getByLabel('Brugernavn').waitFor();
    await page.getByText('Bed din lokale dataadministrator om at nulstille din adgangskode.', { exact: false }).waitFor();
    await shoot('login-da');
    expect(browser.pageErrors).toEqual([]);
    expect(browser.keyWarnings).toEqual([]);
  }, 60_000);
});
