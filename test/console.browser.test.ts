import { launchBrowser, type TestBrowser } from './browser';
import { startTestApi, waitFor } from './stack';
import type { Page } from 'playwright-core';

/**
 * The console as an operator uses it, in Debian's chromium against the real API (which serves the
 * built console): sign in with the operator token, find a case workflow, read its history, open
 * the contact checks, switch to Danish. Set SCREENSHOT_DIR to keep a picture of each screen.
 */

describe('operations console', () => {
  let api: Awaited<ReturnType<typeof startTestApi>>;
  let browser: TestBrowser;
  let page: Page;
  let pageErrors: string[] = [];
  let keyWarnings: string[] = [];
  const authorityRef = `DK-BROWSER-${Date.now().toString(36).toUpperCase()}`;
  let workflowId: string;

  const shoot = (name: string) => browser.shoot(name);

  beforeAll(async () => {
    browser = await launchBrowser();
    ({ page, pageErrors, keyWarnings } = browser);
    api = await startTestApi();

    // A case, so there is at least one workflow with a history and one contact check to see.
    const opened = await fetch(`${api.url}/api/contact-checks`, {
      method: 'POST',
      headers: { Authorization: `Bearer ${api.token}`, 'Content-Type': 'application/json' },
      body: JSON.stringify({ authorityRef, countryCode: 'DK', contactEmail: 'browser-test@erst.example.dk', language: 'da' }),
    });
    expect(opened.status).toBe(201);
    workflowId = ((await opened.json()) as { workflowId: string }).workflowId;
    // Two more, one of them withdrawn, so lists and counts show more than one status.
    const others = await Promise.all(
      [['SE', 'en'], ['DE', 'de']].map(async ([countryCode, language]) => {
        const response = await fetch(`${api.url}/api/contact-checks`, {
          method: 'POST',
          headers: { Authorization: `Bearer ${api.token}`, 'Content-Type': 'application/json' },
          body: JSON.stringify({ authorityRef: `${countryCode}-${authorityRef.slice(3)}`, countryCode, contactEmail: `check@authority.example.${countryCode.toLowerCase()}`, language }),
        });
        expect(response.status).toBe(201);
        return (await response.json()) as { id: string };
      }),
    );
    const withdrawn = await fetch(`${api.url}/api/contact-checks/${others[1].id}/withdraw`, {
      method: 'POST',
      headers: { Authorization: `Bearer ${api.token}`, 'Content-Type': 'application/json' },
      body: JSON.stringify({ reason: 'Opened for the wrong authority' }),
    });
    expect(withdrawn.status).toBe(200);
    // Temporal's visibility store is eventually consistent: wait until the list shows the workflow.
    await waitFor(async () => {
      const response = await fetch(`${api.url}/api/ops/workflows?workflowIdPrefix=${encodeURIComponent(workflowId)}`, {
        headers: { Authorization: `Bearer ${api.token}` },
      });
      const body = (await response.json()) as { items?: unknown[] };
      return response.ok && (body.items?.length ?? 0) > 0;
    }, 'the workflow to appear in the visibility list');

  }, 120_000);

  afterAll(async () => {
    await browser?.close();
    await api?.close();
  });

  it('asks for the operator token and refuses a wrong one', async () => {
    await page.goto(`${api.url}/`);
    await page.getByRole('tab', { name: 'Operator token' }).click();
    await page.getByLabel('Operator token').fill('not-the-operator-token');
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.getByText('The operator token was not accepted.').waitFor();
  });

  it('signs in and shows the dashboard with the workflow counts', async () => {
    await page.getByLabel('Operator token').fill(api.token);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.getByTestId('dashboard-workflow-counts').waitFor();
    await page.getByText('Case workflows in Temporal').waitFor();
    await shoot('dashboard');
  });

  it('lists the workflows and opens one with its history timeline', async () => {
    await page.getByRole('menuitem', { name: 'Workflows' }).click();
    await page.getByTestId('workflow-status-counts').waitFor();
    const row = page.locator('tr', { hasText: workflowId });
    await row.first().waitFor();
    expect(await page.locator('tbody tr').count()).toBeGreaterThanOrEqual(1);
    await shoot('workflows');

    await row.first().click();
    await page.getByTestId('workflow-header').waitFor();
    await page.getByText('Pending activities').waitFor();
    await shoot('workflow');

    await page.getByRole('tab', { name: 'History' }).click();
    await page.getByTestId('history-timeline').waitFor();
    await page.getByTestId('timeline-entry').first().waitFor();
    expect(await page.getByTestId('timeline-entry').count()).toBeGreaterThanOrEqual(1);
    await shoot('workflow-history');
  }, 60_000);

  it('lists each run of a reset workflow as its own row and opens the earlier run with its history', async () => {
    const headers = { Authorization: `Bearer ${api.token}`, 'Content-Type': 'application/json' };
    const opened = await fetch(`${api.url}/api/contact-checks`, {
      method: 'POST',
      headers,
      body: JSON.stringify({ authorityRef: `FI-${authorityRef.slice(3)}`, countryCode: 'FI', contactEmail: 'reset@authority.example.fi', language: 'en' }),
    });
    expect(opened.status).toBe(201);
    const resetId = ((await opened.json()) as { workflowId: string }).workflowId;
    // A reset needs a completed workflow task to go back to.
    await waitFor(async () => {
      const response = await fetch(`${api.url}/api/ops/workflows/${encodeURIComponent(resetId)}`, { headers });
      return response.ok && ((await response.json()) as { reset: { possible: boolean } }).reset.possible;
    }, 'the workflow to have a reset point');
    const reset = await fetch(`${api.url}/api/ops/workflows/${encodeURIComponent(resetId)}/reset`, {
      method: 'POST',
      headers,
      body: JSON.stringify({ to: 'first-workflow-task', reason: 'Browser test: two runs of one workflow' }),
    });
    expect(reset.status).toBe(200);
    const { runId: earlierRunId, newRunId } = (await reset.json()) as { runId: string; newRunId: string };
    await waitFor(async () => {
      const response = await fetch(`${api.url}/api/ops/workflows?workflowIdPrefix=${encodeURIComponent(resetId)}`, { headers });
      return response.ok && ((await response.json()) as { items: unknown[] }).items.length === 2;
    }, 'both runs to appear in the visibility list');

    await page.getByRole('menuitem', { name: 'Workflows' }).click();
    await page.getByLabel('Workflow id starts with').fill(resetId);
    const rows = page.locator('tbody tr', { hasText: resetId });
    // The filter applies after a short debounce: wait until the list shows only this workflow.
    await waitFor(
      async () => (await page.locator('tbody tr').count()) === 2 && (await rows.count()) === 2,
      'the list to show the two runs of the reset workflow',
    );
    // The new run is running; the earlier one (terminated by the reset) carries the chip.
    const earlierRow = rows.filter({ has: page.getByTestId('earlier-run') });
    expect(await earlierRow.count()).toBe(1);
    await earlierRow.getByText('Terminated').waitFor();
    await rows.filter({ hasNot: page.getByTestId('earlier-run') }).getByText('Running').waitFor();
    await shoot('workflows-runs');

    // The row opens its own run, not the latest one.
    await earlierRow.getByText('Terminated').click();
    const header = page.getByTestId('workflow-header');
    await header.getByText(earlierRunId).waitFor();
    await page.getByTestId('earlier-run-notice').getByText(newRunId).waitFor();
    await page.getByRole('tab', { name: 'History' }).click();
    await page.getByTestId('history-timeline').getByText(/^Workflow terminated/).waitFor();
    await shoot('workflow-earlier-run');

    // From the earlier run to the current one, and back.
    await page.getByRole('link', { name: 'Open the current run' }).click();
    await header.getByText(newRunId).waitFor();
    expect(await page.getByTestId('earlier-run-notice').count()).toBe(0);
    await page.goBack();
    await header.getByText(earlierRunId).waitFor();

    // Actions act on the run the page shows: resetting the earlier run starts a third run, and
    // the page follows it.
    await page.getByRole('button', { name: 'Reset' }).click();
    await page.getByRole('menuitem', { name: 'Reset to first workflow task' }).click();
    const dialog = page.getByRole('dialog');
    await dialog.getByLabel('Reason').fill('Browser test: reset the earlier run');
    await dialog.getByRole('button', { name: 'Confirm' }).click();
    const done = page.getByText(/^Workflow reset\. New run: /);
    await done.waitFor();
    const thirdRunId = ((await done.textContent()) ?? '').replace(/^Workflow reset\. New run: /, '').trim();
    expect([earlierRunId, newRunId]).not.toContain(thirdRunId);
    await header.getByText(thirdRunId).waitFor();
    expect(await page.getByTestId('earlier-run-notice').count()).toBe(0);

    // The audit names the operator in words, not as an id, and the second reset was of the earlier run.
    await page.getByRole('tab', { name: 'Audit' }).click();
    await waitFor(async () => (await page.getByTestId('actor').count()) === 2, 'both resets in the audit');
    expect(await page.getByTestId('actor').allTextContents()).toEqual(['Operator', 'Operator']);
    await page.locator('tbody tr').first().getByText(`runId: ${earlierRunId}`, { exact: false }).waitFor();

    expect(keyWarnings).toEqual([]);
  }, 60_000);

  it('lists the contact checks and shows one with its deadline and timeline', async () => {
    await page.getByRole('menuitem', { name: 'Contact checks' }).click();
    const row = page.locator('tr', { hasText: authorityRef });
    await row.first().waitFor();

    await row.first().click();
    await page.getByTestId('deadline').waitFor();
    await page.getByTestId('case-timeline').waitFor();
    // Actors in words: "by Operator", not "by operator:operator".
    await page.getByTestId('case-timeline').getByText('by Operator', { exact: true }).first().waitFor();
    expect(await page.getByTestId('case-timeline').textContent()).not.toMatch(/operator:/);
    await shoot('contact-check');
  }, 60_000);

  it('confirms the contact check from its page and shows the new status and timeline entry', async () => {
    await page.getByRole('button', { name: 'Confirm' }).click();
    const dialog = page.getByRole('dialog');
    await dialog.getByLabel('Note (optional)').fill('Checked by phone');
    await dialog.getByRole('button', { name: 'Confirm' }).click();
    await page.getByText('Contact check confirmed.').waitFor();
    await page.getByTestId('case-timeline').getByText('Confirmed').waitFor();
    await page.locator('[data-status="confirmed"]').first().waitFor();
    // Confirm and Withdraw are offered only while the check waits for an answer.
    expect(await page.getByRole('button', { name: 'Withdraw' }).count()).toBe(0);
  }, 60_000);

  it('switches to Danish from the app bar', async () => {
    await page.getByRole('button', { name: 'English' }).click();
    await page.getByRole('menuitem', { name: 'Dansk' }).click();
    await page.getByRole('menuitem', { name: 'Kontaktkontroller' }).waitFor();
    await page.getByText('Sager', { exact: true }).waitFor();
    await page.getByRole('menuitem', { name: 'Arbejdsgange' }).click();
    await page.getByTestId('workflow-status-counts').getByText(/^Kører/).waitFor();
    await shoot('workflows-da');
    expect(pageErrors).toEqual([]);
    expect(keyWarnings).toEqual([]);
  }, 60_000);
});
