import type { EntityManager } from '@mikro-orm/postgresql';
import type { z } from '@hono/zod-openapi';
import { alertActionListQuerySchema, type AlertSearchQuery } from '../../schema/alerts';
import type { AlertSnapshot } from '../../workflows/alert/snapshot';
import { alertRolesOf, alertViewerSide, statusShownTo, type AlertViewerFacts } from '../policy/alertAccess';
import { ApiError } from '../errors';

/**
 * The alert list (domain.md §6 "Alert list"; IMI manual 6.4.2): the alerts the caller's authority
 * takes part in — number, provider, establishment country, initiating authority, status, broadcast
 * date — searchable, with what the caller must do now (the action list). The helpdesk (the
 * Commission's side) lists every broadcast alert.
 *
 * The provider's name is personal data: it is shown, and searched, only where the viewer may see
 * the alert's personal data (api/policy/alertAccess.ts) — a search by provider never matches an
 * alert whose provider the caller may not see, so a match or a miss discloses nothing. The SQL
 * predicates below mirror the policy; each page's rows are checked against the policy again.
 */

export interface AlertListViewer extends AlertViewerFacts {}

const area = 'services';
const closedStatuses = `('closed', 'withdrawn', 'deleted')`;

/** Alerts the authority `?` has now (the policy's `authoritiesSeeing`, in SQL). Takes the authority id 9 times. */
const seenBy = `(
  (a.status = 'draft' and a.originating_authority_id = ?)
  or (a.broadcast_at is null and a.status <> 'draft' and (a.originating_authority_id = ? or (a.alert_coordinator_id = ? and a.submitted_at is not null)))
  or (a.broadcast_at is not null and (
        a.originating_authority_id = ? or a.alert_coordinator_id = ? or a.broadcasting_coordinator_id = ? or a.closure_coordinator_id = ?
        or exists (select 1 from alert_recipient r where r.alert_id = a.id and r.authority_id = ? and r.removed_at is null)
        or exists (select 1 from jsonb_array_elements(coalesce(a.snapshot->'items', '[]'::jsonb)) i where i->>'coordinatorId' = ? and i->>'status' <> 'deleted')))
)`;
const seenByParams = (authorityId: string) => Array<string>(9).fill(authorityId);

function scope(viewer: AlertListViewer): { where: string; params: unknown[]; personal: string; personalParams: unknown[]; helpdesk: boolean } {
  const helpdesk = viewer.kind === 'operator' || viewer.roles.some((r) => r.role === 'system-admin');
  const hasAlertRole = alertRolesOf(viewer, area).length > 0;
  if (viewer.authorityId && hasAlertRole) {
    // Personal data: an authority taking part, while the alert is live (not reduced, not blocked).
    const personal = `(a.reduced_view = false and a.status not in ${closedStatuses} and p.blocked_at is null)`;
    return { where: seenBy, params: seenByParams(viewer.authorityId), personal, personalParams: [], helpdesk: false };
  }
  if (helpdesk) return { where: '(a.commission_received_at is not null)', params: [], personal: 'false', personalParams: [], helpdesk: true };
  throw new ApiError(403, 'forbidden', 'The alert list is for users with an alert role (observer, handler, broadcaster) and for the helpdesk.');
}

interface Row {
  id: string;
  number: string;
  status: string;
  provider_name: string | null;
  establishment_country: string | null;
  originating_authority_id: string;
  originating_authority_name: string | null;
  originating_country: string;
  broadcast_at: Date | null;
  created_at: Date;
  reduced_view: boolean;
  snapshot: AlertSnapshot;
  actions: string[] | null;
  total: string;
}

const sortColumns = { number: 'a.number', status: 'a.status', broadcastAt: 'a.broadcast_at', createdAt: 'a.created_at' } as const;

async function list(em: EntityManager, viewer: AlertListViewer, filters: { where: string[]; params: unknown[] }, sort: string, page: number, perPage: number, actionListOnly: boolean) {
  const s = scope(viewer);
  const roles = alertRolesOf(viewer, area);
  const where = ['a.version >= 1', s.where, ...filters.where];
  const params: unknown[] = [...s.params, ...filters.params];
  if (actionListOnly) {
    where.push(`exists (select 1 from alert_pending_action pa where pa.alert_id = a.id and pa.authority_id = ? and pa.role = any(?::text[]))`);
    params.push(viewer.authorityId, `{${roles.join(',')}}`);
  }
  const actionsSql = viewer.authorityId
    ? `(select array_agg(distinct pa.action) from alert_pending_action pa where pa.alert_id = a.id and pa.authority_id = ? and pa.role = any(?::text[]))`
    : `null::text[]`;
  const actionsParams = viewer.authorityId ? [viewer.authorityId, `{${roles.join(',')}}`] : [];
  const rows = await em.execute<Row[]>(
    `select a.id, a.number, a.status, case when ${s.personal} then p.name end as provider_name, a.establishment_country, a.originating_authority_id,
            au.official_name as originating_authority_name, a.originating_country, a.broadcast_at, a.created_at, a.reduced_view, a.snapshot,
            ${actionsSql} as actions, count(*) over () as total
       from alert a
       left join alert_provider p on p.alert_id = a.id
       left join authority au on au.id = a.originating_authority_id
      where ${where.join(' and ')}
      order by ${sort}, a.id
      limit ? offset ?`,
    [...s.personalParams, ...actionsParams, ...params, perPage, (page - 1) * perPage],
  );
  const iso = (d: Date | null) => (d ? new Date(d).toISOString() : null);
  return {
    data: rows
      // The SQL mirrors the policy; the policy has the last word on each row.
      .filter((r) => !r.snapshot?.alertId || alertViewerSide(r.snapshot, viewer) !== null)
      .map((r) => ({
        id: r.id,
        number: r.number,
        status: (r.snapshot?.alertId ? statusShownTo(r.snapshot, viewer) : r.status) as AlertSnapshot['status'],
        providerName: r.provider_name,
        establishmentCountry: r.establishment_country,
        originatingAuthorityId: r.originating_authority_id,
        originatingAuthorityName: r.originating_authority_name,
        originatingCountry: r.originating_country,
        broadcastAt: iso(r.broadcast_at),
        createdAt: iso(r.created_at)!,
        reducedView: r.reduced_view,
        actions: r.actions ?? [],
      })),
    total: rows.length ? Number(rows[0]!.total) : 0,
  };
}

/** The alerts the caller's authority takes part in, filtered; the provider filter only over alerts whose personal data the caller may see. */
export async function searchAlerts(em: EntityManager, viewer: AlertListViewer, q: AlertSearchQuery) {
  const where: string[] = [];
  const params: unknown[] = [];
  if (q.number) {
    where.push('a.number like ?');
    params.push(`${q.number.toUpperCase().replace(/[%_\\]/g, (c) => `\\${c}`)}%`);
  }
  if (q.provider) {
    const s = scope(viewer);
    const pattern = `%${q.provider.replace(/[%_\\]/g, (c) => `\\${c}`)}%`;
    where.push(`(${s.personal} and (p.name ilike ? or p.other_names::text ilike ?))`);
    params.push(pattern, pattern);
  }
  if (q.establishmentCountry) {
    where.push('a.establishment_country = ?');
    params.push(q.establishmentCountry);
  }
  if (q.originatingAuthorityId) {
    where.push('a.originating_authority_id = ?');
    params.push(q.originatingAuthorityId);
  }
  if (q.originatingCountry) {
    where.push('a.originating_country = ?');
    params.push(q.originatingCountry);
  }
  if (q.status?.length) {
    where.push(`a.status in (${q.status.map(() => '?').join(', ')})`);
    params.push(...q.status);
  }
  if (q.broadcastFrom) {
    where.push('a.broadcast_at >= ?::date');
    params.push(q.broadcastFrom);
  }
  if (q.broadcastTo) {
    where.push(`a.broadcast_at < ?::date + interval '1 day'`);
    params.push(q.broadcastTo);
  }
  const sort = `${sortColumns[q.sort]} ${q.order === 'asc' ? 'asc' : 'desc'} nulls last`;
  return list(em, viewer, { where, params }, sort, q.page, q.perPage, false);
}

/** The alerts where the caller's authority, for one of the caller's roles, must act now (drafts included). */
export async function alertActionList(em: EntityManager, viewer: AlertListViewer, q: z.infer<typeof alertActionListQuerySchema>) {
  if (!viewer.authorityId) throw new ApiError(403, 'forbidden', 'The action list is for users of an authority.');
  return list(em, viewer, { where: [], params: [] }, 'a.created_at desc', q.page, q.perPage, true);
}
