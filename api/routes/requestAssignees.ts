import { createRoute, z } from '@hono/zod-openapi';
import { requestParties } from '../../schema/requests';
import type { AuthActor } from '../auth/authenticate';
import type { AppDeps } from '../deps';
import { ApiError, errorResponses, notFound } from '../errors';
import { helpdeskRole, rolesInArea } from '../policy/requestAccess';
import { createRouter } from '../router';

const assignableUserSchema = z
  .object({ id: z.string().uuid(), firstName: z.string(), lastName: z.string(), username: z.string() })
  .openapi('AssignableUser');
export const assignableUsersSchema = z.object({ data: z.array(assignableUserSchema) }).openapi('AssignableUsers');
export type AssignableUsers = z.infer<typeof assignableUsersSchema>;
const paramsSchema = z.object({ id: z.string().uuid('must be a request id (uuid)') });
const querySchema = z.object({ party: z.enum(requestParties) });

/**
 * The users an allocator may give a request to (5.3.5): the active case handlers of its authority in
 * the request's area, or at a coordinator its referral handlers. Only the allocators of that
 * party's authority (and the helpdesk) ask; the user list of /api/users is for data administrators.
 */
export function requestAssigneeRoutes(deps: AppDeps) {
  const { orm } = deps;
  const app = createRouter();
  app.openapi(
    createRoute({
      method: 'get',
      path: '/{id}/assignable-users',
      tags: ['Requests'],
      summary: "The users an allocator may assign the request to at one party's authority",
      request: { params: paramsSchema, query: querySchema },
      responses: { 200: { description: 'Case handlers (or referral handlers at a coordinator)', content: { 'application/json': { schema: assignableUsersSchema } } }, ...errorResponses(400, 401, 403, 404) },
    }),
    async (c) => {
      const actor: AuthActor = c.get('actor')!;
      const { id } = c.req.valid('param');
      const { party } = c.req.valid('query');
      const em = orm.em.fork();
      const [request] = await em.execute<{ legislation_area: string; authority_id: string | null }[]>(
        `select legislation_area,
                case ? when 'requester' then requesting_authority_id when 'responder' then responding_authority_id
                       when 'requester-coordinator' then requester_coordinator_id else responder_coordinator_id end as authority_id
           from request where id = ? and version > 0`,
        [party, id],
      );
      if (!request) throw notFound(`Request ${id}`);
      const helpdesk = actor.kind === 'operator' || actor.roles.some((r) => r.role === helpdeskRole);
      const allocatorThere = actor.authorityId !== null && actor.authorityId === request.authority_id && rolesInArea(actor, request.legislation_area).includes('allocator');
      if (!helpdesk && !allocatorThere) throw new ApiError(403, 'not_allowed', "Only the allocators of that party's authority assign its handlers.");
      if (!request.authority_id) return c.json({ data: [] }, 200);
      const role = party.endsWith('coordinator') ? 'referral-handler' : 'case-handler';
      const users = await em.execute<{ id: string; first_name: string; last_name: string; username: string }[]>(
        `select id, first_name, last_name, username from app_user
          where authority_id = ? and status = 'active'
            and exists (select 1 from jsonb_array_elements(roles::jsonb) r where r->>'role' = ? and (r->>'area' is null or r->>'area' = ?))
          order by last_name, first_name`,
        [request.authority_id, role, request.legislation_area],
      );
      return c.json({ data: users.map((u) => ({ id: u.id, firstName: u.first_name, lastName: u.last_name, username: u.username })) }, 200);
    },
  );
  return app;
}
