import {
  registerAuthority,
  transition,
  type AccessTarget,
  type ActorRelation,
  type AreaAccessState,
  type AuthorityCommand,
  type AuthorityCommandType,
  type AuthorityStatusState,
} from './statusMachine';
import { systemActor, type Actor } from '../actor';
import type { AccessStatus, AuthorityStatus } from '../../schema/authority';

const now = new Date('2026-11-25T10:00:00Z');
const later = new Date(now.getTime() + 1000);

/** The people who act on authority DK-42, each with what the API found out about them. */
const people = {
  validatingCoordinator: {
    actor: { kind: 'user', id: 'u-nimic', authorityId: 'DK-NIMIC', countryCode: 'DK', roles: ['data-administrator'] },
    by: { isValidatingCoordinator: true, actorKind: 'NIMIC' },
  },
  accessCoordinator: {
    actor: { kind: 'user', id: 'u-limic', authorityId: 'DK-LIMIC', countryCode: 'DK', roles: ['data-administrator'] },
    by: { isAccessCoordinator: true, actorKind: 'LIMIC' },
  },
  ownLda: {
    actor: { kind: 'user', id: 'u-lda', authorityId: 'DK-42', countryCode: 'DK', roles: ['local-data-administrator', 'case-handler'] },
    by: {},
  },
  otherCoordinator: {
    actor: { kind: 'user', id: 'u-other', authorityId: 'DK-DIMIC', countryCode: 'DK', roles: ['data-administrator', 'local-data-administrator'] },
    by: { actorKind: 'NIMIC' },
  },
  helpdesk: { actor: { kind: 'operator', id: 'op-1', roles: ['system-admin'] }, by: {} },
  system: { actor: systemActor, by: { isValidatingCoordinator: true, isAccessCoordinator: true } },
} satisfies Record<string, { actor: Actor; by: ActorRelation }>;
type Person = keyof typeof people;
const everyone = Object.keys(people) as Person[];

function anAuthority(status: AuthorityStatus, areas: Record<string, AreaAccessState>): AuthorityStatusState {
  const { state } = registerAuthority({ authorityId: 'DK-42', countryCode: 'DK', selfRegistered: false, areas }, people.validatingCoordinator.actor, now);
  return { ...state, status };
}
const anArea = (status: AccessStatus, workflows: AreaAccessState['workflows'] = {}, role: AreaAccessState['role'] = 'CA'): AreaAccessState => ({
  status,
  role,
  workflows,
});

type Outcome<S extends string> = S | 'NotAllowed' | 'WrongState';
const Wrong = 'WrongState' as const;

// ───────────────────────── authority status ─────────────────────────

const authorityStatuses: AuthorityStatus[] = ['registration-requested', 'active', 'registration-rejected', 'suspended', 'inactive'];
type AuthorityCommandName = 'validateRegistration' | 'rejectRegistration' | 'suspendAuthority' | 'reactivateAuthority' | 'inactivateAuthority';
const authorityCommand = (type: AuthorityCommandName, by: ActorRelation): AuthorityCommand =>
  type === 'inactivateAuthority' ? { type, by, ongoingCases: 0 } : type === 'rejectRegistration' ? { type, by, reason: 'not a public body' } : { type, by };

/** Who may change the authority's status at all (ch. 9.1.1: the validating coordinator; the helpdesk). */
const mayChangeAuthority: Record<Person, boolean> = {
  validatingCoordinator: true,
  helpdesk: true,
  accessCoordinator: false,
  ownLda: false,
  otherCoordinator: false,
  system: false,
};

/** ch. 9.1.5.1, for someone allowed to act; the authority's accesses are all revoked. */
const authorityTable: Record<AuthorityStatus, Record<AuthorityCommandName, Outcome<AuthorityStatus>>> = {
  'registration-requested': { validateRegistration: 'active', rejectRegistration: 'registration-rejected', suspendAuthority: Wrong, reactivateAuthority: Wrong, inactivateAuthority: Wrong },
  active: { validateRegistration: Wrong, rejectRegistration: Wrong, suspendAuthority: 'suspended', reactivateAuthority: Wrong, inactivateAuthority: Wrong },
  'registration-rejected': { validateRegistration: 'active', rejectRegistration: Wrong, suspendAuthority: Wrong, reactivateAuthority: Wrong, inactivateAuthority: Wrong },
  suspended: { validateRegistration: Wrong, rejectRegistration: Wrong, suspendAuthority: Wrong, reactivateAuthority: 'active', inactivateAuthority: 'inactive' },
  inactive: { validateRegistration: Wrong, rejectRegistration: Wrong, suspendAuthority: Wrong, reactivateAuthority: Wrong, inactivateAuthority: Wrong },
};

describe('authority status (ch. 9.1.5.1)', () => {
  const allRevoked = () => ({ services: anArea('revoked', { requests: { status: 'revoked', role: 'authority' }, alerts: { status: 'revoked', role: 'alert-authority' } }) });
  for (const status of authorityStatuses) {
    for (const type of Object.keys(authorityTable[status]) as AuthorityCommandName[]) {
      for (const person of everyone) {
        // An inactive authority refuses everything whoever asks; otherwise the actor is checked first.
        const outcome = status === 'inactive' ? Wrong : mayChangeAuthority[person] ? authorityTable[status][type] : 'NotAllowed';
        it(`${status} × ${type} × ${person} → ${outcome}`, () => {
          const before = anAuthority(status, allRevoked());
          const result = transition(before, authorityCommand(type, people[person].by), people[person].actor, later);
          if (outcome === 'NotAllowed' || outcome === Wrong) {
            expect(result).toMatchObject({ ok: false, rejection: { code: outcome } });
            if (!result.ok && outcome === 'NotAllowed') expect(result.rejection.message).toMatch(/validating coordinator/);
            if (!result.ok && outcome === Wrong) expect(result.rejection.message).toMatch(status === 'inactive' ? /inactive/ : new RegExp(`is ${status}`));
          } else {
            expect(result.ok).toBe(true);
            if (!result.ok) return;
            expect(result.state.status).toBe(outcome);
            expect(result.state.version).toBe(before.version + 1);
            expect(result.state.lastEvent).toMatchObject({ action: type, target: null, at: later.toISOString() });
            expect(result.effects[0]).toEqual({ type: 'project' });
          }
        });
      }
    }
  }

  it('rejecting a registration starts the 6-month deletion timer and keeps the reason', () => {
    const result = transition(anAuthority('registration-requested', {}), authorityCommand('rejectRegistration', people.validatingCoordinator.by), people.validatingCoordinator.actor, now);
    expect(result.ok && result.effects).toEqual([
      { type: 'project' },
      { type: 'notify', template: 'registration-rejected' },
      { type: 'startTimer', kind: 'deleteRejectedRegistration', afterMonths: 6 },
    ]);
    expect(result.ok && result.state.lastEvent.reason).toBe('not a public body');
  });

  it('validating a rejected registration cancels the deletion timer; a requested one has none to cancel', () => {
    const fromRejected = transition(anAuthority('registration-rejected', {}), { type: 'validateRegistration', by: people.validatingCoordinator.by }, people.validatingCoordinator.actor, now);
    expect(fromRejected.ok && fromRejected.effects).toContainEqual({ type: 'cancelTimer', kind: 'deleteRejectedRegistration' });
    const fromRequested = transition(anAuthority('registration-requested', {}), { type: 'validateRegistration', by: people.validatingCoordinator.by }, people.validatingCoordinator.actor, now);
    expect(fromRequested.ok && fromRequested.effects).toEqual([{ type: 'project' }, { type: 'notify', template: 'registration-validated' }]);
  });

  it('validation makes the accesses asked for at self-registration active', () => {
    const before = anAuthority('registration-requested', { services: anArea('requested', { requests: { status: 'requested', role: 'authority' } }) });
    const result = transition(before, { type: 'validateRegistration', by: people.validatingCoordinator.by }, people.validatingCoordinator.actor, now);
    expect(result.ok && result.state.areas).toEqual({ services: anArea('active', { requests: { status: 'active', role: 'authority' } }) });
  });

  it('suspends only when every area and workflow access is suspended or revoked, and names the open ones', () => {
    const by = people.validatingCoordinator.by;
    const actor = people.validatingCoordinator.actor;
    const withActiveWorkflow = anAuthority('active', { services: anArea('suspended', { requests: { status: 'active', role: 'authority' } }), solvit: anArea('revoked') });
    expect(transition(withActiveWorkflow, { type: 'suspendAuthority', by }, actor, now)).toMatchObject({
      ok: false,
      rejection: { code: 'WrongState', message: expect.stringMatching(/still open: services\/requests \(active\)/) },
    });
    const withRequestedArea = anAuthority('active', { services: anArea('requested') });
    expect(transition(withRequestedArea, { type: 'suspendAuthority', by }, actor, now)).toMatchObject({ ok: false, rejection: { message: expect.stringMatching(/services \(requested\)/) } });
    const allDown = anAuthority('active', {
      services: anArea('suspended-reactivation-requested', { requests: { status: 'suspended', role: 'authority' } }),
      solvit: anArea('revoked-reactivation-requested'),
    });
    expect(transition(allDown, { type: 'suspendAuthority', by }, actor, now)).toMatchObject({ ok: true, state: { status: 'suspended' } });
  });

  it('inactivates only without ongoing exchanges and once every access is revoked, then starts the removal timer', () => {
    const by = people.validatingCoordinator.by;
    const actor = people.validatingCoordinator.actor;
    const revoked = anAuthority('suspended', { services: anArea('revoked', { requests: { status: 'revoked', role: 'authority' } }) });
    expect(transition(revoked, { type: 'inactivateAuthority', by, ongoingCases: 2 }, actor, now)).toMatchObject({
      ok: false,
      rejection: { code: 'WrongState', message: expect.stringMatching(/2 ongoing exchange/) },
    });
    const stillSuspended = anAuthority('suspended', { services: anArea('suspended', { requests: { status: 'revoked', role: 'authority' } }) });
    expect(transition(stillSuspended, { type: 'inactivateAuthority', by, ongoingCases: 0 }, actor, now)).toMatchObject({
      ok: false,
      rejection: { code: 'WrongState', message: expect.stringMatching(/not revoked: services \(suspended\)/) },
    });
    const result = transition(revoked, { type: 'inactivateAuthority', by, ongoingCases: 0 }, actor, now);
    expect(result.ok && result.effects).toEqual([
      { type: 'project' },
      { type: 'notify', template: 'authority-inactivated' },
      { type: 'startTimer', kind: 'removeInactive', afterMonths: 6 },
    ]);
  });

  it('a data administrator whose authority is not the validating coordinator is refused', () => {
    const result = transition(anAuthority('active', {}), { type: 'suspendAuthority', by: { isAccessCoordinator: true } }, people.accessCoordinator.actor, now);
    expect(result).toMatchObject({ ok: false, rejection: { code: 'NotAllowed' } });
  });
});

// ───────────────────────── area and workflow access ─────────────────────────

type AccessState = AccessStatus | 'none';
type AccessOutcome = Outcome<AccessStatus | 'removed'>;
type AccessCommandName = Exclude<AuthorityCommandType, AuthorityCommandName>;
const accessStates: AccessState[] = ['none', 'requested', 'active', 'suspended', 'suspended-reactivation-requested', 'revoked', 'revoked-reactivation-requested'];

/** Who may give each command about an access (ch. 9.1.1 access coordinator; ch. 9.1.5.2 the authority's LDA asks). */
const mayGive: Record<AccessCommandName, Person[]> = {
  requestAccess: ['ownLda'],
  requestReactivation: ['ownLda'],
  grantAccess: ['accessCoordinator', 'helpdesk'],
  approveAccess: ['accessCoordinator', 'helpdesk'],
  refuseAccess: ['accessCoordinator', 'helpdesk'],
  suspendAccess: ['accessCoordinator', 'helpdesk'],
  reactivateAccess: ['accessCoordinator', 'helpdesk'],
  refuseReactivation: ['accessCoordinator', 'helpdesk'],
  revokeAccess: ['accessCoordinator', 'helpdesk'],
  changeRole: ['accessCoordinator', 'helpdesk'],
};

/**
 * ch. 9.1.5.2–3 and 9.1.6, for someone allowed to act, the authority active and (for a workflow)
 * its area active, no ongoing cases, and (for an area) its workflows revoked. The same table holds
 * for an area and for a workflow.
 */
const accessTable: Record<AccessState, Record<AccessCommandName, AccessOutcome>> = {
  none: {
    requestAccess: 'requested', grantAccess: 'active', approveAccess: Wrong, refuseAccess: Wrong, suspendAccess: Wrong,
    requestReactivation: Wrong, reactivateAccess: Wrong, refuseReactivation: Wrong, revokeAccess: Wrong, changeRole: Wrong,
  },
  requested: {
    requestAccess: Wrong, grantAccess: Wrong, approveAccess: 'active', refuseAccess: 'removed', suspendAccess: Wrong,
    requestReactivation: Wrong, reactivateAccess: Wrong, refuseReactivation: Wrong, revokeAccess: Wrong, changeRole: 'requested',
  },
  active: {
    requestAccess: Wrong, grantAccess: Wrong, approveAccess: Wrong, refuseAccess: Wrong, suspendAccess: 'suspended',
    requestReactivation: Wrong, reactivateAccess: Wrong, refuseReactivation: Wrong, revokeAccess: Wrong, changeRole: Wrong,
  },
  suspended: {
    requestAccess: Wrong, grantAccess: Wrong, approveAccess: Wrong, refuseAccess: Wrong, suspendAccess: Wrong,
    requestReactivation: 'suspended-reactivation-requested', reactivateAccess: 'active', refuseReactivation: Wrong, revokeAccess: 'revoked', changeRole: 'suspended',
  },
  'suspended-reactivation-requested': {
    requestAccess: Wrong, grantAccess: Wrong, approveAccess: Wrong, refuseAccess: Wrong, suspendAccess: Wrong,
    requestReactivation: Wrong, reactivateAccess: 'active', refuseReactivation: 'suspended', revokeAccess: Wrong, changeRole: Wrong,
  },
  revoked: {
    requestAccess: Wrong, grantAccess: Wrong, approveAccess: Wrong, refuseAccess: Wrong, suspendAccess: Wrong,
    requestReactivation: 'revoked-reactivation-requested', reactivateAccess: 'suspended', refuseReactivation: Wrong, revokeAccess: Wrong, changeRole: Wrong,
  },
  'revoked-reactivation-requested': {
    requestAccess: Wrong, grantAccess: Wrong, approveAccess: Wrong, refuseAccess: Wrong, suspendAccess: Wrong,
    requestReactivation: Wrong, reactivateAccess: 'suspended', refuseReactivation: 'revoked', revokeAccess: Wrong, changeRole: Wrong,
  },
};

interface Level {
  name: 'area' | 'workflow';
  target: AccessTarget;
  role: string;
  newRole: string;
  authority: (status: AccessState) => AuthorityStatusState;
  find: (s: AuthorityStatusState) => { status: AccessStatus; role: string } | undefined;
}

const levels: Level[] = [
  {
    name: 'area',
    target: { area: 'services' },
    role: 'CA',
    newRole: 'DIMIC',
    authority: (status) =>
      anAuthority('active', status === 'none' ? {} : { services: anArea(status, { requests: { status: 'revoked', role: 'authority' } }) }),
    find: (s) => s.areas.services,
  },
  {
    name: 'workflow',
    target: { area: 'services', workflow: 'requests' },
    role: 'authority',
    newRole: 'request-coordinator',
    authority: (status) => anAuthority('active', { services: anArea('active', status === 'none' ? {} : { requests: { status, role: 'authority' } }) }),
    find: (s) => s.areas.services?.workflows.requests,
  },
];

function accessCommand(type: AccessCommandName, level: Level, by: ActorRelation): AuthorityCommand {
  const target = level.target;
  switch (type) {
    case 'requestAccess':
      return { type, target, role: level.role as never };
    case 'requestReactivation':
      return { type, target };
    case 'grantAccess':
      return { type, target, role: level.role as never, by };
    case 'changeRole':
      return { type, target, role: level.newRole as never, by };
    case 'revokeAccess':
      return { type, target, by, ongoingCases: 0 };
    default:
      return { type, target, by };
  }
}

for (const level of levels) {
  describe(`${level.name} access (ch. 9.1.5.${level.name === 'area' ? 2 : 3}, 9.1.6)`, () => {
    for (const status of accessStates) {
      for (const type of Object.keys(accessTable[status]) as AccessCommandName[]) {
        for (const person of everyone) {
          const outcome: AccessOutcome = mayGive[type].includes(person) ? accessTable[status][type] : 'NotAllowed';
          it(`${status} × ${type} × ${person} → ${outcome}`, () => {
            const before = level.authority(status);
            const result = transition(before, accessCommand(type, level, people[person].by), people[person].actor, later);
            if (outcome === 'NotAllowed' || outcome === Wrong) {
              expect(result).toMatchObject({ ok: false, rejection: { code: outcome } });
              if (!result.ok && outcome === 'NotAllowed') expect(result.rejection.message).toMatch(/Only (the authority's own local data administrator|a data administrator of the authority's access coordinator)/);
              if (!result.ok && outcome === Wrong) expect(result.rejection.message).toMatch(status === 'none' ? /no access to/ : /already has access|is (requested|active|suspended|revoked)/);
              return;
            }
            expect(result.ok).toBe(true);
            if (!result.ok) return;
            const after = level.find(result.state);
            if (outcome === 'removed') expect(after).toBeUndefined();
            else expect(after?.status).toBe(outcome);
            if (type === 'changeRole') expect(after?.role).toBe(level.newRole);
            else if (after) expect(after.role).toBe(level.role);
            expect(result.state.version).toBe(before.version + 1);
            expect(result.state.lastEvent).toMatchObject({ action: type, target: level.name === 'area' ? 'services' : 'services/requests' });
            expect(result.effects[0]).toEqual({ type: 'project' });
            expect(result.effects[1]).toMatchObject({ type: 'notify' });
          });
        }
      }
    }
  });
}

describe('access rules that depend on the authority or the area', () => {
  const lda = people.ownLda;
  const coordinator = people.accessCoordinator;
  const area: AccessTarget = { area: 'services' };
  const requests: AccessTarget = { area: 'services', workflow: 'requests' };
  const reason = (r: ReturnType<typeof transition>) => (r.ok ? null : `${r.rejection.code}: ${r.rejection.message}`);

  it('new access is asked for or given only while the authority is active', () => {
    for (const status of ['registration-requested', 'suspended'] as const) {
      const before = anAuthority(status, {});
      expect(reason(transition(before, { type: 'requestAccess', target: area, role: 'CA' }, lda.actor, now))).toMatch(new RegExp(`WrongState: .*only while the authority is active; it is ${status}`));
      expect(reason(transition(before, { type: 'grantAccess', target: area, role: 'CA', by: coordinator.by }, coordinator.actor, now))).toMatch(/only while the authority is active/);
    }
  });

  it('new workflow access is asked for only while its area is active', () => {
    const before = anAuthority('active', { services: anArea('suspended') });
    expect(reason(transition(before, { type: 'requestAccess', target: requests, role: 'authority' }, lda.actor, now))).toMatch(/only while its area is active; services is suspended/);
    expect(reason(transition(anAuthority('active', {}), { type: 'requestAccess', target: requests, role: 'authority' }, lda.actor, now))).toMatch(/services is not accessible/);
  });

  it('a requested access is approved only once the authority is active (validation comes first)', () => {
    const before = anAuthority('registration-requested', { services: anArea('requested') });
    expect(reason(transition(before, { type: 'approveAccess', target: area, by: coordinator.by }, coordinator.actor, now))).toMatch(/only while the authority is active/);
  });

  it('an area is reactivated only while the authority is active', () => {
    for (const status of ['suspended', 'revoked'] as const) {
      const before = anAuthority('suspended', { services: anArea(status) });
      expect(reason(transition(before, { type: 'requestReactivation', target: area }, lda.actor, now))).toMatch(/area can be reactivated only while the authority is active; it is suspended/);
      expect(reason(transition(before, { type: 'reactivateAccess', target: area, by: coordinator.by }, coordinator.actor, now))).toMatch(/only while the authority is active/);
    }
  });

  it('a workflow is reactivated only while its area is active', () => {
    for (const status of ['suspended', 'revoked'] as const) {
      const before = anAuthority('active', { services: anArea('suspended', { requests: { status, role: 'authority' } }) });
      expect(reason(transition(before, { type: 'requestReactivation', target: requests }, lda.actor, now))).toMatch(/workflow can be reactivated only while its area is active; services is suspended/);
      expect(reason(transition(before, { type: 'reactivateAccess', target: requests, by: coordinator.by }, coordinator.actor, now))).toMatch(/only while its area is active/);
    }
  });

  it('an area is suspended only after all its workflows are suspended or revoked', () => {
    const before = anAuthority('active', { services: anArea('active', { requests: { status: 'active', role: 'authority' }, alerts: { status: 'suspended', role: 'alert-authority' } }) });
    expect(reason(transition(before, { type: 'suspendAccess', target: area, by: coordinator.by }, coordinator.actor, now))).toMatch(/Suspend every workflow of services first; still open: requests \(active\)\.$/);
  });

  it('access is revoked only after its ongoing cases are finished', () => {
    const before = anAuthority('active', { services: anArea('active', { requests: { status: 'suspended', role: 'authority' } }) });
    expect(reason(transition(before, { type: 'revokeAccess', target: requests, by: coordinator.by, ongoingCases: 3 }, coordinator.actor, now))).toMatch(/WrongState: 3 ongoing exchange\(s\) in services\/requests/);
  });

  it('an area is revoked only after all its workflows are revoked', () => {
    const before = anAuthority('active', { services: anArea('suspended', { requests: { status: 'revoked', role: 'authority' }, alerts: { status: 'suspended', role: 'alert-authority' } }) });
    expect(reason(transition(before, { type: 'revokeAccess', target: area, by: coordinator.by, ongoingCases: 0 }, coordinator.actor, now))).toMatch(/not revoked: alerts \(suspended\)/);
  });

  it('a revoked access comes back by way of suspended: revoked → reactivation requested → suspended → active', () => {
    let state = anAuthority('active', { services: anArea('active', { requests: { status: 'revoked', role: 'authority' } }) });
    const steps: [AuthorityCommand, Actor, AccessStatus][] = [
      [{ type: 'requestReactivation', target: requests }, lda.actor, 'revoked-reactivation-requested'],
      [{ type: 'reactivateAccess', target: requests, by: coordinator.by }, coordinator.actor, 'suspended'],
      [{ type: 'reactivateAccess', target: requests, by: coordinator.by }, coordinator.actor, 'active'],
    ];
    for (const [command, actor, expected] of steps) {
      const result = transition(state, command, actor, now);
      if (!result.ok) throw new Error(result.rejection.message);
      state = result.state;
      expect(state.areas.services.workflows.requests?.status).toBe(expected);
    }
    expect(state.version).toBe(4);
  });

  it("a coordinator's area or workflow access is suspended only by the helpdesk", () => {
    const before = anAuthority('active', { services: anArea('active', { requests: { status: 'active', role: 'request-coordinator' } }, 'DIMIC') });
    expect(reason(transition(before, { type: 'suspendAccess', target: requests, by: coordinator.by }, coordinator.actor, now))).toMatch(/NotAllowed: .*only through the helpdesk/);
    expect(transition(before, { type: 'suspendAccess', target: requests, by: {} }, people.helpdesk.actor, now)).toMatchObject({ ok: true });
  });

  describe('role changes (ch. 9.1.6)', () => {
    it('a workflow role does not change while the workflow is active, and says where the rule is', () => {
      const before = anAuthority('active', { services: anArea('active', { requests: { status: 'active', role: 'authority' } }) });
      expect(reason(transition(before, { type: 'changeRole', target: requests, role: 'request-coordinator', by: coordinator.by }, coordinator.actor, now))).toMatch(
        /workflow role changes only while that workflow access is suspended or requested; services\/requests is active \(ch\. 9\.1\.6\.1\)/,
      );
    });

    it('an area role does not change while the area is active', () => {
      const before = anAuthority('active', { services: anArea('active') });
      expect(reason(transition(before, { type: 'changeRole', target: area, role: 'DIMIC', by: coordinator.by }, coordinator.actor, now))).toMatch(/area role changes only .*\(ch\. 9\.1\.6\.2\)/);
    });

    it('before validation the validating coordinator changes roles whatever the access status', () => {
      const before = anAuthority('registration-requested', { services: anArea('active', { requests: { status: 'active', role: 'authority' } }) });
      const validating = people.validatingCoordinator;
      const workflowChange = transition(before, { type: 'changeRole', target: requests, role: 'request-coordinator', by: validating.by }, validating.actor, now);
      expect(workflowChange.ok && workflowChange.state.areas.services.workflows.requests).toEqual({ status: 'active', role: 'request-coordinator' });
      const areaChange = transition(before, { type: 'changeRole', target: area, role: 'DIMIC', by: validating.by }, validating.actor, now);
      expect(areaChange.ok && areaChange.state.areas.services.role).toBe('DIMIC');
      const afterValidation = { ...before, status: 'active' as const };
      expect(reason(transition(afterValidation, { type: 'changeRole', target: requests, role: 'request-coordinator', by: validating.by }, validating.actor, now))).toMatch(/^NotAllowed/);
    });

    it('the new role must be one the coordinator may give (api/policy/adminRoles)', () => {
      const suspendedArea = anAuthority('active', { services: anArea('suspended', { alerts: { status: 'suspended', role: 'alert-authority' } }) });
      const dimic = { actor: people.accessCoordinator.actor, by: { isAccessCoordinator: true, actorKind: 'DIMIC' as const } };
      expect(reason(transition(suspendedArea, { type: 'changeRole', target: area, role: 'LIMIC', by: dimic.by }, dimic.actor, now))).toMatch(/NotAllowed: A DIMIC cannot manage the access of an LIMIC/);
      const alerts: AccessTarget = { area: 'services', workflow: 'alerts' };
      expect(reason(transition(suspendedArea, { type: 'changeRole', target: alerts, role: 'alert-coordinator', by: dimic.by }, dimic.actor, now))).toMatch(/NotAllowed: A DIMIC cannot appoint the alert-coordinator role/);
      expect(transition(suspendedArea, { type: 'changeRole', target: alerts, role: 'alert-coordinator', by: people.accessCoordinator.by }, people.accessCoordinator.actor, now)).toMatchObject({ ok: true });
      expect(reason(transition(suspendedArea, { type: 'changeRole', target: alerts, role: 'alert-coordinator', by: { isAccessCoordinator: true } }, dimic.actor, now))).toMatch(/kind is not known/);
    });

    it('refuses a role that does not belong to the area or workflow', () => {
      const before = anAuthority('active', { services: anArea('suspended', { requests: { status: 'suspended', role: 'authority' } }), solvit: anArea('active') });
      expect(reason(transition(before, { type: 'changeRole', target: requests, role: 'alert-mailbox', by: coordinator.by }, coordinator.actor, now))).toMatch(/Invalid: alert-mailbox is not a role in the requests workflow/);
      expect(reason(transition(before, { type: 'changeRole', target: area, role: 'authority', by: coordinator.by }, coordinator.actor, now))).toMatch(/Invalid: authority is not a role in a legislation area/);
      expect(reason(transition(before, { type: 'requestAccess', target: { area: 'solvit', workflow: 'alerts' }, role: 'alert-authority' }, lda.actor, now))).toMatch(/Invalid: Only the Services area has the alerts workflow/);
    });
  });

  it('an inactive authority refuses access commands too', () => {
    const before = anAuthority('inactive', { services: anArea('revoked') });
    expect(reason(transition(before, { type: 'requestReactivation', target: area }, lda.actor, now))).toMatch(/^WrongState: The authority is inactive/);
  });
});
