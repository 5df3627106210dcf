import type { EntityManager } from '@mikro-orm/postgresql';
import { requestPersonalDataTables } from './entities/request';
import type { RequestEvent } from '../workflows/request/machine';
import type { PendingAction, RequestSnapshot } from '../workflows/request/snapshot';

/**
 * Writes of the request read model (domain.md §5, §8): the projection of `RequestSnapshot`, the
 * request numbers, and retention's block and erase of a request's personal data. Every function
 * takes the caller's EntityManager; activities pass their transaction's `tx` so the statements run
 * inside it (tx.getConnection() would take a second pooled connection).
 */

/** The step that produced a snapshot, recorded in `audit_event`. Never personal data. */
export interface RequestProjectionEvent {
  /** e.g. `created`, `sent`, `accepted`, `answered`, `closed`. */
  action: string;
  /** A user id or `system`. */
  actor: string;
  /** ISO instant. */
  at: string;
  reason: string | null;
  details?: Record<string, string | number | boolean | null>;
}

/** The audit event of the machine's step (the workflow's projection and the API's opening write the same). */
export const projectionEventOf = (event: RequestEvent): RequestProjectionEvent => ({
  action: event.action,
  actor: event.actor,
  at: event.at,
  reason: null,
  details: event.textId ? { textId: event.textId } : undefined,
});

/**
 * `REQ-<year>-<6 digits>` from one PostgreSQL sequence: unique across years (the counter does not
 * restart on 1 January), at least 6 digits, more once past 999,999.
 */
export async function nextRequestNumber(em: EntityManager, now: Date = new Date()): Promise<string> {
  const [row] = await em.execute<{ n: string }[]>(`select nextval('request_number_seq')::text as n`);
  return formatRequestNumber(now.getUTCFullYear(), Number(row!.n));
}

/**
 * The status of a split's provisional row (version 0): the API writes it, with the new request's id
 * and number, before the split so `copySplitContent` has a parent for the moved questions; the new
 * request's first projection replaces it. Not a request status: no list shows such a row
 * (api/requests/search.ts), and the API answers 404 for it until it opens.
 */
export const provisionalRequestStatus = 'opening';

/** A split's provisional row (see `provisionalRequestStatus`). */
export async function insertProvisionalSplitRequest(
  em: EntityManager,
  row: { id: string; number: string; splitFrom: string; legislationArea: string; questionSet: string; requestingAuthorityId: string; requestingCountry: string; respondingAuthorityId: string; respondingCountry: string; urgent: boolean },
): Promise<void> {
  await em.execute(
    `insert into request (id, number, legislation_area, question_set, status, version, requesting_authority_id, requesting_country, responding_authority_id,
       responding_country, requester_handler_ids, responder_handler_ids, question_ids, requester_coordinator_handler_ids, responder_coordinator_handler_ids,
       overdue, urgent, close_reminders_sent, created_at, updated_at, split_from_request_id)
     values (?, ?, ?, ?, ?, 0, ?, ?, ?, ?, '[]', '[]', '[]', '[]', '[]', false, ?, 0, now(), now(), ?)`,
    [row.id, row.number, row.legislationArea, row.questionSet, provisionalRequestStatus, row.requestingAuthorityId, row.requestingCountry, row.respondingAuthorityId, row.respondingCountry, row.urgent, row.splitFrom],
  );
}

export function formatRequestNumber(year: number, n: number): string {
  return `REQ-${year}-${String(n).padStart(6, '0')}`;
}

/** One row per (authority, role, user) as the action list reads them. */
export interface PendingActionRow {
  authorityId: string;
  role: PendingAction['role'];
  userId: string | null;
  action: string;
}

export function pendingActionRows(actions: readonly PendingAction[]): PendingActionRow[] {
  return actions.flatMap<PendingActionRow>((a) =>
    a.userIds && a.userIds.length > 0
      ? a.userIds.map((userId) => ({ authorityId: a.authorityId, role: a.role, userId, action: a.action }))
      : [{ authorityId: a.authorityId, role: a.role, userId: null, action: a.action }],
  );
}

/**
 * Projects a snapshot: one upsert kept only if its version is higher than the stored one; when it
 * is, the pending actions are replaced by the snapshot's. The audit event is appended once per
 * (request, action, version), so a retried activity is harmless. Returns whether the row changed
 * (false: an older or the same version arrived late and was ignored).
 */
export async function projectRequestSnapshot(tx: EntityManager, s: RequestSnapshot, event: RequestProjectionEvent): Promise<{ applied: boolean }> {
  const rows = await tx.execute<{ id: string }[]>(
    `insert into request (id, number, legislation_area, question_set, status, version, requesting_authority_id, requesting_country,
       responding_authority_id, responding_country, requester_coordinator_id, responder_coordinator_id, requester_handler_ids,
       responder_handler_ids, deadline, proposed_deadline, overdue, created_at, sent_at, accepted_at, answered_at, closed_at,
       split_from_request_id, related_request_number, question_ids, requester_coordinator_handler_ids, responder_coordinator_handler_ids,
       urgent, close_reminders_sent, measures_may_apply_at, commission_decision, updated_at)
     values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?::jsonb, ?::jsonb, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?::jsonb, ?::jsonb, ?::jsonb, ?, ?, ?, ?, now())
     on conflict (id) do update set legislation_area = excluded.legislation_area, question_set = excluded.question_set,
       status = excluded.status, version = excluded.version, requesting_authority_id = excluded.requesting_authority_id,
       requesting_country = excluded.requesting_country, responding_authority_id = excluded.responding_authority_id,
       responding_country = excluded.responding_country, requester_coordinator_id = excluded.requester_coordinator_id,
       responder_coordinator_id = excluded.responder_coordinator_id, requester_handler_ids = excluded.requester_handler_ids,
       responder_handler_ids = excluded.responder_handler_ids, deadline = excluded.deadline, proposed_deadline = excluded.proposed_deadline,
       overdue = excluded.overdue, sent_at = excluded.sent_at, accepted_at = excluded.accepted_at, answered_at = excluded.answered_at,
       closed_at = excluded.closed_at, split_from_request_id = excluded.split_from_request_id,
       related_request_number = excluded.related_request_number, question_ids = excluded.question_ids,
       requester_coordinator_handler_ids = excluded.requester_coordinator_handler_ids,
       responder_coordinator_handler_ids = excluded.responder_coordinator_handler_ids, urgent = excluded.urgent,
       close_reminders_sent = excluded.close_reminders_sent, measures_may_apply_at = excluded.measures_may_apply_at,
       commission_decision = excluded.commission_decision, updated_at = now()
     where request.version < excluded.version
     returning id`,
    [
      s.requestId,
      s.number,
      s.legislationArea,
      s.questionSet,
      s.status,
      s.version,
      s.requestingAuthorityId,
      s.requestingCountry,
      s.respondingAuthorityId,
      s.respondingCountry,
      s.requesterCoordinatorId,
      s.responderCoordinatorId,
      JSON.stringify(s.requesterHandlerIds),
      JSON.stringify(s.responderHandlerIds),
      s.deadline,
      s.proposedDeadline,
      s.overdue,
      s.createdAt,
      s.sentAt,
      s.acceptedAt,
      s.answeredAt,
      s.closedAt,
      s.splitFromRequestId,
      s.relatedRequestNumber,
      JSON.stringify(s.questionIds),
      JSON.stringify(s.requesterCoordinatorHandlerIds),
      JSON.stringify(s.responderCoordinatorHandlerIds),
      s.urgent,
      s.closeRemindersSent,
      s.measuresMayApplyAt,
      s.commissionDecision,
    ],
  );
  const applied = rows.length > 0;
  if (applied) {
    await tx.execute('delete from request_pending_action where request_id = ?', [s.requestId]);
    const actions = pendingActionRows(s.pendingActions);
    if (actions.length > 0) {
      await tx.execute(
        `insert into request_pending_action (request_id, authority_id, role, legislation_area, user_id, action, status, overdue, deadline, created_at)
         values ${actions.map(() => '(?, ?, ?, ?, ?, ?, ?, ?, ?, ?)').join(', ')}`,
        actions.flatMap((a) => [s.requestId, a.authorityId, a.role, s.legislationArea, a.userId, a.action, s.status, s.overdue, s.deadline, s.createdAt]),
      );
    }
  }
  await tx.execute(
    `insert into audit_event (at, subject_type, subject_id, action, actor, reason, details, version)
     values (?, 'request', ?, ?, ?, ?, ?::jsonb, ?) on conflict do nothing`,
    [event.at, s.requestId, event.action, event.actor, event.reason, event.details ? JSON.stringify(event.details) : null, s.version],
  );
  return { applied };
}

/**
 * Retention of a request's personal data (domain.md §8): `block` hides it from the normal
 * interface (6 or 18 months after closure; readers must skip rows with `blocked_at`), `erase`
 * deletes it for real (3 years after closure, or early on request). The read-model row and its
 * audit trail stay: they hold no personal data.
 */
export const requestPersonalData = {
  /** Marks every personal-data row of the request blocked at `at` (rows already blocked keep their date). Returns the rows newly blocked. */
  async block(em: EntityManager, requestId: string, at: Date): Promise<number> {
    let count = 0;
    for (const table of requestPersonalDataTables) {
      const result = await em.execute<{ affectedRows?: number }>(`update ${table} set blocked_at = ? where request_id = ? and blocked_at is null`, [at, requestId], 'run');
      count += result.affectedRows ?? 0;
    }
    return count;
  },
  /** Deletes every personal-data row of the request. Returns the rows deleted. */
  async erase(em: EntityManager, requestId: string): Promise<number> {
    let count = 0;
    for (const table of requestPersonalDataTables) {
      const result = await em.execute<{ affectedRows?: number }>(`delete from ${table} where request_id = ?`, [requestId], 'run');
      count += result.affectedRows ?? 0;
    }
    return count;
  },
};
