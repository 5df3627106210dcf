import { UniqueConstraintViolationException } from '@mikro-orm/core';
import type { EntityManager } from '@mikro-orm/postgresql';
import { randomUUID } from 'node:crypto';
import type { Mailer } from '../../activities/mailer';
import { renderEmail } from '../../activities/emails/layout';
import { identityEmail, type IdentityEmailKind } from '../../activities/emails/identityEmails';
import { LoginChallenge } from '../../schema/entities/identity/loginChallenge';
import { Session } from '../../schema/entities/identity/session';
import { User, type IUser, type UserRole } from '../../schema/entities/identity/user';
import { ApiError, conflict, notFound } from '../errors';
import { hashPassword, proposeUsername, temporaryPassword } from './credentials';
import { loginTransition, type AccountState } from './loginMachine';

export interface NewUser {
  firstName: string;
  lastName: string;
  email: string;
  phone?: string | null;
  preferredLanguage?: string;
  authorityId?: string | null;
  roles: UserRole[];
  /** A proposal is made from the name when not given. */
  username?: string;
  /** Where the emails' button leads: the console's login page. */
  loginUrl: string;
}

/** The account's login state as the pure login machine sees it. */
export function accountOf(user: IUser): AccountState {
  return {
    status: user.status as AccountState['status'],
    passwordIsTemporary: user.passwordIsTemporary,
    hasSecurityCode: user.securityCodeHashes !== null && user.securityCodeHashes !== undefined,
    failedAttempts: user.failedAttempts,
    lockedAt: user.lockedAt ?? null,
    lastLoginAt: user.lastLoginAt ?? null,
  };
}

/** Writes what the machine decided back onto the user (hashes are set by the caller). */
export function applyAccount(user: IUser, account: AccountState): void {
  user.status = account.status;
  user.passwordIsTemporary = account.passwordIsTemporary;
  if (!account.hasSecurityCode) user.securityCodeHashes = null;
  user.failedAttempts = account.failedAttempts;
  user.lockedAt = account.lockedAt;
  user.lastLoginAt = account.lastLoginAt;
}

async function sendIdentityEmail(mailer: Mailer, user: Pick<IUser, 'email' | 'preferredLanguage'>, kind: IdentityEmailKind, loginUrl: string, password?: string) {
  const rendered = await renderEmail(identityEmail(kind, user.preferredLanguage, loginUrl, password));
  await mailer.send({ to: user.email, ...rendered });
}

/**
 * Registers a user with a temporary password and sends the two emails (how to log in; the
 * temporary password). Returns the username, which the caller shows once to whoever registered the
 * user: it is never emailed to the user's own address (domain.md §2).
 */
export async function createUser(em: EntityManager, mailer: Mailer, input: NewUser): Promise<{ id: string; username: string }> {
  const email = input.email.trim().toLowerCase();
  if (await em.count(User, { email })) throw conflict(`A user with the email ${email} already exists.`);
  if (input.username && (await em.count(User, { username: input.username }))) throw conflict(`The username ${input.username} is taken.`);
  const password = temporaryPassword();
  const passwordHash = await hashPassword(password);
  const now = new Date();
  for (let attempt = 0; ; attempt++) {
    const username = input.username ?? (await proposeUsername(input.firstName, input.lastName, async (u) => (await em.count(User, { username: u })) > 0));
    const id = randomUUID();
    try {
      await em.insert(User, {
        id,
        username,
        authorityId: input.authorityId ?? null,
        firstName: input.firstName.trim(),
        lastName: input.lastName.trim(),
        email,
        phone: input.phone ?? null,
        preferredLanguage: input.preferredLanguage ?? 'en',
        roles: input.roles,
        status: 'active',
        passwordHash,
        passwordIsTemporary: true,
        passwordChangedAt: now,
        securityCodeHashes: null,
        failedAttempts: 0,
        lockedAt: null,
        lastLoginAt: null,
        createdAt: now,
        removedAt: null,
      });
      const user = { email, preferredLanguage: input.preferredLanguage ?? 'en' };
      await sendIdentityEmail(mailer, user, 'welcome', input.loginUrl);
      await sendIdentityEmail(mailer, user, 'temporary-password', input.loginUrl, password);
      return { id, username };
    } catch (error) {
      if (!(error instanceof UniqueConstraintViolationException)) throw error;
      if (String(error.message).includes('email')) throw conflict(`A user with the email ${email} already exists.`);
      if (input.username || attempt >= 3) throw conflict('The username is taken; try again.');
      // another registration took the proposed username at the same moment: propose again
    }
  }
}

/**
 * An administrator's reset (domain.md §2): a new temporary password by email, the account unlocked,
 * the security code cleared so the next login is a first login, and every session and login step ended.
 */
export async function resetPassword(em: EntityManager, mailer: Mailer, input: { userId: string; loginUrl: string }): Promise<void> {
  const user = await em.findOne(User, { id: input.userId });
  if (!user) throw notFound('User');
  const result = loginTransition(accountOf(user), { type: 'reset' }, new Date(), () => 0);
  if (!result.ok) throw new ApiError(409, 'removed', 'The user was removed; a removed user cannot be reset.');
  const password = temporaryPassword();
  applyAccount(user, result.account);
  user.passwordHash = await hashPassword(password);
  user.passwordChangedAt = new Date();
  await em.flush();
  await em.nativeDelete(Session, { userId: user.id });
  await em.nativeDelete(LoginChallenge, { userId: user.id });
  await sendIdentityEmail(mailer, user, 'password-reset', input.loginUrl, password);
}
