import { defineEntity, p, type InferEntity } from '@mikro-orm/core';
import { Request } from './request';
import { RequestQuestion } from './question';

/**
 * The responder's answer to one question in one round (1 = the answer, 2+ = additional
 * information, 5.3.4): a predefined answer (`ref_predefined_answer.code`) and/or free text. A draft
 * is visible to the responder only; forwarding deletes the drafts. Free text is personal data.
 */
export const RequestAnswer = defineEntity({
  name: 'RequestAnswer',
  tableName: 'request_answer',
  properties: {
    id: p.uuid().primary(),
    requestId: () => p.manyToOne(Request).mapToPk().fieldName('request_id').index().deleteRule('cascade'),
    questionId: () => p.manyToOne(RequestQuestion).mapToPk().fieldName('question_id').deleteRule('cascade'),
    round: p.integer().default(1),
    predefinedAnswer: p.string().length(200).nullable(),
    text: p.text().nullable(),
    language: p.string().length(5).nullable(),
    /** `draft` until the answer is sent (after approval, if required). */
    state: p.string().$type<'draft' | 'sent'>().length(10),
    authorId: p.uuid().nullable(),
    updatedAt: p.datetime(),
    sentAt: p.datetime().nullable(),
    blockedAt: p.datetime().nullable(),
  },
  uniques: [{ properties: ['questionId', 'round'] }],
});

export type IRequestAnswer = InferEntity<typeof RequestAnswer>;
