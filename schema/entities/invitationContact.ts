import { defineEntity, p, type InferEntity } from '@mikro-orm/core';

/**
 * Personal data of an invitation (the invited address, the name shown in the coordinator's list,
 * the optional personal message), kept apart from the read model so that deletion is a real delete
 * and nothing personal reaches Temporal. `codeHash` is the scrypt hash of the registration code:
 * the email activity generates the code, stores the hash and emails the code; the clear code is
 * never stored. A resubmission's email replaces the hash, so only the latest code is valid.
 */
export const InvitationContact = defineEntity({
  name: 'InvitationContact',
  tableName: 'invitation_contact',
  properties: {
    invitationId: p.uuid().primary(),
    email: p.string().length(254).index(),
    name: p.string().length(200),
    message: p.text().nullable(),
    language: p.string().length(5),
    codeHash: p.text().nullable(),
    /** The workflow version whose email issued the current code. */
    codeVersion: p.integer().nullable(),
    createdAt: p.datetime().onCreate(() => new Date()),
  },
});

export type IInvitationContact = InferEntity<typeof InvitationContact>;
