import { defineEntity, p, type InferEntity } from '@mikro-orm/core';

/**
 * A personal API token (`Authorization: Bearer lsn_…`) acting as the user who made it. Shown once
 * at creation; only its sha256 and a short prefix (to recognise it in lists) are stored.
 */
export const ApiToken = defineEntity({
  name: 'ApiToken',
  tableName: 'api_token',
  properties: {
    id: p.uuid().primary(),
    userId: p.uuid().index(),
    name: p.string().length(100),
    /** sha256 (hex) of the whole token. */
    tokenHash: p.string().length(64).unique(),
    /** The first characters of the token, e.g. `lsn_3fK9a2Qx`. */
    prefix: p.string().length(16),
    createdAt: p.datetime(),
    lastUsedAt: p.datetime().nullable(),
    revokedAt: p.datetime().nullable(),
  },
});

export type IApiToken = InferEntity<typeof ApiToken>;
