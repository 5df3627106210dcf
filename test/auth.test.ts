/**
 * Identity and login through the real HTTP API (domain.md §2): a user created with a temporary
 * password by email, the forced first login, the 3-position security code, sessions with CSRF,
 * locking after 5 failures and the reset that unlocks, API tokens, and rate limiting.
 */
import { randomUUID } from 'node:crypto';
import { createUser, resetPassword } from '../api/auth/users';
import { caughtEmails, startTestApi, waitFor } from './stack';

let api: Awaited<ReturnType<typeof startTestApi>>;
beforeAll(async () => {
  api = await startTestApi({ withWorker: false });
}, 60_000);
afterAll(async () => {
  await api?.close();
});

/** All test requests come from 127.0.0.1: forget its failures so each scenario starts clean. */
const forgetFailures = () => api.deps.orm.em.fork().getConnection().execute('delete from login_throttle');
beforeEach(forgetFailures);

interface Answer {
  status: number;
  headers: Headers;
  body: any; // eslint-disable-line @typescript-eslint/no-explicit-any
}
async function call(method: string, route: string, options: { json?: unknown; cookie?: string; csrf?: string; bearer?: string } = {}): Promise<Answer> {
  const response = await fetch(`${api.url}${route}`, {
    method,
    headers: {
      ...(options.json !== undefined && { 'content-type': 'application/json' }),
      ...(options.cookie && { cookie: options.cookie }),
      ...(options.csrf && { 'x-csrf-token': options.csrf }),
      ...(options.bearer && { authorization: `Bearer ${options.bearer}` }),
    },
    body: options.json === undefined ? undefined : JSON.stringify(options.json),
  });
  const text = await response.text();
  return { status: response.status, headers: response.headers, body: text ? JSON.parse(text) : null };
}

const newPassword = 'Blue-kettle-2024!';
const securityCode = 'Ab3$efG7!jK9';
const answerFor = (positions: number[], code = securityCode) => positions.map((p) => code[p - 1]!);
const cookieOf = (a: Answer) => a.headers.get('set-cookie')!.split(';')[0]!;

async function aNewUser(language = 'en') {
  const email = `user-${randomUUID()}@authority.example.eu`;
  const { id, username } = await createUser(api.deps.orm.em.fork(), api.deps.mailer, {
    firstName: 'Karen',
    lastName: 'Blixen',
    email,
    preferredLanguage: language,
    roles: [{ role: 'system-admin' }],
    loginUrl: 'http://localhost/login',
  });
  return { id, username, email };
}

async function temporaryPasswordSentTo(email: string, nth = 1): Promise<string> {
  const mails = await waitFor(async () => {
    const all = (await caughtEmails(email)).filter((m) => /password/i.test(m.subject));
    return all.length >= nth && all;
  }, `temporary password email #${nth} to ${email}`);
  return mails[nth - 1]!.text.match(/(?:password is|password er|Passwort lautet|provisoire est) ?: (\S+)/)![1]!;
}

async function firstLogin(username: string, temporary: string) {
  const login = await call('POST', '/api/auth/login', { json: { username, password: temporary } });
  expect(login.status).toBe(200);
  expect(login.body).toEqual({ next: 'change-password', changeToken: expect.any(String) });
  const changed = await call('POST', '/api/auth/first-login/password', { json: { changeToken: login.body.changeToken, newPassword } });
  expect(changed.status).toBe(200);
  expect(changed.body).toEqual({ next: 'choose-security-code', changeToken: expect.any(String) });
  const chosen = await call('POST', '/api/auth/first-login/security-code', { json: { changeToken: changed.body.changeToken, code: securityCode, confirmation: securityCode } });
  expect(chosen.status).toBe(200);
  return chosen;
}

async function login(username: string, password = newPassword, code = securityCode) {
  const first = await call('POST', '/api/auth/login', { json: { username, password } });
  expect(first.status).toBe(200);
  const second = await call('POST', '/api/auth/login/code', { json: { challengeId: first.body.challengeId, characters: answerFor(first.body.positions, code) } });
  return second;
}

describe('a new user', () => {
  it('gets the login help and a temporary password by email, never the username', async () => {
    const user = await aNewUser('da');
    const mails = await waitFor(async () => {
      const all = await caughtEmails(user.email);
      return all.length >= 2 && all;
    }, 'both emails');
    expect(mails.map((m) => m.subject).sort()).toEqual(['Dit midlertidige password til Liaison', 'Du er nu bruger af Liaison']);
    for (const m of mails) {
      expect(m.text).not.toContain(user.username);
      expect(m.html).not.toContain(user.username);
    }
    expect(await temporaryPasswordSentTo(user.email)).toMatch(/^\w{16}$/);
  });

  it('logs in the first time: new password, then the security code chosen and confirmed; then with 3 positions', async () => {
    const user = await aNewUser();
    const temporary = await temporaryPasswordSentTo(user.email);

    // the temporary password cannot be kept, the code must be confirmed exactly
    const login1 = await call('POST', '/api/auth/login', { json: { username: user.username, password: temporary } });
    const same = await call('POST', '/api/auth/first-login/password', { json: { changeToken: login1.body.changeToken, newPassword: temporary } });
    expect(same.status).toBe(400);
    expect(same.body.error.fields.newPassword).toEqual(['must differ from the temporary password']);
    const weak = await call('POST', '/api/auth/first-login/password', { json: { changeToken: login1.body.changeToken, newPassword: 'short' } });
    expect(weak.status).toBe(400);
    expect(weak.body.error.fields.newPassword).toContain('must be at least 12 characters long');

    const session = await firstLogin(user.username, temporary);
    expect(session.body).toEqual({ user: expect.objectContaining({ id: user.id, username: user.username, roles: [{ role: 'system-admin' }] }), csrfToken: expect.any(String) });
    const setCookie = session.headers.get('set-cookie')!;
    expect(setCookie).toMatch(/^liaison_session=[\w-]{43};/);
    expect(setCookie).toMatch(/HttpOnly/i);
    expect(setCookie).toMatch(/SameSite=Lax/i);

    const logout = await call('POST', '/api/auth/logout', { cookie: cookieOf(session), csrf: session.body.csrfToken });
    expect(logout.status).toBe(204);
    expect((await call('GET', '/api/auth/me', { cookie: cookieOf(session) })).status).toBe(401);

    // from now on: password, then 3 distinct positions of the code
    const step1 = await call('POST', '/api/auth/login', { json: { username: user.username, password: newPassword } });
    expect(step1.status).toBe(200);
    expect(step1.body.positions).toHaveLength(3);
    expect(new Set(step1.body.positions).size).toBe(3);
    const step2 = await call('POST', '/api/auth/login/code', { json: { challengeId: step1.body.challengeId, characters: answerFor(step1.body.positions) } });
    expect(step2.status).toBe(200);
    const cookie = cookieOf(step2);
    const me = await call('GET', '/api/auth/me', { cookie });
    expect(me.status).toBe(200);
    expect(me.body).toMatchObject({ kind: 'user', user: { username: user.username }, csrfToken: step2.body.csrfToken });
    // a challenge answers once
    expect((await call('POST', '/api/auth/login/code', { json: { challengeId: step1.body.challengeId, characters: answerFor(step1.body.positions) } })).status).toBe(401);

    // cookie writes need the CSRF header
    const withoutCsrf = await call('POST', '/api/auth/tokens', { cookie, json: { name: 'no csrf' } });
    expect(withoutCsrf.status).toBe(403);
    expect(withoutCsrf.body.error.code).toBe('csrf');
    const withCsrf = await call('POST', '/api/auth/tokens', { cookie, csrf: step2.body.csrfToken, json: { name: 'with csrf' } });
    expect(withCsrf.status).toBe(201);
    // the helpdesk user reaches the ops API with the session
    expect((await call('GET', '/api/ops/audit', { cookie })).status).toBe(200);
  });

  it('is told apart from wrong credentials only by the generic answer', async () => {
    const unknown = await call('POST', '/api/auth/login', { json: { username: `nobody-${randomUUID()}`, password: 'whatever-123' } });
    expect(unknown.status).toBe(401);
    expect(unknown.body.error.code).toBe('wrong_credentials');
  });
});

describe('five failures', () => {
  it('lock the account until a reset; the new temporary password works again', async () => {
    const user = await aNewUser();
    await firstLogin(user.username, await temporaryPasswordSentTo(user.email));
    const wrongCode = 'Zz9#zz9#zz9#';
    for (let i = 1; i <= 5; i++) {
      const answer = await login(user.username, newPassword, wrongCode);
      expect(answer.status).toBe(i < 5 ? 401 : 403);
      expect(answer.body.error.code).toBe(i < 5 ? 'wrong_credentials' : 'account_locked');
    }
    // now even the right password and code are refused
    const refused = await call('POST', '/api/auth/login', { json: { username: user.username, password: newPassword } });
    expect(refused.status).toBe(403);
    expect(refused.body.error.code).toBe('account_locked');

    await forgetFailures();
    await resetPassword(api.deps.orm.em.fork(), api.deps.mailer, { userId: user.id, loginUrl: 'http://localhost/login' });
    const resetMail = await waitFor(async () => (await caughtEmails(user.email)).find((m) => m.subject === 'Your Liaison password was reset'), 'the reset email');
    expect(resetMail.text).not.toContain(user.username);
    const temporary = resetMail.text.match(/temporary password is: (\S+)/)![1]!;
    const again = await call('POST', '/api/auth/login', { json: { username: user.username, password: temporary } });
    expect(again.status).toBe(200);
    expect(again.body.next).toBe('change-password');
  });
});

describe('API tokens', () => {
  it('act as the user until revoked', async () => {
    const user = await aNewUser();
    const session = await firstLogin(user.username, await temporaryPasswordSentTo(user.email));
    const cookie = cookieOf(session);
    const csrf = session.body.csrfToken;
    const created = await call('POST', '/api/auth/tokens', { cookie, csrf, json: { name: 'reporting script' } });
    expect(created.status).toBe(201);
    expect(created.body.token).toMatch(/^lsn_/);
    expect(created.body.token.startsWith(created.body.prefix)).toBe(true);

    const list = await call('GET', '/api/auth/tokens', { cookie });
    expect(list.body.data).toEqual([{ id: created.body.id, name: 'reporting script', prefix: created.body.prefix, createdAt: expect.any(String), lastUsedAt: null }]);

    const me = await call('GET', '/api/auth/me', { bearer: created.body.token });
    expect(me.status).toBe(200);
    expect(me.body).toMatchObject({ kind: 'user', user: { id: user.id }, csrfToken: null });
    // bearer calls need no CSRF header
    expect((await call('POST', '/api/auth/tokens', { bearer: created.body.token, json: { name: 'second' } })).status).toBe(201);

    expect((await call('DELETE', `/api/auth/tokens/${created.body.id}`, { cookie, csrf })).status).toBe(204);
    const after = await call('GET', '/api/auth/me', { bearer: created.body.token });
    expect(after.status).toBe(401);
    expect(after.body.error.code).toBe('unauthenticated');
    expect((await call('DELETE', `/api/auth/tokens/${created.body.id}`, { cookie, csrf })).status).toBe(404);
  });

  it('the operator token still reaches the ops API', async () => {
    expect((await call('GET', '/api/ops/audit', { bearer: api.token })).status).toBe(200);
    expect((await call('GET', '/api/auth/me', { bearer: api.token })).body).toEqual({ kind: 'operator', user: null, csrfToken: null });
    expect((await call('GET', '/api/ops/audit')).status).toBe(401);
  });
});

describe('rate limiting', () => {
  it('answers 429 with Retry-After after 10 failed logins from one address', async () => {
    for (let i = 0; i < 10; i++) {
      const answer = await call('POST', '/api/auth/login', { json: { username: `guess-${i}-${randomUUID()}`, password: 'guessing-1234' } });
      expect(answer.status).toBe(401);
    }
    const limited = await call('POST', '/api/auth/login', { json: { username: 'anyone', password: 'guessing-1234' } });
    expect(limited.status).toBe(429);
    expect(limited.body.error.code).toBe('too_many_attempts');
    expect(limited.body.error.message).toMatch(/Try again in \d+ minute/);
    expect(Number(limited.headers.get('retry-after'))).toBeGreaterThan(0);
    await forgetFailures();
  });
});
