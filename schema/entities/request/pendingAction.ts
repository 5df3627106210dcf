import { defineEntity, p, type InferEntity } from '@mikro-orm/core';
import type { RequestActionRole } from '../../../workflows/request/snapshot';
import { Request } from './request';

/**
 * Who must act on a request now (`RequestSnapshot.pendingActions`), one row per authority, role
 * and allocated user (`userId` null: every user of the authority with the role). Replaced whole by
 * each projection; feeds the action list (5.3.9.1). The area is copied from the request so the
 * action list finds a user's rows by (authority, role, area) in one index.
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
  },
  indexes: [{ name: 'request_pending_action_authority_role_area_index', properties: ['authorityId', 'role', 'legislationArea'] }],
});

export type IRequestPendingAction = InferEntity<typeof RequestPendingAction>;
