import { defineEntity, p, type InferEntity } from '@mikro-orm/core';

/**
 * Read model of an alert (domain.md §6): one row per alert holding the non-personal facts of the
 * `AlertSnapshot` that AlertWorkflow last projected, guarded by `version` (a lower version is
 * ignored). `snapshot` keeps the whole projected snapshot (ids, statuses, dates, flags: never
 * personal data) for the alert page; the columns beside it serve the list and the search. The
 * provider's data, texts and files are in `alert_provider`, `alert_text` and `alert_file`, which
 * retention erases 6 months after closure; this row and the audit trail stay.
 *
 * A row of version 0 is the API's provisional row (number and originating side) written with the
 * draft's personal data before the workflow starts; the first projection (version 1) replaces it.
 */
export const Alert = defineEntity({
  name: 'Alert',
  tableName: 'alert',
  properties: {
    id: p.uuid().primary(),
    /** `ALR-<year>-<6 digits>` from `alert_number_seq` (nextAlertNumber), given on first save. */
    number: p.string().length(24).unique(),
    legislationArea: p.string().length(80),
    status: p.string().length(40),
    version: p.integer(),
    originatingAuthorityId: p.uuid(),
    originatingCountry: p.string().length(2),
    /** The alert coordinator that broadcasts it (the one chosen at initiation, or the one it was passed to). */
    alertCoordinatorId: p.uuid().nullable(),
    /** The provider's country of establishment; null while unknown (the originating country then closes). */
    establishmentCountry: p.string().length(2).nullable(),
    targetCountries: p.json<string[]>(),
    /** The coordinator that broadcast it (adds countries, changes the establishment country). */
    broadcastingCoordinatorId: p.uuid().nullable(),
    /** The closure's coordinator (linked to the proposing handler's authority) and proposing authority. */
    closureCoordinatorId: p.uuid().nullable(),
    closureAuthorityId: p.uuid().nullable(),
    createdAt: p.datetime(),
    submittedAt: p.datetime().nullable(),
    broadcastAt: p.datetime().nullable(),
    closureProposedAt: p.datetime().nullable(),
    /** When the comment and objection periods end (scheduled; the audit trail has when they did). */
    commentPeriodEndsAt: p.datetime().nullable(),
    objectionPeriodEndsAt: p.datetime().nullable(),
    closedAt: p.datetime().nullable(),
    withdrawnAt: p.datetime().nullable(),
    deletedAt: p.datetime().nullable(),
    /** The Commission always receives a broadcast alert (and never sees its personal data). */
    commissionReceivedAt: p.datetime().nullable(),
    /** Closed or withdrawn: everyone sees the summary without personal data, the recipients and the history. */
    reducedView: p.boolean().default(false),
    /**
     * The criteria checklist of initiation (6.3.1.1: criterion code → met), written by the API with
     * the draft; not personal data and not part of the snapshot, so projections leave it alone.
     */
    criteria: p.json<Record<string, boolean>>(),
    /** The whole AlertSnapshot last projected (no personal data); empty for the provisional row. */
    snapshot: p.json<Record<string, unknown>>(),
    updatedAt: p.datetime(),
  },
  indexes: [
    { name: 'alert_originating_created_index', properties: ['originatingAuthorityId', 'createdAt'] },
    { name: 'alert_coordinator_created_index', properties: ['alertCoordinatorId', 'createdAt'] },
    { name: 'alert_status_broadcast_index', properties: ['status', 'broadcastAt'] },
    { name: 'alert_establishment_broadcast_index', properties: ['establishmentCountry', 'broadcastAt'] },
    // Search by the start of a number (`like 'ALR-2026-00%'`) whatever the database's collation.
    { name: 'alert_number_pattern_index', expression: 'create index "alert_number_pattern_index" on "alert" ("number" varchar_pattern_ops)' },
  ],
});

export type IAlert = InferEntity<typeof Alert>;
