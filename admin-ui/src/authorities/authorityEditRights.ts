import { authorityEditRights as editRights, type AuthorityEditor, type AuthorityEditRights } from '../../../api/policy/authorityEdit';
import { operatorToken } from '../operatorToken';
import { session } from '../session';

/** Who looks at the console: the user's authority and roles (the operator token acts as the helpdesk). */
export type ConsoleViewer = AuthorityEditor;
export type { AuthorityEditRights };

/** The API's rule (api/policy/authorityEdit.ts), so the console offers only what PATCH /api/authorities/{id} accepts. */
export function authorityEditRights(viewer: ConsoleViewer | null, authority: { id: string; validatingCoordinator: { id: string } | null }): AuthorityEditRights {
  return editRights(viewer, { id: authority.id, validatingCoordinatorId: authority.validatingCoordinator?.id ?? null });
}

/** The current viewer; by the time a page renders, the login (or the recovered session) is known. */
export function currentViewer(): ConsoleViewer | null {
  if (operatorToken.get()) return { authorityId: null, roles: [{ role: 'system-admin' }] };
  const user = session.get()?.user;
  return user ? { authorityId: user.authorityId, roles: user.roles } : null;
}
