import { defineEntity, p, type InferEntity } from '@mikro-orm/core';

/**
 * One row per automatic email sent, keyed by what caused it, so an activity retried after a
 * successful send does not send twice. Holds no address or content.
 */
export const SentEmail = defineEntity({
  name: 'SentEmail',
  tableName: 'sent_email',
  properties: {
    key: p.string().length(200).primary(),
    template: p.string().length(80),
    language: p.string().length(5),
    sentAt: p.datetime().onCreate(() => new Date()),
  },
});

export type ISentEmail = InferEntity<typeof SentEmail>;
