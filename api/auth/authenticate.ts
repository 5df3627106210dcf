import type { MiddlewareHandler } from 'hono';
import { getCookie } from 'hono/cookie';
import { ApiToken } from '../../schema/entities/identity/apiToken';
import { User, type UserRole } from '../../schema/entities/identity/user';
import type { AppDeps } from '../deps';
import { ApiError } from '../errors';
import { sameSecret, sha256 } from './credentials';
import { findSession, sessionCookieName } from './sessions';

/**
 * Who is calling, resolved from the request (never from what the client claims): a logged-in
 * user (session cookie), a user's API token, or the transitional operator token.
 */
export interface AuthActor {
  kind: 'user' | 'operator';
  id: string;
  authorityId: string | null;
  roles: UserRole[];
  via: 'session' | 'api-token' | 'operator-token';
  /** The session's id (sha256 of its token), for logout. */
  sessionId?: string;
}

declare module 'hono' {
  interface ContextVariableMap {
    actor: AuthActor | undefined;
  }
}

export const apiTokenPrefix = 'lsn_';
export const csrfHeader = 'X-CSRF-Token';
const safeMethods = new Set(['GET', 'HEAD', 'OPTIONS']);

export const operatorActor = (): AuthActor => ({ kind: 'operator', id: 'operator', authorityId: null, roles: [{ role: 'system-admin' }], via: 'operator-token' });

const unauthenticated = (message = 'Log in, or send an API token or the operator token as "Authorization: Bearer <token>".') =>
  new ApiError(401, 'unauthenticated', message);

/**
 * Resolves the actor and sets `c.get('actor')`; a request with no credentials passes on without
 * one (use `requireUser()` or `requireRole()` after it). Credentials that are given but wrong
 * are refused at once. Cookie-authenticated writes must carry the session's X-CSRF-Token.
 */
export function authenticate(deps: Pick<AppDeps, 'orm' | 'config'>): MiddlewareHandler {
  return async (c, next) => {
    // Two of the app's patterns can match one path (`/api/requests` and `/api/requests/*`): the first resolved the actor.
    if (c.get('actor')) return next();
    const header = c.req.header('authorization');
    if (header !== undefined) {
      const given = header.startsWith('Bearer ') ? header.slice(7).trim() : '';
      if (given.startsWith(apiTokenPrefix)) {
        const em = deps.orm.em.fork();
        const token = await em.findOne(ApiToken, { tokenHash: sha256(given), revokedAt: null });
        const user = token ? await em.findOne(User, { id: token.userId, status: 'active' }) : null;
        if (!token || !user) throw unauthenticated('The API token is unknown or revoked.');
        const now = new Date();
        if (!token.lastUsedAt || now.getTime() - token.lastUsedAt.getTime() > 60_000) await em.nativeUpdate(ApiToken, { id: token.id }, { lastUsedAt: now });
        c.set('actor', { kind: 'user', id: user.id, authorityId: user.authorityId ?? null, roles: user.roles, via: 'api-token' });
      } else if (given && sameSecret(given, deps.config.OPERATOR_TOKEN)) {
        c.set('actor', operatorActor());
      } else {
        throw unauthenticated();
      }
      return next();
    }

    const cookie = getCookie(c, sessionCookieName);
    if (cookie) {
      const em = deps.orm.em.fork();
      const session = await findSession(em, cookie);
      const user = session ? await em.findOne(User, { id: session.userId, status: 'active' }) : null;
      if (session && user) {
        if (!safeMethods.has(c.req.method) && !sameSecret(c.req.header(csrfHeader) ?? '', session.csrfToken)) {
          throw new ApiError(403, 'csrf', `Send the ${csrfHeader} header you got at login with every change.`);
        }
        c.set('actor', { kind: 'user', id: user.id, authorityId: user.authorityId ?? null, roles: user.roles, via: 'session', sessionId: session.id });
      }
    }
    return next();
  };
}

/** Refuses a request without an actor (401). */
export function requireUser(): MiddlewareHandler {
  return async (c, next) => {
    if (!c.get('actor')) throw unauthenticated();
    return next();
  };
}

/** Refuses a request whose actor lacks the role in any area (401 without an actor, 403 without the role). */
export function requireRole(role: string): MiddlewareHandler {
  return async (c, next) => {
    const actor = c.get('actor');
    if (!actor) throw unauthenticated();
    if (!actor.roles.some((r) => r.role === role)) throw new ApiError(403, 'forbidden', `This needs the ${role} role.`);
    return next();
  };
}
