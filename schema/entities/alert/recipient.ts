import { defineEntity, p, type InferEntity } from '@mikro-orm/core';
import { Alert } from './alert';

/**
 * One authority that received an alert (domain.md §6 "Receiving"): a target country's mailbox, the
 * originating country's mailbox (its copy), or a coordinator or authority a mailbox or coordinator
 * forwarded it to. When it received it, when its country acknowledged, when it first acted, and
 * whether a mailbox broadcaster removed it (a removed recipient sees nothing further). The
 * Commission is the alert's `commission_received_at`. Replaced whole by each projection from the
 * snapshot's countries; no personal data. Feeds the per-country recipient table of the alert page
 * and the list of alerts an authority received.
 */
export const AlertRecipient = defineEntity({
  name: 'AlertRecipient',
  tableName: 'alert_recipient',
  properties: {
    alertId: () => p.manyToOne(Alert).mapToPk().fieldName('alert_id').primary().deleteRule('cascade'),
    authorityId: p.uuid().primary(),
    country: p.string().length(2),
    /** `mailbox` (a target country's), `origin-mailbox` (the originating country's copy), `coordinator` or `authority` (forwarded to). */
    kind: p.string().$type<'mailbox' | 'origin-mailbox' | 'coordinator' | 'authority'>().length(20),
    /** Who forwarded it here (null: a mailbox, reached by the broadcast itself). */
    forwardedByAuthorityId: p.uuid().nullable(),
    receivedAt: p.datetime(),
    /** A mailbox: when its country acknowledged the alert (by any of its mailboxes). */
    acknowledgedAt: p.datetime().nullable(),
    /** First time it acted (acknowledged, forwarded, submitted information, commented, proposed closure, objected). */
    actedAt: p.datetime().nullable(),
    removedAt: p.datetime().nullable(),
    removedByAuthorityId: p.uuid().nullable(),
  },
  indexes: [{ name: 'alert_recipient_authority_index', properties: ['authorityId', 'removedAt'] }],
});

export type IAlertRecipient = InferEntity<typeof AlertRecipient>;
