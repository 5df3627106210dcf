import { defineEntity, p, type InferEntity } from '@mikro-orm/core';

/**
 * A template of the emails coordinators send to the authorities they coordinate (domain.md §3:
 * "predefined, editable templates"), one row per language. `ownerAuthorityId` null: predefined
 * (seeded from activities/emails/coordinationEmails.ts, never edited); else a coordinator's own
 * template, or its own version of a predefined one (same `code`). `body` is plain text, paragraphs
 * separated by a blank line; `{authority}` and `{coordinator}` are filled in when sending.
 */
export const EmailTemplate = defineEntity({
  name: 'EmailTemplate',
  tableName: 'email_template',
  properties: {
    id: p.uuid().primary(),
    ownerAuthorityId: p.uuid().nullable().index(),
    code: p.string().length(80),
    language: p.string().length(5),
    name: p.string().length(200),
    subject: p.string().length(200),
    heading: p.string().length(200),
    body: p.text(),
    updatedAt: p.datetime(),
    /** Who last edited it (a user id); null for the predefined ones. */
    updatedBy: p.string().length(120).nullable(),
  },
  uniques: [{ properties: ['ownerAuthorityId', 'code', 'language'] }],
});

export type IEmailTemplate = InferEntity<typeof EmailTemplate>;
