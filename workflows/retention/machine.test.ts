import { systemActor, type Actor } from '../actor';
import {
  nextTimer,
  retentionStatuses,
  startRetention,
  transition,
  type RetentionCommand,
  type RetentionCommandType,
  type RetentionStart,
  type RetentionState,
  type RetentionStatus,
} from './machine';

const day = 86_400_000;
const month = 30 * day;
const year = 365 * day;
const closedAt = new Date('2026-03-04T08:00:00Z');
const after = (ms: number) => new Date(closedAt.getTime() + ms);

const requestStart: RetentionStart = { caseType: 'request', caseId: 'req-1', blockAfterMs: 6 * month, eraseAfterMs: 3 * year };
const alertStart: RetentionStart = { caseType: 'alert', caseId: 'alert-2026-1', blockAfterMs: null, eraseAfterMs: 6 * month };

const caseHandler: Actor = { kind: 'user', id: 'u-handler', authorityId: 'auth-dk-ca', countryCode: 'DK', roles: ['case-handler'] };
const otherAuthority: Actor = { kind: 'user', id: 'u-other', authorityId: 'auth-se-ca', countryCode: 'SE', roles: ['case-handler'] };
const helpdeskUser: Actor = { kind: 'user', id: 'u-helpdesk', roles: ['system-admin'] };
const operator: Actor = { kind: 'operator', id: 'operator' };
const roles = { caseHandler, otherAuthority, helpdeskUser, operator, timer: systemActor } as const;
type RoleName = keyof typeof roles;
const caseAuthorityIds = ['auth-dk-ca', 'auth-fr-ca'];

function must(state: RetentionState, command: RetentionCommand, actor: Actor, at: Date): RetentionState {
  const result = transition(state, command, actor, at);
  if (!result.ok) throw new Error(`${command.type} refused: ${result.rejection.message}`);
  return result.state;
}

/** Builders in the domain's words. */
function aClosedCase(start: RetentionStart = requestStart): RetentionState {
  const result = startRetention(start, closedAt);
  if (!result.ok) throw new Error(result.rejection.message);
  return result.state;
}
const aBlockedCase = () => must(aClosedCase(), { type: 'block' }, systemActor, after(6 * month));
const anErasedCase = () => must(aBlockedCase(), { type: 'erase' }, systemActor, after(3 * year));
const builders: Record<RetentionStatus, () => RetentionState> = { active: aClosedCase, blocked: aBlockedCase, erased: anErasedCase };

const eraseEarly: RetentionCommand = { type: 'eraseEarly', reason: 'Data subject asked the authority', consentReference: 'DK-consent-2026-17', facts: { caseAuthorityIds } };
const commands: Record<RetentionCommandType, RetentionCommand> = {
  block: { type: 'block' },
  erase: { type: 'erase' },
  eraseEarly,
  recordContest: { type: 'recordContest', kind: 'rectification', reference: 'HD-4711' },
};
/** Far enough after closure that every timer is due. */
const late = after(4 * year);

/** Which (status, command, role) are accepted; everything else is refused with a reason. */
function expectedOutcome(status: RetentionStatus, command: RetentionCommandType, role: RoleName): RetentionStatus | 'refused' {
  if (status === 'erased') return 'refused';
  const helpdesk = role === 'helpdeskUser' || role === 'operator';
  switch (command) {
    case 'block':
      return role === 'timer' && status === 'active' ? 'blocked' : 'refused';
    case 'erase':
      return role === 'timer' ? 'erased' : 'refused';
    case 'eraseEarly':
      return helpdesk || role === 'caseHandler' ? 'erased' : 'refused';
    case 'recordContest':
      return helpdesk && status === 'blocked' ? 'blocked' : 'refused';
  }
}

describe('retention machine', () => {
  describe('every status × command × role', () => {
    for (const status of retentionStatuses) {
      for (const command of Object.keys(commands) as RetentionCommandType[]) {
        for (const role of Object.keys(roles) as RoleName[]) {
          const expected = expectedOutcome(status, command, role);
          it(`${status} × ${command} × ${role} → ${expected}`, () => {
            const before = builders[status]();
            const result = transition(before, commands[command], roles[role], late);
            if (expected === 'refused') {
              expect(result.ok).toBe(false);
              if (!result.ok) expect(result.rejection.message).not.toHaveLength(0);
              return;
            }
            expect(result.ok).toBe(true);
            if (!result.ok) return;
            expect(result.state.status).toBe(expected);
            expect(result.state.version).toBe(before.version + 1);
            expect(result.effects.at(-1)).toEqual({ type: 'project' });
          });
        }
      }
    }
  });

  it('a request is active at closure, blocked after blockAfterMs and erased after eraseAfterMs, each step projected', () => {
    const closed = startRetention(requestStart, closedAt);
    expect(closed).toEqual({ ok: true, state: expect.objectContaining({ status: 'active', version: 1 }), effects: [{ type: 'project' }] });
    const active = aClosedCase();
    expect(active.blockAt).toBe(after(6 * month).toISOString());
    expect(active.eraseAt).toBe(after(3 * year).toISOString());
    expect(nextTimer(active)).toEqual({ timer: 'block', at: active.blockAt });

    const blocked = transition(active, { type: 'block' }, systemActor, after(6 * month));
    expect(blocked.ok && blocked.effects).toEqual([{ type: 'blockPersonalData' }, { type: 'project' }]);
    if (!blocked.ok) return;
    expect(blocked.state).toMatchObject({ status: 'blocked', blockedAt: after(6 * month).toISOString(), lastEvent: { action: 'retention.blocked', actor: 'system' } });
    expect(nextTimer(blocked.state)).toEqual({ timer: 'erase', at: active.eraseAt });

    const erased = transition(blocked.state, { type: 'erase' }, systemActor, after(3 * year));
    expect(erased.ok && erased.effects).toEqual([{ type: 'erasePersonalData' }, { type: 'project' }]);
    if (!erased.ok) return;
    expect(erased.state).toMatchObject({ status: 'erased', erasedAt: after(3 * year).toISOString(), earlyErasure: null, version: 3 });
    expect(nextTimer(erased.state)).toBeNull();
  });

  it('SOLVIT: blocking 18 months after closure comes from the input', () => {
    const solvit = aClosedCase({ ...requestStart, blockAfterMs: 18 * month });
    expect(solvit.blockAt).toBe(after(18 * month).toISOString());
    expect(transition(solvit, { type: 'block' }, systemActor, after(6 * month)).ok).toBe(false);
    expect(must(solvit, { type: 'block' }, systemActor, after(18 * month)).status).toBe('blocked');
  });

  it('an alert has no blocking step: its data is erased 6 months after closure', () => {
    const alert = aClosedCase(alertStart);
    expect(alert.blockAt).toBeNull();
    expect(nextTimer(alert)).toEqual({ timer: 'erase', at: after(6 * month).toISOString() });
    const block = transition(alert, { type: 'block' }, systemActor, after(6 * month));
    expect(block.ok).toBe(false);
    if (!block.ok) expect(block.rejection.code).toBe('WrongState');
    expect(must(alert, { type: 'erase' }, systemActor, after(6 * month))).toMatchObject({ status: 'erased', blockedAt: null });
  });

  it('timers refuse to act before they are due', () => {
    const early = transition(aClosedCase(), { type: 'block' }, systemActor, after(6 * month - 1));
    expect(early).toEqual({ ok: false, rejection: { code: 'WrongState', message: expect.stringContaining('due at') } });
    expect(transition(aBlockedCase(), { type: 'erase' }, systemActor, after(3 * year - 1)).ok).toBe(false);
  });

  it('early erasure needs a reason and the consent reference, and keeps them with who asked', () => {
    for (const bad of [
      { ...eraseEarly, reason: '  ' },
      { ...eraseEarly, consentReference: '' },
      { ...eraseEarly, reason: 'x'.repeat(2001) },
      { ...eraseEarly, consentReference: 'x'.repeat(201) },
    ]) {
      const result = transition(aClosedCase(), bad, caseHandler, after(day));
      expect(result).toEqual({ ok: false, rejection: { code: 'Invalid', message: expect.any(String) } });
    }
    const erased = transition(aClosedCase(), { ...eraseEarly, reason: ' Consent given ' }, caseHandler, after(day));
    expect(erased.ok && erased.effects).toEqual([{ type: 'erasePersonalData' }, { type: 'project' }]);
    if (!erased.ok) return;
    expect(erased.state).toMatchObject({
      status: 'erased',
      erasedAt: after(day).toISOString(),
      earlyErasure: { reason: 'Consent given', consentReference: 'DK-consent-2026-17', requestedBy: 'user:u-handler' },
      lastEvent: { action: 'retention.erased-early', actor: 'user:u-handler', reason: 'Consent given' },
    });
  });

  it('early erasure by a user of an authority not in the case is not allowed', () => {
    const result = transition(aClosedCase(), eraseEarly, otherAuthority, after(day));
    expect(result).toEqual({ ok: false, rejection: { code: 'NotAllowed', message: expect.stringContaining('taking part') } });
    const noAuthority = transition(aClosedCase(), { ...eraseEarly, facts: { caseAuthorityIds: [] } }, caseHandler, after(day));
    expect(noAuthority.ok).toBe(false);
  });

  it('a contest of blocked data is recorded beside it and changes nothing else', () => {
    const blocked = aBlockedCase();
    const result = transition(blocked, { type: 'recordContest', kind: 'erasure', reference: ' HD-9 ' }, helpdeskUser, after(7 * month));
    expect(result.ok && result.effects).toEqual([{ type: 'project' }]);
    if (!result.ok) return;
    expect(result.state.contests).toEqual([{ kind: 'erasure', reference: 'HD-9', recordedAt: after(7 * month).toISOString(), recordedBy: 'user:u-helpdesk' }]);
    expect(result.state).toMatchObject({ status: 'blocked', blockedAt: blocked.blockedAt, eraseAt: blocked.eraseAt, lastEvent: { action: 'retention.contest-recorded' } });
    const second = must(result.state, { type: 'recordContest', kind: 'rectification', reference: 'HD-10' }, operator, after(8 * month));
    expect(second.contests.map((c) => c.reference)).toEqual(['HD-9', 'HD-10']);
    expect(second.contests[1]!.recordedBy).toBe('operator');
  });

  it('a contest needs a known kind and a reference', () => {
    const blocked = aBlockedCase();
    expect(transition(blocked, { type: 'recordContest', kind: 'rectification', reference: ' ' }, operator, late).ok).toBe(false);
    expect(transition(blocked, { type: 'recordContest', kind: 'deletion' as never, reference: 'HD-1' }, operator, late).ok).toBe(false);
  });

  it('refuses durations that cannot be meant', () => {
    const bad: RetentionStart[] = [
      { ...requestStart, eraseAfterMs: 0 },
      { ...requestStart, eraseAfterMs: Number.NaN },
      { ...requestStart, blockAfterMs: -1 },
      { ...requestStart, blockAfterMs: 3 * year },
      { ...requestStart, blockAfterMs: 4 * year },
    ];
    for (const start of bad) expect(startRetention(start, closedAt)).toEqual({ ok: false, rejection: { code: 'Invalid', message: expect.any(String) } });
    expect(startRetention({ ...requestStart, blockAfterMs: 0 }, closedAt).ok).toBe(true);
  });
});
