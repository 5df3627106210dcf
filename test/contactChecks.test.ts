/**
 * The demo case type through the real HTTP API, as the console and other clients call it: the
 * API starts and updates a Temporal workflow, the worker projects it into PostgreSQL and sends the
 * email the SMTP catcher holds. Also the API's shared faces: the error body, health, the OpenAPI
 * document and the console it serves. Nothing is mocked.
 */
import { randomUUID } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import type { MikroORM } from '@mikro-orm/postgresql';
import { contactCheckActivities } from '../activities/contactCheck';
import { consoleDist } from '../api/app';
import type { ContactCheckView } from '../schema/contactCheck';
import { ContactCheck } from '../schema/entities/contactCheck';
import type { ContactCheckState } from '../workflows/contactCheck/machine';
import { caughtEmails, openTestOrm, startTestApi, waitFor, type CaughtEmail } from './stack';

/** Every check of this file has the tag in its authority reference, so lists see only them. */
const tag = randomUUID().slice(0, 8).toUpperCase();
const danishSubject = 'Bekræft venligst jeres myndigheds kontaktoplysninger';

type Detail = ContactCheckView & { events: { id: string; at: string; action: string; actor: string; reason: string | null; version: number | null }[] };
interface ErrorBody {
  error: { code: string; message: string; requestId: string; fields?: Record<string, string[]> };
}
interface Answer<T> {
  status: number;
  headers: Headers;
  body: T & Partial<ErrorBody>;
}

let api: Awaited<ReturnType<typeof startTestApi>>;
let orm: MikroORM;

beforeAll(async () => {
  api = await startTestApi();
  orm = await openTestOrm();
}, 60_000);

afterAll(async () => {
  await orm?.close();
  await api?.close();
});

/** One HTTP call to the running API; the operator token is sent unless `token: null`. */
async function call<T = unknown>(
  method: 'GET' | 'POST',
  route: string,
  options: { json?: unknown; rawBody?: string; token?: string | null; headers?: Record<string, string> } = {},
): Promise<Answer<T>> {
  const token = options.token === undefined ? api.token : options.token;
  const hasBody = options.json !== undefined || options.rawBody !== undefined;
  const response = await fetch(`${api.url}${route}`, {
    method,
    headers: {
      ...(token !== null && { authorization: `Bearer ${token}` }),
      ...(hasBody && { 'content-type': 'application/json' }),
      ...options.headers,
    },
    body: options.rawBody ?? (options.json === undefined ? undefined : JSON.stringify(options.json)),
  });
  const text = await response.text();
  let body: unknown;
  try {
    body = JSON.parse(text);
  } catch {
    throw new Error(`${method} ${route} answered ${response.status} with something that is not JSON: ${text.slice(0, 200)}`);
  }
  return { status: response.status, headers: response.headers, body: body as Answer<T>['body'] };
}

/** The one error shape every failure has, with the request id the response header carries too. */
function expectError(answer: Answer<unknown>, status: number, code?: string | RegExp): ErrorBody['error'] {
  expect(answer.status).toBe(status);
  expect(answer.body).toEqual({
    error: expect.objectContaining({ code: expect.any(String), message: expect.any(String), requestId: expect.any(String) }),
  });
  const error = answer.body.error!;
  expect(error.message.length).toBeGreaterThan(5);
  expect(error.requestId).toBe(answer.headers.get('x-request-id'));
  if (code instanceof RegExp) expect(error.code).toMatch(code);
  else if (code) expect(error.code).toBe(code);
  return error;
}

// Builders in the domain's words.
const anAuthority = (name: string) => `LT-${tag}-${name}`;

async function anOpenCheck(input: { authority: string; countryCode?: string; contactEmail?: string; language?: string; dueInDays?: number }): Promise<ContactCheckView> {
  const answer = await call<ContactCheckView>('POST', '/api/contact-checks', {
    json: {
      authorityRef: anAuthority(input.authority),
      countryCode: input.countryCode ?? 'DK',
      contactEmail: input.contactEmail ?? `${input.authority.toLowerCase()}-${randomUUID()}@example.org`,
      language: input.language ?? 'en',
      ...(input.dueInDays && { dueInDays: input.dueInDays }),
    },
  });
  expect(answer.status).toBe(201);
  return answer.body;
}

const detailOf = async (id: string) => {
  const answer = await call<Detail>('GET', `/api/contact-checks/${id}`);
  expect(answer.status).toBe(200);
  return answer.body;
};

const confirm = (id: string, idempotencyKey?: string) =>
  call<ContactCheckView>('POST', `/api/contact-checks/${id}/confirm`, {
    json: { note: 'Checked by phone' },
    headers: idempotencyKey ? { 'idempotency-key': idempotencyKey } : {},
  });
const withdraw = (id: string, reason: string) => call<ContactCheckView>('POST', `/api/contact-checks/${id}/withdraw`, { json: { reason } });

const listOf = async (filter: Record<string, string | number>) => {
  const query = new URLSearchParams(Object.entries(filter).map(([k, v]) => [k, String(v)]));
  const answer = await call<{ data: ContactCheckView[]; total: number }>('GET', `/api/contact-checks?${query}`);
  expect(answer.status).toBe(200);
  return answer.body;
};
const authoritiesIn = (list: { data: ContactCheckView[] }) => list.data.map((c) => c.authorityRef);

const emailTo = (address: string) =>
  waitFor(async () => (await caughtEmails(address))[0], `the email to ${address}`);

const activitiesOf = () => contactCheckActivities({ orm, mailer: api.deps.mailer, publicUrl: 'http://localhost' });

/** A projection input as the workflow sends it, for a check that has no workflow. */
function aSnapshot(checkId: string, patch: Partial<ContactCheckState> & Pick<ContactCheckState, 'status' | 'version'>): ContactCheckState {
  const at = new Date().toISOString();
  return {
    checkId,
    authorityRef: anAuthority('PROJECTED'),
    countryCode: 'FI',
    openedAt: at,
    dueAt: new Date(Date.now() + 86_400_000).toISOString(),
    remindedAt: null,
    closedAt: null,
    lastEvent: { action: 'opened', actor: 'operator:operator', reason: null, at },
    ...patch,
  };
}

const auditRowsOf = (checkId: string) =>
  orm.em
    .fork()
    .getConnection()
    .execute<{ action: string; version: number }[]>(
      `select action, version from audit_event where subject_type = 'contact-check' and subject_id = ? order by version, action`,
      [checkId],
    );

describe('opening a contact check', () => {
  let opened: ContactCheckView;
  const contactEmail = `kontakt-${tag.toLowerCase()}@erst.example.dk`;

  beforeAll(async () => {
    opened = await anOpenCheck({ authority: 'ERST', countryCode: 'DK', contactEmail, language: 'da', dueInDays: 10 });
  });

  it('answers 201 with the open check at version 1, already projected', () => {
    expect(opened).toMatchObject({
      authorityRef: anAuthority('ERST'),
      countryCode: 'DK',
      contactEmail,
      language: 'da',
      status: 'open',
      version: 1,
      workflowId: `contact-check-${opened.id}`,
      remindedAt: null,
      closedAt: null,
    });
    expect(Date.parse(opened.dueAt) - Date.parse(opened.openedAt)).toBe(10 * 86_400_000);
  });

  it('sends one email in the chosen language with a link and no case content', async () => {
    const email: CaughtEmail = await emailTo(contactEmail);
    expect(email.subject).toBe(danishSubject);
    const link = `${api.deps.config.PUBLIC_URL ?? `http://localhost:${api.deps.config.API_PORT}`}/#/contact-checks/${opened.id}/show`;
    expect(email.html).toContain(`href="${link}"`);
    expect(email.text).toContain(link);
    expect(email.text).toContain('Åbn Liaison');
    for (const content of [email.html, email.text]) {
      expect(content).not.toContain(opened.authorityRef);
      expect(content).not.toContain(contactEmail);
      expect(content).not.toContain(tag);
    }
    expect(await caughtEmails(contactEmail)).toHaveLength(1);
  });

  it('shows the `opened` event in the detail', async () => {
    const detail = await detailOf(opened.id);
    expect(detail).toMatchObject({ id: opened.id, status: 'open', version: 1, contactEmail });
    expect(detail.events).toEqual([
      expect.objectContaining({ action: 'opened', actor: 'operator:operator', reason: null, version: 1 }),
    ]);
  });

  it('refuses a body that is not valid, naming each field', async () => {
    const answer = await call('POST', '/api/contact-checks', {
      json: { authorityRef: 'X', countryCode: 'dk', contactEmail: 'not-an-email', language: 'sv' },
    });
    const error = expectError(answer, 400, 'validation_failed');
    expect(Object.keys(error.fields!).sort()).toEqual(['authorityRef', 'contactEmail', 'countryCode', 'language']);
    expect(error.fields!.countryCode).toEqual(['must be a two-letter country code such as DK']);
    const missing = expectError(await call('POST', '/api/contact-checks', { json: {} }), 400, 'validation_failed');
    expect(missing.fields!.contactEmail).toHaveLength(1);
  });
});

describe('listing contact checks', () => {
  let dk: ContactCheckView;
  let se: ContactCheckView;
  const lateId = randomUUID();
  /** The three checks of this block, and only them, have this in their authority reference. */
  const listTag = `${tag}-LIST`;
  const idsOf = (list: { data: ContactCheckView[]; total: number }) => ({ total: list.total, ids: list.data.map((c) => c.id).sort() });

  beforeAll(async () => {
    dk = await anOpenCheck({ authority: 'LIST-DK', countryCode: 'DK', dueInDays: 10 });
    se = await anOpenCheck({ authority: 'LIST-SE', countryCode: 'SE', dueInDays: 30 });
    // An overdue check cannot be made through the API in a test's time; project one as the worker would.
    const yesterday = new Date(Date.now() - 86_400_000).toISOString();
    await activitiesOf().projectContactCheck(
      aSnapshot(lateId, {
        authorityRef: anAuthority('LIST-FI-LATE'),
        status: 'overdue',
        version: 2,
        openedAt: new Date(Date.now() - 3 * 86_400_000).toISOString(),
        dueAt: yesterday,
        remindedAt: yesterday,
        lastEvent: { action: 'reminded', actor: 'system', reason: null, at: yesterday },
      }),
    );
  });

  it('finds checks by part of the authority reference, ignoring case', async () => {
    const one = await listOf({ q: `${listTag}-dk`.toLowerCase() });
    expect(one.total).toBe(1);
    expect(one.data[0]).toMatchObject({ id: dk.id, authorityRef: anAuthority('LIST-DK'), status: 'open', contactEmail: dk.contactEmail });
    expect(idsOf(await listOf({ q: listTag }))).toEqual({ total: 3, ids: [dk.id, se.id, lateId].sort() });
    // `%` and `_` are characters to search for, not wildcards.
    expect((await listOf({ q: `${tag}%` })).total).toBe(0);
    expect((await listOf({ q: `${tag}_LIST` })).total).toBe(0);
  });

  it('filters by status, country and overdue, with the total of the filter', async () => {
    expect(idsOf(await listOf({ q: listTag, countryCode: 'SE' }))).toEqual({ total: 1, ids: [se.id] });
    expect(idsOf(await listOf({ q: listTag, countryCode: 'NO' }))).toEqual({ total: 0, ids: [] });
    expect(idsOf(await listOf({ q: listTag, status: 'open' }))).toEqual({ total: 2, ids: [dk.id, se.id].sort() });
    expect(idsOf(await listOf({ q: listTag, status: 'overdue' }))).toEqual({ total: 1, ids: [lateId] });
    expect(idsOf(await listOf({ q: listTag, status: 'confirmed' }))).toEqual({ total: 0, ids: [] });
    expect(idsOf(await listOf({ q: listTag, overdue: 'true' }))).toEqual({ total: 1, ids: [lateId] });
    expect(idsOf(await listOf({ q: listTag, overdue: 'false' }))).toEqual({ total: 2, ids: [dk.id, se.id].sort() });
    expect(idsOf(await listOf({ q: listTag, overdue: 'false', countryCode: 'DK' }))).toEqual({ total: 1, ids: [dk.id] });
  });

  it('sorts and pages, keeping the total of all pages', async () => {
    const page1 = await listOf({ q: listTag, sort: 'authorityRef', order: 'ASC', perPage: 2, page: 1 });
    expect(page1.total).toBe(3);
    expect(authoritiesIn(page1)).toEqual([anAuthority('LIST-DK'), anAuthority('LIST-FI-LATE')]);
    const page2 = await listOf({ q: listTag, sort: 'authorityRef', order: 'ASC', perPage: 2, page: 2 });
    expect(page2.total).toBe(3);
    expect(authoritiesIn(page2)).toEqual([anAuthority('LIST-SE')]);
    const byDueDesc = await listOf({ q: listTag, sort: 'dueAt', order: 'DESC' });
    expect(byDueDesc.data.map((c) => c.id)).toEqual([se.id, dk.id, lateId]);
    const byDueAsc = await listOf({ q: listTag, sort: 'dueAt', order: 'ASC' });
    expect(byDueAsc.data.map((c) => c.id)).toEqual([lateId, dk.id, se.id]);
  });

  it('refuses unknown filter values with the fields named', async () => {
    const error = expectError(await call('GET', '/api/contact-checks?status=lost&perPage=500&sort=email'), 400, 'validation_failed');
    expect(Object.keys(error.fields!).sort()).toEqual(['perPage', 'sort', 'status']);
  });
});

describe('confirming and withdrawing', () => {
  it('applies a confirm once however often it is retried with the same Idempotency-Key', async () => {
    const check = await anOpenCheck({ authority: 'CONFIRM' });
    const key = `confirm-${randomUUID()}`;
    const first = await confirm(check.id, key);
    expect(first.status).toBe(200);
    expect(first.body).toMatchObject({ id: check.id, status: 'confirmed', version: 2 });
    expect(first.body.closedAt).not.toBeNull();

    const retried = await confirm(check.id, key);
    expect(retried.status).toBe(200);
    expect(retried.body).toMatchObject({ status: 'confirmed', version: 2, closedAt: first.body.closedAt });
    // Also once the confirmed check's workflow has finished.
    const handle = api.deps.temporal.workflow.getHandle(check.workflowId);
    await waitFor(async () => (await handle.describe()).status.name === 'COMPLETED', 'the confirmed check\'s workflow to complete');
    const retriedLater = await confirm(check.id, key);
    expect(retriedLater.status).toBe(200);
    expect(retriedLater.body).toMatchObject({ status: 'confirmed', version: 2 });

    const detail = await detailOf(check.id);
    expect(detail.version).toBe(2);
    expect(detail.events.map((e) => [e.action, e.version])).toEqual([
      ['opened', 1],
      ['confirmed', 2],
    ]);
    expect(detail.events[1]).toMatchObject({ actor: 'operator:operator', reason: 'Checked by phone' });

    // The worker projected it: the read model row has the new status and version.
    const row = await orm.em.fork().findOneOrFail(ContactCheck, { id: check.id });
    expect(row).toMatchObject({ status: 'confirmed', version: 2 });
    expect(row.closedAt).toBeInstanceOf(Date);

    // A new confirm (no key) is a different command, refused with the reason.
    const again = await confirm(check.id);
    const error = expectError(again, 409, /^(wrong_state|closed)$/);
    expect(error.message).toMatch(/already (confirmed|closed)/);
    expect((await detailOf(check.id)).version).toBe(2);
  });

  it('refuses to withdraw without a reason, naming the field, and leaves the check open', async () => {
    const check = await anOpenCheck({ authority: 'NO-REASON' });
    for (const reason of ['', '  ', 'ab']) {
      const error = expectError(await withdraw(check.id, reason), 400, 'validation_failed');
      expect(error.fields!.reason).toEqual(['give a reason of at least 3 characters']);
    }
    const missing = expectError(await call('POST', `/api/contact-checks/${check.id}/withdraw`, { json: {} }), 400, 'validation_failed');
    expect(missing.fields!.reason).toHaveLength(1);
    expect(await detailOf(check.id)).toMatchObject({ status: 'open', version: 1 });
  });

  it('withdraws with a reason that the timeline shows', async () => {
    const check = await anOpenCheck({ authority: 'WITHDRAW' });
    const answer = await withdraw(check.id, '  Authority merged into another  ');
    expect(answer.status).toBe(200);
    expect(answer.body).toMatchObject({ status: 'withdrawn', version: 2 });
    const detail = await detailOf(check.id);
    expect(detail.status).toBe('withdrawn');
    expect(detail.events.at(-1)).toMatchObject({ action: 'withdrawn', reason: 'Authority merged into another', version: 2, actor: 'operator:operator' });
    expectError(await confirm(check.id), 409, /^(wrong_state|closed)$/);
  });
});

describe('error answers', () => {
  it('asks for the operator token: none, or a wrong one, is 401', async () => {
    for (const token of [null, 'wrong', `${api.token.slice(0, -1)}x`]) {
      const error = expectError(await call('GET', '/api/contact-checks', { token }), 401, 'unauthenticated');
      expect(error.message).toContain('Authorization: Bearer');
      expectError(await call('POST', '/api/contact-checks', { token, json: {} }), 401, 'unauthenticated');
    }
  });

  it('answers 404 for a check that does not exist, on reads and commands', async () => {
    const unknown = randomUUID();
    expectError(await call('GET', `/api/contact-checks/${unknown}`), 404, 'not_found');
    expectError(await confirm(unknown), 404, 'not_found');
    expectError(await withdraw(unknown, 'no such check'), 404, 'not_found');
  });

  it('answers 400 naming `id` for an id that is not a uuid', async () => {
    const error = expectError(await call('GET', '/api/contact-checks/not-a-uuid'), 400, 'validation_failed');
    expect(error.fields!.id).toEqual(['must be a contact check id (uuid)']);
    expect(expectError(await confirm('1234'), 400).fields!.id).toBeDefined();
  });

  it('answers 400, never 500, to a body that is not JSON', async () => {
    expectError(await call('POST', '/api/contact-checks', { rawBody: '{"authorityRef": ' }), 400);
    const check = await anOpenCheck({ authority: 'BAD-JSON' });
    expectError(await call('POST', `/api/contact-checks/${check.id}/withdraw`, { rawBody: 'reason=gone' }), 400);
  });

  it('answers 404 JSON for an API route that does not exist', async () => {
    const error = expectError(await call('GET', '/api/no-such-route'), 404, 'not_found');
    expect(error.message).toContain('/api/no-such-route');
    expectError(await call('POST', '/api/contact-checks-typo', { json: {} }), 404, 'not_found');
  });
});

describe('what the API serves besides cases', () => {
  it('reports PostgreSQL, Temporal and SMTP reachable on /api/health, without a token', async () => {
    const answer = await call<{ ok: boolean; postgres: { ok: boolean }; temporal: { ok: boolean }; smtp: { ok: boolean } }>('GET', '/api/health', { token: null });
    expect(answer.status).toBe(200);
    expect(answer.body).toMatchObject({ ok: true, postgres: { ok: true }, temporal: { ok: true }, smtp: { ok: true } });
  });

  it('describes itself as OpenAPI 3.1 with the contact-check and ops operations', async () => {
    const answer = await call<{ openapi: string; paths: Record<string, Record<string, unknown>>; components: { securitySchemes: Record<string, unknown> } }>('GET', '/api/openapi.json', { token: null });
    expect(answer.status).toBe(200);
    expect(answer.body.openapi).toBe('3.1.0');
    const { paths } = answer.body;
    expect(Object.keys(paths['/api/contact-checks']!).sort()).toEqual(['get', 'post']);
    expect(Object.keys(paths['/api/contact-checks/{id}']!)).toEqual(['get']);
    expect(paths['/api/contact-checks/{id}/confirm']!.post).toBeDefined();
    expect(paths['/api/contact-checks/{id}/withdraw']!.post).toBeDefined();
    for (const ops of ['/api/ops/workflows', '/api/ops/workflows/counts', '/api/ops/workflows/{workflowId}', '/api/ops/workflows/{workflowId}/history', '/api/ops/audit']) {
      expect(paths[ops]?.get).toBeDefined();
    }
    expect(paths['/api/ops/workflows/{workflowId}/terminate']?.post).toBeDefined();
    expect(paths['/api/health']?.get).toBeDefined();
    expect(answer.body.components.securitySchemes.operatorToken).toMatchObject({ type: 'http', scheme: 'bearer' });
  });

  it('serves the API docs page and its assets', async () => {
    const page = await fetch(`${api.url}/api/docs`);
    expect(page.status).toBe(200);
    expect(page.headers.get('content-type')).toMatch(/^text\/html/);
    const html = await page.text();
    expect(html).toContain('/api/openapi.json');
    const bundle = await fetch(`${api.url}/api/docs/assets/swagger-ui-bundle.js`);
    expect(bundle.status).toBe(200);
    expect((await bundle.text()).length).toBeGreaterThan(10_000);
  });

  it('serves the console at / and for its client-side routes', async () => {
    const index = fs.readFileSync(path.join(consoleDist, 'index.html'), 'utf8');
    for (const route of ['/', '/contact-checks', '/workflows/contact-check-x/show']) {
      const response = await fetch(`${api.url}${route}`);
      expect(response.status).toBe(200);
      expect(response.headers.get('content-type')).toMatch(/^text\/html/);
      expect(await response.text()).toBe(index);
    }
    const script = index.match(/src="(\/assets\/[^"]+\.js)"/)?.[1];
    expect(script).toBeDefined();
    const asset = await fetch(`${api.url}${script}`);
    expect(asset.status).toBe(200);
    expect(asset.headers.get('content-type')).toMatch(/javascript/);
  });
});

/**
 * A history or description as text twice over: as JSON (protobuf messages turn payload bytes into
 * base64 there), and with every payload's data decoded from base64 (JSON, with the default converter).
 */
function textsOf(value: unknown): { raw: string; decoded: string } {
  const decoded: string[] = [];
  const raw = JSON.stringify(value, function (this: Record<string, unknown>, key, replaced) {
    const original = this[key];
    return original instanceof Uint8Array ? Buffer.from(original).toString('base64') : replaced;
  });
  const visit = (node: unknown): void => {
    if (Array.isArray(node)) return node.forEach(visit);
    if (node === null || typeof node !== 'object') return;
    const { data, metadata } = node as { data?: unknown; metadata?: unknown };
    if (typeof data === 'string' && metadata && typeof metadata === 'object') decoded.push(Buffer.from(data, 'base64').toString('utf8'));
    Object.values(node).forEach(visit);
  };
  visit(JSON.parse(raw));
  return { raw, decoded: decoded.join('\n') };
}

describe('personal data stays out of Temporal', () => {
  it('keeps the contact email in PostgreSQL and nowhere in the workflow history, memo or search attributes', async () => {
    const canary = `pd-canary-${randomUUID()}@example.org`;
    const check = await anOpenCheck({ authority: 'CANARY', contactEmail: canary, language: 'fr' });
    await emailTo(canary); // the email activity has run
    expect((await confirm(check.id)).status).toBe(200);

    const handle = api.deps.temporal.workflow.getHandle(check.workflowId);
    const description = await waitFor(async () => {
      const d = await handle.describe();
      return d.status.name === 'COMPLETED' && d;
    }, 'the confirmed check\'s workflow to complete');
    const history = await handle.fetchHistory();

    const historyTexts = textsOf(history);
    const descriptionTexts = textsOf({ memo: description.memo, searchAttributes: description.searchAttributes, typedSearchAttributes: description.typedSearchAttributes, raw: description.raw });
    // The texts are what we think they are: the case's ids and facts are there …
    expect(historyTexts.decoded).toContain(check.id);
    expect(historyTexts.decoded).toContain(anAuthority('CANARY'));
    expect(historyTexts.decoded).toContain('"confirmed"');
    expect(descriptionTexts.decoded).toContain('contact-check');
    // … and the personal data is not, in any form.
    for (const text of [historyTexts.raw, historyTexts.decoded, descriptionTexts.raw, descriptionTexts.decoded]) {
      expect(text).not.toContain(canary);
      expect(text).not.toContain(canary.split('@')[0]);
      expect(text).not.toContain(Buffer.from(canary).toString('base64').slice(0, 24));
    }

    // It is where it belongs, so this test could see it if it leaked.
    const stored = await orm.em.fork().getConnection().execute<{ email: string }[]>('select email from contact_check_contact where check_id = ?', [check.id]);
    expect(stored).toEqual([{ email: canary }]);
  });
});

describe('projection into PostgreSQL', () => {
  it('writes one audit row per (case, action, version) however often it is projected', async () => {
    const checkId = randomUUID();
    const { projectContactCheck } = activitiesOf();
    const opened = aSnapshot(checkId, { status: 'open', version: 1 });
    await projectContactCheck(opened);
    await projectContactCheck(opened);
    const closedAt = new Date().toISOString();
    const confirmed = aSnapshot(checkId, { status: 'confirmed', version: 2, closedAt, lastEvent: { action: 'confirmed', actor: 'operator:operator', reason: null, at: closedAt } });
    await projectContactCheck(confirmed);
    await projectContactCheck(confirmed);
    expect(await auditRowsOf(checkId)).toEqual([
      { action: 'opened', version: 1 },
      { action: 'confirmed', version: 2 },
    ]);
    const row = await orm.em.fork().findOneOrFail(ContactCheck, { id: checkId });
    expect(row).toMatchObject({ status: 'confirmed', version: 2 });
  });

  it('keeps the newer version when an older projection arrives late', async () => {
    const checkId = randomUUID();
    const { projectContactCheck } = activitiesOf();
    const at = new Date().toISOString();
    await projectContactCheck(aSnapshot(checkId, { status: 'withdrawn', version: 2, closedAt: at, lastEvent: { action: 'withdrawn', actor: 'operator:operator', reason: 'merged', at } }));
    await projectContactCheck(aSnapshot(checkId, { status: 'open', version: 1 }));
    const row = await orm.em.fork().findOneOrFail(ContactCheck, { id: checkId });
    expect(row).toMatchObject({ status: 'withdrawn', version: 2 });
    expect(row.closedAt).toBeInstanceOf(Date);
    // The late event still belongs to the timeline, once.
    expect(await auditRowsOf(checkId)).toEqual([
      { action: 'opened', version: 1 },
      { action: 'withdrawn', version: 2 },
    ]);
  });

  it('refuses a projection without the event that caused it, without retrying', async () => {
    const { lastEvent: _none, ...withoutEvent } = aSnapshot(randomUUID(), { status: 'open', version: 1 });
    await expect(activitiesOf().projectContactCheck(withoutEvent)).rejects.toMatchObject({ type: 'InvalidProjection', nonRetryable: true });
  });
});
