import { defineEntity, p, type InferEntity } from '@mikro-orm/core';
import type { RequestActionRole, RequestStatus } from '../../../workflows/request/snapshot';
import { Request } from './request';

/**
 * Who must act on a request now (`RequestSnapshot.pendingActions`), one row per authority, role
 * and allocated user (`userId` null: every user of the authority with the role). Replaced whole by
 * each projection; feeds the action list (5.3.9.1). The request's area, status, overdue flag,
 * deadline and creation time are copied (every projection rewrites them) so that the action list
 * finds, sorts and pages a user's rows from this table alone and joins only its page to `request`.
 */
export const RequestPendingAction = defineEntity({
  name: 'RequestPendingAction',
  tableName: 'request_pending_action',
  properties: {
    id: p.bigint().primary().autoincrement(),
    requestId: () => p.manyToOne(Request).mapToPk().fieldName('request_id').index().deleteRule('cascade'),
    authorityId: p.uuid(),
    role: p.string().$type<RequestActionRole>().length(20),
    legislationArea: p.string().length(80),
    userId: p.uuid().nullable(),
    /** e.g. `accept-or-reject`, `answer`, `approve-request`. */
    action: p.string().length(60),
    status: p.string().$type<RequestStatus>().length(40),
    overdue: p.boolean(),
    deadline: p.string().columnType('date').nullable(),
    createdAt: p.datetime(),
  },
  indexes: [{ name: 'request_pending_action_authority_role_area_index', properties: ['authorityId', 'role', 'legislationArea', 'userId'] }],
});

export type IRequestPendingAction = InferEntity<typeof RequestPendingAction>;
