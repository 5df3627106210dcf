import type { EntityManager } from '@mikro-orm/postgresql';
import { LoginThrottle } from '../../schema/entities/identity/loginThrottle';
import { ApiError } from '../errors';
import { sha256 } from './credentials';

/**
 * Failed logins per client address and per account (username as typed), in a sliding window kept
 * in PostgreSQL so every API process sees the same counts. Only failures count, so an office
 * behind one address is not stopped by its colleagues' good logins.
 */
export interface ThrottlePolicy {
  windowMs: number;
  maxFailuresPerAddress: number;
  maxFailuresPerAccount: number;
}

export const defaultThrottlePolicy: ThrottlePolicy = { windowMs: 15 * 60_000, maxFailuresPerAddress: 10, maxFailuresPerAccount: 10 };

export type ThrottleScope = 'address' | 'account';
export const throttleKey = (scope: ThrottleScope, value: string) => sha256(`${scope}:${scope === 'account' ? value.trim().toLowerCase() : value}`);

/** Throws 429 (with the seconds to wait) when the address or the account has too many recent failures. */
export async function checkThrottle(em: EntityManager, policy: ThrottlePolicy, who: { address: string; account?: string }, now = new Date()): Promise<void> {
  const since = new Date(now.getTime() - policy.windowMs);
  const checks: [ThrottleScope, string, number][] = [['address', who.address, policy.maxFailuresPerAddress]];
  if (who.account) checks.push(['account', who.account, policy.maxFailuresPerAccount]);
  for (const [scope, value, max] of checks) {
    const rows = await em
      .getConnection()
      .execute<{ n: string; oldest: Date | null }[]>(
        'select count(*) as n, min("at") as oldest from login_throttle where scope = ? and key = ? and "at" > ?',
        [scope, throttleKey(scope, value), since],
      );
    const n = Number(rows[0]?.n ?? 0);
    if (n >= max) {
      const oldest = rows[0]?.oldest ? new Date(rows[0].oldest) : now;
      const retryAfterSeconds = Math.max(1, Math.ceil((oldest.getTime() + policy.windowMs - now.getTime()) / 1000));
      throw new TooManyAttempts(scope, retryAfterSeconds);
    }
  }
}

export class TooManyAttempts extends ApiError {
  constructor(
    readonly scope: ThrottleScope,
    readonly retryAfterSeconds: number,
  ) {
    super(
      429,
      'too_many_attempts',
      `Too many failed login attempts ${scope === 'address' ? 'from your address' : 'for this username'}. Try again in ${Math.ceil(retryAfterSeconds / 60)} minute(s).`,
    );
  }
}

/** Notes one failure for the address and the account, and forgets failures older than the window. */
export async function recordFailure(em: EntityManager, policy: ThrottlePolicy, who: { address: string; account?: string }, now = new Date()): Promise<void> {
  await em.insert(LoginThrottle, { scope: 'address', key: throttleKey('address', who.address), at: now });
  if (who.account) await em.insert(LoginThrottle, { scope: 'account', key: throttleKey('account', who.account), at: now });
  await em.nativeDelete(LoginThrottle, { at: { $lt: new Date(now.getTime() - policy.windowMs) } });
}
