import type { Page } from 'playwright-core';
import { anAuthority, apiClient, registerAuthority, type Caller } from './apiClient';
import { launchBrowser, type TestBrowser } from './browser';
import { startTestApi } from './stack';

/**
 * Editing an authority's data in the console, in Debian's chromium against the real API: the
 * authority's local data administrator changes its contact email and Danish informal title (the
 * official name stays out of reach), sees the API's field message for a bad email, and the data
 * administrator of its validating coordinator may rename it. Authorities of their own, so the
 * demo data other tests read stays as it is.
 */

describe('console authority edit', () => {
  let api: Awaited<ReturnType<typeof startTestApi>>;
  let browser: TestBrowser;
  let page: Page;
  let nimic: Awaited<ReturnType<typeof registerAuthority>>;
  let ca: Awaited<ReturnType<typeof registerAuthority>>;
  let caBody: ReturnType<typeof anAuthority>;
  const nimicBody = anAuthority('NIMIC');
  const shoot = (name: string) => browser.shoot(name);
  const { call, firstLoginSession } = apiClient(() => api.url);

  /** Hands `who`'s session cookie to the browser and opens the authority's page afresh. */
  const openAs = async (who: Caller, authorityId: string) => {
    await browser.context.clearCookies();
    const [name, ...value] = who.cookie!.split('=');
    await browser.context.addCookies([{ name: name!, value: value.join('='), url: api.url }]);
    await page.goto(`${api.url}/#/authorities/${authorityId}/show`);
    // the console keeps the session in memory: a reload makes it ask /api/auth/me for the new one
    await page.reload();
    await page.getByRole('heading', { level: 1 }).waitFor();
  };

  beforeAll(async () => {
    browser = await launchBrowser();
    page = browser.page;
    api = await startTestApi();
    nimic = await registerAuthority(call, firstLoginSession, { bearer: api.token }, nimicBody);
    caBody = anAuthority('CA', 'CA', { languages: ['de', 'en', 'da'] });
    ca = await registerAuthority(call, firstLoginSession, nimic.session, caBody);
  }, 120_000);

  afterAll(async () => {
    await browser?.close();
    await api?.close();
  });

  it('lets the local data administrator change the contact email and the Danish title, not the official name', async () => {
    await openAs(ca.session, ca.id);
    await page.getByRole('link', { name: 'Edit' }).click();
    const officialName = page.getByRole('textbox', { name: 'Official name' });
    await officialName.waitFor();
    expect(await officialName.inputValue()).toBe(caBody.officialName);
    expect(await officialName.isDisabled()).toBe(true);
    await page.getByText('Changed only by the validating coordinator or the helpdesk.').waitFor();

    // a bad email comes back from the API as a message under its input
    const email = page.getByRole('textbox', { name: 'Email', exact: true });
    await email.fill('not-an-email');
    // and an address line over 200 characters: the API's `addressLines.1` message goes under the one Address input
    const address = page.getByRole('textbox', { name: 'Address' });
    await address.fill(`Hauptstraße 1\n${'x'.repeat(201)}`);
    await page.getByRole('button', { name: 'Save' }).click();
    const emailHelp = page.locator('.ra-input-contactEmail .MuiFormHelperText-root');
    await emailHelp.filter({ hasText: /email/i }).waitFor();
    expect(await emailHelp.textContent()).toMatch(/invalid email/i);
    expect(await page.locator('.ra-input-addressLines .MuiFormHelperText-root').textContent()).toMatch(/200/);
    await shoot('authority-edit-invalid-email');

    const newEmail = `imi-${Date.now().toString(36)}@authority.example.at`;
    await email.fill(newEmail);
    await address.fill('Hauptstraße 1');
    await page.getByRole('textbox', { name: 'Informal title (Danish)' }).fill('Østrigsk testmyndighed');
    await shoot('authority-edit');
    await page.getByRole('button', { name: 'Save' }).click();

    await page.waitForURL(/\/show$/);
    await page.getByRole('link', { name: newEmail }).waitFor();
    await page.getByRole('cell', { name: 'Østrigsk testmyndighed' }).waitFor();
    await shoot('authority-edited');
    const stored = await call('GET', `/api/authorities/${ca.id}`, ca.session);
    expect(stored.body).toMatchObject({ contactEmail: newEmail, addressLines: ['Hauptstraße 1'], officialName: caBody.officialName, informalTitle: { da: 'Østrigsk testmyndighed' } });
  }, 90_000);

  it("offers no Edit button on another authority's page", async () => {
    await page.goto(`${api.url}/#/authorities/${nimic.id}/show`);
    await page.getByRole('heading', { level: 1, name: nimicBody.officialName }).waitFor();
    expect(await page.getByRole('link', { name: 'Edit' }).count()).toBe(0);
    // and its edit address says why instead of offering a form
    await page.goto(`${api.url}/#/authorities/${nimic.id}`);
    await page.getByText("Only the authority's local data administrators").waitFor();
    expect(await page.getByRole('button', { name: 'Save' }).count()).toBe(0);
  }, 30_000);

  it("lets the validating coordinator's data administrator change the official name", async () => {
    await openAs(nimic.session, ca.id);
    await page.getByRole('link', { name: 'Edit' }).click();
    const officialName = page.getByRole('textbox', { name: 'Official name' });
    await officialName.waitFor();
    expect(await officialName.isDisabled()).toBe(false);
    await officialName.fill(`${caBody.officialName} (renamed)`);
    await page.getByRole('button', { name: 'Save' }).click();
    await page.getByRole('heading', { level: 1, name: `${caBody.officialName} (renamed)` }).waitFor();
  }, 60_000);

  it('shows the reason of a 403 when the rights went while the form was open', async () => {
    await openAs(ca.session, ca.id);
    await page.getByRole('link', { name: 'Edit' }).click();
    const phone = page.getByRole('textbox', { name: 'Phone' });
    await phone.waitFor();
    // another local data administrator takes this one's role away (the API reads the roles afresh on every call)
    const other = await call('POST', '/api/users', ca.session, {
      authorityId: ca.id,
      firstName: 'Maria',
      lastName: 'Bauer',
      email: `second-lda-${Date.now().toString(36)}@authority.example.at`,
      roles: [{ role: 'local-data-administrator' }],
    });
    expect(other.status).toBe(201);
    const demoted = await call('PATCH', `/api/users/${ca.answer.body.superuser.id}/roles`, ca.session, { roles: [{ role: 'case-handler' }] });
    expect(demoted.status).toBe(200);

    await phone.fill('+43 1 555 0101');
    await page.getByRole('button', { name: 'Save' }).click();
    await page.getByText("Only the authority's local data administrators, its validating coordinator or the helpdesk may change its data.").waitFor();
    await shoot('authority-edit-refused');
    expect((await call('GET', `/api/authorities/${ca.id}`, nimic.session)).body.phone).toBeNull();
  }, 60_000);
});
