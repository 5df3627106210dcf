import { defineEntity, p, type InferEntity } from '@mikro-orm/core';

/**
 * A short-lived token given after a passed security check (captcha + registration code): it lets
 * the anonymous registrant complete the self-registration of one invitation, once. Only its
 * sha256 is stored.
 */
export const RegistrationToken = defineEntity({
  name: 'RegistrationToken',
  tableName: 'registration_token',
  properties: {
    id: p.uuid().primary(),
    tokenHash: p.string().length(64).unique(),
    invitationId: p.uuid().index(),
    createdAt: p.datetime(),
    expiresAt: p.datetime(),
    usedAt: p.datetime().nullable(),
  },
});

export type IRegistrationToken = InferEntity<typeof RegistrationToken>;
