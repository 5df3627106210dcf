import type { EntityManager, MikroORM } from '@mikro-orm/postgresql';
import { randomUUID } from 'node:crypto';
import type { Logger } from '../api/logger';
import { createMailer } from '../activities/mailer';
import { newToken } from '../api/auth/credentials';
import { createUser } from '../api/auth/users';
import { ApiToken } from './entities/identity/apiToken';
import { User, type UserRole } from './entities/identity/user';

/**
 * How `npm start` makes demo cases (demoRequests.ts, demoAlerts.ts): through the HTTP API, so they
 * go the real way (rows, workflow, worker, projections, emails), in the background after the ready
 * line, each once. A demo user is known by its email and made if missing (createUser emails it a
 * temporary password); the calls use short-lived personal tokens of the demo users, revoked at the end.
 */

export interface DemoUser<K extends string> {
  key: K;
  username: string;
  email: string;
  firstName: string;
  lastName: string;
  authorityId: string;
  preferredLanguage: string;
  role: string;
}

/** One API call as a demo user; answers the parsed body, throws on an error status. */
export type DemoCall<K extends string> = (method: string, route: string, who: K, body?: unknown) => Promise<any>; // eslint-disable-line @typescript-eslint/no-explicit-any

export interface DemoCasesStart {
  /** Usernames of the demo users not there yet (made in the background). */
  newUsers: string[];
  done: Promise<{ created: number; existing: number }>;
}

export interface DemoCaseKind<K extends string, C> {
  /** e.g. `demo requests`, in log lines and errors. */
  what: string;
  users: readonly DemoUser<K>[];
  cases: readonly C[];
  /** Its name in errors (unique among the kind's demo cases). */
  label: (demo: C) => string;
  /** Already made by an earlier start? */
  exists: (em: EntityManager, demo: C) => Promise<boolean>;
  make: (call: DemoCall<K>, demo: C) => Promise<void>;
}

type Deps = { orm: MikroORM; apiUrl: string; smtpUrl: string; mailFrom: string; loginUrl: string; logger: Logger };

/** Finds which demo users are missing (one query), then makes them and the missing cases in the background. */
export async function startDemoCases<K extends string, C>(deps: Deps, kind: DemoCaseKind<K, C>): Promise<DemoCasesStart> {
  const known = new Set((await deps.orm.em.fork().find(User, { email: { $in: kind.users.map((u) => u.email) } })).map((u) => u.email));
  const newUsers = kind.users.filter((u) => !known.has(u.email)).map((u) => u.username);
  const done = (async () => makeDemoCases(deps, kind, await ensureDemoUsers(deps, kind.users)))().catch((error: unknown) => {
    deps.logger.warn({ err: error }, `${kind.what} could not all be made`);
    return { created: 0, existing: 0 };
  });
  void done.then((r) => deps.logger.info(r, kind.what));
  return { newUsers, done };
}

async function ensureDemoUsers<K extends string>(deps: Deps, demoUsers: readonly DemoUser<K>[]): Promise<Map<K, string>> {
  const mailer = createMailer(deps.smtpUrl, deps.mailFrom);
  const users = new Map<K, string>();
  try {
    for (const demo of demoUsers) {
      const em = deps.orm.em.fork();
      const existing = await em.findOne(User, { email: demo.email });
      if (existing) {
        users.set(demo.key, existing.id);
        continue;
      }
      const { key: _key, role, ...input } = demo;
      const made = await createUser(em, mailer, { ...input, roles: [{ role } as UserRole], loginUrl: deps.loginUrl });
      users.set(demo.key, made.id);
    }
  } finally {
    mailer.close();
  }
  return users;
}

async function makeDemoCases<K extends string, C>(deps: Deps, kind: DemoCaseKind<K, C>, users: Map<K, string>) {
  const em = deps.orm.em.fork();
  const missing: C[] = [];
  for (const demo of kind.cases) if (!(await kind.exists(em, demo))) missing.push(demo);
  if (missing.length === 0) return { created: 0, existing: kind.cases.length };
  const tokens = new Map<K, { id: string; bearer: string }>();
  for (const [key, userId] of users) {
    const made = newToken('lsn_');
    const id = randomUUID();
    await em.insert(ApiToken, { id, userId, name: 'demo data', tokenHash: made.hash, prefix: made.token.slice(0, 12), createdAt: new Date(), lastUsedAt: null, revokedAt: null });
    tokens.set(key, { id, bearer: made.token });
  }
  try {
    for (const demo of missing) {
      const call: DemoCall<K> = async (method, route, who, body) => {
        const response = await fetch(`${deps.apiUrl}${route}`, {
          method,
          headers: { authorization: `Bearer ${tokens.get(who)!.bearer}`, ...(body !== undefined && { 'content-type': 'application/json' }) },
          body: body === undefined ? undefined : JSON.stringify(body),
        });
        const text = await response.text();
        if (!response.ok) throw new Error(`${kind.what}, ${kind.label(demo)}: ${method} ${route} answered ${response.status}: ${text}`);
        return JSON.parse(text);
      };
      await kind.make(call, demo);
    }
  } finally {
    await em.nativeUpdate(ApiToken, { id: { $in: [...tokens.values()].map((t) => t.id) } }, { revokedAt: new Date() });
  }
  return { created: missing.length, existing: kind.cases.length - missing.length };
}
