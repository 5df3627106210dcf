import type { EntitySchema } from '@mikro-orm/core';
import { RequestAnswer } from './answer';
import { RequestAttachment } from './attachment';
import { RequestCaseData } from './caseData';
import { RequestMessage } from './message';
import { RequestPendingAction } from './pendingAction';
import { RequestQuestion } from './question';
import { Request } from './request';

export { Request, RequestAnswer, RequestAttachment, RequestCaseData, RequestMessage, RequestPendingAction, RequestQuestion };

/** The request's entities, for `allEntities`. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export const requestEntities: EntitySchema<any>[] = [Request, RequestPendingAction, RequestQuestion, RequestAnswer, RequestMessage, RequestAttachment, RequestCaseData];

/**
 * Tables holding a request's personal data, keyed by `request_id`: blocked and erased together.
 * Children first (answers and attachments point at questions and messages), so deletes run in order.
 */
export const requestPersonalDataTables = ['request_answer', 'request_attachment', 'request_message', 'request_question', 'request_case_data'] as const;
export type { IRequest } from './request';
export type { IRequestPendingAction } from './pendingAction';
export type { IRequestQuestion } from './question';
export type { IRequestAnswer } from './answer';
export type { IRequestMessage } from './message';
export type { IRequestAttachment } from './attachment';
export type { IRequestCaseData } from './caseData';
