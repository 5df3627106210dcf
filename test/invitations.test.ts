/**
 * Invitations and the public self-registration through the real HTTP API (domain.md §4, IMI
 * manual 3.1, 9.1.2–9.1.3): a coordinator's drafts, group edit, bulk import, submission with its
 * rejections, the invitation email with the code, the captcha + code check and its refusals, the
 * registration with the username shown once, the emails that follow, validation, and the
 * superuser's first login.
 *
 * Dispatch: the workflow computes the dispatch time from its own clock in the zone given at start
 * (`rules.calendar.zone`). The test sets `deps.registration.invitationRules` to a fixed-offset
 * zone (Etc/GMT±n) where it is now a working day before 10:00, so a submission is sent at once.
 * If no zone on Earth has a working-day morning now (a weekend), the daily threshold is set to 1
 * instead: the submission is blocked and the helpdesk releases it, which also sends at once.
 *
 * Captcha: the test sets `deps.registration.captchaText` to a fixed text, so it knows the answer
 * the way a person reading the picture does; storage, expiry and one use are the real ones. An
 * expired code cannot happen here without waiting 30 days: workflows/invitation/workflow.test.ts
 * (time skipping) covers expiry; the machine's `registrationRefusal` maps it to `code-expired`.
 */
import ExcelJS from 'exceljs';
import { DateTime } from 'luxon';
import { randomUUID } from 'node:crypto';
import { newToken } from '../api/auth/credentials';
import { createUser } from '../api/auth/users';
import type { RegistrationOptions } from '../api/registration/options';
import { demoAuthorityIds, loadDemoAuthorities } from '../schema/demoAuthorities';
import { Authority } from '../schema/entities/authority';
import { ApiToken } from '../schema/entities/identity/apiToken';
import { caughtEmails, startTestApi, waitFor } from './stack';

let api: Awaited<ReturnType<typeof startTestApi>>;
let coordinator: { id: string; email: string; token: string };
const captchaText = 'K7MPX';

/** A fixed-offset zone where now is a working day before 09:00 (margin), or null on a world-wide weekend. */
function morningZone(): string | null {
  for (let offset = -12; offset <= 14; offset++) {
    const zone = offset === 0 ? 'Etc/GMT' : `Etc/GMT${offset > 0 ? '-' : '+'}${Math.abs(offset)}`;
    const local = DateTime.now().setZone(zone);
    if (local.isValid && local.weekday <= 5 && local.hour < 9) return zone;
  }
  return null;
}
const zone = morningZone();

beforeAll(async () => {
  api = await startTestApi();
  await loadDemoAuthorities(api.deps.orm);
  const options: RegistrationOptions = {
    captchaText: () => captchaText,
    invitationRules: (d) => (zone ? { ...d, calendar: { zone, holidays: [] } } : { ...d, policy: { ...d.policy, dailyBlockThreshold: 1 } }),
  };
  api.deps.registration = options;
  // A data administrator of the Danish NIMIC, calling with a personal API token.
  const email = `coordinator-${randomUUID()}@em.example.dk`;
  const user = await createUser(api.deps.orm.em.fork(), api.deps.mailer, {
    firstName: 'Mette',
    lastName: 'Koordinator',
    email,
    authorityId: demoAuthorityIds.dkNimic,
    roles: [{ role: 'data-administrator' }, { role: 'local-data-administrator' }],
    loginUrl: 'http://localhost/login',
  });
  const { token, hash } = newToken('lsn_');
  await api.deps.orm.em.fork().insert(ApiToken, { id: randomUUID(), userId: user.id, name: 'test', tokenHash: hash, prefix: token.slice(0, 12), createdAt: new Date(), lastUsedAt: null, revokedAt: null });
  coordinator = { id: user.id, email, token };
}, 90_000);
afterAll(async () => {
  await api?.close();
});

/** A personal API token of a new user of `authorityId` with `roles`. */
async function apiTokenFor(authorityId: string, roles: { role: string }[]): Promise<string> {
  const user = await createUser(api.deps.orm.em.fork(), api.deps.mailer, {
    firstName: 'Other',
    lastName: 'User',
    email: `other-${randomUUID()}@em.example.dk`,
    authorityId,
    roles: roles as never,
    loginUrl: 'http://localhost/login',
  });
  const { token, hash } = newToken('lsn_');
  await api.deps.orm.em.fork().insert(ApiToken, { id: randomUUID(), userId: user.id, name: 'test', tokenHash: hash, prefix: token.slice(0, 12), createdAt: new Date(), lastUsedAt: null, revokedAt: null });
  return token;
}

interface Answer {
  status: number;
  headers: Headers;
  body: any; // eslint-disable-line @typescript-eslint/no-explicit-any
}
async function call(method: string, route: string, options: { json?: unknown; bearer?: string | null; form?: FormData; cookie?: string } = {}): Promise<Answer> {
  const bearer = options.bearer === undefined ? coordinator.token : options.bearer;
  const response = await fetch(`${api.url}${route}`, {
    method,
    headers: {
      ...(options.json !== undefined && { 'content-type': 'application/json' }),
      ...(bearer && { authorization: `Bearer ${bearer}` }),
      ...(options.cookie && { cookie: options.cookie }),
    },
    body: options.form ?? (options.json === undefined ? undefined : JSON.stringify(options.json)),
  });
  const type = response.headers.get('content-type') ?? '';
  const text = await response.text();
  return { status: response.status, headers: response.headers, body: type.includes('json') && text ? JSON.parse(text) : text };
}
const asHelpdesk = { bearer: () => api.token };

const anEmail = (what: string) => `${what}-${randomUUID().slice(0, 8)}@kommune.example.dk`;
async function aDraft(fields: Record<string, unknown> = {}) {
  const created = await call('POST', '/api/invitations', { json: { email: anEmail('inv'), name: 'Aarhus Kommune', areas: ['services'], workflows: ['services:requests'], ...fields } });
  expect(created.status).toBe(201);
  return created.body as { id: string; email: string; status: string };
}

/** Submits and makes sure it is sent now (see the file comment). */
async function submitAndSend(id: string) {
  const submitted = await call('POST', '/api/invitations/submit', { json: { ids: [id] } });
  expect(submitted.status).toBe(200);
  if (zone) expect(submitted.body).toEqual({ submitted: [id], rejected: [], blocked: [] });
  else {
    expect(submitted.body.blocked).toEqual([id]);
    expect((await call('POST', `/api/invitations/${id}/release`, { json: {}, bearer: asHelpdesk.bearer() })).status).toBe(200);
  }
}

async function codeSentTo(email: string): Promise<string> {
  const mail = await waitFor(async () => (await caughtEmails(email)).find((m) => /Invitation to register/.test(m.subject)), `the invitation email to ${email}`);
  return mail.text.match(/registration code: ([A-Z2-9]{4}-[A-Z2-9]{4}-[A-Z2-9]{4})/)![1]!;
}

async function captcha(): Promise<string> {
  const made = await call('POST', '/api/registration/captcha', { bearer: null });
  expect(made.status).toBe(201);
  expect(made.body.svg).toMatch(/^<svg /);
  return made.body.captchaId;
}
const check = async (code: string, answer = captchaText) => call('POST', '/api/registration/check', { bearer: null, json: { captchaId: await captcha(), captchaAnswer: answer, code } });

const newPassword = 'Blue-kettle-2024!';
const securityCode = 'Ab3$efG7!jK9';

describe('an invitation, from draft to a validated authority whose superuser logs in', () => {
  it('goes through every step over HTTP', async () => {
    const draft = await aDraft({ message: 'Velkommen i Liaison' });
    expect(draft).toMatchObject({ status: 'draft', areas: ['services'], workflows: ['services:requests'], coordinatorAuthorityId: demoAuthorityIds.dkNimic, countryCode: 'DK' });
    await submitAndSend(draft.id);
    const code = await codeSentTo(draft.email);
    expect((await call('GET', `/api/invitations/${draft.id}`)).body).toMatchObject({ status: 'sent-awaiting-registration', events: expect.arrayContaining([expect.objectContaining({ action: 'sent' })]) });

    // the security check: a wrong captcha is refused, a captcha answers once, then the code
    const wrong = await check(code, 'WRONG');
    expect(wrong).toMatchObject({ status: 400, body: { error: { code: 'captcha_failed' } } });
    const captchaId = await captcha();
    const ok = await call('POST', '/api/registration/check', { bearer: null, json: { captchaId, captchaAnswer: captchaText.toLowerCase(), code: code.toLowerCase() } });
    expect(ok.status).toBe(200);
    expect(ok.body).toMatchObject({ token: expect.any(String), countryCode: 'DK', email: draft.email, workflows: ['services:requests'] });
    expect(ok.body.areas[0]).toMatchObject({ code: 'services', keywords: expect.arrayContaining([expect.objectContaining({ code: 'services-retail-trade' })]) });
    expect((await call('POST', '/api/registration/check', { bearer: null, json: { captchaId, captchaAnswer: captchaText, code } })).body.error.code).toBe('captcha_failed');
    expect((await check('ABCD-EFGH-JKMN')).body.error.code).toBe('invalid_code');

    // the registration: keywords are required per area
    const superuserEmail = anEmail('superuser');
    const registration = {
      token: ok.body.token,
      authority: {
        officialName: 'Aarhus Kommune, Borgerservice',
        informalTitle: 'Borgerservice Aarhus',
        informalTitleLanguage: 'da',
        description: 'Kommunal borgerservice.',
        languages: ['da', 'en'],
        addressLines: ['Rådhuspladsen 2'],
        postcode: '8000',
        city: 'Aarhus C',
        contactEmail: draft.email,
      },
      superuser: { firstName: 'Søren', lastName: 'Kierkegaard', email: superuserEmail, language: 'en' },
      keywords: { services: [] as string[] },
    };
    const noKeywords = await call('POST', '/api/registration/complete', { bearer: null, json: registration });
    expect(noKeywords.status).toBe(400);
    registration.keywords.services = ['services-retail-trade'];
    const done = await call('POST', '/api/registration/complete', { bearer: null, json: registration });
    expect(done.status).toBe(201);
    const username: string = done.body.superuser.username;
    expect(done.body).toMatchObject({ status: 'registration-requested', countryCode: 'DK', superuser: { email: superuserEmail, username: expect.stringMatching(/\w+/) } });
    // the token completes once
    expect((await call('POST', '/api/registration/complete', { bearer: null, json: registration })).status).toBe(401);

    const authority = await api.deps.orm.em.fork().findOneOrFail(Authority, { id: done.body.authorityId });
    expect(authority).toMatchObject({ status: 'registration-requested', kind: 'CA', countryCode: 'DK', validatingCoordinatorId: demoAuthorityIds.dkNimic });
    const roles = await api.deps.orm.em.fork().getConnection().execute('select roles from authority_workflow where authority_id = ?', [authority.id]);
    expect(roles).toEqual([{ roles: ['authority'] }]);

    // until validated, the registration is in the directory only for the inviting coordinator
    const outsider = await apiTokenFor(demoAuthorityIds.erhvervsstyrelsen, [{ role: 'ordinary-user' }]);
    expect((await call('GET', `/api/authorities/${authority.id}`)).status).toBe(200);
    expect((await call('GET', `/api/authorities/${authority.id}`, { bearer: outsider })).status).toBe(404);
    const listed = async (bearer: string) => ((await call('GET', '/api/authorities?status=registration-requested&perPage=100', { bearer })).body.data as { id: string }[]).map((a) => a.id);
    expect(await listed(coordinator.token)).toContain(authority.id);
    expect(await listed(outsider)).not.toContain(authority.id);

    // the emails that follow: a confirmation without the username, "please validate" to the coordinator
    const confirmation = await waitFor(async () => (await caughtEmails(draft.email)).find((m) => /has registered/.test(m.subject)), 'the confirmation');
    expect(confirmation.text).not.toContain(username);
    expect(confirmation.html).not.toContain(username);
    // … with a summary of what was registered, read from PostgreSQL by the activity
    for (const line of [`Authority: ${registration.authority.officialName}`, 'Country: Denmark', 'Legislation areas: Services Directive', 'Workflows: Services Directive: requests', 'Superuser: Søren Kierkegaard']) {
      expect(confirmation.text).toContain(line);
    }
    expect(confirmation.text).not.toMatch(/password|adgangskode/i);
    await waitFor(async () => (await caughtEmails(coordinator.email)).find((m) => /validat/i.test(m.subject)), 'the please-validate email');
    for (const m of await caughtEmails(superuserEmail)) expect(m.text + m.html).not.toContain(username);
    expect((await call('GET', `/api/invitations/${draft.id}`)).body.status).toBe('registered-awaiting-validation');
    // the code cannot be used again
    expect(await check(code)).toMatchObject({ status: 409, body: { error: { code: 'already-registered' } } });

    // before validation the superuser cannot log in, even with the right temporary password
    const early = await waitFor(async () => (await caughtEmails(superuserEmail)).find((m) => /password/i.test(m.subject)), 'the temporary password');
    const earlyLogin = await call('POST', '/api/auth/login', { bearer: null, json: { username, password: early.text.match(/password is ?: (\S+)/)![1]! } });
    expect(earlyLogin).toMatchObject({ status: 403, body: { error: { code: 'authority_not_validated' } } });

    // validation (the coordinator adds the request coordinator role first) → active, login instructions
    const validated = await call('POST', `/api/invitations/${draft.id}/validate`, { json: { roles: [{ area: 'services', workflow: 'requests', roles: ['authority', 'request-coordinator'] }] } });
    expect(validated.status).toBe(200);
    expect(validated.body.status).toBe('authority-validated');
    const after = await api.deps.orm.em.fork().findOneOrFail(Authority, { id: authority.id });
    expect(after.status).toBe('active');
    expect(await api.deps.orm.em.fork().getConnection().execute('select roles from authority_workflow where authority_id = ?', [authority.id])).toEqual([{ roles: ['authority', 'request-coordinator'] }]);
    await waitFor(async () => (await caughtEmails(draft.email)).find((m) => /log ?in|login/i.test(m.subject)), 'the login instructions');

    // the superuser logs in: temporary password from the email, new password and code, then again
    const mail = await waitFor(async () => (await caughtEmails(superuserEmail)).find((m) => /password/i.test(m.subject)), 'the temporary password');
    const temporary = mail.text.match(/password is ?: (\S+)/)![1]!;
    const first = await call('POST', '/api/auth/login', { bearer: null, json: { username, password: temporary } });
    expect(first.body.next).toBe('change-password');
    const changed = await call('POST', '/api/auth/first-login/password', { bearer: null, json: { changeToken: first.body.changeToken, newPassword } });
    const chosen = await call('POST', '/api/auth/first-login/security-code', { bearer: null, json: { changeToken: changed.body.changeToken, code: securityCode, confirmation: securityCode } });
    expect(chosen.status).toBe(200);
    expect(chosen.body.user).toMatchObject({ username, authorityId: authority.id });
    const again = await call('POST', '/api/auth/login', { bearer: null, json: { username, password: newPassword } });
    const session = await call('POST', '/api/auth/login/code', { bearer: null, json: { challengeId: again.body.challengeId, characters: again.body.positions.map((p: number) => securityCode[p - 1]) } });
    expect(session.status).toBe(200);
    expect(session.body.user.roles).toEqual(expect.arrayContaining([{ role: 'local-data-administrator' }, { role: 'case-handler', area: 'services', workflow: 'requests' }]));
  }, 120_000);

  it('refuses the code of a withdrawn invitation with its own reason', async () => {
    const draft = await aDraft();
    await submitAndSend(draft.id);
    const code = await codeSentTo(draft.email);
    const withdrawn = await call('POST', `/api/invitations/${draft.id}/withdraw`, { json: { reason: 'Sent to the wrong office' } });
    expect(withdrawn.body.status).toBe('withdrawn');
    expect(await check(code)).toMatchObject({ status: 409, body: { error: { code: 'invitation-withdrawn' } } });
    // a withdrawn invitation can be deleted by hand; then it is gone from the list
    expect((await call('DELETE', `/api/invitations/${draft.id}`)).status).toBe(204);
    expect((await call('GET', `/api/invitations/${draft.id}`)).status).toBe(404);
  }, 60_000);
});

describe('submitting', () => {
  it('answers per invitation: submitted, or rejected with the reason', async () => {
    const shared = anEmail('shared');
    const first = await aDraft({ email: shared });
    const sameAddress = await aDraft({ email: shared });
    const noWorkflow = await aDraft({ workflows: [] });
    const registered = await aDraft({ email: coordinator.email });
    const known = await aDraft({ email: 'imi@em.example.dk' }); // the DK NIMIC's own contact address
    const result = await call('POST', '/api/invitations/submit', { json: { ids: [first.id, sameAddress.id, noWorkflow.id, registered.id, known.id, randomUUID()] } });
    expect(result.status).toBe(200);
    const firstOutcome = zone ? { submitted: [first.id], blocked: [] } : { submitted: [], blocked: [first.id] };
    expect(result.body).toMatchObject(firstOutcome);
    expect(result.body.rejected).toEqual([
      { id: sameAddress.id, reason: 'already-invited' },
      { id: noWorkflow.id, reason: 'no-workflow-chosen' },
      { id: registered.id, reason: 'email-already-registered' },
      { id: known.id, reason: 'email-already-registered' },
      { id: expect.any(String), reason: 'not_found', message: 'Invitation was not found.' },
    ]);
    // a rejected one is edited and resubmitted
    await call('PATCH', `/api/invitations/${noWorkflow.id}`, { json: { workflows: ['services:requests'] } });
    const again = await call('POST', '/api/invitations/submit', { json: { ids: [noWorkflow.id] } });
    expect(again.body.rejected).toEqual([]);
    // the list filters by status
    const rejected = await call('GET', '/api/invitations?status=rejected&sort=createdAt&order=ASC&perPage=200');
    expect(rejected.status).toBe(200);
    expect(rejected.body.data.map((i: { id: string }) => i.id)).toEqual(expect.arrayContaining([sameAddress.id, registered.id, known.id]));
    expect(rejected.body.data.every((i: { status: string }) => i.status === 'rejected')).toBe(true);
    // the helpdesk sees them too, but only coordinators submit
    expect((await call('GET', `/api/invitations/${first.id}`, { bearer: asHelpdesk.bearer() })).status).toBe(200);
    expect((await call('POST', '/api/invitations', { bearer: asHelpdesk.bearer(), json: { email: anEmail('x'), name: 'X' } })).status).toBe(403);
  }, 60_000);
});

describe('editing', () => {
  it('edits a group, but gives the Services alerts workflow only in a single edit', async () => {
    const a = await aDraft({ areas: [], workflows: [] });
    const b = await aDraft({ areas: [], workflows: [] });
    const alerts = await call('POST', '/api/invitations/group-edit', { json: { ids: [a.id, b.id], areas: ['services'], workflows: ['services:requests', 'services:alerts'] } });
    expect(alerts.status).toBe(400);
    expect(alerts.body.error.message).toMatch(/Services alerts workflow can only be given by editing one invitation/);
    const group = await call('POST', '/api/invitations/group-edit', { json: { ids: [a.id, b.id], areas: ['services'], workflows: ['services:requests'], message: 'Hej' } });
    expect(group.body).toEqual({ edited: [a.id, b.id], refused: [] });
    const single = await call('PATCH', `/api/invitations/${a.id}`, { json: { workflows: ['services:requests', 'services:alerts'], name: 'Odense Kommune' } });
    expect(single.status).toBe(200);
    expect(single.body).toMatchObject({ name: 'Odense Kommune', message: 'Hej', areas: ['services'], workflows: ['services:requests', 'services:alerts'] });
    const unknown = await call('PATCH', `/api/invitations/${a.id}`, { json: { areas: ['astrology'] } });
    expect(unknown.status).toBe(400);
    const badEmail = await call('POST', '/api/invitations', { json: { email: 'not-an-address', name: 'X' } });
    expect(badEmail.status).toBe(400);
  }, 60_000);
});

describe('bulk import', () => {
  it('gives a template and imports CSV and xlsx, reporting bad rows', async () => {
    const template = await fetch(`${api.url}/api/invitations/import-template`, { headers: { authorization: `Bearer ${coordinator.token}` } });
    expect(template.status).toBe(200);
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(await template.arrayBuffer());
    expect(book.worksheets[0]!.getRow(1).values).toEqual([undefined, 'name', 'email']);

    const good = anEmail('csv');
    const csv = ['name,email', `"Vejle Kommune, Teknik",${good}`, 'Kolding,not-an-email', `Duplicate,${good}`, `,${anEmail('noname')}`, ''].join('\n');
    const form = new FormData();
    form.set('file', new Blob([csv], { type: 'text/csv' }), 'invitations.csv');
    const imported = await call('POST', '/api/invitations/import', { form });
    expect(imported.status).toBe(200);
    expect(imported.body).toMatchObject({ created: 1 });
    expect(imported.body.errors).toEqual([
      { row: 3, message: '"not-an-email" is not a valid email address.' },
      { row: 4, message: `${good} is already in row 2 of the file.` },
      { row: 5, message: 'The name is missing.' },
    ]);
    const draft = (await call('GET', `/api/invitations/${imported.body.ids[0]}`)).body;
    expect(draft).toMatchObject({ status: 'draft', name: 'Vejle Kommune, Teknik', email: good, areas: [], workflows: [] });

    book.worksheets[0]!.addRow(['Horsens Kommune', anEmail('xlsx')]);
    book.worksheets[0]!.addRow(['Randers Kommune', 'randers@']);
    const xlsx = new FormData();
    xlsx.set('file', new Blob([new Uint8Array(await book.xlsx.writeBuffer())]), 'invitations.xlsx');
    const fromXlsx = await call('POST', '/api/invitations/import', { form: xlsx });
    expect(fromXlsx.body).toMatchObject({ created: 1, errors: [{ row: 3, message: '"randers@" is not a valid email address.' }] });

    const broken = new FormData();
    broken.set('file', new Blob([new Uint8Array([0x50, 0x4b, 3, 4, 0, 0, 1, 2])]), 'broken.xlsx');
    const unreadable = await call('POST', '/api/invitations/import', { form: broken });
    expect(unreadable.status).toBe(400);
    expect(unreadable.body.error.code).toBe('unreadable_file');
  }, 60_000);
});

describe('the public pages', () => {
  it('serves the self-registration page and its script without login', async () => {
    const page = await call('GET', '/register', { bearer: null });
    expect(page.status).toBe(200);
    expect(page.body).toContain('<script src="/register/register.js">');
    const script = await call('GET', '/register/register.js', { bearer: null });
    expect(script.status).toBe(200);
    expect(script.body).toContain('saved my username');
  });
});
