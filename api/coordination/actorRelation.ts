import type { EntityManager } from '@mikro-orm/postgresql';
import { isCoordinatorKind, type AuthorityKind, type UserRole as UserRoleName } from '../../schema/authority';
import { Authority, type IAuthority } from '../../schema/entities/authority/authority';
import { AuthorityArea } from '../../schema/entities/authority/authorityArea';
import { AuthorityWorkflow } from '../../schema/entities/authority/authorityWorkflow';
import type { AuthorityRoleFacts } from '../policy/userRoles';
import type { PolicyActorKind } from '../policy/adminRoles';
import type { Actor } from '../../workflows/actor';
import type { ActorRelation } from '../../workflows/authority/statusMachine';
import type { AuthActor } from '../auth/authenticate';
import { ApiError, notFound } from '../errors';

/**
 * Who the caller is to an authority, looked up for the policy module (api/policy/*) and the status
 * machine, which trust these facts. The operator token counts as the helpdesk (`system-admin`).
 */
export const hasRole = (actor: AuthActor, role: UserRoleName) => actor.roles.some((r) => r.role === role);
export const isHelpdesk = (actor: AuthActor) => hasRole(actor, 'system-admin');

export const forbidden = (message: string) => new ApiError(403, 'not_allowed', message);

/** The actor as workflows see it: ids and role names only. */
export function workflowActor(actor: AuthActor): Actor {
  return { kind: actor.kind, id: actor.id, ...(actor.authorityId && { authorityId: actor.authorityId }), roles: [...new Set(actor.roles.map((r) => r.role))] };
}

/** The audit name of an actor (`user:<id>`, `operator:operator`), as the machines write it. */
export const actorLabel = (actor: AuthActor) => `${actor.kind}:${actor.id}`;

export async function loadAuthority(em: EntityManager, authorityId: string): Promise<IAuthority> {
  const authority = await em.findOne(Authority, { id: authorityId });
  if (!authority) throw notFound('Authority');
  return authority;
}

/** The facts about an authority that decide which user roles it needs and may give (api/policy/userRoles.ts). */
export async function roleFactsOf(em: EntityManager, authority: IAuthority): Promise<AuthorityRoleFacts> {
  const areas = await em.find(AuthorityArea, { authorityId: authority.id });
  const workflows = (await em.find(AuthorityWorkflow, { authorityId: authority.id })).filter((w) => w.accessStatus !== 'revoked');
  const roles = new Set(workflows.flatMap((w) => w.roles));
  return {
    authorityId: authority.id,
    isCoordinator: isCoordinatorKind(authority.kind) || areas.some((a) => a.role !== 'CA'),
    hasRequestAccess: workflows.some((w) => w.workflow === 'requests'),
    usesAllocation: areas.some((a) => a.flags?.coordinator?.usesAllocation === true),
    isRequestCoordinator: roles.has('request-coordinator'),
    hasAlertAccess: workflows.some((w) => w.workflow === 'alerts'),
    isAlertCoordinator: roles.has('alert-coordinator') || roles.has('alert-mailbox'),
  };
}

/**
 * May the actor manage this authority's users (ch. 4, 9.1.1)? Its own local data administrator,
 * a data administrator of its validating coordinator, or the helpdesk.
 */
export function mayManageUsers(actor: AuthActor, authority: IAuthority): { ok: true } | { ok: false; message: string } {
  if (isHelpdesk(actor)) return { ok: true };
  if (actor.authorityId === authority.id && hasRole(actor, 'local-data-administrator')) return { ok: true };
  if (actor.authorityId && actor.authorityId === authority.validatingCoordinatorId && hasRole(actor, 'data-administrator')) return { ok: true };
  return { ok: false, message: "Only the authority's own local data administrator (or its validating coordinator's data administrator) can manage its users." };
}

/** The coordinator the actor acts for: a data administrator of a coordinator authority, or the helpdesk (null authority). */
export async function actingCoordinator(em: EntityManager, actor: AuthActor): Promise<{ authority: IAuthority | null; kind: PolicyActorKind }> {
  if (isHelpdesk(actor)) return { authority: null, kind: 'system-admin' };
  if (!actor.authorityId || !hasRole(actor, 'data-administrator')) {
    throw forbidden('This needs a data administrator of a coordinator (NIMIC, super-DIMIC, LIMIC or DIMIC).');
  }
  const authority = await loadAuthority(em, actor.authorityId);
  if (!isCoordinatorKind(authority.kind)) throw forbidden('Your authority is a competent authority, not a coordinator (ch. 9.1.1).');
  return { authority, kind: authority.kind };
}

/** The actor's administrative kind in an area: its role there, else its highest kind. */
async function kindInArea(em: EntityManager, authority: IAuthority, area: string | undefined): Promise<AuthorityKind> {
  if (!area) return authority.kind;
  const row = await em.findOne(AuthorityArea, { authorityId: authority.id, areaCode: area });
  return row?.role ?? authority.kind;
}

/** The ActorRelation the status machine needs for a command on `target` (about `area`, if any). */
export async function relationTo(em: EntityManager, actor: AuthActor, target: IAuthority, area?: string): Promise<ActorRelation> {
  if (isHelpdesk(actor) || !actor.authorityId) return {};
  const own = await em.findOne(Authority, { id: actor.authorityId });
  if (!own) return {};
  const targetArea = area ? await em.findOne(AuthorityArea, { authorityId: target.id, areaCode: area }) : null;
  const accessCoordinatorId = targetArea?.accessCoordinatorId ?? target.validatingCoordinatorId ?? null;
  return {
    isValidatingCoordinator: target.validatingCoordinatorId === own.id && own.countryCode === target.countryCode,
    isAccessCoordinator: accessCoordinatorId === own.id && own.countryCode === target.countryCode,
    actorKind: await kindInArea(em, own, area),
  };
}

/**
 * Exchanges the authority still takes part in. The contact-data check is the only case type so
 * far; it names the authority by `authority_ref`.
 */
export async function ongoingCasesOf(em: EntityManager, authorityId: string): Promise<number> {
  const [{ count }] = await em.getConnection().execute<{ count: string }[]>(
    `select count(*) as count from contact_check where authority_ref = ? and closed_at is null`,
    [authorityId],
  );
  return Number(count);
}
