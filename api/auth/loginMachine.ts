/**
 * The login, step by step (domain.md §2, IMI manual ch. 3.2), as a pure function of the account's
 * state and what the person just sent. It never hashes or reads anything: the routes check secrets
 * (api/auth/credentials.ts) and pass the verdicts in, then persist the account it returns.
 *
 *   password ──wrong──► failure (the 5th locks)
 *      │ right
 *      ├─ temporary password ─► change-password ─► choose-code ─► session
 *      ├─ no security code yet ───────────────────► choose-code ─► session
 *      └─ challenge (3 random positions) ──right──► session   ──wrong──► failure
 *
 * A locked account refuses every step until an administrator resets its password.
 */

export const maxFailedAttempts = 5;
export const challengePositionCount = 3;
export const securityCodePositions = 12;

export type AccountStatus = 'active' | 'locked' | 'removed';

export interface AccountState {
  status: AccountStatus;
  passwordIsTemporary: boolean;
  hasSecurityCode: boolean;
  failedAttempts: number;
  lockedAt: Date | null;
  lastLoginAt: Date | null;
}

export type LoginCommand =
  /** Username and password; `passwordOk` is the verdict of the hash check. */
  | { type: 'password'; passwordOk: boolean }
  /** The characters of the asked positions; `answersOk` is the verdict of the hash check. */
  | { type: 'security-code'; answersOk: boolean }
  /** First login: the new password replacing the temporary one. */
  | { type: 'change-temporary-password'; problems: string[]; sameAsTemporary: boolean }
  /** First login: the chosen code and its confirmation. */
  | { type: 'choose-security-code'; problems: string[]; confirmed: boolean }
  /** A logged-in user changes the password; a wrong current password counts as a failure. */
  | { type: 'change-password'; currentOk: boolean; problems: string[]; sameAsCurrent: boolean }
  /** An administrator resets the password: unlocks, and the next login is a first login again. */
  | { type: 'reset' };

export type LoginStep =
  | { kind: 'challenge'; positions: number[] }
  | { kind: 'change-password' }
  | { kind: 'choose-code' }
  | { kind: 'session' }
  | { kind: 'password-changed' }
  | { kind: 'reset' };

export type LoginRefusal =
  /** Wrong password or code: counted; `locked` when this failure locked the account. */
  | { reason: 'wrong-credentials'; locked: boolean }
  | { reason: 'locked' }
  | { reason: 'removed' }
  /** The new password or code is not acceptable; nothing counted. */
  | { reason: 'invalid'; field: string; problems: string[] }
  /** This step does not fit where the account is (e.g. choosing a code with a temporary password). */
  | { reason: 'wrong-step'; expected: LoginStep['kind'] | null };

export type LoginResult =
  | { ok: true; account: AccountState; step: LoginStep }
  | { ok: false; account: AccountState; refusal: LoginRefusal };

/** Draws an integer in [0, max); injected so tests can choose the positions. */
export type RandomInt = (max: number) => number;

/** Three distinct 1-based positions of the code, ascending. */
export function choosePositions(random: RandomInt): number[] {
  const pool = Array.from({ length: securityCodePositions }, (_, i) => i + 1);
  const chosen: number[] = [];
  for (let i = 0; i < challengePositionCount; i++) chosen.push(pool.splice(random(pool.length), 1)[0]!);
  return chosen.sort((a, b) => a - b);
}

/** What the account must do next after a right password. */
export function nextStepAfterPassword(account: AccountState, random: RandomInt): LoginStep {
  if (account.passwordIsTemporary) return { kind: 'change-password' };
  if (!account.hasSecurityCode) return { kind: 'choose-code' };
  return { kind: 'challenge', positions: choosePositions(random) };
}

const ok = (account: AccountState, step: LoginStep): LoginResult => ({ ok: true, account, step });
const refuse = (account: AccountState, refusal: LoginRefusal): LoginResult => ({ ok: false, account, refusal });

function failure(account: AccountState, now: Date): LoginResult {
  const failedAttempts = account.failedAttempts + 1;
  const locks = failedAttempts >= maxFailedAttempts;
  return refuse(
    { ...account, failedAttempts, status: locks ? 'locked' : account.status, lockedAt: locks ? now : account.lockedAt },
    { reason: 'wrong-credentials', locked: locks },
  );
}

const loggedIn = (account: AccountState, now: Date): LoginResult => ok({ ...account, failedAttempts: 0, lastLoginAt: now }, { kind: 'session' });

export function loginTransition(account: AccountState, command: LoginCommand, now: Date, random: RandomInt): LoginResult {
  if (command.type === 'reset') {
    if (account.status === 'removed') return refuse(account, { reason: 'removed' });
    return ok({ ...account, status: 'active', failedAttempts: 0, lockedAt: null, passwordIsTemporary: true, hasSecurityCode: false }, { kind: 'reset' });
  }
  if (account.status === 'removed') return refuse(account, { reason: 'removed' });
  if (account.status === 'locked') return refuse(account, { reason: 'locked' });

  switch (command.type) {
    case 'password':
      if (!command.passwordOk) return failure(account, now);
      return ok(account, nextStepAfterPassword(account, random));

    case 'security-code':
      if (account.passwordIsTemporary || !account.hasSecurityCode) return refuse(account, { reason: 'wrong-step', expected: nextStepAfterPassword(account, random).kind });
      if (!command.answersOk) return failure(account, now);
      return loggedIn(account, now);

    case 'change-temporary-password':
      if (!account.passwordIsTemporary) return refuse(account, { reason: 'wrong-step', expected: account.hasSecurityCode ? null : 'choose-code' });
      if (command.sameAsTemporary) return refuse(account, { reason: 'invalid', field: 'newPassword', problems: ['must differ from the temporary password'] });
      if (command.problems.length > 0) return refuse(account, { reason: 'invalid', field: 'newPassword', problems: command.problems });
      return ok({ ...account, passwordIsTemporary: false }, { kind: 'choose-code' });

    case 'choose-security-code':
      if (account.passwordIsTemporary) return refuse(account, { reason: 'wrong-step', expected: 'change-password' });
      if (account.hasSecurityCode) return refuse(account, { reason: 'wrong-step', expected: null });
      if (command.problems.length > 0) return refuse(account, { reason: 'invalid', field: 'code', problems: command.problems });
      if (!command.confirmed) return refuse(account, { reason: 'invalid', field: 'confirmation', problems: ['must repeat the code exactly'] });
      return loggedIn({ ...account, hasSecurityCode: true }, now);

    case 'change-password':
      if (!command.currentOk) return failure(account, now);
      if (command.sameAsCurrent) return refuse(account, { reason: 'invalid', field: 'newPassword', problems: ['must differ from the current password'] });
      if (command.problems.length > 0) return refuse(account, { reason: 'invalid', field: 'newPassword', problems: command.problems });
      return ok({ ...account, passwordIsTemporary: false }, { kind: 'password-changed' });
  }
}
