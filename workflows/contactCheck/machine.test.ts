import { openContactCheck, transition, type ContactCheckCommand, type ContactCheckState, type ContactCheckStatus } from './machine';
import { systemActor, type Actor } from '../actor';

const now = new Date('2026-11-25T10:00:00Z');
const operator: Actor = { kind: 'operator', id: 'op-1' };
const user: Actor = { kind: 'user', id: 'u-1', authorityId: 'a-1', countryCode: 'DK' };

function aCheck(status: ContactCheckStatus): ContactCheckState {
  const { state } = openContactCheck({ checkId: 'c-1', authorityRef: 'DK-ERST', countryCode: 'DK', periodMs: 14 * 86_400_000 }, operator, now);
  return { ...state, status, closedAt: status === 'confirmed' || status === 'withdrawn' ? now.toISOString() : null };
}

const commands: ContactCheckCommand[] = [{ type: 'confirm', note: 'all current' }, { type: 'withdraw', reason: 'authority merged' }, { type: 'dueDateReached' }];
const actors: Actor[] = [user, operator, systemActor];
const statuses: ContactCheckStatus[] = ['open', 'overdue', 'confirmed', 'withdrawn'];

/** The whole table: which (status, command, actor kind) is allowed and where it leads. */
const expected: Record<ContactCheckStatus, Record<ContactCheckCommand['type'], Record<Actor['kind'], ContactCheckStatus | 'NotAllowed' | 'WrongState'>>> = {
  open: {
    confirm: { user: 'confirmed', operator: 'confirmed', system: 'NotAllowed' },
    withdraw: { user: 'withdrawn', operator: 'withdrawn', system: 'NotAllowed' },
    dueDateReached: { user: 'NotAllowed', operator: 'NotAllowed', system: 'overdue' },
  },
  overdue: {
    confirm: { user: 'confirmed', operator: 'confirmed', system: 'NotAllowed' },
    withdraw: { user: 'withdrawn', operator: 'withdrawn', system: 'NotAllowed' },
    dueDateReached: { user: 'NotAllowed', operator: 'NotAllowed', system: 'WrongState' },
  },
  confirmed: {
    confirm: { user: 'WrongState', operator: 'WrongState', system: 'WrongState' },
    withdraw: { user: 'WrongState', operator: 'WrongState', system: 'WrongState' },
    dueDateReached: { user: 'WrongState', operator: 'WrongState', system: 'WrongState' },
  },
  withdrawn: {
    confirm: { user: 'WrongState', operator: 'WrongState', system: 'WrongState' },
    withdraw: { user: 'WrongState', operator: 'WrongState', system: 'WrongState' },
    dueDateReached: { user: 'WrongState', operator: 'WrongState', system: 'WrongState' },
  },
};

describe('contact check machine', () => {
  it('opens with the due date one period ahead, version 1, and asks for projection and the opening email', () => {
    const { state, effects } = openContactCheck({ checkId: 'c-1', authorityRef: 'DK-ERST', countryCode: 'DK', periodMs: 14 * 86_400_000 }, operator, now);
    expect(state).toMatchObject({ status: 'open', version: 1, dueAt: '2026-12-09T10:00:00.000Z', lastEvent: { action: 'opened', actor: 'operator:op-1' } });
    expect(effects).toEqual([{ type: 'project' }, { type: 'sendEmail', kind: 'opened' }]);
  });

  for (const status of statuses) {
    for (const command of commands) {
      for (const actor of actors) {
        const outcome = expected[status][command.type][actor.kind];
        it(`${status} × ${command.type} × ${actor.kind} → ${outcome}`, () => {
          const before = aCheck(status);
          const result = transition(before, command, actor, new Date(now.getTime() + 1000));
          if (outcome === 'NotAllowed' || outcome === 'WrongState') {
            expect(result).toMatchObject({ ok: false, rejection: { code: outcome } });
          } else {
            expect(result.ok).toBe(true);
            if (!result.ok) return;
            expect(result.state.status).toBe(outcome);
            expect(result.state.version).toBe(before.version + 1);
            expect(result.effects[0]).toEqual({ type: 'project' });
          }
        });
      }
    }
  }

  it('sends the reminder only when the due date passes', () => {
    const result = transition(aCheck('open'), { type: 'dueDateReached' }, systemActor, now);
    expect(result.ok && result.effects).toEqual([{ type: 'project' }, { type: 'sendEmail', kind: 'reminder' }]);
    expect(result.ok && result.state.remindedAt).toBe(now.toISOString());
  });

  it('refuses a withdrawal without a real reason and keeps the reason otherwise', () => {
    expect(transition(aCheck('open'), { type: 'withdraw', reason: '  ' }, user, now)).toMatchObject({ ok: false, rejection: { code: 'Invalid' } });
    const ok = transition(aCheck('overdue'), { type: 'withdraw', reason: ' merged into another authority ' }, user, now);
    expect(ok.ok && ok.state.lastEvent).toEqual({ action: 'withdrawn', actor: 'user:u-1', reason: 'merged into another authority', at: now.toISOString() });
    expect(ok.ok && ok.state.closedAt).toBe(now.toISOString());
  });
});
