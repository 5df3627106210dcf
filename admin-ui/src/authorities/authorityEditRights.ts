import { operatorToken } from '../operatorToken';
import { session } from '../session';

/** Who looks at the console: the user's authority and roles (the operator token acts as the helpdesk). */
export interface ConsoleViewer {
  authorityId: string | null;
  roles: readonly { role: string }[];
}

export interface AuthorityEditRights {
  /** May change the authority's general and contact data. */
  mayEdit: boolean;
  /** May change its official name as well. */
  mayChangeOfficialName: boolean;
}

/**
 * The rule of PATCH /api/authorities/{id} (api/routes/authorities.ts), so that the console offers
 * only what the API accepts: the authority's local data administrators, the data administrators
 * of its validating coordinator and the helpdesk edit; the official name is the validating
 * coordinator's (or the helpdesk's).
 */
export function authorityEditRights(
  viewer: ConsoleViewer | null,
  authority: { id: string; validatingCoordinator: { id: string } | null },
): AuthorityEditRights {
  if (!viewer) return { mayEdit: false, mayChangeOfficialName: false };
  const has = (role: string) => viewer.roles.some((r) => r.role === role);
  const helpdesk = has('system-admin');
  const validatingCoordinator =
    !!authority.validatingCoordinator && viewer.authorityId === authority.validatingCoordinator.id && has('data-administrator');
  const ownLocalDataAdministrator = viewer.authorityId === authority.id && has('local-data-administrator');
  return {
    mayEdit: helpdesk || validatingCoordinator || ownLocalDataAdministrator,
    mayChangeOfficialName: helpdesk || validatingCoordinator,
  };
}

/** The current viewer; by the time a page renders, the login (or the recovered session) is known. */
export function currentViewer(): ConsoleViewer | null {
  if (operatorToken.get()) return { authorityId: null, roles: [{ role: 'system-admin' }] };
  const user = session.get()?.user;
  return user ? { authorityId: user.authorityId, roles: user.roles } : null;
}
