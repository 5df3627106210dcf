import { defineEntity, p, type InferEntity } from '@mikro-orm/core';
import { Request } from './request';

/**
 * A structured message between the two sides (ask for a document, give early information, add
 * documents): a predefined comment (schema/questionSets.ts `messageComments`) and/or free text.
 * Personal data: blocked and erased with the request.
 */
export const RequestMessage = defineEntity({
  name: 'RequestMessage',
  tableName: 'request_message',
  properties: {
    id: p.uuid().primary(),
    requestId: () => p.manyToOne(Request).mapToPk().fieldName('request_id').index().deleteRule('cascade'),
    fromSide: p.string().$type<'requester' | 'responder'>().length(10),
    authorityId: p.uuid(),
    userId: p.uuid().nullable(),
    commentCode: p.string().length(80).nullable(),
    text: p.text().nullable(),
    language: p.string().length(5).nullable(),
    sentAt: p.datetime(),
    blockedAt: p.datetime().nullable(),
  },
});

export type IRequestMessage = InferEntity<typeof RequestMessage>;
