import { choosePositions, loginTransition, maxFailedAttempts, type AccountState, type LoginCommand, type LoginResult } from './loginMachine';

const now = new Date('2026-03-02T09:00:00Z');
const earlier = new Date('2026-03-01T08:00:00Z');
/** Always draws the first element left, so positions are 1, 2, 3. */
const first = () => 0;

const aNewUser = (patch: Partial<AccountState> = {}): AccountState => ({
  status: 'active',
  passwordIsTemporary: true,
  hasSecurityCode: false,
  failedAttempts: 0,
  lockedAt: null,
  lastLoginAt: null,
  ...patch,
});
const aUserWithCode = (patch: Partial<AccountState> = {}) => aNewUser({ passwordIsTemporary: false, hasSecurityCode: true, lastLoginAt: earlier, ...patch });
const aUserWithoutCode = (patch: Partial<AccountState> = {}) => aNewUser({ passwordIsTemporary: false, ...patch });
const aLockedUser = () => aUserWithCode({ status: 'locked', failedAttempts: 5, lockedAt: earlier });
const aRemovedUser = () => aUserWithCode({ status: 'removed' });

const run = (account: AccountState, command: LoginCommand, random = first) => loginTransition(account, command, now, random);
const stepOf = (r: LoginResult) => (r.ok ? r.step : null);
const refusalOf = (r: LoginResult) => (r.ok ? null : r.refusal);

const everyCommand: LoginCommand[] = [
  { type: 'password', passwordOk: true },
  { type: 'password', passwordOk: false },
  { type: 'security-code', answersOk: true },
  { type: 'security-code', answersOk: false },
  { type: 'change-temporary-password', problems: [], sameAsTemporary: false },
  { type: 'choose-security-code', problems: [], confirmed: true },
  { type: 'change-password', currentOk: true, problems: [], sameAsCurrent: false },
  { type: 'change-password', currentOk: false, problems: [], sameAsCurrent: false },
];

describe('choosing the positions to ask', () => {
  it('draws 3 distinct positions from 1 to 12, ascending', () => {
    expect(choosePositions(() => 0)).toEqual([1, 2, 3]);
    expect(choosePositions((max) => max - 1)).toEqual([10, 11, 12]);
    expect(choosePositions(() => 5)).toEqual([6, 7, 8]);
    for (let i = 0; i < 500; i++) {
      const positions = choosePositions((max) => Math.floor(Math.random() * max));
      expect(new Set(positions).size).toBe(3);
      expect(positions).toEqual([...positions].sort((a, b) => a - b));
      for (const p of positions) expect(p >= 1 && p <= 12).toBe(true);
    }
  });

  it('reaches every position', () => {
    const seen = new Set<number>();
    for (let r = 0; r < 12; r++) choosePositions((max) => r % max).forEach((p) => seen.add(p));
    expect([...seen].sort((a, b) => a - b)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12]);
  });
});

describe('username and password', () => {
  it('a right password asks 3 positions of the code', () => {
    const result = run(aUserWithCode(), { type: 'password', passwordOk: true }, () => 4);
    expect(result).toEqual({ ok: true, account: aUserWithCode(), step: { kind: 'challenge', positions: [5, 6, 7] } });
  });

  it('a right temporary password leads to changing it', () => {
    expect(stepOf(run(aNewUser(), { type: 'password', passwordOk: true }))).toEqual({ kind: 'change-password' });
    // also after a reset of a user who had a code
    expect(stepOf(run(aNewUser({ hasSecurityCode: true }), { type: 'password', passwordOk: true }))).toEqual({ kind: 'change-password' });
  });

  it('a right password without a code yet leads to choosing it', () => {
    expect(stepOf(run(aUserWithoutCode(), { type: 'password', passwordOk: true }))).toEqual({ kind: 'choose-code' });
  });

  it('a right password does not clear earlier failures (only a whole login does)', () => {
    const result = run(aUserWithCode({ failedAttempts: 3 }), { type: 'password', passwordOk: true });
    expect(result.account.failedAttempts).toBe(3);
  });

  it('a wrong password counts a failure', () => {
    const result = run(aUserWithCode({ failedAttempts: 2 }), { type: 'password', passwordOk: false });
    expect(result).toEqual({ ok: false, account: aUserWithCode({ failedAttempts: 3 }), refusal: { reason: 'wrong-credentials', locked: false } });
  });
});

describe('the security code challenge', () => {
  it('right characters open a session, clear the failures and note the login', () => {
    const result = run(aUserWithCode({ failedAttempts: 4 }), { type: 'security-code', answersOk: true });
    expect(result).toEqual({ ok: true, account: aUserWithCode({ failedAttempts: 0, lastLoginAt: now }), step: { kind: 'session' } });
  });

  it('wrong characters count a failure', () => {
    expect(refusalOf(run(aUserWithCode(), { type: 'security-code', answersOk: false }))).toEqual({ reason: 'wrong-credentials', locked: false });
  });

  it('is the wrong step while the password is temporary or the code not chosen', () => {
    expect(refusalOf(run(aNewUser(), { type: 'security-code', answersOk: true }))).toEqual({ reason: 'wrong-step', expected: 'change-password' });
    expect(refusalOf(run(aUserWithoutCode(), { type: 'security-code', answersOk: true }))).toEqual({ reason: 'wrong-step', expected: 'choose-code' });
    expect(run(aUserWithoutCode(), { type: 'security-code', answersOk: false }).account.failedAttempts).toBe(0);
  });
});

describe('five failures lock the account', () => {
  it('the 5th failure of any kind locks, at that moment', () => {
    const wrongs: LoginCommand[] = [
      { type: 'password', passwordOk: false },
      { type: 'security-code', answersOk: false },
      { type: 'change-password', currentOk: false, problems: [], sameAsCurrent: false },
    ];
    for (const wrong of wrongs) {
      let account = aUserWithCode();
      for (let i = 1; i < maxFailedAttempts; i++) {
        const r = run(account, wrong);
        expect(refusalOf(r)).toEqual({ reason: 'wrong-credentials', locked: false });
        expect(r.account).toMatchObject({ status: 'active', failedAttempts: i, lockedAt: null });
        account = r.account;
      }
      const fifth = run(account, wrong);
      expect(refusalOf(fifth)).toEqual({ reason: 'wrong-credentials', locked: true });
      expect(fifth.account).toMatchObject({ status: 'locked', failedAttempts: 5, lockedAt: now });
    }
  });

  it('mixed failures add up: 2 passwords and 3 codes', () => {
    let account = aUserWithCode();
    for (const cmd of [
      { type: 'password', passwordOk: false },
      { type: 'security-code', answersOk: false },
      { type: 'password', passwordOk: false },
      { type: 'security-code', answersOk: false },
    ] as LoginCommand[])
      account = run(account, cmd).account;
    expect(account.failedAttempts).toBe(4);
    expect(run(account, { type: 'security-code', answersOk: false }).account.status).toBe('locked');
  });

  it('a success before the 5th starts the count again', () => {
    let account = aUserWithCode({ failedAttempts: 4 });
    account = run(account, { type: 'security-code', answersOk: true }).account;
    account = run(account, { type: 'password', passwordOk: false }).account;
    expect(account).toMatchObject({ status: 'active', failedAttempts: 1 });
  });

  it.each(everyCommand.map((c) => [JSON.stringify(c), c] as const))('a locked account refuses %s and nothing changes', (_, command) => {
    const locked = aLockedUser();
    expect(run(locked, command)).toEqual({ ok: false, account: locked, refusal: { reason: 'locked' } });
  });

  it.each(everyCommand.map((c) => [JSON.stringify(c), c] as const))('a removed account refuses %s', (_, command) => {
    const removed = aRemovedUser();
    expect(run(removed, command)).toEqual({ ok: false, account: removed, refusal: { reason: 'removed' } });
  });
});

describe('first login', () => {
  const newPassword: LoginCommand = { type: 'change-temporary-password', problems: [], sameAsTemporary: false };
  const chosenCode: LoginCommand = { type: 'choose-security-code', problems: [], confirmed: true };

  it('temporary password → new password → code chosen and confirmed → session', () => {
    let result = run(aNewUser(), { type: 'password', passwordOk: true });
    expect(stepOf(result)).toEqual({ kind: 'change-password' });
    result = run(result.account, newPassword);
    expect(result).toEqual({ ok: true, account: aNewUser({ passwordIsTemporary: false }), step: { kind: 'choose-code' } });
    result = run(result.account, chosenCode);
    expect(result).toEqual({ ok: true, account: aUserWithCode({ lastLoginAt: now }), step: { kind: 'session' } });
    // and from then on: the challenge
    expect(stepOf(run(result.account, { type: 'password', passwordOk: true }))).toEqual({ kind: 'challenge', positions: [1, 2, 3] });
  });

  it('refuses the temporary password again, or one the policy refuses, and counts nothing', () => {
    expect(run(aNewUser(), { type: 'change-temporary-password', problems: [], sameAsTemporary: true })).toEqual({
      ok: false,
      account: aNewUser(),
      refusal: { reason: 'invalid', field: 'newPassword', problems: ['must differ from the temporary password'] },
    });
    expect(refusalOf(run(aNewUser(), { type: 'change-temporary-password', problems: ['must be at least 12 characters long'], sameAsTemporary: false }))).toEqual({
      reason: 'invalid',
      field: 'newPassword',
      problems: ['must be at least 12 characters long'],
    });
  });

  it('refuses a code the policy refuses, and one not confirmed', () => {
    const account = aUserWithoutCode();
    expect(refusalOf(run(account, { type: 'choose-security-code', problems: ['must contain at least one digit'], confirmed: true }))).toEqual({
      reason: 'invalid',
      field: 'code',
      problems: ['must contain at least one digit'],
    });
    expect(run(account, { type: 'choose-security-code', problems: [], confirmed: false })).toEqual({
      ok: false,
      account,
      refusal: { reason: 'invalid', field: 'confirmation', problems: ['must repeat the code exactly'] },
    });
  });

  it('keeps the order: no code before the password is changed, no second code, no second change', () => {
    expect(refusalOf(run(aNewUser(), chosenCode))).toEqual({ reason: 'wrong-step', expected: 'change-password' });
    expect(refusalOf(run(aUserWithCode(), chosenCode))).toEqual({ reason: 'wrong-step', expected: null });
    expect(refusalOf(run(aUserWithoutCode(), newPassword))).toEqual({ reason: 'wrong-step', expected: 'choose-code' });
    expect(refusalOf(run(aUserWithCode(), newPassword))).toEqual({ reason: 'wrong-step', expected: null });
  });
});

describe('changing the password when logged in', () => {
  it('changes it with the right current password', () => {
    expect(run(aUserWithCode(), { type: 'change-password', currentOk: true, problems: [], sameAsCurrent: false })).toEqual({
      ok: true,
      account: aUserWithCode(),
      step: { kind: 'password-changed' },
    });
  });

  it('refuses the same password, or one the policy refuses, without counting', () => {
    expect(refusalOf(run(aUserWithCode(), { type: 'change-password', currentOk: true, problems: [], sameAsCurrent: true }))).toEqual({
      reason: 'invalid',
      field: 'newPassword',
      problems: ['must differ from the current password'],
    });
    const r = run(aUserWithCode(), { type: 'change-password', currentOk: true, problems: ['is too common'], sameAsCurrent: false });
    expect(refusalOf(r)).toEqual({ reason: 'invalid', field: 'newPassword', problems: ['is too common'] });
    expect(r.account.failedAttempts).toBe(0);
  });
});

describe('reset by an administrator', () => {
  it.each([
    ['locked', aLockedUser()],
    ['active with a code', aUserWithCode({ failedAttempts: 2 })],
    ['new', aNewUser()],
    ['without a code', aUserWithoutCode()],
  ])('makes a %s account active with a temporary password and no code', (_, account) => {
    const result = run(account, { type: 'reset' });
    expect(result).toEqual({
      ok: true,
      account: { ...account, status: 'active', failedAttempts: 0, lockedAt: null, passwordIsTemporary: true, hasSecurityCode: false },
      step: { kind: 'reset' },
    });
    // the next login is a first login again
    expect(stepOf(run(result.account, { type: 'password', passwordOk: true }))).toEqual({ kind: 'change-password' });
  });

  it('does not bring back a removed user', () => {
    expect(refusalOf(run(aRemovedUser(), { type: 'reset' }))).toEqual({ reason: 'removed' });
  });
});

describe('every state × command', () => {
  const states: [string, AccountState][] = [
    ['new', aNewUser()],
    ['without code', aUserWithoutCode()],
    ['with code', aUserWithCode()],
    ['one failure short of locking', aUserWithCode({ failedAttempts: 4 })],
    ['locked', aLockedUser()],
    ['removed', aRemovedUser()],
  ];
  const all: LoginCommand[] = [...everyCommand, { type: 'reset' }];
  it.each(states)('%s: never unlocks except by reset, never goes below zero failures, never locks without a failure', (_, account) => {
    for (const command of all) {
      const r = run(account, command);
      expect(r.account.failedAttempts).toBeGreaterThanOrEqual(0);
      if (account.status === 'locked' && command.type !== 'reset') expect(r.account.status).toBe('locked');
      if (r.account.status === 'locked' && account.status !== 'locked') expect(refusalOf(r)).toEqual({ reason: 'wrong-credentials', locked: true });
      if (r.ok && r.step.kind === 'session') expect(r.account).toMatchObject({ failedAttempts: 0, lastLoginAt: now, hasSecurityCode: true, passwordIsTemporary: false });
      if (account.status === 'removed') expect(r.account).toBe(account);
    }
  });
});
