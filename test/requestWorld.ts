/**
 * Shared world of the request integration tests (test/requests*.test.ts): fresh authorities (DK
 * requests, DE responds, a request coordinator on each side), users with personal API tokens, and
 * helpers that drive a request through HTTP. Information requests through the real HTTP API, worker and Temporal (domain.md §5, §8; IMI
 * manual ch. 5): the main path with its emails checked against the recipient rules of 5.3.9.3 and
 * the retention child, and each branch: forward (before and after acceptance), split, reject (the
 * flag), additional information accepted and refused, referral scenarios 1–4, approval refused
 * then approved, allocation, copy; what the responder (before acceptance), the coordinators and
 * the allocators see of personal data.
 *
 * Authorities are inserted directly (fresh ones, so their flags can be set per scenario without
 * touching anyone else's); users call with personal API tokens.
 */
import { randomUUID } from 'node:crypto';
import type { EntityManager } from '@mikro-orm/postgresql';
import type { Mailer } from '../activities/mailer';
import { newToken } from '../api/auth/credentials';
import { createUser } from '../api/auth/users';
import { authorityExactText, authoritySearchText } from '../schema/authorityDirectory';
import { Authority, AuthorityArea, AuthorityWorkflow, LinkedCoordinator } from '../schema/entities/authority';
import { ApiToken } from '../schema/entities/identity/apiToken';
import type { UserRole } from '../schema/entities/identity/user';
import { retentionWorkflowId } from '../workflows/retention/definitions';
import { apiClient, type Caller } from './apiClient';
import { caughtEmails, startTestApi, waitFor } from './stack';

export let api: Awaited<ReturnType<typeof startTestApi>>;
export const { call } = apiClient(() => api.url);

export interface TestAuthority {
  id: string;
  contactEmail: string;
}
export interface TestUser extends Caller {
  id: string;
  email: string;
}

export const area = 'services';
export const questionSet = 'services-establishment';
export const q1 = `${questionSet}/established`;
export const q2 = `${questionSet}/registered`;
export const subjectName = 'Qwertz Ølstrup-Hansen';

/**
 * A fresh active authority of `area` taking part in requests with `roles`, inserted directly
 * (so its flags can be set per scenario); `label` starts its official name. The bench uses it too.
 */
export async function insertAuthority(em: EntityManager, country: string, kind: string, roles: string[], flags: Record<string, unknown> = {}, label = 'Request test'): Promise<TestAuthority> {
  const id = randomUUID();
  const tag = id.slice(0, 8);
  const contactEmail = `contact-${tag}@authority.example.eu`;
  const searchable = { officialName: `${label} ${kind} ${tag}`, informalTitle: {}, description: null, city: 'Town', region: null };
  const now = new Date();
  await em.insert(Authority, {
    id,
    countryCode: country,
    kind: kind as never,
    region: null,
    officialName: searchable.officialName,
    informalTitle: {},
    description: null,
    descriptionLanguage: null,
    languages: ['en'],
    addressLines: ['Street 1'],
    postcode: '1000',
    city: 'Town',
    phone: null,
    website: null,
    contactEmail,
    horizontalCompetence: false,
    status: 'active',
    validatingCoordinatorId: null,
    searchText: authoritySearchText(searchable),
    exactText: authorityExactText(searchable),
    createdAt: now,
    updatedAt: now,
  });
  await em.insert(AuthorityArea, { authorityId: id, areaCode: area, accessStatus: 'active', previousAccessStatus: null, role: kind as never, accessCoordinatorId: null, keywords: [], flags });
  await em.insert(AuthorityWorkflow, { authorityId: id, areaCode: area, workflow: 'requests', accessStatus: 'active', previousAccessStatus: null, roles: roles as never });
  return { id, contactEmail };
}

export async function insertLink(em: EntityManager, authority: TestAuthority, coordinator: TestAuthority) {
  await em.insert(LinkedCoordinator, { authorityId: authority.id, areaCode: area, workflow: 'requests', coordinatorId: coordinator.id } as never);
}

/** A user of `authority` with `roles` and a personal API token; `label` is the user's last name before a tag. */
export async function insertUser(em: EntityManager, mailer: Mailer, authority: TestAuthority, roles: string[], label = 'User'): Promise<TestUser> {
  const tag = randomUUID().slice(0, 8);
  const email = `user-${tag}@authority.example.eu`;
  const user = await createUser(em, mailer, {
    firstName: 'Test',
    lastName: `${label} ${tag}`,
    email,
    authorityId: authority.id,
    roles: roles.map((role) => ({ role })) as UserRole[],
    loginUrl: 'http://localhost/login',
  });
  const made = newToken('lsn_');
  await em.insert(ApiToken, { id: randomUUID(), userId: user.id, name: 'test', tokenHash: made.hash, prefix: made.token.slice(0, 12), createdAt: new Date(), lastUsedAt: null, revokedAt: null });
  return { id: user.id, email, bearer: made.token };
}

export const anAuthority = (country: string, kind: string, roles: string[], flags: Record<string, unknown> = {}) => insertAuthority(api.deps.orm.em.fork(), country, kind, roles, flags);
export const link = (authority: TestAuthority, coordinator: TestAuthority) => insertLink(api.deps.orm.em.fork(), authority, coordinator);
export const aUser = (authority: TestAuthority, ...roles: string[]) => insertUser(api.deps.orm.em.fork(), api.deps.mailer, authority, roles);

export async function setFlags(authority: TestAuthority, flags: Record<string, unknown>) {
  await api.deps.orm.em.fork().execute('update authority_area set flags = ?::jsonb where authority_id = ? and area_code = ?', [JSON.stringify(flags), authority.id, area]);
}

// DK requests, DE responds. Coordinators on both sides take part in referrals by default.
export let dkCa: TestAuthority, dkCoord: TestAuthority, deCa: TestAuthority, deCa2: TestAuthority, deCoord: TestAuthority;
export let reqHandler: TestUser, reqCoordHandler: TestUser;
export let respHandler: TestUser, respHandler2: TestUser, respAllocator: TestUser, resp2Handler: TestUser, respCoordHandler: TestUser, outsider: TestUser;

/** Starts the stack (API, worker) for the file's tests and closes it after them. */
export function useRequestApi() {
  beforeAll(async () => {
    api = await startTestApi();
  }, 90_000);
  afterAll(async () => {
    await api?.close();
  });
}

/** Starts the stack and builds the world; call once at the top of a test file. */
export function useRequestWorld() {
useRequestApi();
beforeAll(async () => {
  dkCa = await anAuthority('DK', 'CA', ['authority']);
  dkCoord = await anAuthority('DK', 'LIMIC', ['request-coordinator']);
  deCa = await anAuthority('DE', 'CA', ['authority']);
  deCa2 = await anAuthority('DE', 'CA', ['authority']);
  deCoord = await anAuthority('DE', 'LIMIC', ['request-coordinator']);
  await link(dkCa, dkCoord);
  await link(deCa, deCoord);
  reqHandler = await aUser(dkCa, 'case-handler');
  reqCoordHandler = await aUser(dkCoord, 'referral-handler', 'case-handler');
  respHandler = await aUser(deCa, 'case-handler');
  respHandler2 = await aUser(deCa, 'case-handler');
  respAllocator = await aUser(deCa, 'allocator');
  resp2Handler = await aUser(deCa2, 'case-handler');
  respCoordHandler = await aUser(deCoord, 'referral-handler');
  outsider = await aUser(deCa2, 'allocator');
}, 90_000);
}

export const aNewRequest = (overrides: Record<string, unknown> = {}) => ({
  legislationArea: area,
  questionSet,
  respondingAuthorityId: deCa.id,
  deadline: '2030-01-31',
  caseData: { subjectKind: 'person', name: subjectName, identifiers: { nationalId: '010170-1234' }, fields: { profession: 'electrician' }, reason: 'Checking the establishment' },
  questions: [
    { code: q1, comment: 'Is the provider established since 2011? See the certificate.', commentLanguage: 'en' },
    { code: q2, comment: null },
  ],
  attachments: [{ fileName: 'certificate.txt', mimeType: 'text/plain', contentBase64: Buffer.from('a certificate').toString('base64'), questionCode: q1 }],
  ...overrides,
});

export async function ok(method: string, route: string, who: Caller, body?: unknown, expected = 200) {
  const answer = await call(method, route, who, body);
  if (answer.status !== expected) throw new Error(`${method} ${route} answered ${answer.status}: ${JSON.stringify(answer.body)}`);
  return answer.body;
}
export const cmd = (id: string, name: string, who: Caller, body?: unknown) => ok('POST', `/api/requests/${id}/${name}`, who, body);

export async function created(overrides: Record<string, unknown> = {}) {
  return ok('POST', '/api/requests', reqHandler, aNewRequest(overrides), 201);
}
export async function sent(overrides: Record<string, unknown> = {}) {
  const draft = await created(overrides);
  await cmd(draft.request.id, 'send', reqHandler);
  return draft.request.id as string;
}
export async function answered(id: string, by: Caller = respHandler) {
  const detail = await ok('GET', `/api/requests/${id}`, by);
  await ok('PUT', `/api/requests/${id}/answer-draft`, by, { answers: detail.questions.map((q: { id: string; code: string }) => ({ questionId: q.id, predefinedAnswer: `${q.code}/yes` })) });
  return cmd(id, 'answer', by);
}
export async function refused() {
  const id = await sent();
  await cmd(id, 'accept', respHandler, {});
  await answered(id);
  await cmd(id, 'request-additional-info', reqHandler, { reason: 'Please give the registration date.' });
  await cmd(id, 'refuse-additional-info', respHandler, { reason: 'We have nothing more.' });
  return id;
}

/** Addresses emailed about the request (its number is in every subject). */
export async function emailedAbout(number: string, atLeast: number) {
  return waitFor(
    async () => {
      const mails = (await caughtEmails()).filter((m) => m.subject.includes(number));
      return mails.length >= atLeast ? mails : undefined;
    },
    `${atLeast} emails about ${number}`,
  );
}
export const recipients = (mails: { to: { address: string }[] }[]) => mails.flatMap((m) => m.to.map((t) => t.address.toLowerCase()));

