import { defineEntity, p, type InferEntity } from '@mikro-orm/core';

/**
 * One failed login attempt, counted in a sliding window per account and per client address so the
 * limit holds across API processes. `key` is a sha256 of the username or address, never the value.
 * Rows older than the window are deleted as new ones are written.
 */
export const LoginThrottle = defineEntity({
  name: 'LoginThrottle',
  tableName: 'login_throttle',
  properties: {
    id: p.bigint().primary().autoincrement(),
    /** `account` or `address` */
    scope: p.string().length(10),
    key: p.string().length(64),
    at: p.datetime().index(),
  },
  indexes: [{ properties: ['scope', 'key', 'at'] }],
});

export type ILoginThrottle = InferEntity<typeof LoginThrottle>;
