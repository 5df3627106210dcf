import type { Page } from 'playwright-core';
import { launchBrowser, type TestBrowser } from './browser';
import { api, call, cmd, created, dkCa, dkCoord, reqCoordHandler, reqHandler, setFlags, subjectName, useRequestWorld, type TestUser } from './requestWorld';

/**
 * The approval procedure (5.3.7) in the console, in Debian's chromium against the real API: the
 * requester's request coordinator finds the request in its action list, sees no personal data,
 * must give remarks to refuse (the dialog says so), refuses, and approves the resubmitted request.
 * Users call with personal API tokens (test/requestWorld.ts), which the console sends like the
 * operator token.
 */

describe('console request approval by the coordinator', () => {
  useRequestWorld();
  let browser: TestBrowser;
  let page: Page;
  const shoot = (name: string) => browser.shoot(name);

  /** Opens the console as `who` with its personal API token. */
  const openAs = async (who: TestUser, path: string) => {
    await browser.openWithToken(api.url, who.bearer!, path);
  };

  beforeAll(async () => {
    browser = await launchBrowser();
    page = browser.page;
  }, 60_000);

  afterAll(async () => {
    await browser?.close();
  });

  it('lets the coordinator refuse with remarks, then approve the resubmitted request', async () => {
    await setFlags(dkCa, { ca: { approvalRequired: true } });
    await setFlags(dkCoord, { coordinator: { approvesRequests: true } });
    try {
      const draft = await created();
      const id = draft.request.id as string;
      const number = draft.request.number as string;
      expect((await cmd(id, 'send', reqHandler)).request.status).toBe('request-pending-approval');

      await openAs(reqCoordHandler, '/');
      const row = page.getByTestId('action-list').getByRole('row').filter({ hasText: number });
      await row.getByText('Approve or refuse the request').waitFor();
      await row.locator('[data-status="request-pending-approval"]').waitFor();
      await row.click();

      await page.getByTestId('request-number').filter({ hasText: number }).waitFor();
      // coordinators never see personal data
      await page.getByTestId('personal-data-hidden').getByText('Only the authorities taking part in the exchange see it.').waitFor();
      expect(await page.getByText(subjectName).count()).toBe(0);
      // only the approval commands
      const commands = await page.locator('[data-testid="request-actions"] [data-command]').evaluateAll((els) => els.map((e) => e.getAttribute('data-command')));
      expect(commands).toEqual(expect.arrayContaining(['approve-request', 'refuse-request']));
      expect(commands).not.toContain('send');
      expect(commands).not.toContain('accept');

      await page.locator('[data-command="refuse-request"]').click();
      const dialog = page.getByRole('dialog');
      await dialog.getByRole('button', { name: 'Refuse approval' }).click();
      await dialog.getByText('Required').waitFor();
      await dialog.getByRole('textbox', { name: 'Remarks' }).fill('Add the legal basis.');
      await shoot('request-refuse-approval');
      await dialog.getByRole('button', { name: 'Refuse approval' }).click();
      await page.locator('[data-status="request-approval-refused"]').first().waitFor();
      await page.getByTestId('case-timeline').getByText('Request approval refused').waitFor();
      expect(await page.locator('[data-command="approve-request"]').count()).toBe(0);

      // the requester edits and sends again; the coordinator approves
      expect((await cmd(id, 'send', reqHandler)).request.status).toBe('request-pending-approval');
      await page.reload();
      await page.locator('[data-command="approve-request"]').click();
      await page.getByRole('dialog').getByRole('button', { name: 'Approve request' }).click();
      await page.locator('[data-status="awaiting-acceptance"]').first().waitFor();
      await page.getByTestId('case-timeline').getByText('Request approved').waitFor();
      await shoot('request-approved');

      // the same page in Danish
      await page.getByRole('button', { name: 'English' }).click();
      await page.getByRole('menuitem', { name: 'Dansk' }).click();
      await page.locator('[data-status="awaiting-acceptance"]').getByText('Afventer accept').waitFor();
      await page.getByText('Spørgsmål og svar').waitFor();
      await page.getByTestId('case-timeline').getByText('Forespørgsel godkendt').waitFor();
      await page.getByRole('menuitem', { name: 'Handlingsliste' }).waitFor();
      await shoot('request-approved-da');
      expect((await call('GET', `/api/requests/${id}`, reqHandler)).body.request.status).toBe('awaiting-acceptance');
      expect(browser.pageErrors).toEqual([]);
    } finally {
      await setFlags(dkCa, {});
      await setFlags(dkCoord, {});
    }
  }, 120_000);
});
