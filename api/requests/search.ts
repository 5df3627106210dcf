import { z } from '@hono/zod-openapi';
import type { EntityManager } from '@mikro-orm/postgresql';
import { requestStatuses, type RequestActionRole, type RequestStatus } from '../../workflows/request/snapshot';
import { provisionalRequestStatus } from '../../schema/requestReadModel';

/**
 * The request lists (domain.md §5, IMI manual 5.3.9): the action list — what a user must do now —
 * and the search over all the authority's sent and received requests, or (coordinators) those of
 * the authorities they coordinate. Reads the PostgreSQL read model only, never Temporal. List rows
 * never carry personal data: case data, comments and answers are not joined here.
 */

const date = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'must be a date YYYY-MM-DD');
const uuid = z.string().uuid('must be a uuid');
const areaCode = z.string().trim().regex(/^[a-z0-9][a-z0-9-]{0,79}$/, 'must be a legislation area code');
const country = z.string().trim().toUpperCase().regex(/^[A-Z]{2}$/, 'must be a 2-letter country code');

export const requestStatusSchema = z.enum(requestStatuses).openapi('RequestStatus');

/** One or more values: `?status=a&status=b` or `?status=a,b`. */
const statusList = z
  .preprocess((v) => (typeof v === 'string' ? v.split(',').filter(Boolean) : v), z.array(requestStatusSchema).min(1).max(requestStatuses.length))
  .optional()
  .openapi({ description: 'One or more statuses (repeat the parameter or separate by commas)' });

export const requestListRowSchema = z
  .object({
    id: z.string(),
    number: z.string().openapi({ example: 'REQ-2026-000042' }),
    legislationArea: z.string(),
    questionSet: z.string(),
    status: requestStatusSchema,
    /** The viewer's side: its authority sent it, received it, or coordinates one that did. */
    side: z.enum(['requester', 'responder', 'coordinator']),
    requestingAuthorityId: z.string(),
    requestingCountry: z.string(),
    respondingAuthorityId: z.string(),
    respondingCountry: z.string(),
    deadline: z.string().nullable().openapi({ description: 'ISO date' }),
    overdue: z.boolean(),
    createdAt: z.string(),
    sentAt: z.string().nullable(),
    closedAt: z.string().nullable(),
    /** What the viewer must do (action list only), e.g. `answer`, `accept-or-reject`. */
    actions: z.array(z.string()),
  })
  .openapi('RequestListRow');
export type RequestListRow = z.infer<typeof requestListRowSchema>;

/** Search totals are counted exactly up to this many; beyond, `totalCapped` is true (narrow the filters). */
export const requestSearchTotalCap = 1_000;

export const requestListSchema = z
  .object({
    data: z.array(requestListRowSchema),
    total: z.number().int(),
    /** True when more requests match than `total` (= requestSearchTotalCap) says. */
    totalCapped: z.boolean(),
  })
  .openapi('RequestList');
export type RequestList = z.infer<typeof requestListSchema>;

const paging = {
  page: z.coerce.number().int().min(1).default(1),
  perPage: z.coerce.number().int().min(1).max(200).default(25),
};

export const requestActionListQuerySchema = z.object({ status: statusList, area: areaCode.optional(), ...paging }).openapi('RequestActionListQuery');
export type RequestActionListQuery = z.infer<typeof requestActionListQuerySchema>;

export const requestSortFields = ['createdAt', 'sentAt', 'number', 'deadline'] as const;

export const requestSearchQuerySchema = z
  .object({
    /** `own` (default): sent and received by the viewer's authority; `coordinated`: of the authorities it coordinates. */
    scope: z.enum(['own', 'coordinated']).default('own'),
    direction: z.enum(['all', 'sent', 'received']).default('all'),
    status: statusList,
    area: areaCode.optional(),
    /** The other side's country (the responder's for sent requests, the requester's for received ones). */
    country: country.optional(),
    /** Exact number, or its start (`REQ-2026-0001`). */
    number: z.string().trim().toUpperCase().regex(/^REQ-[0-9-]{0,20}$/, 'must be a request number or its start').optional(),
    /** Sent (= received) on or after / on or before, inclusive. */
    sentFrom: date.optional(),
    sentTo: date.optional(),
    /** With scope `coordinated`: only this coordinated authority's requests. */
    authorityId: uuid.optional(),
    sort: z.enum(requestSortFields).default('createdAt'),
    order: z.enum(['asc', 'desc']).default('desc'),
    ...paging,
  })
  .refine((q) => !q.sentFrom || !q.sentTo || q.sentFrom <= q.sentTo, { message: 'must not be before sentFrom', path: ['sentTo'] })
  .openapi('RequestSearchQuery');
export type RequestSearchQuery = z.infer<typeof requestSearchQuerySchema>;

/** A user role as stored on `app_user.roles` (schema/entities/identity/user.ts). */
export interface ViewerRole {
  role: string;
  area?: string;
  workflow?: string;
}

/** Who looks: the user, its authority and its roles (the API reads them from the session). */
export interface RequestViewer {
  userId: string;
  authorityId: string;
  roles: readonly ViewerRole[];
}

interface Sql {
  sql: string;
  params: unknown[];
}

const actionRoles: readonly RequestActionRole[] = ['case-handler', 'allocator', 'referral-handler'];

/** Statuses in which the responder has not received the request yet (it does not see it). */
export const notYetReceivedStatuses: readonly RequestStatus[] = ['draft', 'request-pending-approval', 'request-approval-refused'];

const list = (values: readonly unknown[]) => values.map(() => '?').join(', ');
/** A PostgreSQL array literal of uuids or area codes (no commas, quotes or braces in them). */
const pgArray = (values: readonly string[]) => `{${values.join(',')}}`;

/**
 * Which pending-action rows a user's roles match: per role, the areas it holds it in (or any area).
 * Roles of other workflows (alerts) do not count. Null: none of the user's roles can act on requests.
 */
export function roleConditions(roles: readonly ViewerRole[]): Sql | null {
  const parts: string[] = [];
  const params: unknown[] = [];
  for (const role of actionRoles) {
    const held = roles.filter((r) => r.role === role && (r.workflow === undefined || r.workflow === 'requests'));
    if (held.length === 0) continue;
    if (held.some((r) => r.area === undefined)) {
      parts.push('pa.role = ?');
      params.push(role);
    } else {
      const areas = [...new Set(held.map((r) => r.area!))];
      parts.push(`(pa.role = ? and pa.legislation_area in (${list(areas)}))`);
      params.push(role, ...areas);
    }
  }
  return parts.length ? { sql: `(${parts.join(' or ')})`, params } : null;
}

const rowColumns = `r.id, r.number, r.legislation_area, r.question_set, r.status, r.requesting_authority_id, r.requesting_country,
  r.responding_authority_id, r.responding_country, r.deadline::text as deadline, r.overdue, r.created_at, r.sent_at, r.closed_at`;

interface DbRow {
  id: string;
  number: string;
  legislation_area: string;
  question_set: string;
  status: RequestStatus;
  requesting_authority_id: string;
  requesting_country: string;
  responding_authority_id: string;
  responding_country: string;
  deadline: string | null;
  overdue: boolean;
  created_at: Date | string;
  sent_at: Date | string | null;
  closed_at: Date | string | null;
  actions?: string[] | null;
}

const iso = (v: Date | string | null): string | null => (v === null ? null : new Date(v).toISOString());

function toRow(r: DbRow, authorityId: string): RequestListRow {
  return {
    id: r.id,
    number: r.number,
    legislationArea: r.legislation_area,
    questionSet: r.question_set,
    status: r.status,
    side: r.requesting_authority_id === authorityId ? 'requester' : r.responding_authority_id === authorityId ? 'responder' : 'coordinator',
    requestingAuthorityId: r.requesting_authority_id,
    requestingCountry: r.requesting_country,
    respondingAuthorityId: r.responding_authority_id,
    respondingCountry: r.responding_country,
    deadline: r.deadline,
    overdue: r.overdue,
    createdAt: iso(r.created_at)!,
    sentAt: iso(r.sent_at),
    closedAt: iso(r.closed_at),
    actions: r.actions ?? [],
  };
}

/**
 * The action list (5.3.9.1): requests with a pending action for the user's authority and one of
 * its roles in the request's area, unallocated or allocated to this user; drafts of the user
 * included (the requester's case handler must send them). Overdue first, then by deadline.
 */
export function buildActionList(viewer: RequestViewer, query: RequestActionListQuery): { page: Sql; count: Sql } | null {
  const roles = roleConditions(viewer.roles);
  if (!roles) return null;
  const where = ['pa.authority_id = ?', '(pa.user_id is null or pa.user_id = ?)', roles.sql];
  const params: unknown[] = [viewer.authorityId, viewer.userId, ...roles.params];
  if (query.area) {
    where.push('pa.legislation_area = ?');
    params.push(query.area);
  }
  if (query.status) {
    where.push(`pa.status in (${list(query.status)})`);
    params.push(...query.status);
  }
  // Sorted and paged on request_pending_action alone (it carries the request's status, overdue,
  // deadline and creation time); only the page's rows are joined to request.
  const matching = `select pa.request_id, array_agg(distinct pa.action order by pa.action) as actions, bool_or(pa.overdue) as overdue,
      min(pa.deadline) as deadline, max(pa.created_at) as created_at
    from request_pending_action pa where ${where.join(' and ')} group by pa.request_id`;
  return {
    page: {
      sql: `select ${rowColumns}, m.actions from (${matching} order by overdue desc, deadline asc nulls last, created_at desc, request_id limit ? offset ?) m
            join request r on r.id = m.request_id
            order by m.overdue desc, m.deadline asc nulls last, m.created_at desc, m.request_id`,
      params: [...params, query.perPage, (query.page - 1) * query.perPage],
    },
    count: { sql: `select count(distinct pa.request_id)::int as total from request_pending_action pa where ${where.join(' and ')}`, params },
  };
}

export async function requestActionList(em: EntityManager, viewer: RequestViewer, query: RequestActionListQuery): Promise<RequestList> {
  const statements = buildActionList(viewer, query);
  if (!statements) return { data: [], total: 0, totalCapped: false };
  const [rows, [count]] = await Promise.all([em.execute<DbRow[]>(statements.page.sql, statements.page.params), em.execute<{ total: number }[]>(statements.count.sql, statements.count.params)]);
  return { data: rows.map((r) => toRow(r, viewer.authorityId)), total: count!.total, totalCapped: false };
}

/** (authority, area) pairs a coordinator coordinates for requests: linked request coordinator or access coordinator of the area. */
export interface CoordinatedAuthority {
  authorityId: string;
  area: string;
}

/** The authorities (per area) the viewer's authority coordinates for requests (ch. 4.1.3.3, 9.1.1). */
export async function coordinatedAuthorities(em: EntityManager, coordinatorId: string): Promise<CoordinatedAuthority[]> {
  const rows = await em.execute<{ authority_id: string; area_code: string }[]>(
    `select authority_id, area_code from authority_linked_coordinator where coordinator_id = ? and workflow = 'requests' and authority_id <> ?
     union
     select authority_id, area_code from authority_area where access_coordinator_id = ? and authority_id <> ?`,
    [coordinatorId, coordinatorId, coordinatorId, coordinatorId],
  );
  return rows.map((r) => ({ authorityId: r.authority_id, area: r.area_code }));
}

const sortColumns: Record<(typeof requestSortFields)[number], string> = {
  createdAt: 'created_at',
  sentAt: 'sent_at',
  number: 'number',
  deadline: 'deadline',
};

/** One index-friendly part of the scope: `column = value` (an indexed key) and more conditions. */
interface Branch {
  key: 'requesting_authority_id' | 'responding_authority_id' | 'requester_coordinator_id' | 'responder_coordinator_id';
  value: string;
  /** Coordinated authorities: the areas it is coordinated in. */
  areas?: string[];
  and: string[];
  params: unknown[];
  /** What leaves out the requests of the branches before it (for the total). */
  exclude: { and: string[]; params: unknown[] };
}

/**
 * The search (5.3.9.2). Scope `own`: every request the viewer's authority sent (drafts and closed
 * included) or received (once sent to it). Scope `coordinated`: the requests of the authorities it
 * coordinates in the request's area, except their drafts, and those it takes part in as request
 * coordinator. `coordinated` is the (authority, area) list from `coordinatedAuthorities`.
 *
 * The scope is a union of branches, each on one indexed key (an authority id on one side, or a
 * coordinator id): an OR over the keys made PostgreSQL scan a whole side of the table for small
 * authorities. Each key's index is covering (request.ts: sorted by creation, id, and INCLUDE the
 * filtered columns and the other keys), so the branches are read by index-only scans: the page
 * takes (id, sort key) from each branch, keeps the page, and only then reads its rows from the
 * table; the total reads the branches one after the other, each leaving out the requests of the
 * branches before it, and stops one past the cap.
 */
export function buildRequestSearch(viewer: Pick<RequestViewer, 'authorityId'>, query: RequestSearchQuery, coordinated: readonly CoordinatedAuthority[] = []): { page: Sql; count: Sql } {
  const notReceived = `status not in (${list(notYetReceivedStatuses)})`;
  const sent = query.direction !== 'received';
  const received = query.direction !== 'sent';
  const me = viewer.authorityId;
  const none = { and: [] as string[], params: [] as unknown[] };
  const branches: Branch[] = [];
  if (query.scope === 'own') {
    if (sent) branches.push({ key: 'requesting_authority_id', value: me, and: [], params: [], exclude: none });
    // An authority never requests itself (the request machine refuses it); left out all the same.
    if (received) branches.push({ key: 'responding_authority_id', value: me, and: [notReceived], params: [...notYetReceivedStatuses], exclude: sent ? { and: ['requesting_authority_id <> ?'], params: [me] } : none });
  } else {
    const pairs = query.authorityId ? coordinated.filter((c) => c.authorityId === query.authorityId) : coordinated;
    const areasOf = new Map<string, string[]>();
    for (const p of pairs) areasOf.set(p.authorityId, [...(areasOf.get(p.authorityId) ?? []), p.area]);
    // Requests it takes part in as a request coordinator (approvals, referrals), then those of the
    // coordinated authorities as requester, then as responder.
    const asRequesterCoordinator = sent && !query.authorityId;
    const asResponderCoordinator = received && !query.authorityId;
    const notRequesterCoordinator = asRequesterCoordinator ? { and: ['requester_coordinator_id is distinct from ?'], params: [me] } : none;
    if (asRequesterCoordinator) branches.push({ key: 'requester_coordinator_id', value: me, and: [], params: [], exclude: none });
    if (asResponderCoordinator) branches.push({ key: 'responder_coordinator_id', value: me, and: [notReceived], params: [...notYetReceivedStatuses], exclude: notRequesterCoordinator });
    for (const [authorityId, areas] of areasOf) {
      if (!sent) break;
      const exclude = { and: [...notRequesterCoordinator.and], params: [...notRequesterCoordinator.params] };
      if (asResponderCoordinator) {
        exclude.and.push(`(responder_coordinator_id is distinct from ? or status in (${list(notYetReceivedStatuses)}))`);
        exclude.params.push(me, ...notYetReceivedStatuses);
      }
      branches.push({ key: 'requesting_authority_id', value: authorityId, areas, and: [`status <> 'draft'`], params: [], exclude });
    }
    for (const [authorityId, areas] of areasOf) {
      if (!received) break;
      const exclude = { and: [...notRequesterCoordinator.and], params: [...notRequesterCoordinator.params] };
      if (asResponderCoordinator) {
        exclude.and.push('responder_coordinator_id is distinct from ?');
        exclude.params.push(me);
      }
      if (sent) {
        // Not requested by a coordinated authority in the request's area (a hashed NOT IN).
        exclude.and.push('(requesting_authority_id, legislation_area) not in (select * from unnest(?::uuid[], ?::text[]))');
        exclude.params.push(pgArray(pairs.map((p) => p.authorityId)), pgArray(pairs.map((p) => p.area)));
      }
      branches.push({ key: 'responding_authority_id', value: authorityId, areas, and: [notReceived], params: [...notYetReceivedStatuses], exclude });
    }
  }
  const filters: string[] = [];
  const filterParams: unknown[] = [];
  if (query.status) {
    filters.push(`status in (${list(query.status)})`);
    filterParams.push(...query.status);
  }
  if (query.area) {
    filters.push('legislation_area = ?');
    filterParams.push(query.area);
  }
  if (query.number) {
    // A whole number matches by equality; a start by prefix (the varchar_pattern_ops index).
    if (/^REQ-\d{4}-\d{6,}$/.test(query.number)) {
      filters.push('number = ?');
      filterParams.push(query.number);
    } else {
      filters.push('number like ?');
      filterParams.push(`${query.number}%`);
    }
  }
  if (query.sentFrom) {
    filters.push('sent_at >= ?::date');
    filterParams.push(query.sentFrom);
  }
  if (query.sentTo) {
    filters.push('sent_at < ?::date + 1');
    filterParams.push(query.sentTo);
  }
  /**
   * The other side's country, seen from the viewer: on its requester branch the responder's, on its
   * responder branch the requester's; for coordinators either side.
   */
  const countryFilter = (b: Branch): Sql | null => {
    if (!query.country) return null;
    if (query.scope === 'coordinated') return { sql: '(requesting_country = ? or responding_country = ?)', params: [query.country, query.country] };
    return { sql: `${b.key === 'requesting_authority_id' ? 'responding_country' : 'requesting_country'} = ?`, params: [query.country] };
  };
  if (branches.length === 0) {
    return { page: { sql: `select ${rowColumns} from request r where false`, params: [] }, count: { sql: 'select 0::int as total', params: [] } };
  }

  // A split's provisional row is in no list until it opens (the status is in every search index, so the scans stay index-only).
  const notProvisional = `status <> '${provisionalRequestStatus}'`;
  const branchConditions = (b: Branch, key: string, exclusive: boolean): Sql => {
    const country = countryFilter(b);
    const exclude = exclusive ? b.exclude : none;
    return {
      sql: [key, notProvisional, ...b.and, ...exclude.and, ...filters, ...(country ? [country.sql] : [])].join(' and '),
      params: [...b.params, ...exclude.params, ...filterParams, ...(country?.params ?? [])],
    };
  };
  /**
   * `statement(<branch's where clause>)` for every branch. The coordinated authorities' branches of
   * one side are one LATERAL over a VALUES list of (authority, its areas): planned once instead of
   * once per authority (40 branches took ~10 ms to plan).
   */
  const fromBranches = (statement: (where: string) => string, exclusive: boolean): Sql[] => {
    const parts: Sql[] = [];
    const conditions = (b: Branch, key: string) => branchConditions(b, key, exclusive);
    for (const b of branches.filter((b) => !b.areas)) {
      const where = conditions(b, `${b.key} = ?`);
      parts.push({ sql: statement(where.sql), params: [b.value, ...where.params] });
    }
    for (const key of ['requesting_authority_id', 'responding_authority_id'] as const) {
      const side = branches.filter((b) => b.areas && b.key === key);
      if (side.length === 0) continue;
      const where = conditions(side[0]!, `${key} = a.key and legislation_area = any(a.areas)`);
      parts.push({
        sql: `select x.* from (values ${side.map(() => '(?::uuid, ?::text[])').join(', ')}) a(key, areas) cross join lateral (${statement(where.sql)}) x`,
        params: [...side.flatMap((b) => [b.value, pgArray(b.areas!)]), ...where.params],
      });
    }
    return parts;
  };
  const union = (parts: Sql[], operator: 'union' | 'union all'): Sql => ({ sql: parts.map((p) => `(${p.sql})`).join(` ${operator} `), params: parts.flatMap((p) => p.params) });

  const direction = query.order === 'asc' ? 'asc' : 'desc';
  const nulls = query.sort === 'sentAt' || query.sort === 'deadline' ? ' nulls last' : '';
  const sortColumn = sortColumns[query.sort];
  const orderBy = `${sortColumn} ${direction}${nulls}, id ${direction}`;
  // Every branch's first `end` (id, sort key) pairs hold the page; `union` drops the pairs two
  // branches share (cheaper than leaving them out of the later branch: overlaps can be large).
  const end = query.page * query.perPage;
  // A coordinator's page, newest or oldest first: its requests are at least as new (old) as the
  // first branch's `end`-th (a subset of the union), so every branch stops there: the coordinated
  // authorities' branches then read a few entries each instead of `end` (not worth it for `own`'s two).
  const first = branches[0]!;
  const bound: Sql | null =
    query.scope === 'coordinated' && query.sort === 'createdAt' && !first.areas
      ? (() => {
          const where = branchConditions(first, `${first.key} = ?`, false);
          return {
            sql: `with bound as materialized (select created_at from request where ${where.sql} order by ${orderBy} offset ${end - 1} limit 1)`,
            params: [first.value, ...where.params],
          };
        })()
      : null;
  const withinBound = bound ? ` and created_at ${direction === 'desc' ? '>=' : '<='} coalesce((select created_at from bound), '${direction === 'desc' ? '-' : ''}infinity')` : '';
  const keys = union(fromBranches((where) => `select id, ${sortColumn} from request where ${where}${withinBound} order by ${orderBy} limit ${end}`, false), 'union');
  // The total, exact up to the cap: the branches, each leaving out the earlier ones' requests,
  // are counted one after the other until one more than the cap. With a "sent from" date, by the
  // sent-date indexes from that date on (by creation, a coordinator's total read every request).
  const newestFirst = query.sentFrom ? ' order by sent_at desc' : '';
  const rows = union(fromBranches((where) => `select 1 from request where ${where}${newestFirst}`, true), 'union all');
  return {
    page: {
      sql: `${bound?.sql ?? ''} select ${rowColumns} from (select id from (${keys.sql}) k order by ${orderBy} limit ? offset ?) p join request r on r.id = p.id
            order by r.${sortColumn} ${direction}${nulls}, r.id ${direction}`,
      params: [...(bound?.params ?? []), ...keys.params, query.perPage, (query.page - 1) * query.perPage],
    },
    count: { sql: `select count(*)::int as total from (select 1 from (${rows.sql}) b limit ${requestSearchTotalCap + 1}) c`, params: rows.params },
  };
}

export async function searchRequests(em: EntityManager, viewer: Pick<RequestViewer, 'authorityId'>, query: RequestSearchQuery): Promise<RequestList> {
  const coordinated = query.scope === 'coordinated' ? await coordinatedAuthorities(em, viewer.authorityId) : [];
  if (query.scope === 'coordinated' && query.authorityId && !coordinated.some((c) => c.authorityId === query.authorityId)) return { data: [], total: 0, totalCapped: false };
  const { page, count } = buildRequestSearch(viewer, query, coordinated);
  const [rows, [total]] = await Promise.all([em.execute<DbRow[]>(page.sql, page.params), em.execute<{ total: number }[]>(count.sql, count.params)]);
  return { data: rows.map((r) => toRow(r, viewer.authorityId)), total: Math.min(total!.total, requestSearchTotalCap), totalCapped: total!.total > requestSearchTotalCap };
}
