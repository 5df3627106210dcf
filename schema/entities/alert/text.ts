import { defineEntity, p, type InferEntity } from '@mikro-orm/core';
import { Alert } from './alert';

/**
 * A free text of an alert, linked by id from the workflow (which carries only the id): the case
 * description, the suggested authorities, additional information, clarification requests,
 * comments on a closure proposal, objections, a closure proposal's or withdrawal's reasons. May
 * name people, so it is personal data: erased with the alert 6 months after closure.
 */
export const AlertText = defineEntity({
  name: 'AlertText',
  tableName: 'alert_text',
  properties: {
    id: p.uuid().primary(),
    alertId: () => p.manyToOne(Alert).mapToPk().fieldName('alert_id').index().deleteRule('cascade'),
    /** e.g. `description`, `suggested-authorities`, `additional-info`, `clarification`, `comment`, `objection`, `closure-proposal`, `withdrawal`. */
    kind: p.string().length(40),
    authorityId: p.uuid().nullable(),
    userId: p.uuid().nullable(),
    text: p.text(),
    /** ISO 639-1 code of the text's language. */
    language: p.string().length(5).nullable(),
    createdAt: p.datetime(),
    updatedAt: p.datetime(),
    blockedAt: p.datetime().nullable(),
  },
});

export type IAlertText = InferEntity<typeof AlertText>;
