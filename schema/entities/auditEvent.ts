import { defineEntity, p, type InferEntity } from '@mikro-orm/core';

/**
 * An append-only record of something a person or the system did to a case or to the platform:
 * business steps projected by activities, and operator actions on workflows. Never holds personal data.
 */
export const AuditEvent = defineEntity({
  name: 'AuditEvent',
  tableName: 'audit_event',
  properties: {
    id: p.bigint().primary().autoincrement(),
    at: p.datetime().onCreate(() => new Date()).index(),
    /** e.g. `contact-check`, `ops` */
    subjectType: p.string().length(40).index(),
    /** The case or workflow id the event is about. */
    subjectId: p.string().length(200).index(),
    /** e.g. `opened`, `confirmed`, `ops.terminate` */
    action: p.string().length(80),
    /** Who did it: a user id, `operator`, or `system`. */
    actor: p.string().length(120),
    reason: p.text().nullable(),
    details: p.json<Record<string, unknown>>().nullable(),
    /** Case version this event belongs to; makes re-projection after a retry harmless. */
    version: p.integer().nullable(),
  },
  uniques: [{ properties: ['subjectType', 'subjectId', 'action', 'version'] }],
});

export type IAuditEvent = InferEntity<typeof AuditEvent>;
