import { randomUUID } from 'node:crypto';
import type { Page } from 'playwright-core';
import { createUser } from '../api/auth/users';
import { apiClient, type Caller } from './apiClient';
import { launchBrowser, type TestBrowser } from './browser';
import { anAuthority, api, area, q1, q2, questionSet, useRequestApi, type TestAuthority } from './requestWorld';

/**
 * The console's request dialogs in Debian's chromium against the real API and workflow (domain.md
 * §5, manual 5.3.2–5.3.4, ch. 7): forward to another authority of the responder's country (picked
 * in the directory, with a reason), reject (only with the flag; reason required), split, additional
 * information requested by the requester, then accepted or refused by the responder, and the
 * Commission's decision on a notification of measures (the helpdesk). Each dialog
 * first refuses an empty required input under the input itself, then does the command; the
 * other side then sees the outcome. Authorities of their own, inserted directly.
 */

jest.setTimeout(120_000);
useRequestApi();

const { call, firstLoginSession } = apiClient(() => api.url);

interface SessionUser extends Caller {
  lastName: string;
}

/** A user of `authority` with `roles`, logged in once (a session cookie for the browser, CSRF for the API). */
async function aSessionUser(authority: TestAuthority, ...roles: string[]): Promise<SessionUser> {
  const tag = randomUUID().slice(0, 8);
  const email = `dialogs-${tag}@authority.example.eu`;
  const lastName = `Dialogs ${tag}`;
  const { username } = await createUser(api.deps.orm.em.fork(), api.deps.mailer, {
    firstName: 'Test',
    lastName,
    email,
    authorityId: authority.id,
    roles: roles.map((role) => ({ role })) as never,
    loginUrl: 'http://localhost/login',
  });
  return { ...(await firstLoginSession(username, email)), lastName };
}

let browser: TestBrowser;
let page: Page;
let dkCa: TestAuthority, deCa: TestAuthority, deCa2: TestAuthority, deRejecting: TestAuthority;
let requester: SessionUser, responder: SessionUser, forwardTarget: SessionUser, rejecter: SessionUser;
const targetName = () => `Request test CA ${deCa2.id.slice(0, 8)}`;

beforeAll(async () => {
  browser = await launchBrowser();
  page = browser.page;
  dkCa = await anAuthority('DK', 'CA', ['authority']);
  deCa = await anAuthority('DE', 'CA', ['authority']);
  deCa2 = await anAuthority('DE', 'CA', ['authority']);
  deRejecting = await anAuthority('DE', 'CA', ['authority'], { ca: { mayRejectForCountry: true } });
  requester = await aSessionUser(dkCa, 'case-handler');
  responder = await aSessionUser(deCa, 'case-handler');
  forwardTarget = await aSessionUser(deCa2, 'case-handler');
  rejecter = await aSessionUser(deRejecting, 'case-handler');
}, 120_000);

afterAll(async () => {
  await browser?.close();
});

async function ok(method: string, route: string, who: Caller, body?: unknown, expected = 200) {
  const answer = await call(method, route, who, body);
  if (answer.status !== expected) throw new Error(`${method} ${route} answered ${answer.status}: ${JSON.stringify(answer.body)}`);
  return answer.body;
}

/** A request from the DK requester to `to`, sent through the API; its id and number. */
async function sentTo(to: TestAuthority, subject: string) {
  const draft = await ok(
    'POST',
    '/api/requests',
    requester,
    {
      legislationArea: area,
      questionSet,
      respondingAuthorityId: to.id,
      deadline: '2030-01-31',
      caseData: { subjectKind: 'provider', name: subject },
      questions: [
        { code: q1, comment: 'Is the provider established in Germany?', commentLanguage: 'en' },
        { code: q2, comment: null },
      ],
      send: true,
    },
    201,
  );
  return { id: draft.request.id as string, number: draft.request.number as string };
}

async function answeredBy(id: string, who: Caller) {
  await ok('POST', `/api/requests/${id}/accept`, who, {});
  const detail = await ok('GET', `/api/requests/${id}`, who);
  await ok('PUT', `/api/requests/${id}/answer-draft`, who, { answers: detail.questions.map((q: { id: string; code: string }) => ({ questionId: q.id, predefinedAnswer: `${q.code}/yes` })) });
  await ok('POST', `/api/requests/${id}/answer`, who);
}

/** Hands `who`'s session cookie to the browser and opens `path` afresh. */
async function openAs(who: Caller, path: string) {
  await browser.openWithSession(api.url, who.cookie!, path);
}

/** Opens the dialog of `command`; confirms it empty first and expects "Required" under the field named `field`. */
async function openDialog(command: string, confirm: string, field?: string) {
  await page.locator(`[data-command="${command}"]`).click();
  const dialog = page.getByRole('dialog');
  await dialog.waitFor();
  if (field) {
    await dialog.getByRole('button', { name: confirm, exact: true }).click();
    await dialog.locator(`[name="${field}"]`).first().locator('xpath=ancestor::div[contains(@class,"MuiFormControl-root")][1]').getByText('Required').waitFor();
    expect(await dialog.isVisible()).toBe(true);
  }
  return dialog;
}

const timeline = () => page.getByTestId('case-timeline');

describe('request dialogs in the console', () => {
  it('forward: the responder picks an authority of its country in the directory and gives a reason; the new responder receives it', async () => {
    const { id, number } = await sentTo(deCa, `Forwarded Provider ${Date.now().toString(36)}`);
    await openAs(responder, `/requests/${id}/show`);
    await page.getByTestId('request-number').filter({ hasText: number }).waitFor();
    // Before accepting: the question comments are there (manual 5.3.2.1), the case data is not.
    await page.getByTestId('question').first().getByText('Is the provider established in Germany?').waitFor();
    await page.getByTestId('personal-data-hidden').waitFor();

    const dialog = await openDialog('forward', 'Forward', 'toAuthorityId');
    await dialog.getByRole('combobox', { name: 'Authority in your country' }).fill(deCa2.id.slice(0, 8));
    await page.getByRole('option', { name: new RegExp(targetName()) }).click();
    await dialog.locator('[name="reason"]').fill('Not competent: the Bundesnetzagentur is.');
    await browser.shoot('request-dialog-forward');
    await dialog.getByRole('button', { name: 'Forward', exact: true }).click();
    await dialog.waitFor({ state: 'hidden' });
    // The forwarding responder no longer sees the request: it is back on its action list, told it went.
    await page.getByText('Request forwarded.').waitFor();
    await page.waitForURL((url) => !url.hash.includes(id));
    expect((await call('GET', `/api/requests/${id}`, responder)).status).toBe(404);

    // The new responder finds it in its action list; the requester sees the reason in the timeline.
    await openAs(forwardTarget, '/');
    const row = page.getByTestId('action-list').getByRole('row').filter({ hasText: number });
    await row.getByText('Accept, reject or forward').waitFor();
    await openAs(requester, `/requests/${id}/show`);
    await timeline().getByText('Forwarded').first().waitFor();
    await timeline().getByText('Not competent: the Bundesnetzagentur is.').waitFor();
    expect(browser.pageErrors).toEqual([]);
  });

  it('reject: only where the flag allows; the reason is required; the request ends and the requester reads why', async () => {
    const { id: notAllowed } = await sentTo(deCa, 'Provider Without Reject Flag');
    await openAs(responder, `/requests/${notAllowed}/show`);
    await page.locator('[data-command="accept"]').waitFor();
    expect(await page.locator('[data-command="reject"]').count()).toBe(0);

    const { id, number } = await sentTo(deRejecting, `Rejected Provider ${Date.now().toString(36)}`);
    await openAs(rejecter, `/requests/${id}/show`);
    await page.getByTestId('request-number').filter({ hasText: number }).waitFor();
    const dialog = await openDialog('reject', 'Reject', 'reason');
    await dialog.locator('[name="reason"]').fill('Outside the scope of the Services Directive.');
    await browser.shoot('request-dialog-reject');
    await dialog.getByRole('button', { name: 'Reject', exact: true }).click();
    await dialog.waitFor({ state: 'hidden' });
    await page.getByText('Request rejected.').waitFor();
    await page.locator('[data-status="rejected"]').first().waitFor();
    expect(await page.locator('[data-testid="request-actions"] [data-command="accept"]').count()).toBe(0);

    await openAs(requester, `/requests/${id}/show`);
    await page.locator('[data-status="rejected"]').first().waitFor();
    await timeline().getByText('Outside the scope of the Services Directive.').waitFor();
    expect(browser.pageErrors).toEqual([]);
  });

  it('a command whose answer was lost applies once when pressed again: the dialog resends it with the same Idempotency-Key', async () => {
    const { id, number } = await sentTo(deRejecting, `Lost Answer Provider ${Date.now().toString(36)}`);
    await openAs(rejecter, `/requests/${id}/show`);
    await page.getByTestId('request-number').filter({ hasText: number }).waitFor();
    // The first reject reaches the API and is applied, but its answer never reaches the browser.
    const { keys, lostStatus } = await browser.withFirstAnswerLost('**/api/requests/*/reject', async () => {
      const dialog = await openDialog('reject', 'Reject', 'reason');
      await dialog.locator('[name="reason"]').fill('Not ours: ask the Land authority.');
      await dialog.getByRole('button', { name: 'Reject', exact: true }).click();
      await dialog.getByText('The Liaison API cannot be reached. Is it running?').waitFor();
      // Pressed again: the same attempt, so the API answers with the first outcome instead of refusing a second reject.
      await dialog.getByRole('button', { name: 'Reject', exact: true }).click();
      await dialog.waitFor({ state: 'hidden' });
      await page.getByText('Request rejected.').waitFor();
      await page.locator('[data-status="rejected"]').first().waitFor();
    });
    expect(lostStatus).toBe(200);
    expect(keys).toHaveLength(2);
    expect(keys[0]).toMatch(/^[0-9a-f]{32}$/);
    expect(keys[1]).toBe(keys[0]);
    // Applied once: one rejection in the timeline, with its reason once.
    const seen = await ok('GET', `/api/requests/${id}`, requester);
    expect(seen.timeline.filter((e: { action: string }) => e.action === 'rejected')).toHaveLength(1);
    expect(browser.pageErrors).toEqual([]);
  });

  it('split: the responder moves a question to another authority of its country; the new request arrives there', async () => {
    const { id, number } = await sentTo(deCa, `Split Provider ${Date.now().toString(36)}`);
    await ok('POST', `/api/requests/${id}/accept`, responder, {});
    await openAs(responder, `/requests/${id}/show`);
    await page.getByTestId('request-number').filter({ hasText: number }).waitFor();
    const dialog = await openDialog('split', 'Split', 'toAuthorityId');
    // The questions and the reason are flagged with the authority (every empty required input at once).
    await dialog.locator('[name="reason"]').locator('xpath=ancestor::div[contains(@class,"MuiFormControl-root")][1]').getByText('Required').waitFor();
    await dialog.getByText('Questions that move to the new request').locator('xpath=ancestor::fieldset[1]').getByText('Required').waitFor();
    await dialog.getByRole('combobox', { name: 'Authority in your country' }).fill(deCa2.id.slice(0, 8));
    await page.getByRole('option', { name: new RegExp(targetName()) }).click();
    await dialog.getByRole('checkbox').nth(1).check();
    await dialog.locator('[name="reason"]').fill('The register question is for the Bundesnetzagentur.');
    await dialog.getByRole('button', { name: 'Split', exact: true }).click();
    await dialog.waitFor({ state: 'hidden' });
    await page.getByText('Request split.').waitFor();
    // The original keeps the first question only; the new request waits at the other authority.
    await page.getByTestId('question').first().waitFor();
    expect(await page.getByTestId('question').count()).toBe(1);
    await openAs(forwardTarget, '/');
    const row = page.getByTestId('action-list').getByRole('row').filter({ hasText: 'Accept, reject or forward' }).filter({ hasNotText: number });
    await row.first().waitFor();
    expect(browser.pageErrors).toEqual([]);
  });

  it('Commission decision: the helpdesk stops notified measures during the waiting period', async () => {
    const draft = await ok(
      'POST',
      '/api/requests',
      requester,
      {
        legislationArea: area,
        questionSet: 'services-derogation-notification',
        respondingAuthorityId: deCa.id,
        deadline: '2030-01-31',
        caseData: { subjectKind: 'provider', name: 'Notified Provider' },
        urgent: true,
        questions: [
          { code: 'services-derogation-notification/intended-measures', comment: 'A ban for 6 months.', commentLanguage: 'en' },
          { code: 'services-derogation-notification/urgency', comment: 'Immediate risk.', commentLanguage: 'en' },
        ],
        send: true,
        confirmedChecklist: Array.from({ length: 10 }, (_, i) => i),
      },
      201,
    );
    const id = draft.request.id as string;
    expect(draft.request.status).toBe('measures-waiting-period');
    // The requester has no such button; the helpdesk, signed in with the operator token, has.
    await openAs(requester, `/requests/${id}/show`);
    await page.locator('[data-status="measures-waiting-period"]').first().waitFor();
    expect(await page.locator('[data-command="commission-decision"]').count()).toBe(0);
    await browser.openWithToken(api.url, api.token, `/requests/${id}/show`);
    await browser.shoot('request-helpdesk-waiting');
    const dialog = await openDialog('commission-decision', 'Commission decision', 'decision');
    await dialog.getByRole('radio', { name: 'The measures are stopped' }).check();
    await dialog.getByRole('button', { name: 'Commission decision', exact: true }).click();
    await dialog.waitFor({ state: 'hidden' });
    await page.locator('[data-status="closed"]').first().waitFor();
    expect(await page.locator('[data-command="commission-decision"]').count()).toBe(0);
    await page.evaluate(() => localStorage.removeItem('liaison.operatorToken'));
    expect((await ok('GET', `/api/requests/${id}`, requester)).request.commissionDecision).toBe('measures-stopped');
    expect(browser.pageErrors).toEqual([]);
  });

  it('additional information: the requester asks with a reason, the responder accepts and answers again', async () => {
    const { id, number } = await sentTo(deCa, `More Info Provider ${Date.now().toString(36)}`);
    await answeredBy(id, responder);
    await openAs(requester, `/requests/${id}/show`);
    await page.locator('[data-status="answered"]').first().waitFor();
    const asked = await openDialog('request-additional-info', 'Request additional information', 'reason');
    await asked.locator('[name="reason"]').fill('Please add the date of registration.');
    await browser.shoot('request-dialog-additional-info');
    await asked.getByRole('button', { name: 'Request additional information', exact: true }).click();
    await asked.waitFor({ state: 'hidden' });
    await page.locator('[data-status="additional-info-requested"]').first().waitFor();

    await openAs(responder, '/');
    const row = page.getByTestId('action-list').getByRole('row').filter({ hasText: number });
    await row.getByText('Accept or refuse to give more information').waitFor();
    await row.click();
    await timeline().getByText('Please add the date of registration.').waitFor();
    const accept = await openDialog('accept-additional-info', 'Accept to give more');
    await accept.getByRole('button', { name: 'Accept to give more', exact: true }).click();
    await accept.waitFor({ state: 'hidden' });
    await timeline().getByText('Additional information accepted').first().waitFor();
    // It stays with the responder until it answers again (5.3.4).
    await page.locator('[data-command="answer"]').waitFor();
    expect(await page.locator('[data-command="refuse-additional-info"]').count()).toBe(0);
    expect(browser.pageErrors).toEqual([]);
  });

  it('additional information refused with a reason: the requester may close', async () => {
    const { id } = await sentTo(deCa, `Refused Info Provider ${Date.now().toString(36)}`);
    await answeredBy(id, responder);
    await ok('POST', `/api/requests/${id}/request-additional-info`, requester, { reason: 'Please add the owner’s address.' });

    await openAs(responder, `/requests/${id}/show`);
    const refuse = await openDialog('refuse-additional-info', 'Refuse additional information', 'reason');
    await refuse.locator('[name="reason"]').fill('We hold no more information.');
    await refuse.getByRole('button', { name: 'Refuse additional information', exact: true }).click();
    await refuse.waitFor({ state: 'hidden' });
    await timeline().getByText('Additional information refused').first().waitFor();

    await openAs(requester, `/requests/${id}/show`);
    await timeline().getByText('We hold no more information.').waitFor();
    await page.locator('[data-command="close"]').waitFor();
    await page.locator('[data-command="close"]').click();
    await page.getByRole('dialog').getByRole('button', { name: 'Close', exact: true }).click();
    await page.locator('[data-status="closed"]').first().waitFor();
    expect(browser.pageErrors).toEqual([]);
  });
});
