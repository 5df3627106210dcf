import { randomUUID } from 'node:crypto';
import { caughtEmails, waitFor } from './stack';

/** Who calls: a browser-like session (cookie + CSRF token) or a bearer token. */
export interface Caller {
  cookie?: string;
  csrf?: string;
  bearer?: string;
}

export interface Answer {
  status: number;
  body: any; // eslint-disable-line @typescript-eslint/no-explicit-any
  headers: Headers;
}

/** The HTTP client of the integration tests: one JSON call as `who`. */
export function apiClient(baseUrl: () => string) {
  async function call(method: string, route: string, who: Caller, json?: unknown): Promise<Answer> {
    const response = await fetch(`${baseUrl()}${route}`, {
      method,
      headers: {
        ...(json !== undefined && { 'content-type': 'application/json' }),
        ...(who.cookie && { cookie: who.cookie }),
        ...(who.csrf && { 'x-csrf-token': who.csrf }),
        ...(who.bearer && { authorization: `Bearer ${who.bearer}` }),
      },
      body: json === undefined ? undefined : JSON.stringify(json),
    });
    const text = await response.text();
    return { status: response.status, headers: response.headers, body: text ? JSON.parse(text) : null };
  }

  /** The first login of a user created with a temporary password: a session with its CSRF token. */
  async function firstLoginSession(username: string, email: string, password = aNewPassword, code = aSecurityCode): Promise<Caller> {
    const temporary = await temporaryPasswordSentTo(email);
    const login = await call('POST', '/api/auth/login', {}, { username, password: temporary });
    if (login.status !== 200) throw new Error(`first login of ${username} answered ${login.status}: ${JSON.stringify(login.body)}`);
    const changed = await call('POST', '/api/auth/first-login/password', {}, { changeToken: login.body.changeToken, newPassword: password });
    const chosen = await call('POST', '/api/auth/first-login/security-code', {}, { changeToken: changed.body.changeToken, code, confirmation: code });
    if (chosen.status !== 200) throw new Error(`choosing the security code of ${username} answered ${chosen.status}: ${JSON.stringify(chosen.body)}`);
    return { cookie: chosen.headers.get('set-cookie')!.split(';')[0]!, csrf: chosen.body.csrfToken };
  }

  return { call, firstLoginSession };
}

export const aNewPassword = 'Blue-kettle-2024!';
export const aSecurityCode = 'Ab3$efG7!jK9';

/** The temporary password in the newest matching email the SMTP catcher holds for `email`. */
export async function temporaryPasswordSentTo(email: string, subject = /password/i): Promise<string> {
  const mail = await waitFor(async () => (await caughtEmails(email)).find((m) => subject.test(m.subject)), `password email to ${email}`);
  return mail.text.match(/password is ?: (\S+)/)![1]!;
}

/** An authority (in Austria) as the coordination route registers it, with its superuser; `kind` e.g. 'CA', 'LIMIC'. */
export function anAuthority(kind: string, areaRole = kind, overrides: Record<string, unknown> = {}) {
  const tag = randomUUID().slice(0, 8);
  return {
    countryCode: 'AT',
    kind,
    officialName: `${kind} test authority ${tag}`,
    languages: ['de', 'en'],
    city: 'Wien',
    contactEmail: `contact-${tag}@authority.example.at`,
    areas: [{ area: 'services', role: areaRole, workflows: [{ workflow: 'requests', role: 'authority' }] }],
    superuser: { firstName: 'Anna', lastName: `Gruber ${tag}`, email: `super-${tag}@authority.example.at` },
    ...overrides,
  };
}

/** Registers an authority as `who` (POST /api/coordination/authorities) and logs its superuser in. */
export async function registerAuthority(
  call: ReturnType<typeof apiClient>['call'],
  firstLoginSession: ReturnType<typeof apiClient>['firstLoginSession'],
  who: Caller,
  body: ReturnType<typeof anAuthority>,
) {
  const answer = await call('POST', '/api/coordination/authorities', who, body);
  if (answer.status !== 201) throw new Error(JSON.stringify(answer.body));
  return { id: answer.body.id as string, answer, session: await firstLoginSession(answer.body.superuser.username, body.superuser.email) };
}
