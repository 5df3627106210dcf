import type { UserRole } from '../../schema/authority';

/**
 * Rules on the user roles inside one authority (domain.md §1 "User roles"; imi-user-manual-da.txt
 * ch. 9.1 and 5.3.5): roles that at least one user must hold, roles a user gets automatically, and
 * roles only some authorities can give. Pure; the caller passes the users as they would be after the
 * change and refuses the change when a rule is broken.
 */

/** What about the authority decides which roles it needs. */
export interface AuthorityRoleFacts {
  authorityId: string;
  /** It is a coordinator (NIMIC, super-DIMIC, LIMIC or DIMIC) in some legislation area. */
  isCoordinator: boolean;
  /** It has access (not revoked) to the requests workflow in some legislation area. */
  hasRequestAccess: boolean;
  /** Its "uses allocation" flag is on (ch. 9.1.4.2 flag 4). */
  usesAllocation: boolean;
  /** It has the request-coordinator role in some legislation area. */
  isRequestCoordinator: boolean;
  /** It has access to the alerts workflow. */
  hasAlertAccess: boolean;
  /** It is an alert coordinator or alert mailbox. */
  isAlertCoordinator: boolean;
}

export interface UserRoleFacts {
  userId: string;
  roles: readonly UserRole[];
  /** A removed or blocked user holds no role; default true. */
  active?: boolean;
}

export type RoleMinimumRule = 'local-data-administrator' | 'data-administrator' | 'case-handler' | 'allocator' | 'referral-handler';

export interface RoleMinimumViolation {
  rule: RoleMinimumRule;
  message: string;
}

/**
 * The roles a user effectively holds: every user is an ordinary user; a local data administrator is
 * also an allocator; once the authority has alert access its local data administrators hold every
 * alert role it can give (the broadcaster role only at an alert coordinator).
 */
export function withAutomaticRoles(roles: readonly UserRole[], authority: AuthorityRoleFacts): UserRole[] {
  const all = new Set<UserRole>(roles);
  all.add('ordinary-user');
  if (all.has('local-data-administrator')) {
    all.add('allocator');
    if (authority.hasAlertAccess) {
      all.add('alert-observer');
      all.add('alert-handler');
      if (authority.isAlertCoordinator) all.add('alert-broadcaster');
    }
  }
  return [...all];
}

const minimums: { rule: RoleMinimumRule; applies: (a: AuthorityRoleFacts) => boolean; message: string }[] = [
  { rule: 'local-data-administrator', applies: () => true, message: 'Every authority needs at least one local data administrator.' },
  { rule: 'data-administrator', applies: (a) => a.isCoordinator, message: 'A coordinator needs at least one data administrator.' },
  { rule: 'case-handler', applies: (a) => a.hasRequestAccess, message: 'An authority with access to requests needs at least one case handler.' },
  { rule: 'allocator', applies: (a) => a.usesAllocation, message: 'An authority that uses allocation needs at least one allocator.' },
  { rule: 'referral-handler', applies: (a) => a.isRequestCoordinator, message: 'A request coordinator needs at least one referral handler.' },
];

/** The minimum-role rules the users (as they would be after a change) break; empty when all hold. */
export function checkRoleMinimums(authority: AuthorityRoleFacts, usersAfterChange: readonly UserRoleFacts[]): RoleMinimumViolation[] {
  const held = new Set<UserRole>(
    usersAfterChange.filter((u) => u.active !== false).flatMap((u) => withAutomaticRoles(u.roles, authority)),
  );
  return minimums.filter((m) => m.applies(authority) && !held.has(m.rule)).map(({ rule, message }) => ({ rule, message }));
}

export interface RoleEligibilityViolation {
  role: UserRole;
  message: string;
}

/** Roles the authority cannot give its users: coordinator-only roles at a non-coordinator, and the helpdesk role. */
export function checkRoleEligibility(authority: AuthorityRoleFacts, roles: readonly UserRole[]): RoleEligibilityViolation[] {
  const out: RoleEligibilityViolation[] = [];
  for (const role of new Set(roles)) {
    if (role === 'data-administrator' && !authority.isCoordinator) out.push({ role, message: 'Only a coordinator has data administrators.' });
    if (role === 'referral-handler' && !authority.isRequestCoordinator) out.push({ role, message: 'Only a request coordinator has referral handlers.' });
    if (role === 'alert-broadcaster' && !authority.isAlertCoordinator) out.push({ role, message: 'Only an alert coordinator has alert broadcasters.' });
    if ((role === 'alert-observer' || role === 'alert-handler') && !authority.hasAlertAccess) out.push({ role, message: `The ${role} role needs access to alerts.` });
    if (role === 'system-admin') out.push({ role, message: 'The helpdesk role is not given by an authority.' });
  }
  return out;
}
