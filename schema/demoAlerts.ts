import type { MikroORM } from '@mikro-orm/postgresql';
import { randomUUID } from 'node:crypto';
import type { Logger } from '../api/logger';
import { createMailer } from '../activities/mailer';
import { newToken } from '../api/auth/credentials';
import { createUser } from '../api/auth/users';
import { alertCriterionCodes } from './alerts';
import { demoAuthorityIds } from './demoAuthorities';
import { ApiToken } from './entities/identity/apiToken';
import { User, type UserRole } from './entities/identity/user';

/**
 * Demo alerts, so the console's alert list is not empty on a fresh `npm start`. Alerts start at
 * Erhvervsstyrelsen (DK, an alert authority) and go through the Danish Services LIMIC (its alert
 * coordinator); the German Services LIMIC is one of Germany's alert mailboxes and the
 * Bundesnetzagentur a German alert authority linked to it. Four alerts: a draft, one submitted
 * (awaiting the coordinator), one broadcast to DE and FR and acknowledged by the German mailbox,
 * and one whose closure Germany (the establishment country) proposed, in its comment period (7
 * days by default, so it stays there). Like the demo requests (demoRequests.ts) they are made
 * through the HTTP API in the background after the ready line, once each: a demo user is known by
 * its email, a demo alert by its provider's name. Temporary passwords land in the mail inbox.
 */

export const demoAlertUsers = [
  { key: 'dkHandler', username: 'demo.alert.dk', email: 'demo.varsling@erst.example.dk', firstName: 'Sofie', lastName: 'Demo-Varsling', authorityId: demoAuthorityIds.erhvervsstyrelsen, preferredLanguage: 'da', role: 'alert-handler' },
  { key: 'dkCoordinator', username: 'demo.alert.dk-coord', email: 'demo.varslingskoordinator@erst.example.dk', firstName: 'Anders', lastName: 'Demo-Koordinator', authorityId: demoAuthorityIds.dkLimicServices, preferredLanguage: 'da', role: 'alert-broadcaster' },
  { key: 'deMailbox', username: 'demo.alert.de-mailbox', email: 'demo.warnmeldung@bnetza.example.de', firstName: 'Lena', lastName: 'Demo-Postfach', authorityId: demoAuthorityIds.deLimicServices, preferredLanguage: 'de', role: 'alert-broadcaster' },
  { key: 'deHandler', username: 'demo.alert.de', email: 'demo.vorwarnung@bnetza.example.de', firstName: 'Tobias', lastName: 'Demo-Vorwarnung', authorityId: demoAuthorityIds.bundesnetzagentur, preferredLanguage: 'de', role: 'alert-handler' },
] as const;
type UserKey = (typeof demoAlertUsers)[number]['key'];

/** How far each demo alert goes, in this order. */
type Stage = 'draft' | 'submitted' | 'broadcast' | 'acknowledged' | 'closure-proposed';
const stages: Stage[] = ['draft', 'submitted', 'broadcast', 'acknowledged', 'closure-proposed'];

interface DemoAlert {
  /** The provider's name: unique among the demo alerts, so a second start finds them. */
  provider: string;
  city: string;
  establishmentCountry: string;
  stage: Stage;
  description: string;
}

export const demoAlerts: DemoAlert[] = [
  { provider: 'Skovbakke Asbestsanering ApS', city: 'Flensburg', establishmentCountry: 'DE', stage: 'draft', description: 'Asbestos removed without protective measures at two schools in Aabenraa.' },
  { provider: 'Limfjord Gasinstallation ApS', city: 'Kiel', establishmentCountry: 'DE', stage: 'submitted', description: 'Gas installations left leaking after work in three homes; the provider moves on to other countries.' },
  { provider: 'Elbufer Aufzugstechnik GmbH', city: 'Hamburg', establishmentCountry: 'DE', stage: 'acknowledged', description: 'Lift safety brakes disabled during maintenance in Esbjerg; the firm also services lifts in France.' },
  { provider: 'Nordsee Kranservice GmbH', city: 'Bremen', establishmentCountry: 'DE', stage: 'closure-proposed', description: 'Mobile cranes inspected with forged certificates on a building site in Aarhus.' },
];

/** Demo alert users being made (usernames: those not there yet), and the background work making them and the alerts. */
export interface DemoAlertsStart {
  newUsers: string[];
  done: Promise<{ created: number; existing: number }>;
}

/** Finds which demo alert users are missing (one query), then makes them and the missing alerts in the background. */
export async function startDemoAlerts(deps: { orm: MikroORM; apiUrl: string; smtpUrl: string; mailFrom: string; loginUrl: string; logger: Logger }): Promise<DemoAlertsStart> {
  const known = new Set((await deps.orm.em.fork().find(User, { email: { $in: demoAlertUsers.map((u) => u.email) } })).map((u) => u.email));
  const newUsers = demoAlertUsers.filter((u) => !known.has(u.email)).map((u) => u.username);
  const done = (async () => makeDemoAlerts(deps.orm, deps.apiUrl, await ensureDemoUsers(deps)))().catch((error: unknown) => {
    deps.logger.warn({ err: error }, 'demo alerts could not all be made');
    return { created: 0, existing: 0 };
  });
  void done.then((r) => deps.logger.info(r, 'demo alerts'));
  return { newUsers, done };
}

/** The demo alert users, made if missing (createUser emails each a temporary password). */
async function ensureDemoUsers(deps: { orm: MikroORM; smtpUrl: string; mailFrom: string; loginUrl: string }) {
  const mailer = createMailer(deps.smtpUrl, deps.mailFrom);
  const users = new Map<UserKey, { id: string }>();
  try {
    for (const demo of demoAlertUsers) {
      const em = deps.orm.em.fork();
      const existing = await em.findOne(User, { email: demo.email });
      if (existing) {
        users.set(demo.key, { id: existing.id });
        continue;
      }
      const { key: _key, role, ...input } = demo;
      const made = await createUser(em, mailer, { ...input, roles: [{ role } as UserRole], loginUrl: deps.loginUrl });
      users.set(demo.key, { id: made.id });
    }
  } finally {
    mailer.close();
  }
  return users;
}

/** Each demo alert not there yet, through the API with short-lived personal tokens of the demo users (revoked at the end). */
async function makeDemoAlerts(orm: MikroORM, apiUrl: string, users: Map<UserKey, { id: string }>) {
  const em = orm.em.fork();
  const missing: DemoAlert[] = [];
  for (const demo of demoAlerts) {
    const [found] = await em.execute('select 1 from alert_provider p join alert a on a.id = p.alert_id where p.name = ? and a.version > 0', [demo.provider]);
    if (!found) missing.push(demo);
  }
  if (missing.length === 0) return { created: 0, existing: demoAlerts.length };
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
  return { created: missing.length, existing: demoAlerts.length - missing.length };
}

async function makeOne(apiUrl: string, demo: DemoAlert, bearer: (key: UserKey) => string) {
  const call = async (method: string, route: string, who: UserKey, body?: unknown) => {
    const response = await fetch(`${apiUrl}${route}`, {
      method,
      headers: { authorization: `Bearer ${bearer(who)}`, ...(body !== undefined && { 'content-type': 'application/json' }) },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const text = await response.text();
    if (!response.ok) throw new Error(`demo alert ${demo.provider}: ${method} ${route} answered ${response.status}: ${text}`);
    return JSON.parse(text);
  };
  const reached = (stage: Stage) => stages.indexOf(demo.stage) >= stages.indexOf(stage);
  const draft = await call('POST', '/api/alerts', 'dkHandler', {
    criteria: Object.fromEntries(alertCriterionCodes.map((c) => [c, true])),
    provider: { providerKind: 'business', name: demo.provider, otherNames: [], address: { city: demo.city, country: demo.establishmentCountry }, registrationNumbers: {}, fields: {} },
    description: demo.description,
    descriptionLanguage: 'en',
    files: [],
    alertCoordinatorId: demoAuthorityIds.dkLimicServices,
    targetCountries: ['DE', 'FR'],
    establishmentCountry: demo.establishmentCountry,
    suggestedAuthorities: 'The authorities supervising building and installation work',
  });
  const id = draft.alert.id as string;
  if (!reached('submitted')) return;
  await call('POST', `/api/alerts/${id}/submit`, 'dkHandler');
  if (!reached('broadcast')) return;
  await call('POST', `/api/alerts/${id}/accept`, 'dkCoordinator');
  await call('POST', `/api/alerts/${id}/broadcast`, 'dkCoordinator');
  if (!reached('acknowledged')) return;
  await call('POST', `/api/alerts/${id}/acknowledge`, 'deMailbox');
  if (!reached('closure-proposed')) return;
  // Germany, the establishment country, closes: the mailbox forwards to the Bundesnetzagentur, whose handler proposes closure to its coordinator.
  await call('POST', `/api/alerts/${id}/forward`, 'deMailbox', { authorityIds: [demoAuthorityIds.bundesnetzagentur] });
  await call('POST', `/api/alerts/${id}/propose-closure`, 'deHandler', {
    text: 'The firm’s crane certificates were withdrawn and it no longer operates abroad.',
    language: 'en',
    closureCoordinatorId: demoAuthorityIds.deLimicServices,
  });
}
