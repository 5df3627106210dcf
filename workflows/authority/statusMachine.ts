import { reject, type Actor, type TransitionResult } from '../actor';
import type { AccessStatus, AuthorityKind, AuthorityStatus, Workflow } from '../../schema/authority';
import { contentRolesByWorkflow, servicesAreaCode, type ContentRole } from '../../schema/contentRoles';
import { mayAppointRole, mayManageAccess, type PolicyActorKind } from '../../api/policy/adminRoles';

/**
 * The status of an authority and its access to legislation areas and workflows, as a pure state
 * machine (domain.md §3; imi-user-manual-da.txt ch. 9.1.5 and 9.1.6). No Temporal import; `now`
 * is an argument; who the actor is *to this authority* (validating / access coordinator, its kind)
 * comes in the command as explicit facts the API looked up.
 *
 * Authority:  registration-requested ──validate──► active ◄──reactivate── suspended ──inactivate──► inactive
 *             registration-requested ──reject──► registration-rejected ──validate──► active
 *             active ──suspend (all accesses suspended/revoked)──► suspended
 * Access (area or workflow):
 *             (none) ──request──► requested ──approve──► active      (none) ──grant──► active
 *             requested ──refuse──► (none)
 *             active ──suspend──► suspended ──revoke (no ongoing cases)──► revoked
 *             suspended ──requestReactivation──► suspended-reactivation-requested ──reactivate──► active | ──refuse──► suspended
 *             suspended ──reactivate──► active
 *             revoked ──requestReactivation──► revoked-reactivation-requested ──reactivate──► suspended | ──refuse──► revoked
 *             revoked ──reactivate──► suspended
 */

export interface WorkflowAccessState {
  status: AccessStatus;
  role: ContentRole;
}

export interface AreaAccessState {
  status: AccessStatus;
  /** The authority's administrative role in the area. */
  role: AuthorityKind;
  workflows: Partial<Record<Workflow, WorkflowAccessState>>;
}

export interface AuthorityStatusState {
  authorityId: string;
  countryCode: string;
  status: AuthorityStatus;
  /** Increases with every transition; the projection keeps only the highest. */
  version: number;
  /** Access per legislation area code. */
  areas: Record<string, AreaAccessState>;
  lastEvent: AuthorityEvent;
}

export interface AuthorityEvent {
  action: AuthorityCommand['type'] | 'registered';
  actor: string;
  /** `services` for an area, `services/alerts` for a workflow, null for the authority itself. */
  target: string | null;
  reason: string | null;
  at: string;
}

/**
 * Who the actor is to this authority, as the API found it. `actorKind` is the acting authority's
 * administrative kind in the area concerned (checked against api/policy/adminRoles when it gives
 * access or a role). The helpdesk (`system-admin` role) needs none of these.
 */
export interface ActorRelation {
  isValidatingCoordinator?: boolean;
  isAccessCoordinator?: boolean;
  actorKind?: AuthorityKind;
}

export interface AccessTarget {
  area: string;
  /** Absent: the command is about the area itself. */
  workflow?: Workflow;
}

export type AuthorityCommand =
  | { type: 'validateRegistration'; by: ActorRelation }
  | { type: 'rejectRegistration'; by: ActorRelation; reason?: string }
  | { type: 'suspendAuthority'; by: ActorRelation }
  | { type: 'reactivateAuthority'; by: ActorRelation }
  | { type: 'inactivateAuthority'; by: ActorRelation; ongoingCases: number }
  /** The authority's local data administrator asks for a new area or workflow. */
  | { type: 'requestAccess'; target: AccessTarget; role: AuthorityKind | ContentRole }
  /** A coordinator gives a new area or workflow at once. */
  | { type: 'grantAccess'; target: AccessTarget; role: AuthorityKind | ContentRole; by: ActorRelation }
  | { type: 'approveAccess'; target: AccessTarget; by: ActorRelation }
  | { type: 'refuseAccess'; target: AccessTarget; by: ActorRelation }
  | { type: 'suspendAccess'; target: AccessTarget; by: ActorRelation }
  /** The authority's local data administrator asks to reactivate a suspended or revoked access. */
  | { type: 'requestReactivation'; target: AccessTarget }
  | { type: 'reactivateAccess'; target: AccessTarget; by: ActorRelation }
  | { type: 'refuseReactivation'; target: AccessTarget; by: ActorRelation }
  | { type: 'revokeAccess'; target: AccessTarget; by: ActorRelation; ongoingCases: number }
  | { type: 'changeRole'; target: AccessTarget; role: AuthorityKind | ContentRole; by: ActorRelation };

export type AuthorityCommandType = AuthorityCommand['type'];

export type AuthorityNotification =
  | 'registration-validated'
  | 'registration-rejected'
  | 'authority-suspended'
  | 'authority-reactivated'
  | 'authority-inactivated'
  | 'access-requested'
  | 'access-granted'
  | 'access-refused'
  | 'access-suspended'
  | 'access-reactivation-requested'
  | 'access-reactivated'
  | 'access-reactivation-refused'
  | 'access-revoked'
  | 'role-changed';

export type AuthorityTimerKind = 'deleteRejectedRegistration' | 'removeInactive';

export type AuthorityEffect =
  | { type: 'project' }
  | { type: 'notify'; template: AuthorityNotification }
  | { type: 'startTimer'; kind: AuthorityTimerKind; afterMonths: 6 }
  | { type: 'cancelTimer'; kind: AuthorityTimerKind };

/** Months after which a rejected registration is deleted and an inactive authority removed (ch. 9.1.5.1). */
export const retentionMonths = 6 as const;

export function registerAuthority(
  input: { authorityId: string; countryCode: string; selfRegistered: boolean; areas: Record<string, AreaAccessState> },
  actor: Actor,
  now: Date,
): { state: AuthorityStatusState; effects: AuthorityEffect[] } {
  return {
    state: {
      authorityId: input.authorityId,
      countryCode: input.countryCode,
      status: input.selfRegistered ? 'registration-requested' : 'active',
      version: 1,
      areas: input.areas,
      lastEvent: { action: 'registered', actor: actorLabel(actor), target: null, reason: null, at: now.toISOString() },
    },
    effects: [{ type: 'project' }],
  };
}

const suspendedOrRevoked: readonly AccessStatus[] = ['suspended', 'suspended-reactivation-requested', 'revoked', 'revoked-reactivation-requested'];

export function transition(
  state: AuthorityStatusState,
  command: AuthorityCommand,
  actor: Actor,
  now: Date,
): TransitionResult<AuthorityStatusState, AuthorityEffect> {
  const at = now.toISOString();
  const ok = (
    patch: Partial<AuthorityStatusState>,
    effects: AuthorityEffect[],
    target: AccessTarget | null = null,
    reason: string | null = null,
  ): TransitionResult<AuthorityStatusState, AuthorityEffect> => ({
    ok: true,
    state: {
      ...state,
      ...patch,
      version: state.version + 1,
      lastEvent: { action: command.type, actor: actorLabel(actor), target: target ? targetLabel(target) : null, reason, at },
    },
    effects: [{ type: 'project' }, ...effects],
  });
  const notify = (template: AuthorityNotification): AuthorityEffect => ({ type: 'notify', template });

  if (state.status === 'inactive') return reject('WrongState', 'The authority is inactive; nothing about it can change any more.');

  switch (command.type) {
    // ── The authority itself: only its validating coordinator (ch. 9.1.1, 9.1.5.1) ──
    case 'validateRegistration':
    case 'rejectRegistration':
    case 'suspendAuthority':
    case 'reactivateAuthority':
    case 'inactivateAuthority': {
      if (!isValidatingCoordinator(actor, command.by)) {
        return reject('NotAllowed', "Only a data administrator of the authority's validating coordinator can change the authority's status.");
      }
      switch (command.type) {
        case 'validateRegistration': {
          if (state.status !== 'registration-requested' && state.status !== 'registration-rejected') {
            return reject('WrongState', `Only a requested or rejected registration can be validated; the authority is ${state.status}.`);
          }
          const effects: AuthorityEffect[] = [notify('registration-validated')];
          if (state.status === 'registration-rejected') effects.push({ type: 'cancelTimer', kind: 'deleteRejectedRegistration' });
          return ok({ status: 'active', areas: activateRequested(state.areas) }, effects);
        }
        case 'rejectRegistration':
          if (state.status !== 'registration-requested') {
            return reject('WrongState', `Only a requested registration can be rejected; the authority is ${state.status}.`);
          }
          return ok(
            { status: 'registration-rejected' },
            [notify('registration-rejected'), { type: 'startTimer', kind: 'deleteRejectedRegistration', afterMonths: retentionMonths }],
            null,
            command.reason?.trim() || null,
          );
        case 'suspendAuthority': {
          if (state.status !== 'active') return reject('WrongState', `Only an active authority can be suspended; it is ${state.status}.`);
          const open = accessesNotIn(state, suspendedOrRevoked);
          if (open.length > 0) {
            return reject('WrongState', `Suspend or revoke every area and workflow access first; still open: ${open.join(', ')}.`);
          }
          return ok({ status: 'suspended' }, [notify('authority-suspended')]);
        }
        case 'reactivateAuthority':
          if (state.status !== 'suspended') return reject('WrongState', `Only a suspended authority can be reactivated; it is ${state.status}.`);
          return ok({ status: 'active' }, [notify('authority-reactivated')]);
        case 'inactivateAuthority': {
          if (state.status !== 'suspended') return reject('WrongState', `Only a suspended authority can be made inactive; it is ${state.status}.`);
          if (command.ongoingCases > 0) {
            return reject('WrongState', `The authority still takes part in ${command.ongoingCases} ongoing exchange(s); they must be finished first.`);
          }
          const notRevoked = accessesNotIn(state, ['revoked']);
          if (notRevoked.length > 0) return reject('WrongState', `Revoke every area and workflow access first; not revoked: ${notRevoked.join(', ')}.`);
          return ok({ status: 'inactive' }, [notify('authority-inactivated'), { type: 'startTimer', kind: 'removeInactive', afterMonths: retentionMonths }]);
        }
      }
      break;
    }

    // ── Asked for by the authority's own local data administrator (ch. 9.1.5.2–3) ──
    case 'requestAccess':
    case 'requestReactivation': {
      if (!isOwnLocalDataAdministrator(actor, state)) {
        return reject('NotAllowed', "Only the authority's own local data administrator can ask for access or its reactivation.");
      }
      if (command.type === 'requestAccess') {
        const invalid = invalidTarget(command.target, command.role);
        if (invalid) return reject('Invalid', invalid);
        const refusal = newAccessRefusal(state, command.target);
        if (refusal) return refusal;
        return ok({ areas: putAccess(state.areas, command.target, 'requested', command.role) }, [notify('access-requested')], command.target);
      }
      const access = findAccess(state, command.target);
      if (!access) return reject('WrongState', `The authority has no access to ${targetLabel(command.target)}.`);
      if (access.status !== 'suspended' && access.status !== 'revoked') {
        return reject('WrongState', `Only a suspended or revoked access can be reactivated; ${targetLabel(command.target)} is ${access.status}.`);
      }
      const parent = reactivationParentRefusal(state, command.target);
      if (parent) return parent;
      const next: AccessStatus = access.status === 'suspended' ? 'suspended-reactivation-requested' : 'revoked-reactivation-requested';
      return ok({ areas: setStatus(state.areas, command.target, next) }, [notify('access-reactivation-requested')], command.target);
    }

    // ── Decided by the access coordinator of the area (ch. 9.1.4, 9.1.5.2–3, 9.1.6) ──
    case 'grantAccess':
    case 'approveAccess':
    case 'refuseAccess':
    case 'suspendAccess':
    case 'reactivateAccess':
    case 'refuseReactivation':
    case 'revokeAccess':
    case 'changeRole': {
      const mayChangeRoleBeforeValidation =
        command.type === 'changeRole' && state.status === 'registration-requested' && isValidatingCoordinator(actor, command.by);
      if (!isAccessCoordinator(actor, command.by) && !mayChangeRoleBeforeValidation) {
        return reject('NotAllowed', `Only a data administrator of the authority's access coordinator for ${command.target.area} can do this.`);
      }
      const target = command.target;
      const access = findAccess(state, target);
      const label = targetLabel(target);

      if (command.type === 'grantAccess') {
        const invalid = invalidTarget(target, command.role);
        if (invalid) return reject('Invalid', invalid);
        const policy = rolePolicy(actor, command.by, target, command.role);
        if (policy) return policy;
        const refusal = newAccessRefusal(state, target);
        if (refusal) return refusal;
        return ok({ areas: putAccess(state.areas, target, 'active', command.role) }, [notify('access-granted')], target);
      }
      if (!access) return reject('WrongState', `The authority has no access to ${label}.`);

      switch (command.type) {
        case 'approveAccess':
        case 'refuseAccess':
          if (access.status !== 'requested') return reject('WrongState', `Only requested access can be approved or refused; ${label} is ${access.status}.`);
          if (command.type === 'refuseAccess') return ok({ areas: removeAccess(state.areas, target) }, [notify('access-refused')], target);
          {
            const refusal = parentRefusal(state, target, 'approved');
            if (refusal) return refusal;
          }
          return ok({ areas: setStatus(state.areas, target, 'active') }, [notify('access-granted')], target);
        case 'suspendAccess': {
          if (access.status !== 'active') return reject('WrongState', `Only active access can be suspended; ${label} is ${access.status}.`);
          if (state.areas[target.area].role !== 'CA' && !isHelpdesk(actor)) {
            return reject('NotAllowed', "A coordinator's access to an area or workflow is suspended only through the helpdesk (ch. 9.1.5.2 note 8, 9.1.5.3 note 10).");
          }
          if (!target.workflow) {
            const open = workflowsNotIn(state.areas[target.area], suspendedOrRevoked);
            if (open.length > 0) return reject('WrongState', `Suspend every workflow of ${target.area} first; still open: ${open.join(', ')}.`);
          }
          return ok({ areas: setStatus(state.areas, target, 'suspended') }, [notify('access-suspended')], target);
        }
        case 'reactivateAccess': {
          const next: AccessStatus | undefined = (
            { suspended: 'active', 'suspended-reactivation-requested': 'active', revoked: 'suspended', 'revoked-reactivation-requested': 'suspended' } as const
          )[access.status as 'suspended'];
          if (!next) return reject('WrongState', `Only suspended or revoked access can be reactivated; ${label} is ${access.status}.`);
          const parent = reactivationParentRefusal(state, target);
          if (parent) return parent;
          return ok({ areas: setStatus(state.areas, target, next) }, [notify('access-reactivated')], target);
        }
        case 'refuseReactivation': {
          if (access.status !== 'suspended-reactivation-requested' && access.status !== 'revoked-reactivation-requested') {
            return reject('WrongState', `No reactivation of ${label} has been requested; it is ${access.status}.`);
          }
          const previous: AccessStatus = access.status === 'suspended-reactivation-requested' ? 'suspended' : 'revoked';
          return ok({ areas: setStatus(state.areas, target, previous) }, [notify('access-reactivation-refused')], target);
        }
        case 'revokeAccess': {
          if (access.status !== 'suspended') return reject('WrongState', `Only suspended access can be revoked; ${label} is ${access.status}.`);
          if (command.ongoingCases > 0) {
            return reject('WrongState', `${command.ongoingCases} ongoing exchange(s) in ${label} must be finished before its access is revoked.`);
          }
          if (!target.workflow) {
            const notRevoked = workflowsNotIn(state.areas[target.area], ['revoked']);
            if (notRevoked.length > 0) return reject('WrongState', `Revoke every workflow of ${target.area} first; not revoked: ${notRevoked.join(', ')}.`);
          }
          return ok({ areas: setStatus(state.areas, target, 'revoked') }, [notify('access-revoked')], target);
        }
        case 'changeRole': {
          const invalid = invalidTarget(target, command.role);
          if (invalid) return reject('Invalid', invalid);
          if (state.status !== 'registration-requested' && access.status !== 'suspended' && access.status !== 'requested') {
            return reject(
              'WrongState',
              target.workflow
                ? `A workflow role changes only while that workflow access is suspended or requested; ${label} is ${access.status} (ch. 9.1.6.1).`
                : `An area role changes only while the area access is suspended or requested; ${label} is ${access.status} (ch. 9.1.6.2).`,
            );
          }
          const policy = rolePolicy(actor, command.by, target, command.role);
          if (policy) return policy;
          return ok({ areas: putAccess(state.areas, target, access.status, command.role) }, [notify('role-changed')], target);
        }
      }
    }
  }
  return reject('Invalid', 'Unknown command.');
}

// ── Who the actor is ──

const isHelpdesk = (actor: Actor) => actor.kind !== 'system' && (actor.roles ?? []).includes('system-admin');
const isDataAdministrator = (actor: Actor) => actor.kind === 'user' && (actor.roles ?? []).includes('data-administrator');
const isValidatingCoordinator = (actor: Actor, by: ActorRelation | undefined) =>
  isHelpdesk(actor) || (isDataAdministrator(actor) && by?.isValidatingCoordinator === true);
const isAccessCoordinator = (actor: Actor, by: ActorRelation | undefined) =>
  isHelpdesk(actor) || (isDataAdministrator(actor) && by?.isAccessCoordinator === true);
const isOwnLocalDataAdministrator = (actor: Actor, state: AuthorityStatusState) =>
  actor.kind === 'user' && actor.authorityId === state.authorityId && (actor.roles ?? []).includes('local-data-administrator');

/** The admin-role policy for giving an area role or a workflow role; undefined when allowed. */
function rolePolicy(actor: Actor, by: ActorRelation, target: AccessTarget, role: AuthorityKind | ContentRole) {
  const actorKind: PolicyActorKind | undefined = isHelpdesk(actor) ? 'system-admin' : by.actorKind;
  if (!actorKind) return reject('NotAllowed', "The acting coordinator's kind is not known.");
  const decision = target.workflow
    ? mayAppointRole(actorKind, role as ContentRole, { actorAreaIsServices: target.area === servicesAreaCode })
    : mayManageAccess(actorKind, role as AuthorityKind);
  return decision.ok ? undefined : decision;
}

// ── Access facts ──

function findAccess(state: AuthorityStatusState, target: AccessTarget): { status: AccessStatus } | undefined {
  const area = state.areas[target.area];
  return target.workflow ? area?.workflows[target.workflow] : area;
}

/** Is the role one for this target (an area takes an administrative kind, a workflow one of its content roles)? */
function invalidTarget(target: AccessTarget, role: AuthorityKind | ContentRole): string | undefined {
  if (!target.workflow) {
    return (['NIMIC', 'super-DIMIC', 'LIMIC', 'DIMIC', 'CA'] as string[]).includes(role) ? undefined : `${role} is not a role in a legislation area.`;
  }
  if (target.workflow === 'alerts' && target.area !== servicesAreaCode) return 'Only the Services area has the alerts workflow.';
  return (contentRolesByWorkflow[target.workflow] as readonly string[]).includes(role) ? undefined : `${role} is not a role in the ${target.workflow} workflow.`;
}

/** New access: only for an active authority, a workflow only in an active area, and not twice (ch. 9.1.5.3 general rules). */
function newAccessRefusal(state: AuthorityStatusState, target: AccessTarget) {
  if (findAccess(state, target)) return reject('WrongState', `The authority already has access to ${targetLabel(target)}; ask to reactivate it instead.`);
  return parentRefusal(state, target, 'given');
}

function parentRefusal(state: AuthorityStatusState, target: AccessTarget, verb: string) {
  if (state.status !== 'active') return reject('WrongState', `Access can be ${verb} only while the authority is active; it is ${state.status}.`);
  if (target.workflow) {
    const area = state.areas[target.area];
    if (area?.status !== 'active') {
      return reject('WrongState', `Access to a workflow can be ${verb} only while its area is active; ${target.area} is ${area?.status ?? 'not accessible'}.`);
    }
  }
  return undefined;
}

/** Reactivation of an area needs an active authority; of a workflow, an active area (ch. 9.1.5.3, last rules). */
function reactivationParentRefusal(state: AuthorityStatusState, target: AccessTarget) {
  if (target.workflow) {
    const area = state.areas[target.area];
    if (area.status !== 'active') return reject('WrongState', `A workflow can be reactivated only while its area is active; ${target.area} is ${area.status}.`);
    return undefined;
  }
  if (state.status !== 'active') return reject('WrongState', `An area can be reactivated only while the authority is active; it is ${state.status}.`);
  return undefined;
}

function accessesNotIn(state: AuthorityStatusState, statuses: readonly AccessStatus[]): string[] {
  return Object.entries(state.areas).flatMap(([code, area]) => [
    ...(statuses.includes(area.status) ? [] : [`${code} (${area.status})`]),
    ...workflowsNotIn(area, statuses).map((w) => `${code}/${w}`),
  ]);
}

function workflowsNotIn(area: AreaAccessState, statuses: readonly AccessStatus[]): string[] {
  return Object.entries(area.workflows)
    .filter(([, w]) => w && !statuses.includes(w.status))
    .map(([name, w]) => `${name} (${w!.status})`);
}

// ── Changing access immutably ──

function setStatus(areas: Record<string, AreaAccessState>, target: AccessTarget, status: AccessStatus): Record<string, AreaAccessState> {
  const area = areas[target.area];
  if (!target.workflow) return { ...areas, [target.area]: { ...area, status } };
  return { ...areas, [target.area]: { ...area, workflows: { ...area.workflows, [target.workflow]: { ...area.workflows[target.workflow]!, status } } } };
}

function putAccess(
  areas: Record<string, AreaAccessState>,
  target: AccessTarget,
  status: AccessStatus,
  role: AuthorityKind | ContentRole,
): Record<string, AreaAccessState> {
  const area = areas[target.area];
  if (!target.workflow) return { ...areas, [target.area]: { workflows: area?.workflows ?? {}, status, role: role as AuthorityKind } };
  return { ...areas, [target.area]: { ...area, workflows: { ...area.workflows, [target.workflow]: { status, role: role as ContentRole } } } };
}

function removeAccess(areas: Record<string, AreaAccessState>, target: AccessTarget): Record<string, AreaAccessState> {
  const { [target.area]: area, ...rest } = areas;
  if (!target.workflow) return rest;
  const { [target.workflow]: _removed, ...workflows } = area.workflows;
  return { ...areas, [target.area]: { ...area, workflows } };
}

/** On validation the accesses asked for at self-registration become active (ch. 9.1.5.2 notes 7 and 9). */
function activateRequested(areas: Record<string, AreaAccessState>): Record<string, AreaAccessState> {
  return Object.fromEntries(
    Object.entries(areas).map(([code, area]) => [
      code,
      {
        ...area,
        status: area.status === 'requested' ? 'active' : area.status,
        workflows: Object.fromEntries(
          Object.entries(area.workflows).map(([w, access]) => [w, access && { ...access, status: access.status === 'requested' ? 'active' : access.status }]),
        ),
      },
    ]),
  );
}

const targetLabel = (target: AccessTarget) => (target.workflow ? `${target.area}/${target.workflow}` : target.area);

function actorLabel(actor: Actor): string {
  return actor.kind === 'system' ? 'system' : `${actor.kind}:${actor.id}`;
}
