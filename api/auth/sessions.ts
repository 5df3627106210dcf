import type { EntityManager } from '@mikro-orm/postgresql';
import { randomBytes } from 'node:crypto';
import { Session } from '../../schema/entities/identity/session';
import { newToken, sha256 } from './credentials';

export const sessionCookieName = 'liaison_session';

/** How long a session lives: ended after an hour without a request, and after 10 hours at the latest. */
export const sessionPolicy = { idleMs: 60 * 60_000, maxMs: 10 * 60 * 60_000, touchEveryMs: 60_000 };

/** Opens a session; the token goes into the cookie, only its sha256 into the database. */
export async function openSession(em: EntityManager, userId: string, client: { ip: string | null; userAgent: string | null }, now = new Date()) {
  const { token, hash } = newToken();
  const csrfToken = randomBytes(24).toString('base64url');
  await em.insert(Session, {
    id: hash,
    userId,
    createdAt: now,
    lastSeenAt: now,
    expiresAt: new Date(now.getTime() + sessionPolicy.maxMs),
    csrfToken,
    ip: client.ip?.slice(0, 64) ?? null,
    userAgent: client.userAgent?.slice(0, 300) ?? null,
  });
  return { token, csrfToken, expiresAt: new Date(now.getTime() + sessionPolicy.maxMs) };
}

/** The live session for a cookie token, touched; null when unknown, expired or idle too long (then deleted). */
export async function findSession(em: EntityManager, token: string, now = new Date()) {
  const id = sha256(token);
  const session = await em.findOne(Session, { id });
  if (!session) return null;
  if (session.expiresAt <= now || now.getTime() - session.lastSeenAt.getTime() > sessionPolicy.idleMs) {
    await em.nativeDelete(Session, { id });
    return null;
  }
  if (now.getTime() - session.lastSeenAt.getTime() > sessionPolicy.touchEveryMs) {
    await em.nativeUpdate(Session, { id }, { lastSeenAt: now });
  }
  return session;
}

export async function endSession(em: EntityManager, token: string) {
  await em.nativeDelete(Session, { id: sha256(token) });
}
