import { defineEntity, p, type InferEntity } from '@mikro-orm/core';
import { Request } from './request';
import { RequestMessage } from './message';
import { RequestQuestion } from './question';

/**
 * A file attached to a request, one of its questions, an answer or a message: its bytes here, or a
 * path in the file store for large files. A responder may not open the requester's attachments
 * before it accepts (a read rule of the API, not a column). Personal data: blocked and erased with
 * the request.
 */
export const RequestAttachment = defineEntity({
  name: 'RequestAttachment',
  tableName: 'request_attachment',
  properties: {
    id: p.uuid().primary(),
    requestId: () => p.manyToOne(Request).mapToPk().fieldName('request_id').index().deleteRule('cascade'),
    questionId: () => p.manyToOne(RequestQuestion).mapToPk().fieldName('question_id').nullable().deleteRule('set null'),
    messageId: () => p.manyToOne(RequestMessage).mapToPk().fieldName('message_id').nullable().deleteRule('set null'),
    side: p.string().$type<'requester' | 'responder'>().length(10),
    fileName: p.string().length(255),
    mimeType: p.string().length(120),
    sizeBytes: p.integer(),
    content: p.blob().nullable(),
    storagePath: p.string().length(500).nullable(),
    uploadedBy: p.uuid().nullable(),
    uploadedAt: p.datetime(),
    blockedAt: p.datetime().nullable(),
  },
});

export type IRequestAttachment = InferEntity<typeof RequestAttachment>;
