import { createRoute, z } from '@hono/zod-openapi';
import { getConnInfo } from '@hono/node-server/conninfo';
import type { Context } from 'hono';
import { deleteCookie, getCookie, setCookie } from 'hono/cookie';
import { randomInt, randomUUID } from 'node:crypto';
import type { EntityManager } from '@mikro-orm/postgresql';
import { ApiToken } from '../../schema/entities/identity/apiToken';
import { Session } from '../../schema/entities/identity/session';
import { LoginChallenge, type LoginChallengeKind } from '../../schema/entities/identity/loginChallenge';
import { User, type IUser } from '../../schema/entities/identity/user';
import { publicUrl } from '../../schema/config';
import { apiTokenPrefix, authenticate, csrfHeader, requireUser } from '../auth/authenticate';
import {
  hashPassword,
  hashSecurityCode,
  newToken,
  passwordProblems,
  securityCodeProblems,
  sha256,
  verifyPassword,
  verifySecurityCodePositions,
} from '../auth/credentials';
import { loginTransition, type LoginResult } from '../auth/loginMachine';
import { endSession, openSession, sessionCookieName, sessionPolicy } from '../auth/sessions';
import { checkThrottle, defaultThrottlePolicy, recordFailure, TooManyAttempts, type ThrottlePolicy } from '../auth/throttle';
import { accountOf, applyAccount } from '../auth/users';
import type { AppDeps } from '../deps';
import { Authority } from '../../schema/entities/authority/authority';
import { ApiError, errorResponses, notFound } from '../errors';
import { createRouter } from '../router';

const json = <T extends z.ZodTypeAny>(schema: T, description: string) => ({ description, content: { 'application/json': { schema } } });
const body = <T extends z.ZodTypeAny>(schema: T) => ({ body: { content: { 'application/json': { schema } }, required: true } });

const userRoleSchema = z.object({ role: z.string(), area: z.string().optional(), workflow: z.string().optional() });
const userSchema = z
  .object({
    id: z.string().uuid(),
    username: z.string(),
    firstName: z.string(),
    lastName: z.string(),
    email: z.string(),
    preferredLanguage: z.string(),
    authorityId: z.string().uuid().nullable(),
    roles: z.array(userRoleSchema),
  })
  .openapi('CurrentUser');
const sessionAnswerSchema = z
  .object({ user: userSchema, csrfToken: z.string().openapi({ description: `Send it back as the ${csrfHeader} header on every change.` }) })
  .openapi('LoginSession');
const nextStepSchema = z
  .object({ next: z.enum(['change-password', 'choose-security-code']), changeToken: z.string() })
  .openapi('LoginNextStep', { description: 'First login (or after a reset): the step to take next, with its single-use token.' });
const challengeSchema = z
  .object({ challengeId: z.string(), positions: z.array(z.number().int().min(1).max(12)).length(3) })
  .openapi('LoginChallenge', { description: 'Answer with the characters at these 1-based positions of your security code.' });

const loginSchema = z.object({ username: z.string().trim().min(1, 'enter your username').max(60), password: z.string().min(1, 'enter your password').max(200) });
const codeAnswerSchema = z.object({
  challengeId: z.string().min(1).max(100),
  characters: z.array(z.string().max(4)).length(3, 'give the 3 asked characters'),
});
const firstPasswordSchema = z.object({ changeToken: z.string().min(1).max(100), newPassword: z.string().max(200) });
const chooseCodeSchema = z.object({ changeToken: z.string().min(1).max(100), code: z.string().max(50), confirmation: z.string().max(50) });
const changePasswordSchema = z.object({ currentPassword: z.string().min(1, 'enter your current password').max(200), newPassword: z.string().max(200) });
const tokenSchema = z
  .object({ id: z.string().uuid(), name: z.string(), prefix: z.string(), createdAt: z.string(), lastUsedAt: z.string().nullable() })
  .openapi('ApiToken');
const newTokenSchema = tokenSchema.extend({ token: z.string().openapi({ description: 'Shown this once; send it as "Authorization: Bearer <token>".' }) }).openapi('NewApiToken');

const challengeTtlMs = { 'security-code': 5 * 60_000, 'change-password': 15 * 60_000, 'choose-code': 15 * 60_000 } satisfies Record<LoginChallengeKind, number>;

/** A password hash of nothing, checked for unknown usernames so they take as long as known ones. */
let decoyHash: Promise<string> | undefined;

const wrongCredentials = () => new ApiError(401, 'wrong_credentials', 'The username, password or security code is not right. After 5 failed attempts the account is blocked until its password is reset.');
const locked = () => new ApiError(403, 'account_locked', 'This account is blocked after 5 failed login attempts. Ask your local data administrator to reset your password.');
const staleStep = () => new ApiError(401, 'login_expired', 'This login step has expired or was already used. Please start the login again.');

/**
 * Login and the logged-in user's own account (domain.md §2): username + password, then 3
 * positions of the security code; the first login replaces the temporary password and chooses
 * the code. Sessions live in an HttpOnly cookie; cookie-authenticated changes need X-CSRF-Token.
 */
export function authRoutes(deps: AppDeps, options: { throttle?: ThrottlePolicy; random?: (max: number) => number } = {}) {
  const { orm, config } = deps;
  const throttlePolicy = options.throttle ?? defaultThrottlePolicy;
  const random = options.random ?? randomInt;
  const app = createRouter();
  const secureCookies = publicUrl(config).startsWith('https:');

  for (const path of ['/me', '/logout', '/password', '/tokens', '/tokens/*']) app.use(path, authenticate(deps));

  const clientOf = (c: Context) => {
    let ip: string | null = null;
    try {
      ip = getConnInfo(c).remote.address ?? null;
    } catch {
      ip = null;
    }
    return { ip, userAgent: c.req.header('user-agent') ?? null };
  };
  const addressOf = (c: Context) => clientOf(c).ip ?? 'unknown';

  const throttled = async (c: Context, em: EntityManager, who: { address: string; account?: string }) => {
    try {
      await checkThrottle(em, throttlePolicy, who);
    } catch (error) {
      if (error instanceof TooManyAttempts) c.header('Retry-After', String(error.retryAfterSeconds));
      throw error;
    }
  };

  const userView = (u: IUser) => ({
    id: u.id,
    username: u.username,
    firstName: u.firstName,
    lastName: u.lastName,
    email: u.email,
    preferredLanguage: u.preferredLanguage,
    authorityId: u.authorityId ?? null,
    roles: u.roles,
  });

  const issueStep = async (em: EntityManager, userId: string, kind: LoginChallengeKind, positions: number[] | null = null) => {
    const { token, hash } = newToken();
    const now = new Date();
    await em.insert(LoginChallenge, { id: hash, userId, kind, positions, createdAt: now, expiresAt: new Date(now.getTime() + challengeTtlMs[kind]), used: false });
    return token;
  };

  /** The unused, unexpired step of this kind for a token, with its active user. */
  const loadStep = async (em: EntityManager, token: string, kind: LoginChallengeKind) => {
    const step = await em.findOne(LoginChallenge, { id: sha256(token), kind });
    if (!step || step.used || step.expiresAt <= new Date()) throw staleStep();
    const user = await em.findOne(User, { id: step.userId });
    if (!user) throw staleStep();
    return { step, user };
  };

  const startSession = async (c: Context, em: EntityManager, user: IUser) => {
    const session = await openSession(em, user.id, clientOf(c));
    setCookie(c, sessionCookieName, session.token, {
      httpOnly: true,
      sameSite: 'Lax',
      secure: secureCookies || new URL(c.req.url).protocol === 'https:',
      path: '/',
      maxAge: Math.floor(sessionPolicy.maxMs / 1000),
    });
    return { user: userView(user), csrfToken: session.csrfToken };
  };

  /** Persists what the machine decided and turns a refusal into the API's answer. */
  const settle = async (em: EntityManager, user: IUser, result: LoginResult, throttleWho?: { address: string; account?: string }) => {
    applyAccount(user, result.account);
    await em.flush();
    if (result.ok) return result.step;
    const refusal = result.refusal;
    switch (refusal.reason) {
      case 'wrong-credentials':
        if (throttleWho) await recordFailure(em, throttlePolicy, throttleWho);
        throw refusal.locked ? locked() : wrongCredentials();
      case 'locked':
        throw locked();
      case 'removed':
        throw wrongCredentials();
      case 'invalid':
        throw new ApiError(400, 'validation_failed', `${refusal.field} ${refusal.problems.join(', ')}.`, { [refusal.field]: refusal.problems });
      case 'wrong-step':
        throw staleStep();
    }
  };

  const nextStepAnswer = async (em: EntityManager, user: IUser, kind: 'change-password' | 'choose-code') => ({
    next: kind === 'change-password' ? ('change-password' as const) : ('choose-security-code' as const),
    changeToken: await issueStep(em, user.id, kind),
  });

  app.openapi(
    createRoute({
      method: 'post',
      path: '/login',
      tags: ['Login'],
      summary: 'Step 1: username and password',
      description: 'Answers the 3 positions of the security code to give next, or — on a first login or after a reset — the next first-login step.',
      security: [],
      request: body(loginSchema),
      responses: { 200: json(z.union([challengeSchema, nextStepSchema]), 'The next step'), ...errorResponses(400, 401, 403, 429) },
    }),
    async (c) => {
      const { username, password } = c.req.valid('json');
      const em = orm.em.fork();
      const who = { address: addressOf(c), account: username };
      await throttled(c, em, who);
      const user = await em.findOne(User, { username });
      if (!user) {
        await verifyPassword(password, await (decoyHash ??= hashPassword(randomUUID())));
        await recordFailure(em, throttlePolicy, who);
        throw wrongCredentials();
      }
      const passwordOk = user.status === 'active' ? await verifyPassword(password, user.passwordHash) : false;
      if (passwordOk && user.authorityId) {
        // A self-registered authority's superuser gets its password at once but may only log in
        // once a coordinator has validated the registration (domain §4).
        const authority = await em.findOne(Authority, { id: user.authorityId }, { fields: ['status'] });
        if (authority && (authority.status === 'registration-requested' || authority.status === 'registration-rejected')) {
          throw new ApiError(403, 'authority_not_validated', 'Your authority’s registration has not been validated yet; you can log in once the coordinator who invited you has validated it.');
        }
      }
      const step = await settle(em, user, loginTransition(accountOf(user), { type: 'password', passwordOk }, new Date(), random), who);
      if (step.kind === 'challenge') return c.json({ challengeId: await issueStep(em, user.id, 'security-code', step.positions), positions: step.positions }, 200);
      if (step.kind === 'change-password' || step.kind === 'choose-code') return c.json(await nextStepAnswer(em, user, step.kind), 200);
      throw staleStep();
    },
  );

  app.openapi(
    createRoute({
      method: 'post',
      path: '/login/code',
      tags: ['Login'],
      summary: 'Step 2: the 3 asked characters of the security code',
      description: 'Opens the session: sets the HttpOnly session cookie and answers the user with the CSRF token for changes.',
      security: [],
      request: body(codeAnswerSchema),
      responses: { 200: json(sessionAnswerSchema, 'Logged in'), ...errorResponses(400, 401, 403, 429) },
    }),
    async (c) => {
      const { challengeId, characters } = c.req.valid('json');
      const em = orm.em.fork();
      await throttled(c, em, { address: addressOf(c) });
      const { step, user } = await loadStep(em, challengeId, 'security-code');
      // one answer per challenge: a wrong one needs a new login (and new positions)
      const claimed = await em.nativeUpdate(LoginChallenge, { id: step.id, used: false }, { used: true });
      if (claimed !== 1) throw staleStep();
      const answersOk = user.status === 'active' && user.securityCodeHashes ? await verifySecurityCodePositions(user.securityCodeHashes, step.positions ?? [], characters) : false;
      await settle(em, user, loginTransition(accountOf(user), { type: 'security-code', answersOk }, new Date(), random), { address: addressOf(c), account: user.username });
      return c.json(await startSession(c, em, user), 200);
    },
  );

  app.openapi(
    createRoute({
      method: 'post',
      path: '/first-login/password',
      tags: ['Login'],
      summary: 'First login: replace the temporary password',
      security: [],
      request: body(firstPasswordSchema),
      responses: { 200: json(nextStepSchema, 'Next: choose the security code'), ...errorResponses(400, 401, 403) },
    }),
    async (c) => {
      const { changeToken, newPassword } = c.req.valid('json');
      const em = orm.em.fork();
      const { step, user } = await loadStep(em, changeToken, 'change-password');
      const command = {
        type: 'change-temporary-password' as const,
        problems: passwordProblems(newPassword, user),
        sameAsTemporary: await verifyPassword(newPassword, user.passwordHash),
      };
      const result = loginTransition(accountOf(user), command, new Date(), random);
      if (result.ok) {
        user.passwordHash = await hashPassword(newPassword);
        user.passwordChangedAt = new Date();
      }
      await settle(em, user, result);
      await em.nativeUpdate(LoginChallenge, { id: step.id }, { used: true });
      return c.json(await nextStepAnswer(em, user, 'choose-code'), 200);
    },
  );

  app.openapi(
    createRoute({
      method: 'post',
      path: '/first-login/security-code',
      tags: ['Login'],
      summary: 'First login: choose and confirm the 12-character security code',
      description: 'Letters, digits and symbols, at least one of each, case sensitive. Opens the session like step 2 of the login.',
      security: [],
      request: body(chooseCodeSchema),
      responses: { 200: json(sessionAnswerSchema, 'Logged in'), ...errorResponses(400, 401, 403) },
    }),
    async (c) => {
      const { changeToken, code, confirmation } = c.req.valid('json');
      const em = orm.em.fork();
      const { step, user } = await loadStep(em, changeToken, 'choose-code');
      const command = { type: 'choose-security-code' as const, problems: securityCodeProblems(code), confirmed: code === confirmation };
      const result = loginTransition(accountOf(user), command, new Date(), random);
      if (result.ok) user.securityCodeHashes = await hashSecurityCode(code);
      await settle(em, user, result);
      await em.nativeUpdate(LoginChallenge, { id: step.id }, { used: true });
      return c.json(await startSession(c, em, user), 200);
    },
  );

  app.openapi(
    createRoute({
      method: 'post',
      path: '/logout',
      tags: ['Login'],
      summary: 'End this session',
      responses: { 204: { description: 'Logged out (also when there was no session)' }, ...errorResponses(403) },
    }),
    async (c) => {
      const token = getCookie(c, sessionCookieName);
      if (token) await endSession(orm.em.fork(), token);
      deleteCookie(c, sessionCookieName, { path: '/' });
      return c.body(null, 204);
    },
  );

  app.openapi(
    createRoute({
      method: 'get',
      path: '/me',
      tags: ['Login'],
      summary: 'The logged-in user',
      description: 'For a session, also the CSRF token (so a reloaded console can recover it); null for token callers.',
      middleware: [requireUser()] as const,
      responses: {
        200: json(z.object({ kind: z.enum(['user', 'operator']), user: userSchema.nullable(), csrfToken: z.string().nullable() }), 'Who is calling'),
        ...errorResponses(401),
      },
    }),
    async (c) => {
      const actor = c.get('actor')!;
      if (actor.kind === 'operator') return c.json({ kind: 'operator' as const, user: null, csrfToken: null }, 200);
      const em = orm.em.fork();
      const user = await em.findOne(User, { id: actor.id });
      if (!user) throw notFound('User');
      let csrfToken: string | null = null;
      if (actor.sessionId) csrfToken = (await em.findOne(Session, { id: actor.sessionId }))?.csrfToken ?? null;
      return c.json({ kind: 'user' as const, user: userView(user), csrfToken }, 200);
    },
  );

  const requirePerson = (c: Context) => {
    const actor = c.get('actor');
    if (!actor || actor.kind !== 'user') throw new ApiError(403, 'forbidden', 'Only a user (not the operator token) has a password and API tokens.');
    return actor;
  };

  app.openapi(
    createRoute({
      method: 'post',
      path: '/password',
      tags: ['Login'],
      summary: 'Change your password',
      description: 'A wrong current password counts as a failed login attempt. Other sessions are ended.',
      middleware: [requireUser()] as const,
      request: body(changePasswordSchema),
      responses: { 204: { description: 'Changed' }, ...errorResponses(400, 401, 403) },
    }),
    async (c) => {
      const actor = requirePerson(c);
      const { currentPassword, newPassword } = c.req.valid('json');
      const em = orm.em.fork();
      const user = await em.findOneOrFail(User, { id: actor.id });
      const currentOk = await verifyPassword(currentPassword, user.passwordHash);
      const command = { type: 'change-password' as const, currentOk, problems: passwordProblems(newPassword, user), sameAsCurrent: currentOk && currentPassword === newPassword };
      const result = loginTransition(accountOf(user), command, new Date(), random);
      if (result.ok) {
        user.passwordHash = await hashPassword(newPassword);
        user.passwordChangedAt = new Date();
      }
      await settle(em, user, result, { address: addressOf(c), account: user.username });
      await em.nativeDelete(Session, { userId: user.id, ...(actor.sessionId ? { id: { $ne: actor.sessionId } } : {}) });
      return c.body(null, 204);
    },
  );

  const tokenView = (t: { id: string; name: string; prefix: string; createdAt: Date; lastUsedAt?: Date | null }) => ({
    id: t.id,
    name: t.name,
    prefix: t.prefix,
    createdAt: t.createdAt.toISOString(),
    lastUsedAt: t.lastUsedAt?.toISOString() ?? null,
  });

  app.openapi(
    createRoute({
      method: 'get',
      path: '/tokens',
      tags: ['API tokens'],
      summary: 'Your API tokens (not revoked)',
      middleware: [requireUser()] as const,
      responses: { 200: json(z.object({ data: z.array(tokenSchema) }), 'Your tokens'), ...errorResponses(401, 403) },
    }),
    async (c) => {
      const actor = requirePerson(c);
      const rows = await orm.em.fork().find(ApiToken, { userId: actor.id, revokedAt: null }, { orderBy: { createdAt: 'desc' } });
      return c.json({ data: rows.map(tokenView) }, 200);
    },
  );

  app.openapi(
    createRoute({
      method: 'post',
      path: '/tokens',
      tags: ['API tokens'],
      summary: 'Create an API token acting as you',
      middleware: [requireUser()] as const,
      request: body(z.object({ name: z.string().trim().min(1, 'name the token').max(100) })),
      responses: { 201: json(newTokenSchema, 'The token, shown this once'), ...errorResponses(400, 401, 403) },
    }),
    async (c) => {
      const actor = requirePerson(c);
      const { name } = c.req.valid('json');
      const { token, hash } = newToken(apiTokenPrefix);
      const row = { id: randomUUID(), userId: actor.id, name, tokenHash: hash, prefix: token.slice(0, 12), createdAt: new Date(), lastUsedAt: null, revokedAt: null };
      await orm.em.fork().insert(ApiToken, row);
      return c.json({ ...tokenView(row), token }, 201);
    },
  );

  app.openapi(
    createRoute({
      method: 'delete',
      path: '/tokens/{id}',
      tags: ['API tokens'],
      summary: 'Revoke one of your API tokens',
      middleware: [requireUser()] as const,
      request: { params: z.object({ id: z.string().uuid('must be a token id (uuid)') }) },
      responses: { 204: { description: 'Revoked' }, ...errorResponses(400, 401, 403, 404) },
    }),
    async (c) => {
      const actor = requirePerson(c);
      const { id } = c.req.valid('param');
      const n = await orm.em.fork().nativeUpdate(ApiToken, { id, userId: actor.id, revokedAt: null }, { revokedAt: new Date() });
      if (n === 0) throw notFound('API token');
      return c.body(null, 204);
    },
  );

  return app;
}
