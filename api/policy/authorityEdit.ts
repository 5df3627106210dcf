/**
 * Who may change an authority's general and contact data (domain.md §3; manual ch. 4.1), shared
 * by PATCH /api/authorities/{id} and the console's Edit button and form: the authority's local
 * data administrators, the data administrators of its validating coordinator and the helpdesk;
 * the official name only the validating coordinator (or the helpdesk). Pure: no I/O, no imports,
 * so the browser bundle can use it.
 */
export interface AuthorityEditor {
  authorityId: string | null;
  roles: readonly { role: string }[];
}

export interface AuthorityEditRights {
  /** May change the authority's general and contact data. */
  mayEdit: boolean;
  /** May change its official name as well. */
  mayChangeOfficialName: boolean;
}

export function authorityEditRights(editor: AuthorityEditor | null, authority: { id: string; validatingCoordinatorId: string | null }): AuthorityEditRights {
  if (!editor) return { mayEdit: false, mayChangeOfficialName: false };
  const has = (role: string) => editor.roles.some((r) => r.role === role);
  const helpdesk = has('system-admin');
  const validatingCoordinator = !!authority.validatingCoordinatorId && editor.authorityId === authority.validatingCoordinatorId && has('data-administrator');
  const ownLocalDataAdministrator = editor.authorityId === authority.id && has('local-data-administrator');
  return { mayEdit: helpdesk || validatingCoordinator || ownLocalDataAdministrator, mayChangeOfficialName: helpdesk || validatingCoordinator };
}
