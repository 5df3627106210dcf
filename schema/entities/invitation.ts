import { defineEntity, p, type InferEntity } from '@mikro-orm/core';
import { InvitationContact } from './invitationContact';

/**
 * Read model of invitations to self-register (domain.md §4), projected by activities from the
 * InvitationWorkflow and guarded by version. No personal data: the address, name and message are
 * in `invitation_contact`. A removed invitation keeps its row with `removedAt` set (lists hide it),
 * so a late, lower-version projection can never bring it back.
 */
export const Invitation = defineEntity({
  name: 'Invitation',
  tableName: 'invitation',
  properties: {
    id: p.uuid().primary(),
    workflowId: p.string().length(200).unique(),
    coordinatorAuthorityId: p.string().length(120).index(),
    countryCode: p.string().length(2),
    status: p.string().length(40).index(),
    version: p.integer(),
    areas: p.json<string[]>(),
    workflows: p.json<string[]>(),
    /** The user id who submitted it last (receives the "please validate" email). */
    senderUserId: p.string().length(120).nullable(),
    registeredAuthorityId: p.string().length(120).nullable(),
    createdAt: p.datetime(),
    submittedAt: p.datetime().nullable(),
    dispatchAt: p.datetime().nullable(),
    sentAt: p.datetime().nullable(),
    codeExpiresAt: p.datetime().nullable(),
    remindedAt: p.datetime().nullable(),
    registeredAt: p.datetime().nullable(),
    validatedAt: p.datetime().nullable(),
    closedAt: p.datetime().nullable(),
    removeAt: p.datetime().nullable(),
    removedAt: p.datetime().nullable().index(),
    rejectionReason: p.string().length(40).nullable(),
    updatedAt: p.datetime(),
  },
});

export type IInvitation = InferEntity<typeof Invitation>;

/** The invitation's entities, for schema/entities/index.ts. */
export const invitationEntities = [Invitation, InvitationContact];
