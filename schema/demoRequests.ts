import type { MikroORM } from '@mikro-orm/postgresql';
import { randomUUID } from 'node:crypto';
import type { Logger } from '../api/logger';
import { createMailer } from '../activities/mailer';
import { newToken } from '../api/auth/credentials';
import { createUser } from '../api/auth/users';
import { demoAuthorityIds } from './demoAuthorities';
import { ApiToken } from './entities/identity/apiToken';
import { User } from './entities/identity/user';

/**
 * Demo information requests, so the console's action list is not empty on a fresh `npm start`: a
 * case handler at Erhvervsstyrelsen (DK) and one at the Bundesnetzagentur (DE), and requests
 * between them in different statuses — a draft, one awaiting acceptance (each way), one answered,
 * one closed and one overdue. They are made through the HTTP API, so they go the real way (rows,
 * workflow, worker, projections, emails), in the background after the ready line. Each is made
 * once: a demo user is known by its email, a demo request by its subject's name. The users'
 * temporary passwords land in the mail inbox.
 */

export const demoRequestUsers = [
  { key: 'dk', username: 'demo.dk', email: 'demo.sagsbehandler@erst.example.dk', firstName: 'Mette', lastName: 'Demo-Sagsbehandler', authorityId: demoAuthorityIds.erhvervsstyrelsen, preferredLanguage: 'da' },
  { key: 'de', username: 'demo.de', email: 'demo.sachbearbeiter@bnetza.example.de', firstName: 'Jonas', lastName: 'Demo-Sachbearbeiter', authorityId: demoAuthorityIds.bundesnetzagentur, preferredLanguage: 'de' },
] as const;
type UserKey = (typeof demoRequestUsers)[number]['key'];

const questionSet = 'services-establishment';
const day = 86_400_000;
const dateIn = (days: number) => new Date(Date.now() + days * day).toISOString().slice(0, 10);

/** How far each demo request goes: sent, accepted, answered, closed (in that order). */
type Stage = 'draft' | 'sent' | 'accepted' | 'answered' | 'closed';
const stages: Stage[] = ['draft', 'sent', 'accepted', 'answered', 'closed'];

interface DemoRequest {
  /** The subject's name: unique among the demo requests, so a second start finds them. */
  subject: string;
  from: UserKey;
  to: UserKey;
  stage: Stage;
  /** Days from today; negative: already past, so the request is overdue as soon as it arrives. */
  deadlineInDays: number;
  comment: string;
}

export const demoRequests: DemoRequest[] = [
  { subject: 'Nordlys Byg ApS', from: 'dk', to: 'de', stage: 'draft', deadlineInDays: 30, comment: 'Is the company established in Germany, and since when?' },
  { subject: 'Bygholm Stillads ApS', from: 'dk', to: 'de', stage: 'sent', deadlineInDays: 21, comment: 'The provider says it is established in Bonn; please confirm.' },
  { subject: 'Rheinblick Gerüstbau GmbH', from: 'de', to: 'dk', stage: 'sent', deadlineInDays: 14, comment: 'Der Dienstleister gibt an, in Dänemark niedergelassen zu sein.' },
  { subject: 'Hvidsten El-service ApS', from: 'dk', to: 'de', stage: 'answered', deadlineInDays: 10, comment: 'Please confirm the registration of the branch.' },
  { subject: 'Fjordkanten Tømrer ApS', from: 'dk', to: 'de', stage: 'closed', deadlineInDays: 5, comment: 'Checking the establishment before granting a licence.' },
  { subject: 'Kattegat VVS ApS', from: 'dk', to: 'de', stage: 'accepted', deadlineInDays: -3, comment: 'Urgent: the provider started work last week.' },
];

/** Demo users being made (usernames: those not there yet), and the background work making them and the requests. */
export interface DemoRequestsStart {
  newUsers: string[];
  done: Promise<{ created: number; existing: number }>;
}

/** Finds which demo users are missing (one query), then makes them and the missing requests in the background. */
export async function startDemoRequests(deps: { orm: MikroORM; apiUrl: string; smtpUrl: string; mailFrom: string; loginUrl: string; logger: Logger }): Promise<DemoRequestsStart> {
  const known = new Set((await deps.orm.em.fork().find(User, { email: { $in: demoRequestUsers.map((u) => u.email) } })).map((u) => u.email));
  const newUsers = demoRequestUsers.filter((u) => !known.has(u.email)).map((u) => u.username);
  const done = (async () => makeDemoRequests(deps.orm, deps.apiUrl, await ensureDemoUsers(deps)))().catch((error: unknown) => {
    deps.logger.warn({ err: error }, 'demo requests could not all be made');
    return { created: 0, existing: 0 };
  });
  void done.then((r) => deps.logger.info(r, 'demo requests'));
  return { newUsers, done };
}

/** The demo case handlers, made if missing (createUser emails each a temporary password). */
async function ensureDemoUsers(deps: { orm: MikroORM; smtpUrl: string; mailFrom: string; loginUrl: string }) {
  const mailer = createMailer(deps.smtpUrl, deps.mailFrom);
  const users = new Map<UserKey, { id: string }>();
  try {
    for (const demo of demoRequestUsers) {
      const em = deps.orm.em.fork();
      const existing = await em.findOne(User, { email: demo.email });
      if (existing) {
        users.set(demo.key, { id: existing.id });
        continue;
      }
      const { key: _key, ...input } = demo;
      const made = await createUser(em, mailer, { ...input, roles: [{ role: 'case-handler' }], loginUrl: deps.loginUrl });
      users.set(demo.key, { id: made.id });
    }
  } finally {
    mailer.close();
  }
  return users;
}

/** Each demo request not there yet, through the API with short-lived personal tokens of the demo users (revoked at the end). */
async function makeDemoRequests(orm: MikroORM, apiUrl: string, users: Map<UserKey, { id: string }>) {
  const em = orm.em.fork();
  const missing: DemoRequest[] = [];
  for (const demo of demoRequests) {
    const [found] = await em.execute('select 1 from request_case_data cd join request r on r.id = cd.request_id where cd.name = ? and r.version > 0', [demo.subject]);
    if (!found) missing.push(demo);
  }
  if (missing.length === 0) return { created: 0, existing: demoRequests.length };
  const tokens = new Map<UserKey, { id: string; bearer: string }>();
  for (const [key, user] of users) {
    const made = newToken('lsn_');
    const id = randomUUID();
    await em.insert(ApiToken, { id, userId: user.id, name: 'demo data', tokenHash: made.hash, prefix: made.token.slice(0, 12), createdAt: new Date(), lastUsedAt: null, revokedAt: null });
    tokens.set(key, { id, bearer: made.token });
  }
  try {
    for (const demo of missing) await makeOne(apiUrl, demo, (key) => tokens.get(key)!.bearer);
  } finally {
    await em.nativeUpdate(ApiToken, { id: { $in: [...tokens.values()].map((t) => t.id) } }, { revokedAt: new Date() });
  }
  return { created: missing.length, existing: demoRequests.length - missing.length };
}

async function makeOne(apiUrl: string, demo: DemoRequest, bearer: (key: UserKey) => string) {
  const call = async (method: string, route: string, who: UserKey, body?: unknown) => {
    const response = await fetch(`${apiUrl}${route}`, {
      method,
      headers: { authorization: `Bearer ${bearer(who)}`, ...(body !== undefined && { 'content-type': 'application/json' }) },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const text = await response.text();
    if (!response.ok) throw new Error(`demo request ${demo.subject}: ${method} ${route} answered ${response.status}: ${text}`);
    return JSON.parse(text);
  };
  const reached = (stage: Stage) => stages.indexOf(demo.stage) >= stages.indexOf(stage);
  const to = demoRequestUsers.find((u) => u.key === demo.to)!;
  const draft = await call('POST', '/api/requests', demo.from, {
    legislationArea: 'services',
    questionSet,
    respondingAuthorityId: to.authorityId,
    deadline: dateIn(demo.deadlineInDays),
    caseData: { subjectKind: 'provider', name: demo.subject, identifiers: {}, fields: {}, reason: 'Demo request' },
    questions: [
      { code: `${questionSet}/established`, comment: demo.comment, commentLanguage: demo.from === 'de' ? 'de' : 'en' },
      { code: `${questionSet}/registered`, comment: null },
    ],
    attachments: [],
    send: reached('sent'),
  });
  const id = draft.request.id as string;
  if (!reached('accepted')) return;
  await call('POST', `/api/requests/${id}/accept`, demo.to, {});
  if (!reached('answered')) return;
  const detail = await call('GET', `/api/requests/${id}`, demo.to);
  await call('PUT', `/api/requests/${id}/answer-draft`, demo.to, {
    answers: detail.questions.map((q: { id: string; code: string }) => ({ questionId: q.id, predefinedAnswer: `${q.code}/yes` })),
  });
  await call('POST', `/api/requests/${id}/answer`, demo.to);
  if (!reached('closed')) return;
  await call('POST', `/api/requests/${id}/close`, demo.from);
}
