import { defineEntity, p, type InferEntity } from '@mikro-orm/core';

/**
 * A logged-in browser. The cookie carries a random 32-byte token; only its sha256 is stored (as
 * the id), so a database read does not yield usable sessions.
 */
export const Session = defineEntity({
  name: 'Session',
  tableName: 'user_session',
  properties: {
    /** sha256 (hex) of the session token. */
    id: p.string().length(64).primary(),
    userId: p.uuid().index(),
    createdAt: p.datetime(),
    lastSeenAt: p.datetime(),
    expiresAt: p.datetime().index(),
    /** Must come back as the X-CSRF-Token header on every cookie-authenticated write. */
    csrfToken: p.string().length(64),
    ip: p.string().length(64).nullable(),
    userAgent: p.string().length(300).nullable(),
  },
});

export type ISession = InferEntity<typeof Session>;
