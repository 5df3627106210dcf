import { defineEntity, p, type InferEntity } from '@mikro-orm/core';
import { Request } from './request';

/**
 * A question the requester chose from the request's question set (ref_question), with its
 * free-text comment in the language it was written in. The comment may name people, so the row is
 * personal data: blocked and erased with the request (`requestPersonalData`).
 */
export const RequestQuestion = defineEntity({
  name: 'RequestQuestion',
  tableName: 'request_question',
  properties: {
    id: p.uuid().primary(),
    requestId: () => p.manyToOne(Request).mapToPk().fieldName('request_id').index().deleteRule('cascade'),
    /** Question set code, e.g. `pq-diploma`. */
    questionSet: p.string().length(80),
    /** `ref_question.code`, e.g. `pq-diploma/authentic`. */
    questionCode: p.string().length(160),
    position: p.integer(),
    comment: p.text().nullable(),
    /** ISO 639-1 code of the comment's language (the reader may machine-translate from it). */
    commentLanguage: p.string().length(5).nullable(),
    blockedAt: p.datetime().nullable(),
  },
  uniques: [{ properties: ['requestId', 'questionCode'] }],
});

export type IRequestQuestion = InferEntity<typeof RequestQuestion>;
