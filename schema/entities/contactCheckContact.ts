import { defineEntity, p, type InferEntity } from '@mikro-orm/core';

/**
 * Personal data of a contact check (the address the request goes to), kept apart from the read
 * model so that erasure is a real delete and nothing personal ever reaches Temporal.
 */
export const ContactCheckContact = defineEntity({
  name: 'ContactCheckContact',
  tableName: 'contact_check_contact',
  properties: {
    checkId: p.uuid().primary(),
    email: p.string().length(254),
    language: p.string().length(5),
    createdAt: p.datetime().onCreate(() => new Date()),
  },
});

export type IContactCheckContact = InferEntity<typeof ContactCheckContact>;
