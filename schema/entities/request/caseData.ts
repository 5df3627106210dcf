import { defineEntity, p, type InferEntity } from '@mikro-orm/core';
import { Request } from './request';

/**
 * The case data of a request (the data subject or the service provider): personal data, seen
 * only by the two authorities of the exchange and by the responder only after it accepts.
 * Blocked `blockedAt` after closure (6 or 18 months), deleted 3 years after closure (domain.md §8).
 */
export const RequestCaseData = defineEntity({
  name: 'RequestCaseData',
  tableName: 'request_case_data',
  properties: {
    requestId: () => p.oneToOne(Request).mapToPk().fieldName('request_id').primary().deleteRule('cascade'),
    /** `person` (e.g. a professional) or `provider` (a business). */
    subjectKind: p.string().$type<'person' | 'provider'>().length(10),
    name: p.string().length(300),
    /** e.g. `{ nationalId: …, vat: …, registrationNumber: … }`. */
    identifiers: p.json<Record<string, string>>(),
    /** The set's other case fields (birth date, address, profession …). */
    fields: p.json<Record<string, unknown>>(),
    /** Why the request is made (free text). */
    reason: p.text().nullable(),
    updatedAt: p.datetime(),
    blockedAt: p.datetime().nullable(),
  },
});

export type IRequestCaseData = InferEntity<typeof RequestCaseData>;
