import { defineEntity, p, type InferEntity } from '@mikro-orm/core';
import { Alert } from './alert';

/**
 * Who must act on an alert now (`AlertSnapshot.pendingActions`), one row per authority, user role,
 * action and item: every user of the authority with the role may act. Replaced whole by each
 * projection; feeds the action list. The alert's status and creation time are copied so that the
 * action list pages a user's rows from this table alone.
 */
export const AlertPendingAction = defineEntity({
  name: 'AlertPendingAction',
  tableName: 'alert_pending_action',
  properties: {
    id: p.bigint().primary().autoincrement(),
    alertId: () => p.manyToOne(Alert).mapToPk().fieldName('alert_id').index().deleteRule('cascade'),
    authorityId: p.uuid(),
    /** `alert-handler` or `alert-broadcaster`. */
    role: p.string().length(30),
    /** e.g. `submit`, `accept-or-pass`, `broadcast`, `acknowledge`, `broadcast-item`, `comment-on-closure`, `close`. */
    action: p.string().length(60),
    /** The two-step item concerned (`broadcast-item`). */
    itemId: p.uuid().nullable(),
    status: p.string().length(40),
    createdAt: p.datetime(),
  },
  indexes: [{ name: 'alert_pending_action_authority_role_index', properties: ['authorityId', 'role'] }],
});

export type IAlertPendingAction = InferEntity<typeof AlertPendingAction>;
