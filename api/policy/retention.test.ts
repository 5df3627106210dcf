import type { Actor } from '../../workflows/actor';
import { isHelpdesk, mayEraseEarly, mayRecordContest, mayRetrieveBlockedData, mayViewRetention } from './retention';

const operator: Actor = { kind: 'operator', id: 'operator' };
const helpdeskUser: Actor = { kind: 'user', id: 'u-hd', roles: ['system-admin'] };
const caseHandler: Actor = { kind: 'user', id: 'u-ch', authorityId: 'auth-dk', roles: ['case-handler', 'local-data-administrator'] };
const coordinator: Actor = { kind: 'user', id: 'u-co', authorityId: 'auth-dk-nimic', roles: ['data-administrator', 'referral-handler'] };
const system: Actor = { kind: 'system', id: 'system' };

describe('retention policy (domain.md §8)', () => {
  it('the helpdesk is the operator or a user with the helpdesk role', () => {
    expect([operator, helpdeskUser, caseHandler, coordinator, system].map(isHelpdesk)).toEqual([true, true, false, false, false]);
  });

  it('only the helpdesk retrieves blocked data, sees retention and records contests', () => {
    for (const decide of [mayRetrieveBlockedData, mayViewRetention, mayRecordContest]) {
      expect(decide(operator).ok).toBe(true);
      expect(decide(helpdeskUser).ok).toBe(true);
      for (const other of [caseHandler, coordinator, system]) {
        const decision = decide(other);
        expect(decision).toEqual({ ok: false, rejection: { code: 'NotAllowed', message: expect.stringMatching(/helpdesk/) } });
      }
    }
  });

  it('early erasure: a user of an authority taking part, or the helpdesk; not a coordinator outside the case nor the timer', () => {
    expect(mayEraseEarly(caseHandler, ['auth-dk', 'auth-se']).ok).toBe(true);
    expect(mayEraseEarly(caseHandler, ['auth-se']).ok).toBe(false);
    expect(mayEraseEarly(coordinator, ['auth-dk']).ok).toBe(false);
    expect(mayEraseEarly({ ...caseHandler, authorityId: undefined }, ['auth-dk']).ok).toBe(false);
    expect(mayEraseEarly(system, ['auth-dk']).ok).toBe(false);
    expect(mayEraseEarly(operator, []).ok).toBe(true);
    expect(mayEraseEarly(helpdeskUser, []).ok).toBe(true);
  });
});
