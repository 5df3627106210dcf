import { defineEntity, p, type InferEntity } from '@mikro-orm/core';

/**
 * One user role (domain.md §1 "User roles"), held per legislation area and workflow, or globally
 * (`system-admin`, the helpdesk). E.g. `{ role: 'case-handler', area: 'services', workflow: 'requests' }`.
 */
export interface UserRole {
  role: string;
  area?: string;
  workflow?: string;
}

export type UserStatus = 'active' | 'locked' | 'removed';

/**
 * A person who logs in (domain.md §2). Holds personal data, so it lives in PostgreSQL only. The
 * password and each position of the 12-character security code are stored as salted scrypt hashes
 * (api/auth/credentials.ts), so three positions can be checked without keeping the code.
 */
export const User = defineEntity({
  name: 'User',
  tableName: 'app_user',
  properties: {
    id: p.uuid().primary(),
    username: p.string().length(60).unique(),
    /** The one authority the user belongs to; null for the helpdesk and until authorities exist. */
    authorityId: p.uuid().nullable().index(),
    firstName: p.string().length(100),
    lastName: p.string().length(100),
    /** Unique, stored lower-cased. */
    email: p.string().length(254).unique(),
    phone: p.string().length(40).nullable(),
    preferredLanguage: p.string().length(5),
    roles: p.json<UserRole[]>(),
    status: p.string().length(20).index(),
    passwordHash: p.text(),
    passwordIsTemporary: p.boolean(),
    passwordChangedAt: p.datetime(),
    /** 12 entries, one salted hash per position; null until the user has chosen the code. */
    securityCodeHashes: p.json<string[]>().nullable(),
    /** Failed login attempts since the last successful login; the 5th locks the account. */
    failedAttempts: p.integer(),
    lockedAt: p.datetime().nullable(),
    lastLoginAt: p.datetime().nullable(),
    createdAt: p.datetime().onCreate(() => new Date()),
    removedAt: p.datetime().nullable(),
  },
});

export type IUser = InferEntity<typeof User>;
