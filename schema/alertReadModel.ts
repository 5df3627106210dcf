import type { EntityManager } from '@mikro-orm/postgresql';
import { alertPersonalDataTables } from './entities/alert';
import type { AlertEvent, AlertPendingAction, AlertSnapshot } from '../workflows/alert/snapshot';

/**
 * Writes and a few reads of the alert read model (domain.md §6, §8): the projection of
 * `AlertSnapshot` (alert row, recipients, action list, audit trail), the alert numbers, the
 * alert's personal data (provider, texts, files: written by the API, erased by retention 6 months
 * after closure), and when the closure's two periods actually ended. Every function takes the
 * caller's EntityManager; activities pass their transaction's `tx` so the statements run inside it.
 */

/**
 * `ALR-<year>-<6 digits>` from one PostgreSQL sequence: unique across years (the counter does not
 * restart on 1 January), at least 6 digits, more once past 999,999. Given on a draft's first save.
 */
export async function nextAlertNumber(em: EntityManager, now: Date = new Date()): Promise<string> {
  const [row] = await em.execute<{ n: string }[]>(`select nextval('alert_number_seq')::text as n`);
  return formatAlertNumber(now.getUTCFullYear(), Number(row!.n));
}

export function formatAlertNumber(year: number, n: number): string {
  return `ALR-${year}-${String(n).padStart(6, '0')}`;
}

/** The two closure periods whose end a durable timer marks. */
export type AlertPeriod = 'comment' | 'objection';

/**
 * The period a timer's transition ended (the machine's `comment-period-over` and
 * `objection-period-over`, actor `system`), with its planned end. Recognised by the action, not the
 * status: a pending withdrawal keeps its status while the closure moves on underneath it.
 */
export function periodEndedBy(s: AlertSnapshot, event: AlertEvent): { period: AlertPeriod; scheduledAt: string } | null {
  if (event.actor !== 'system') return null;
  if (event.action === 'comment-period-over' && s.commentPeriodEndsAt) return { period: 'comment', scheduledAt: s.commentPeriodEndsAt };
  if (event.action === 'objection-period-over' && s.objectionPeriodEndsAt) return { period: 'objection', scheduledAt: s.objectionPeriodEndsAt };
  return null;
}

/** One recipient row per authority, as alert_recipient holds them (the first role wins if an authority appears twice). */
export interface AlertRecipientRow {
  authorityId: string;
  country: string;
  kind: 'mailbox' | 'origin-mailbox' | 'coordinator' | 'authority';
  forwardedByAuthorityId: string | null;
  receivedAt: string;
  acknowledgedAt: string | null;
  actedAt: string | null;
  removedAt: string | null;
  removedByAuthorityId: string | null;
}

export function alertRecipientRows(s: AlertSnapshot): AlertRecipientRow[] {
  const rows = new Map<string, AlertRecipientRow>();
  for (const c of s.countries) {
    for (const mailboxId of c.mailboxIds) {
      if (rows.has(mailboxId)) continue;
      const acknowledgedHere = c.acknowledgedByAuthorityId === mailboxId;
      rows.set(mailboxId, {
        authorityId: mailboxId,
        country: c.country,
        kind: c.kind === 'origin' ? 'origin-mailbox' : 'mailbox',
        forwardedByAuthorityId: null,
        receivedAt: c.receivedAt,
        acknowledgedAt: c.acknowledgedAt,
        // A mailbox acts by acknowledging (or by forwarding, which the recipients' addedBy shows).
        actedAt: acknowledgedHere ? c.acknowledgedAt : (c.recipients.filter((r) => r.addedByAuthorityId === mailboxId).map((r) => r.addedAt).sort()[0] ?? null),
        removedAt: null,
        removedByAuthorityId: null,
      });
    }
    for (const r of c.recipients) {
      if (rows.has(r.authorityId)) continue;
      rows.set(r.authorityId, {
        authorityId: r.authorityId,
        country: c.country,
        kind: r.isAlertCoordinator ? 'coordinator' : 'authority',
        forwardedByAuthorityId: r.addedByAuthorityId,
        receivedAt: r.addedAt,
        acknowledgedAt: c.acknowledgedAt,
        actedAt: r.actedAt,
        removedAt: r.removedAt,
        removedByAuthorityId: r.removedByAuthorityId,
      });
    }
  }
  return [...rows.values()];
}

/** One action-list row per (authority, role, action, item). */
export function alertPendingActionRows(actions: readonly AlertPendingAction[]): AlertPendingAction[] {
  const seen = new Set<string>();
  return actions.filter((a) => {
    const key = `${a.authorityId}|${a.role}|${a.action}|${a.itemId ?? ''}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

/**
 * Projects a snapshot: one upsert kept only if its version is higher than the stored one; when it
 * is, recipients and pending actions are replaced by the snapshot's. The audit event is appended
 * once per (alert, action, version), so a retried activity is harmless. When the event ends a
 * closure period, its details carry `period`, `scheduledAt` (the period's planned end) and
 * `recordedAt` (when this projection ran), which `alertPeriodEnds` reads back. Returns whether the
 * row changed (false: an older or the same version arrived late and was ignored).
 */
export async function projectAlertSnapshot(tx: EntityManager, s: AlertSnapshot, event: AlertEvent, recordedAt: Date = new Date()): Promise<{ applied: boolean }> {
  const rows = await tx.execute<{ id: string }[]>(
    `insert into alert (id, number, legislation_area, status, version, originating_authority_id, originating_country, alert_coordinator_id,
       establishment_country, target_countries, broadcasting_coordinator_id, closure_coordinator_id, closure_authority_id, created_at, submitted_at,
       broadcast_at, closure_proposed_at, comment_period_ends_at, objection_period_ends_at, closed_at, withdrawn_at, deleted_at, commission_received_at,
       reduced_view, criteria, snapshot, updated_at)
     values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?::jsonb, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, '{}'::jsonb, ?::jsonb, now())
     on conflict (id) do update set number = excluded.number, legislation_area = excluded.legislation_area, status = excluded.status,
       version = excluded.version, originating_authority_id = excluded.originating_authority_id, originating_country = excluded.originating_country,
       alert_coordinator_id = excluded.alert_coordinator_id, establishment_country = excluded.establishment_country,
       target_countries = excluded.target_countries, broadcasting_coordinator_id = excluded.broadcasting_coordinator_id,
       closure_coordinator_id = excluded.closure_coordinator_id, closure_authority_id = excluded.closure_authority_id,
       submitted_at = excluded.submitted_at, broadcast_at = excluded.broadcast_at, closure_proposed_at = excluded.closure_proposed_at,
       comment_period_ends_at = excluded.comment_period_ends_at, objection_period_ends_at = excluded.objection_period_ends_at,
       closed_at = excluded.closed_at, withdrawn_at = excluded.withdrawn_at, deleted_at = excluded.deleted_at,
       commission_received_at = excluded.commission_received_at, reduced_view = excluded.reduced_view, snapshot = excluded.snapshot, updated_at = now()
     where alert.version < excluded.version
     returning id`,
    [
      s.alertId,
      s.number,
      s.legislationArea,
      s.status,
      s.version,
      s.originatingAuthorityId,
      s.originatingCountry,
      s.alertCoordinatorId,
      s.establishmentCountry,
      JSON.stringify(s.targetCountries),
      s.broadcastingCoordinatorId,
      s.closure?.closureCoordinatorId ?? null,
      s.closure?.proposedByAuthorityId ?? null,
      s.createdAt,
      s.submittedAt,
      s.broadcastAt,
      s.closure?.proposedAt ?? null,
      s.commentPeriodEndsAt,
      s.objectionPeriodEndsAt,
      s.closedAt,
      s.withdrawnAt,
      s.deletedAt,
      s.commissionReceivedAt,
      s.reducedView,
      JSON.stringify(s),
    ],
  );
  const applied = rows.length > 0;
  if (applied) {
    await tx.execute('delete from alert_recipient where alert_id = ?', [s.alertId]);
    const recipients = alertRecipientRows(s);
    if (recipients.length > 0) {
      await tx.execute(
        `insert into alert_recipient (alert_id, authority_id, country, kind, forwarded_by_authority_id, received_at, acknowledged_at, acted_at, removed_at, removed_by_authority_id)
         values ${recipients.map(() => '(?, ?, ?, ?, ?, ?, ?, ?, ?, ?)').join(', ')}`,
        recipients.flatMap((r) => [s.alertId, r.authorityId, r.country, r.kind, r.forwardedByAuthorityId, r.receivedAt, r.acknowledgedAt, r.actedAt, r.removedAt, r.removedByAuthorityId]),
      );
    }
    await tx.execute('delete from alert_pending_action where alert_id = ?', [s.alertId]);
    const actions = alertPendingActionRows(s.pendingActions);
    if (actions.length > 0) {
      await tx.execute(
        `insert into alert_pending_action (alert_id, authority_id, role, action, item_id, status, created_at) values ${actions.map(() => '(?, ?, ?, ?, ?, ?, ?)').join(', ')}`,
        actions.flatMap((a) => [s.alertId, a.authorityId, a.role, a.action, a.itemId, s.status, s.createdAt]),
      );
    }
  }
  const period = periodEndedBy(s, event);
  const details: Record<string, unknown> = {
    authorityId: event.authorityId,
    country: event.country,
    subjectId: event.subjectId,
    targets: event.targets,
    ...(period ? { period: period.period, scheduledAt: period.scheduledAt, recordedAt: recordedAt.toISOString() } : {}),
  };
  await tx.execute(
    `insert into audit_event (at, subject_type, subject_id, action, actor, reason, details, version)
     values (?, 'alert', ?, ?, ?, null, ?::jsonb, ?) on conflict do nothing`,
    [event.at, s.alertId, event.action, event.actor, JSON.stringify(details), s.version],
  );
  return { applied };
}

/** When one closure period of one alert was due and when it actually ended. */
export interface AlertPeriodEnd {
  alertId: string;
  period: AlertPeriod;
  /** The period's planned end (the snapshot's `commentPeriodEndsAt` / `objectionPeriodEndsAt`). */
  scheduledAt: Date;
  /** When the workflow's timer fired and the transition ran (the workflow's clock). */
  firedAt: Date;
  /** When the transition's projection reached PostgreSQL (the worker's clock). */
  recordedAt: Date;
  /** firedAt − scheduledAt in milliseconds: the timer's lateness. */
  latenessMs: number;
}

/**
 * The ends of the closure periods recorded in the audit trail, for the alert page's timeline and the
 * timer-lateness bench: optionally only some alerts, or only those ended at or after `since`.
 */
export async function alertPeriodEnds(em: EntityManager, filter: { alertIds?: readonly string[]; since?: Date } = {}): Promise<AlertPeriodEnd[]> {
  const where = [`subject_type = 'alert'`, `details->>'period' is not null`];
  const params: unknown[] = [];
  if (filter.alertIds) {
    if (filter.alertIds.length === 0) return [];
    where.push(`subject_id in (${filter.alertIds.map(() => '?').join(', ')})`);
    params.push(...filter.alertIds);
  }
  if (filter.since) {
    where.push('at >= ?');
    params.push(filter.since);
  }
  const rows = await em.execute<{ subject_id: string; at: Date; details: { period: AlertPeriod; scheduledAt: string; recordedAt: string } }[]>(
    `select subject_id, at, details from audit_event where ${where.join(' and ')} order by at, id`,
    params,
  );
  return rows.map((r) => {
    const firedAt = new Date(r.at);
    const scheduledAt = new Date(r.details.scheduledAt);
    return { alertId: r.subject_id, period: r.details.period, scheduledAt, firedAt, recordedAt: new Date(r.details.recordedAt), latenessMs: firedAt.getTime() - scheduledAt.getTime() };
  });
}

/** The provider an alert is about (alert_provider): personal data. */
export interface AlertProviderData {
  providerKind: 'person' | 'business';
  name: string;
  otherNames: string[];
  address: Record<string, string>;
  registrationNumbers: Record<string, string>;
  fields: Record<string, unknown>;
}

export interface AlertTextRow {
  id: string;
  kind: string;
  authorityId: string | null;
  userId: string | null;
  text: string;
  language: string | null;
}

export interface AlertFileRow {
  id: string;
  textId: string | null;
  authorityId: string | null;
  fileName: string;
  mimeType: string;
  content: Buffer;
  uploadedBy: string | null;
}

/**
 * The alert's personal data (provider, texts, files), kept outside Temporal (the workflow carries
 * their ids only). The API writes it; retention erases it 6 months after closure (domain.md §8).
 * The alert row and its audit trail stay: they hold no personal data.
 */
export const alertPersonalData = {
  /**
   * The provisional alert row (version 0) the draft's personal data hangs on, written with its
   * number before AlertWorkflow starts; the first projection (version 1) replaces its columns.
   */
  async insertProvisionalAlert(
    tx: EntityManager,
    a: { alertId: string; number: string; legislationArea: string; originatingAuthorityId: string; originatingCountry: string; criteria: Record<string, boolean>; at?: Date },
  ): Promise<void> {
    await tx.execute(
      `insert into alert (id, number, legislation_area, status, version, originating_authority_id, originating_country, target_countries, created_at,
         reduced_view, criteria, snapshot, updated_at)
       values (?, ?, ?, 'draft', 0, ?, ?, '[]'::jsonb, ?, false, ?::jsonb, '{}'::jsonb, now())`,
      [a.alertId, a.number, a.legislationArea, a.originatingAuthorityId, a.originatingCountry, a.at ?? new Date(), JSON.stringify(a.criteria)],
    );
  },
  /** The draft's criteria checklist (not personal data; kept after erasure). */
  async writeCriteria(tx: EntityManager, alertId: string, criteria: Record<string, boolean>): Promise<void> {
    await tx.execute('update alert set criteria = ?::jsonb where id = ?', [JSON.stringify(criteria), alertId]);
  },
  async writeProvider(tx: EntityManager, alertId: string, p: AlertProviderData): Promise<void> {
    await tx.execute(
      `insert into alert_provider (alert_id, provider_kind, name, other_names, address, registration_numbers, fields, updated_at, blocked_at)
       values (?, ?, ?, ?::jsonb, ?::jsonb, ?::jsonb, ?::jsonb, now(), null)
       on conflict (alert_id) do update set provider_kind = excluded.provider_kind, name = excluded.name, other_names = excluded.other_names,
         address = excluded.address, registration_numbers = excluded.registration_numbers, fields = excluded.fields, updated_at = now()`,
      [alertId, p.providerKind, p.name, JSON.stringify(p.otherNames), JSON.stringify(p.address), JSON.stringify(p.registrationNumbers), JSON.stringify(p.fields)],
    );
  },
  /** Adds a text, or rewrites it when its id exists (the same alert's). */
  async writeText(tx: EntityManager, alertId: string, t: AlertTextRow): Promise<void> {
    await tx.execute(
      `insert into alert_text (id, alert_id, kind, authority_id, user_id, text, language, created_at, updated_at, blocked_at)
       values (?, ?, ?, ?, ?, ?, ?, now(), now(), null)
       on conflict (id) do update set text = excluded.text, language = excluded.language, updated_at = now() where alert_text.alert_id = excluded.alert_id`,
      [t.id, alertId, t.kind, t.authorityId, t.userId, t.text, t.language],
    );
  },
  async deleteText(tx: EntityManager, alertId: string, textId: string): Promise<void> {
    await tx.execute('delete from alert_text where alert_id = ? and id = ?', [alertId, textId]);
  },
  async addFile(tx: EntityManager, alertId: string, f: AlertFileRow): Promise<void> {
    await tx.execute(
      `insert into alert_file (id, alert_id, text_id, authority_id, file_name, mime_type, size_bytes, content, storage_path, uploaded_by, uploaded_at, blocked_at)
       values (?, ?, ?, ?, ?, ?, ?, ?, null, ?, now(), null)`,
      [f.id, alertId, f.textId, f.authorityId, f.fileName, f.mimeType, f.content.length, f.content, f.uploadedBy],
    );
  },
  /** Marks every personal-data row of the alert blocked at `at` (rows already blocked keep their date). Returns the rows newly blocked. */
  async block(em: EntityManager, alertId: string, at: Date): Promise<number> {
    let count = 0;
    for (const table of alertPersonalDataTables) {
      const result = await em.execute<{ affectedRows?: number }>(`update ${table} set blocked_at = ? where alert_id = ? and blocked_at is null`, [at, alertId], 'run');
      count += result.affectedRows ?? 0;
    }
    return count;
  },
  /** Deletes every personal-data row of the alert (provider, texts, files). Returns the rows deleted. */
  async erase(em: EntityManager, alertId: string): Promise<number> {
    let count = 0;
    for (const table of alertPersonalDataTables) {
      const result = await em.execute<{ affectedRows?: number }>(`delete from ${table} where alert_id = ?`, [alertId], 'run');
      count += result.affectedRows ?? 0;
    }
    return count;
  },
};
