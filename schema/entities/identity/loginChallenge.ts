import { defineEntity, p, type InferEntity } from '@mikro-orm/core';

/**
 * One step of a login in progress, handed to the client as a random token (only its sha256 is
 * stored, as the id), single use and short-lived:
 * - `security-code`: the password was right; answer the 3 `positions` of the security code;
 * - `change-password`: first login (or after a reset): the temporary password must be replaced;
 * - `choose-code`: the password is new; choose and confirm the security code.
 */
export type LoginChallengeKind = 'security-code' | 'change-password' | 'choose-code';

export const LoginChallenge = defineEntity({
  name: 'LoginChallenge',
  tableName: 'login_challenge',
  properties: {
    /** sha256 (hex) of the challenge token. */
    id: p.string().length(64).primary(),
    userId: p.uuid().index(),
    kind: p.string().length(20),
    /** Three distinct 1-based positions of the security code (kind `security-code` only). */
    positions: p.json<number[]>().nullable(),
    createdAt: p.datetime(),
    expiresAt: p.datetime().index(),
    used: p.boolean(),
  },
});

export type ILoginChallenge = InferEntity<typeof LoginChallenge>;
