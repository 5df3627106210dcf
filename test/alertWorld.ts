/**
 * Shared world of the alert integration tests (test/alert*.test.ts): fresh authorities taking part
 * in alerts in the Services area — alert authorities, alert coordinators and mailboxes — their
 * links, users with alert roles and personal API tokens, and helpers that drive an alert through
 * HTTP and read the emails the SMTP catcher holds about it.
 *
 * Authorities are inserted directly (fresh ones, so flags and links are set per scenario). Each
 * test file uses its own countries: a broadcast reaches every alert mailbox of a country, so two
 * files sharing a country would see each other's mailboxes.
 */
import type { EntityManager } from '@mikro-orm/postgresql';
import { AuthorityWorkflow, LinkedCoordinator } from '../schema/entities/authority';
import { alertCriterionCodes } from '../schema/alerts';
import { apiClient, type Caller } from './apiClient';
import { area, insertAuthority, insertUser, type TestAuthority, type TestUser } from './requestWorld';
import { caughtEmails, startTestApi, waitFor } from './stack';

export let api: Awaited<ReturnType<typeof startTestApi>>;
export const { call } = apiClient(() => api.url);
export type { TestAuthority, TestUser };

/**
 * Starts the stack for the file's tests with short closure periods (the policy is read from the
 * API's configuration when each alert starts) and closes it after them.
 */
export function useAlertApi(periods: { comment: string; objection: string; erasure?: string }) {
  beforeAll(async () => {
    const saved = { c: process.env.ALERT_COMMENT_PERIOD, o: process.env.ALERT_OBJECTION_PERIOD, e: process.env.ALERT_ERASURE_AFTER };
    process.env.ALERT_COMMENT_PERIOD = periods.comment;
    process.env.ALERT_OBJECTION_PERIOD = periods.objection;
    if (periods.erasure) process.env.ALERT_ERASURE_AFTER = periods.erasure;
    try {
      api = await startTestApi();
    } finally {
      // Only this file's stack reads them.
      for (const [k, v] of [['ALERT_COMMENT_PERIOD', saved.c], ['ALERT_OBJECTION_PERIOD', saved.o], ['ALERT_ERASURE_AFTER', saved.e]] as const) {
        if (v === undefined) delete process.env[k];
        else process.env[k] = v;
      }
    }
  }, 90_000);
  afterAll(async () => {
    await api?.close();
  });
}

/** A fresh active authority of `country` with alert access in the Services area and the given alert roles. */
export async function anAlertAuthority(country: string, roles: ('alert-authority' | 'alert-coordinator' | 'alert-mailbox')[], finalApproval = false, label = 'Alert test'): Promise<TestAuthority> {
  const em: EntityManager = api.deps.orm.em.fork();
  const kind = roles.includes('alert-authority') ? 'CA' : 'LIMIC';
  const authority = await insertAuthority(em, country, kind, ['authority'], { alerts: { finalApproval } }, label);
  await em.insert(AuthorityWorkflow, { authorityId: authority.id, areaCode: area, workflow: 'alerts', accessStatus: 'active', previousAccessStatus: null, roles: roles as never });
  return authority;
}

/** Links `authority` to the alert coordinator `coordinator` (the coordinators it may submit to). */
export async function linkAlertCoordinator(authority: TestAuthority, coordinator: TestAuthority) {
  await api.deps.orm.em.fork().insert(LinkedCoordinator, { authorityId: authority.id, areaCode: area, workflow: 'alerts', coordinatorId: coordinator.id } as never);
}

export const anAlertUser = (authority: TestAuthority, label: string, ...roles: string[]) => insertUser(api.deps.orm.em.fork(), api.deps.mailer, authority, roles, label);

export const allCriteria = () => Object.fromEntries(alertCriterionCodes.map((c) => [c, true]));

export async function ok(method: string, route: string, who: Caller, body?: unknown, expected = 200) {
  const answer = await call(method, route, who, body);
  if (answer.status !== expected) throw new Error(`${method} ${route} answered ${answer.status}: ${JSON.stringify(answer.body)}`);
  return answer.body;
}
export const cmd = (id: string, name: string, who: Caller, body?: unknown) => ok('POST', `/api/alerts/${id}/${name}`, who, body);

/** Polls the alert as `who` until its status is `status` (a durable timer moves it). */
export async function statusBecomes(id: string, who: Caller, status: string, timeoutMs = 60_000) {
  return waitFor(
    async () => {
      const detail = await ok('GET', `/api/alerts/${id}`, who);
      return detail.alert.status === status ? detail : undefined;
    },
    `alert ${id} to become ${status}`,
    timeoutMs,
  );
}

/** The English sentence of each alert email (activities/emails/alertEmails.ts), to tell the kinds apart. */
export const emailSentence = {
  submitted: 'An alert has been submitted to your authority.',
  received: 'Your country has received a new alert.',
  copy: 'Your country has broadcast an alert.',
  forwarded: 'An alert has been forwarded to your authority.',
  itemSubmitted: 'New information on an alert has been submitted to your authority.',
  itemBroadcast: 'New information on an alert you received has been broadcast.',
  closureProposed: 'Closure of an alert has been proposed in your country.',
  commentPeriodOver: 'The comment period on an alert',
  closureBroadcast: 'Closure of an alert you received has been proposed.',
  objectionPeriodOver: 'The objection period on an alert',
  closed: 'An alert you received has been closed.',
  withdrawn: 'An alert you received has been withdrawn.',
} as const;

/** Addresses of every active helpdesk user: the Commission's side of a broadcast. */
export async function helpdeskAddresses(): Promise<string[]> {
  const rows = await api.deps.orm.em
    .fork()
    .execute<{ email: string }[]>(`select email from app_user where status = 'active' and exists (select 1 from jsonb_array_elements(roles::jsonb) r where r->>'role' = 'system-admin')`);
  return rows.map((r) => r.email.toLowerCase());
}

/** The addresses (lower case, sorted, once each) emailed about alert `number` whose text contains `sentence`. */
export async function emailedWith(number: string, sentence: string): Promise<string[]> {
  const mails = (await caughtEmails()).filter((m) => m.subject.includes(number) && (m.text.includes(sentence) || m.html.includes(sentence)));
  return [...new Set(mails.flatMap((m) => m.to.map((t) => t.address.toLowerCase())))].sort();
}

/** Waits until the emails about `number` of one kind reach exactly `expected` addresses (and stay at no more). */
export async function expectEmailed(number: string, sentence: string, expected: string[]) {
  const want = [...new Set(expected.map((e) => e.toLowerCase()))].sort();
  const got = await waitFor(
    async () => {
      const now = await emailedWith(number, sentence);
      return now.length >= want.length ? now : undefined;
    },
    `${want.length} emails "${sentence}" about ${number}`,
  ).catch(async () => emailedWith(number, sentence));
  expect(got).toEqual(want);
}
