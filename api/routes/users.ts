import { createRoute, z } from '@hono/zod-openapi';
import type { EntityManager } from '@mikro-orm/postgresql';
import type { Context } from 'hono';
import { publicUrl } from '../../schema/config';
import type { UserRole as UserRoleName } from '../../schema/authority';
import type { IAuthority } from '../../schema/entities/authority/authority';
import { User, type IUser, type UserRole } from '../../schema/entities/identity/user';
import {
  authorityUserSchema,
  changeUserRolesSchema,
  createdUserSchema,
  newUserSchema,
  removedUserSchema,
  userListQuerySchema,
  userListSchema,
  type AuthorityUserView,
  type UserRoleAssignment,
} from '../../schema/users';
import { userRetentionWorkflowId, userRetentionYears } from '../../workflows/userRetention/definitions';
import type { UserRetentionWorkflow } from '../../workflows/userRetention/workflow';
import { checkRoleEligibility, checkRoleMinimums, withAutomaticRoles, type AuthorityRoleFacts } from '../policy/userRoles';
import type { AuthActor } from '../auth/authenticate';
import { createUser, resetPassword } from '../auth/users';
import { actorLabel, forbidden, loadAuthority, mayManageUsers, roleFactsOf } from '../coordination/actorRelation';
import type { AppDeps } from '../deps';
import { ApiError, badRequest, errorResponses, notFound } from '../errors';
import { createRouter } from '../router';
import { toApiError } from '../temporalErrors';

const json = <T extends z.ZodTypeAny>(schema: T, description: string) => ({ description, content: { 'application/json': { schema } } });
const idParam = z.object({ id: z.string().uuid('must be a user id (uuid)') });

export function userView(user: IUser): AuthorityUserView {
  return {
    id: user.id,
    username: user.username,
    authorityId: user.authorityId ?? null,
    firstName: user.firstName,
    lastName: user.lastName,
    email: user.email,
    phone: user.phone ?? null,
    preferredLanguage: user.preferredLanguage,
    roles: user.roles as UserRoleAssignment[],
    status: user.status === 'locked' ? 'locked' : 'active',
    createdAt: user.createdAt.toISOString(),
    lastLoginAt: user.lastLoginAt?.toISOString() ?? null,
  };
}

/** The roles asked for, plus the automatic ones (every user is an ordinary user, an LDA an allocator, …) held in every area. */
export function withAutomaticAssignments(roles: readonly UserRole[], facts: AuthorityRoleFacts): UserRole[] {
  const names = new Set(roles.map((r) => r.role));
  const automatic = withAutomaticRoles([...names] as UserRoleName[], facts).filter((r) => !names.has(r));
  return [...roles, ...automatic.map((role) => ({ role }))];
}

/** 400 for a role the authority cannot give (api/policy/userRoles.ts checkRoleEligibility). */
export function assertEligible(facts: AuthorityRoleFacts, roles: readonly UserRole[]) {
  const violations = checkRoleEligibility(facts, roles.map((r) => r.role as UserRoleName));
  if (violations.length > 0) {
    throw badRequest(`The authority cannot give these roles: ${violations.map((v) => v.message).join(' ')}`, { roles: violations.map((v) => `${v.role}: ${v.message}`) });
  }
}

/** 409 naming the rule when the authority's users, as they would be after a change, break a minimum. */
export async function assertMinimums(em: EntityManager, authority: IAuthority, facts: AuthorityRoleFacts, change: { userId: string; roles: UserRole[] | null }) {
  const users = await em.find(User, { authorityId: authority.id, status: { $ne: 'removed' } });
  const after = users.map((u) => ({
    userId: u.id,
    roles: (u.id === change.userId ? (change.roles ?? []) : u.roles).map((r) => r.role as UserRoleName),
    active: !(u.id === change.userId && change.roles === null),
  }));
  // A user about to be created counts with the roles it will get.
  if (change.roles && !users.some((u) => u.id === change.userId)) after.push({ userId: change.userId, roles: change.roles.map((r) => r.role as UserRoleName), active: true });
  const violations = checkRoleMinimums(facts, after);
  if (violations.length > 0) {
    const [first] = violations;
    throw new ApiError(409, `role_minimum:${first!.rule}`, `${violations.map((v) => v.message).join(' ')} (rule: ${violations.map((v) => v.rule).join(', ')})`);
  }
}

/**
 * The users of an authority, managed by its local data administrator (IMI manual ch. 4, 9.1;
 * domain.md §2): list, create (the username is shown once, the temporary password emailed),
 * rights per area and workflow, password reset, and removal (blocked now, erased after 3 years).
 */
export function userRoutes(deps: AppDeps) {
  const { orm, temporal, config } = deps;
  const app = createRouter();
  const loginUrl = publicUrl(config);
  const actorOf = (c: Context) => c.get('actor') as AuthActor;

  /** The authority whose users the actor manages; 404 without it, 403 with the reason. */
  const managedAuthority = async (em: EntityManager, actor: AuthActor, authorityId: string) => {
    const authority = await loadAuthority(em, authorityId);
    const may = mayManageUsers(actor, authority);
    if (!may.ok) throw forbidden(may.message);
    return authority;
  };
  /** A user who is not removed, with its authority checked; a removed user's data is blocked (404). */
  const managedUser = async (em: EntityManager, actor: AuthActor, userId: string) => {
    const user = await em.findOne(User, { id: userId, status: { $ne: 'removed' } });
    if (!user || !user.authorityId) throw notFound('User');
    const authority = await managedAuthority(em, actor, user.authorityId);
    return { user, authority };
  };

  app.openapi(
    createRoute({
      method: 'get',
      path: '/',
      tags: ['Users'],
      summary: "List an authority's users",
      request: { query: userListQuerySchema },
      responses: { 200: json(userListSchema, 'Its users, removed ones left out'), ...errorResponses(400, 401, 403, 404) },
    }),
    async (c) => {
      const { authorityId } = c.req.valid('query');
      const em = orm.em.fork();
      await managedAuthority(em, actorOf(c), authorityId);
      const users = await em.find(User, { authorityId, status: { $ne: 'removed' } }, { orderBy: { lastName: 'asc', firstName: 'asc' } });
      return c.json({ data: users.map(userView), total: users.length }, 200);
    },
  );

  app.openapi(
    createRoute({
      method: 'post',
      path: '/',
      tags: ['Users'],
      summary: 'Register a user of the authority',
      description: 'The answer carries the username once; the user gets the login help and a temporary password by email, never the username.',
      request: { body: { content: { 'application/json': { schema: newUserSchema } }, required: true } },
      responses: { 201: json(createdUserSchema, 'The user, and the username to pass on'), ...errorResponses(400, 401, 403, 404, 409) },
    }),
    async (c) => {
      const body = c.req.valid('json');
      const em = orm.em.fork();
      const authority = await managedAuthority(em, actorOf(c), body.authorityId);
      const facts = await roleFactsOf(em, authority);
      assertEligible(facts, body.roles);
      const roles = withAutomaticAssignments(body.roles, facts);
      const created = await createUser(em, deps.mailer, {
        firstName: body.firstName,
        lastName: body.lastName,
        email: body.email,
        phone: body.phone ?? null,
        preferredLanguage: body.preferredLanguage,
        authorityId: authority.id,
        roles,
        loginUrl,
      });
      await em.getConnection().execute(
        `insert into audit_event (at, subject_type, subject_id, action, actor, details) values (now(), 'user', ?, 'created', ?, ?::jsonb)`,
        [created.id, actorLabel(actorOf(c)), JSON.stringify({ authorityId: authority.id, roles: roles.map((r) => r.role) })],
      );
      const user = await orm.em.fork().findOneOrFail(User, { id: created.id });
      return c.json({ user: userView(user), username: created.username }, 201);
    },
  );

  app.openapi(
    createRoute({
      method: 'patch',
      path: '/{id}/roles',
      tags: ['Users'],
      summary: "Change a user's rights per legislation area and workflow",
      description: 'Automatic roles are added; a change that leaves the authority without a required role (e.g. no local data administrator) is refused with 409 naming the rule.',
      request: { params: idParam, body: { content: { 'application/json': { schema: changeUserRolesSchema } }, required: true } },
      responses: { 200: json(authorityUserSchema, 'The user with its new roles'), ...errorResponses(400, 401, 403, 404, 409) },
    }),
    async (c) => {
      const { id } = c.req.valid('param');
      const body = c.req.valid('json');
      const em = orm.em.fork();
      const { user, authority } = await managedUser(em, actorOf(c), id);
      const facts = await roleFactsOf(em, authority);
      assertEligible(facts, body.roles);
      const roles = withAutomaticAssignments(body.roles, facts);
      await assertMinimums(em, authority, facts, { userId: user.id, roles });
      const before = user.roles.map((r) => r.role);
      user.roles = roles;
      await em.flush();
      await em.getConnection().execute(
        `insert into audit_event (at, subject_type, subject_id, action, actor, details) values (now(), 'user', ?, 'roles-changed', ?, ?::jsonb)`,
        [user.id, actorLabel(actorOf(c)), JSON.stringify({ before, after: roles.map((r) => r.role) })],
      );
      return c.json(userView(user), 200);
    },
  );

  app.openapi(
    createRoute({
      method: 'post',
      path: '/{id}/reset-password',
      tags: ['Users'],
      summary: "Reset a user's password",
      description: 'A new temporary password by email; the account is unlocked and the next login is a first login.',
      request: { params: idParam },
      responses: { 204: { description: 'Reset; the email is on its way' }, ...errorResponses(401, 403, 404, 409) },
    }),
    async (c) => {
      const { id } = c.req.valid('param');
      const em = orm.em.fork();
      await managedUser(em, actorOf(c), id);
      await resetPassword(em, deps.mailer, { userId: id, loginUrl });
      await em.getConnection().execute(`insert into audit_event (at, subject_type, subject_id, action, actor) values (now(), 'user', ?, 'password-reset', ?)`, [
        id,
        actorLabel(actorOf(c)),
      ]);
      return c.body(null, 204);
    },
  );

  app.openapi(
    createRoute({
      method: 'delete',
      path: '/{id}',
      tags: ['Users'],
      summary: 'Remove a user',
      description: 'The personal data is blocked at once (no longer shown) and erased after 3 years. Refused with 409 when the authority would lose a required role.',
      request: { params: idParam },
      responses: { 200: json(removedUserSchema, 'Removed'), ...errorResponses(401, 403, 404, 409, 503) },
    }),
    async (c) => {
      const { id } = c.req.valid('param');
      const em = orm.em.fork();
      const actor = actorOf(c);
      const { user, authority } = await managedUser(em, actor, id);
      const facts = await roleFactsOf(em, authority);
      await assertMinimums(em, authority, facts, { userId: user.id, roles: null });
      const removedAt = new Date();
      // Blocked at once here; the workflow blocks again (idempotent) and erases after 3 years.
      await em.nativeUpdate(User, { id }, { status: 'removed', removedAt });
      try {
        await temporal.workflow.start<typeof UserRetentionWorkflow>('UserRetentionWorkflow', {
          workflowId: userRetentionWorkflowId(id),
          taskQueue: config.TEMPORAL_TASK_QUEUE,
          args: [{ userId: id, removedBy: actorLabel(actor), removedAt: removedAt.toISOString() }],
        });
      } catch (error) {
        await em.nativeUpdate(User, { id }, { status: user.status, removedAt: null });
        throw toApiError(error, 'User retention');
      }
      const eraseAt = new Date(removedAt);
      eraseAt.setUTCFullYear(eraseAt.getUTCFullYear() + userRetentionYears);
      return c.json({ id, status: 'removed' as const, eraseAt: eraseAt.toISOString() }, 200);
    },
  );

  return app;
}
