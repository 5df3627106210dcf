import { defineEntity, p, type InferEntity } from '@mikro-orm/core';
import type { RequestStatus } from '../../../workflows/request/snapshot';

/**
 * Read model of an information request (domain.md §5): one row per request holding exactly the
 * `RequestSnapshot` that RequestWorkflow last projected, guarded by `version` (a lower version is
 * ignored). No personal data: case data, comments, answers' text, messages and attachments are in
 * the `request_*` tables keyed by request id, which retention blocks and erases.
 *
 * The indexes serve the search (api/requests/search.ts): each side's and each request
 * coordinator's requests newest first, covering the filtered columns, by sent date, and the number.
 */
/** A covering index of the search on `key` ordered by `order` (see `indexes` below). */
function searchIndex(key: string, order: 'created_at' | 'sent_at', otherKeys: string[]) {
  const name = `request_${key.replace(/_(authority_)?id$/, '')}_${order === 'created_at' ? 'search' : 'sent_search'}_index`;
  const included = ['status', 'legislation_area', order === 'created_at' ? 'sent_at' : 'created_at', 'deadline', 'requesting_country', 'responding_country', ...otherKeys];
  return { name, expression: `create index "${name}" on "request" ("${key}", "${order}", "id") include (${included.map((c) => `"${c}"`).join(', ')})` };
}

export const Request = defineEntity({
  name: 'Request',
  tableName: 'request',
  properties: {
    id: p.uuid().primary(),
    /** `REQ-<year>-<6 digits>` from `request_number_seq` (nextRequestNumber). */
    number: p.string().length(20).unique(),
    legislationArea: p.string().length(80),
    questionSet: p.string().length(80),
    status: p.string().$type<RequestStatus>().length(40),
    version: p.integer(),
    requestingAuthorityId: p.uuid(),
    requestingCountry: p.string().length(2),
    respondingAuthorityId: p.uuid(),
    respondingCountry: p.string().length(2),
    requesterCoordinatorId: p.uuid().nullable(),
    responderCoordinatorId: p.uuid().nullable(),
    requesterHandlerIds: p.json<string[]>(),
    responderHandlerIds: p.json<string[]>(),
    deadline: p.string().columnType('date').nullable(),
    proposedDeadline: p.string().columnType('date').nullable(),
    overdue: p.boolean().default(false),
    createdAt: p.datetime(),
    sentAt: p.datetime().nullable(),
    acceptedAt: p.datetime().nullable(),
    answeredAt: p.datetime().nullable(),
    closedAt: p.datetime().nullable(),
    splitFromRequestId: p.uuid().nullable(),
    relatedRequestNumber: p.string().length(20).nullable(),
    /** Ids of the request's questions (request_question); a split moves some to a new request. */
    questionIds: p.json<string[]>(),
    /** Referral handlers assigned at each side's coordinator (empty: any referral handler). */
    requesterCoordinatorHandlerIds: p.json<string[]>(),
    responderCoordinatorHandlerIds: p.json<string[]>(),
    /** Notification of measures under the urgency procedure (cites no earlier request). */
    urgent: p.boolean().default(false),
    closeRemindersSent: p.integer().default(0),
    measuresMayApplyAt: p.datetime().nullable(),
    commissionDecision: p.string().$type<'measures-may-apply' | 'measures-stopped'>().length(30).nullable(),
    updatedAt: p.datetime(),
  },
  indexes: [
    // One covering index per search key (an authority on one side, a request coordinator): newest
    // first with the id, and the columns the search filters and sorts on plus the keys its
    // branches test to leave out each other's requests, so that the search's pages and totals are
    // index-only scans and only the page's rows are read from the table. The same by sent date
    // for the totals of a sent-date range (a coordinator's total read every request otherwise).
    searchIndex('requesting_authority_id', 'created_at', ['requester_coordinator_id', 'responder_coordinator_id']),
    searchIndex('responding_authority_id', 'created_at', ['requesting_authority_id', 'requester_coordinator_id', 'responder_coordinator_id']),
    searchIndex('requester_coordinator_id', 'created_at', []),
    searchIndex('responder_coordinator_id', 'created_at', ['requester_coordinator_id']),
    searchIndex('requesting_authority_id', 'sent_at', ['requester_coordinator_id', 'responder_coordinator_id']),
    searchIndex('responding_authority_id', 'sent_at', ['requesting_authority_id', 'requester_coordinator_id', 'responder_coordinator_id']),
    searchIndex('requester_coordinator_id', 'sent_at', []),
    // Search by the start of a number (`like 'REQ-2026-00%'`) whatever the database's collation.
    { name: 'request_number_pattern_index', expression: 'create index "request_number_pattern_index" on "request" ("number" varchar_pattern_ops)' },
  ],
});

export type IRequest = InferEntity<typeof Request>;
