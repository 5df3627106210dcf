import { checkRoleEligibility, checkRoleMinimums, withAutomaticRoles, type AuthorityRoleFacts, type RoleMinimumRule, type UserRoleFacts } from './userRoles';
import type { UserRole } from '../../schema/authority';

const aCompetentAuthority = (facts: Partial<AuthorityRoleFacts> = {}): AuthorityRoleFacts => ({
  authorityId: 'a-1',
  isCoordinator: false,
  hasRequestAccess: false,
  usesAllocation: false,
  isRequestCoordinator: false,
  hasAlertAccess: false,
  isAlertCoordinator: false,
  ...facts,
});
const aRequestCoordinator = (facts: Partial<AuthorityRoleFacts> = {}) =>
  aCompetentAuthority({ isCoordinator: true, hasRequestAccess: true, isRequestCoordinator: true, ...facts });

let n = 0;
const aUser = (...roles: UserRole[]): UserRoleFacts => ({ userId: `u-${++n}`, roles });
const rules = (v: ReturnType<typeof checkRoleMinimums>) => v.map((x) => x.rule);

describe('roles at least one user must hold', () => {
  const cases: { rule: RoleMinimumRule; authority: AuthorityRoleFacts; without: UserRoleFacts[]; with: UserRoleFacts[]; message: RegExp }[] = [
    {
      rule: 'local-data-administrator',
      authority: aCompetentAuthority(),
      without: [aUser('case-handler')],
      with: [aUser('local-data-administrator')],
      message: /at least one local data administrator/,
    },
    {
      rule: 'data-administrator',
      authority: aCompetentAuthority({ isCoordinator: true }),
      without: [aUser('local-data-administrator')],
      with: [aUser('local-data-administrator'), aUser('data-administrator')],
      message: /coordinator needs at least one data administrator/,
    },
    {
      rule: 'case-handler',
      authority: aCompetentAuthority({ hasRequestAccess: true }),
      without: [aUser('local-data-administrator', 'request-observer')],
      with: [aUser('local-data-administrator'), aUser('case-handler')],
      message: /access to requests needs at least one case handler/,
    },
    {
      rule: 'allocator',
      authority: aCompetentAuthority({ usesAllocation: true }),
      // The only LDA has been removed; the remaining users are no allocators.
      without: [{ ...aUser('local-data-administrator'), active: false }, aUser('case-handler')],
      with: [aUser('local-data-administrator')],
      message: /uses allocation needs at least one allocator/,
    },
    {
      rule: 'referral-handler',
      authority: aRequestCoordinator(),
      without: [aUser('local-data-administrator', 'data-administrator', 'case-handler')],
      with: [aUser('local-data-administrator', 'data-administrator', 'case-handler'), aUser('referral-handler')],
      message: /request coordinator needs at least one referral handler/,
    },
  ];

  for (const c of cases) {
    it(`${c.rule}: violated when nobody holds it`, () => {
      const violations = checkRoleMinimums(c.authority, c.without);
      expect(rules(violations)).toContain(c.rule);
      expect(violations.find((v) => v.rule === c.rule)?.message).toMatch(c.message);
    });
    it(`${c.rule}: satisfied when someone holds it`, () => {
      expect(rules(checkRoleMinimums(c.authority, c.with))).not.toContain(c.rule);
    });
  }

  it('asks nothing of a competent authority beyond a local data administrator', () => {
    expect(checkRoleMinimums(aCompetentAuthority(), [aUser('local-data-administrator')])).toEqual([]);
  });

  it('reports every broken rule at once for an authority with no users left', () => {
    expect(rules(checkRoleMinimums(aRequestCoordinator({ usesAllocation: true }), []))).toEqual([
      'local-data-administrator',
      'data-administrator',
      'case-handler',
      'allocator',
      'referral-handler',
    ]);
  });

  it('does not count removed users', () => {
    expect(rules(checkRoleMinimums(aCompetentAuthority(), [{ ...aUser('local-data-administrator'), active: false }]))).toEqual(['local-data-administrator']);
  });

  it('counts an explicit allocator when no LDA is one', () => {
    expect(rules(checkRoleMinimums(aCompetentAuthority({ usesAllocation: true }), [aUser('local-data-administrator'), aUser('allocator')]))).toEqual([]);
    expect(rules(checkRoleMinimums(aCompetentAuthority({ usesAllocation: true }), [{ ...aUser('local-data-administrator'), active: false }, aUser('allocator')]))).toEqual([
      'local-data-administrator',
    ]);
  });
});

describe('roles given automatically', () => {
  it('every user is an ordinary user', () => {
    expect(withAutomaticRoles(['case-handler'], aCompetentAuthority())).toEqual(expect.arrayContaining(['ordinary-user', 'case-handler']));
  });

  it('a local data administrator is also an allocator', () => {
    expect(withAutomaticRoles(['local-data-administrator'], aCompetentAuthority())).toContain('allocator');
    expect(withAutomaticRoles(['case-handler'], aCompetentAuthority())).not.toContain('allocator');
  });

  it('with alert access, a local data administrator gets the alert roles the authority can give', () => {
    const atAlertAuthority = withAutomaticRoles(['local-data-administrator'], aCompetentAuthority({ hasAlertAccess: true }));
    expect(atAlertAuthority).toEqual(expect.arrayContaining(['alert-observer', 'alert-handler']));
    expect(atAlertAuthority).not.toContain('alert-broadcaster');
    const atAlertCoordinator = withAutomaticRoles(['local-data-administrator'], aCompetentAuthority({ hasAlertAccess: true, isCoordinator: true, isAlertCoordinator: true }));
    expect(atAlertCoordinator).toEqual(expect.arrayContaining(['alert-observer', 'alert-handler', 'alert-broadcaster']));
  });

  it('without alert access, nobody gets alert roles automatically', () => {
    const roles = withAutomaticRoles(['local-data-administrator'], aCompetentAuthority());
    expect(roles.filter((r) => r.startsWith('alert-'))).toEqual([]);
    expect(withAutomaticRoles(['case-handler'], aCompetentAuthority({ hasAlertAccess: true })).filter((r) => r.startsWith('alert-'))).toEqual([]);
  });
});

describe('roles only some authorities can give', () => {
  it('refuses coordinator roles at a competent authority and the helpdesk role anywhere', () => {
    expect(checkRoleEligibility(aCompetentAuthority(), ['data-administrator', 'referral-handler', 'alert-broadcaster', 'alert-handler', 'system-admin']).map((v) => v.role)).toEqual([
      'data-administrator',
      'referral-handler',
      'alert-broadcaster',
      'alert-handler',
      'system-admin',
    ]);
  });

  it('allows them where the authority has the matching role', () => {
    const coordinator = aRequestCoordinator({ hasAlertAccess: true, isAlertCoordinator: true });
    expect(checkRoleEligibility(coordinator, ['data-administrator', 'referral-handler', 'alert-broadcaster', 'alert-handler', 'case-handler'])).toEqual([]);
  });
});
