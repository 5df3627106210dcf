/**
 * The request action list and search against real PostgreSQL (domain.md §5, IMI manual 5.3.9):
 * who sees which request, with which filters, sorted and paged; coordinators see their
 * coordinated authorities' requests.
 */
import type { MikroORM } from '@mikro-orm/postgresql';
import { randomUUID } from 'node:crypto';
import { requestActionList, requestActionListQuerySchema, requestSearchQuerySchema, searchRequests, type RequestViewer } from '../api/requests/search';
import { insertProvisionalSplitRequest, projectRequestSnapshot } from '../schema/requestReadModel';
import type { PendingAction, RequestSnapshot, RequestStatus } from '../workflows/request/snapshot';
import { openTestOrm } from './stack';

let orm: MikroORM;
const PQ = 'professional-qualifications';

const dk = randomUUID(); // requesting CA
const de = randomUUID(); // responding CA
const fr = randomUUID(); // another requester
const coordinator = randomUUID(); // DK request coordinator of `dk` in PQ
const [dkHandler, deHandler, deAllocated, deServicesOnly, coordReferral] = Array.from({ length: 5 }, () => randomUUID());
const tag = String(Math.floor(Math.random() * 1e7)).padStart(7, '0');
const numbers: Record<string, string> = {};
const ids: Record<string, string> = {};

async function anAuthorityRow(id: string, country: string, kind = 'CA') {
  await orm.em.fork().execute(
    `insert into authority (id, country_code, kind, official_name, informal_title, languages, address_lines, city, contact_email, status, search_text, exact_text, created_at, updated_at)
     values (?, ?, ?, ?, '{}', '["en"]', '[]', 'City', ?, 'active', '', '', now(), now())`,
    [id, country, kind, `Search test ${kind} ${id.slice(0, 8)}`, `a-${id.slice(0, 8)}@authority.example`],
  );
}

function aRequest(key: string, i: number, fields: { status: RequestStatus; from?: string; fromCountry?: string; area?: string; sentAt?: string | null; pending?: PendingAction[]; requesterCoordinatorId?: string | null }): RequestSnapshot {
  const requestId = randomUUID();
  ids[key] = requestId;
  numbers[key] = `REQ-2026-${tag}${i}`;
  return {
    requestId,
    number: numbers[key]!,
    legislationArea: fields.area ?? PQ,
    questionSet: fields.area === 'services' ? 'services-establishment' : 'pq-diploma',
    status: fields.status,
    version: 1,
    requestingAuthorityId: fields.from ?? dk,
    requestingCountry: fields.fromCountry ?? 'DK',
    respondingAuthorityId: fields.from === fr ? dk : de,
    respondingCountry: fields.from === fr ? 'DK' : 'DE',
    requesterCoordinatorId: fields.requesterCoordinatorId ?? null,
    responderCoordinatorId: null,
    requesterHandlerIds: [dkHandler],
    responderHandlerIds: [],
    pendingActions: fields.pending ?? [],
    deadline: `2026-12-${String(10 + i).padStart(2, '0')}`,
    proposedDeadline: null,
    overdue: false,
    createdAt: `2026-10-0${i}T08:00:00.000Z`,
    sentAt: fields.sentAt ?? null,
    acceptedAt: null,
    answeredAt: null,
    closedAt: fields.status === 'closed' ? '2026-11-01T08:00:00.000Z' : null,
    splitFromRequestId: null,
    relatedRequestNumber: null,
    questionIds: [],
    requesterCoordinatorHandlerIds: [],
    responderCoordinatorHandlerIds: [],
    urgent: false,
    closeRemindersSent: 0,
    measuresMayApplyAt: null,
    commissionDecision: null,
  };
}

beforeAll(async () => {
  orm = (await openTestOrm()) as MikroORM;
  for (const [id, country, kind] of [[dk, 'DK', 'CA'], [de, 'DE', 'CA'], [fr, 'FR', 'CA'], [coordinator, 'DK', 'DIMIC']] as const) await anAuthorityRow(id, country, kind);
  await orm.em.fork().execute(`insert into authority_linked_coordinator (authority_id, area_code, workflow, coordinator_id) values (?, ?, 'requests', ?)`, [dk, PQ, coordinator]);
  const snapshots = [
    aRequest('draft', 1, { status: 'draft', pending: [{ authorityId: dk, role: 'case-handler', userIds: [dkHandler], action: 'send' }] }),
    aRequest('received', 2, { status: 'awaiting-acceptance', sentAt: '2026-10-05T09:00:00.000Z', pending: [{ authorityId: de, role: 'case-handler', userIds: null, action: 'accept-or-reject' }] }),
    aRequest('allocated', 3, { status: 'accepted', sentAt: '2026-10-06T09:00:00.000Z', pending: [{ authorityId: de, role: 'case-handler', userIds: [deAllocated], action: 'answer' }] }),
    aRequest('closed', 4, { status: 'closed', sentAt: '2026-09-01T09:00:00.000Z' }),
    aRequest('approval', 5, { status: 'request-pending-approval', requesterCoordinatorId: coordinator, pending: [{ authorityId: coordinator, role: 'referral-handler', userIds: null, action: 'approve-request' }] }),
    aRequest('fromFrance', 6, { status: 'awaiting-acceptance', from: fr, fromCountry: 'FR', area: 'services', sentAt: '2026-10-07T09:00:00.000Z', pending: [{ authorityId: dk, role: 'case-handler', userIds: null, action: 'accept-or-reject' }] }),
  ];
  for (const s of snapshots) await orm.em.fork().transactional((tx) => projectRequestSnapshot(tx, s, { action: 'created', actor: 'system', at: s.createdAt, reason: null }));
  // A split's provisional row, as the split route writes it before the new request opens: in no list (every exact list below would show it).
  ids.provisional = randomUUID();
  numbers.provisional = `REQ-2026-${tag}9`;
  await insertProvisionalSplitRequest(orm.em.fork(), {
    id: ids.provisional,
    number: numbers.provisional,
    splitFrom: ids.received!,
    legislationArea: PQ,
    questionSet: 'pq-diploma',
    requestingAuthorityId: dk,
    requestingCountry: 'DK',
    respondingAuthorityId: de,
    respondingCountry: 'DE',
    urgent: false,
  });
});
afterAll(async () => {
  await orm?.close();
});

const viewer = (userId: string, authorityId: string, roles: RequestViewer['roles']): RequestViewer => ({ userId, authorityId, roles });
const keyOf = (id: string) => Object.entries(ids).find(([, v]) => v === id)?.[0];
const actionList = async (v: RequestViewer, query: Record<string, unknown> = {}) => {
  const list = await requestActionList(orm.em.fork(), v, requestActionListQuerySchema.parse(query));
  return { keys: list.data.map((r) => keyOf(r.id)), total: list.total, rows: list.data };
};
const search = async (authorityId: string, query: Record<string, unknown> = {}) => {
  const list = await searchRequests(orm.em.fork(), { authorityId }, requestSearchQuerySchema.parse({ perPage: 50, ...query }));
  return { keys: list.data.map((r) => keyOf(r.id)), total: list.total, rows: list.data };
};

describe('action list', () => {
  it("holds the requester's own draft for the case handler assigned to it", async () => {
    const list = await actionList(viewer(dkHandler, dk, [{ role: 'case-handler', area: PQ, workflow: 'requests' }]));
    expect(list).toMatchObject({ keys: ['draft'], total: 1 });
    expect(list.rows[0]).toMatchObject({ side: 'requester', actions: ['send'], status: 'draft', number: numbers.draft });
  });

  it('gives an unallocated received request to every case handler of the area, an allocated one only to its handler', async () => {
    expect(await actionList(viewer(deHandler, de, [{ role: 'case-handler', area: PQ, workflow: 'requests' }]))).toMatchObject({ keys: ['received'], total: 1 });
    expect((await actionList(viewer(deAllocated, de, [{ role: 'case-handler', area: PQ }]))).keys.sort()).toEqual(['allocated', 'received']);
  });

  it('needs the role in the request area, for requests', async () => {
    expect(await actionList(viewer(deServicesOnly, de, [{ role: 'case-handler', area: 'services', workflow: 'requests' }]))).toMatchObject({ keys: [], total: 0 });
    expect(await actionList(viewer(deHandler, de, [{ role: 'case-handler', area: PQ, workflow: 'alerts' }, { role: 'request-observer', area: PQ }]))).toMatchObject({ keys: [], total: 0 });
    expect((await actionList(viewer(dkHandler, dk, [{ role: 'case-handler' }]))).keys.sort()).toEqual(['draft', 'fromFrance']); // every area
  });

  it("gives approvals to the coordinator's referral handlers, and filters by status", async () => {
    const referral = viewer(coordReferral, coordinator, [{ role: 'referral-handler', area: PQ, workflow: 'requests' }]);
    expect(await actionList(referral)).toMatchObject({ keys: ['approval'], total: 1 });
    expect(await actionList(referral, { status: 'draft' })).toMatchObject({ keys: [], total: 0 });
  });
});

describe('search', () => {
  it("finds everything the authority sent (drafts and closed too) and what it received", async () => {
    const all = await search(dk);
    expect(all.keys.sort()).toEqual(['allocated', 'approval', 'closed', 'draft', 'fromFrance', 'received']);
    expect(all.rows.find((r) => keyOf(r.id) === 'fromFrance')!.side).toBe('responder');
    expect((await search(dk, { direction: 'sent' })).keys).not.toContain('fromFrance');
    expect((await search(dk, { direction: 'received' })).keys).toEqual(['fromFrance']);
  });

  it("lists no split's provisional row before the new request opens, by any key or count", async () => {
    for (const [authorityId, query] of [[dk, {}], [de, {}], [dk, { number: numbers.provisional }], [de, { number: numbers.provisional }], [coordinator, { scope: 'coordinated' }]] as const) {
      const found = await search(authorityId, query);
      expect(found.keys).not.toContain('provisional');
      expect(found.rows.some((r) => r.id === ids.provisional)).toBe(false);
    }
    expect((await search(dk, { number: numbers.provisional })).total).toBe(0);
  });

  it('shows the responder a request only once it has been sent to it', async () => {
    expect((await search(de)).keys.sort()).toEqual(['allocated', 'closed', 'received']);
  });

  it('filters by status, sent date range, counterpart country, number and area', async () => {
    expect((await search(dk, { status: 'closed,draft' })).keys.sort()).toEqual(['closed', 'draft']);
    expect((await search(dk, { sentFrom: '2026-10-05', sentTo: '2026-10-06' })).keys.sort()).toEqual(['allocated', 'received']);
    expect((await search(dk, { country: 'fr' })).keys).toEqual(['fromFrance']);
    expect((await search(dk, { country: 'DE', status: 'awaiting-acceptance' })).keys).toEqual(['received']);
    expect((await search(dk, { number: numbers.closed })).keys).toEqual(['closed']);
    expect((await search(dk, { area: 'services' })).keys).toEqual(['fromFrance']);
  });

  it('sorts and pages with the total', async () => {
    const page = await search(dk, { sort: 'number', order: 'asc', perPage: 2, page: 2 });
    expect(page).toMatchObject({ keys: ['allocated', 'closed'], total: 6 }); // numbers …1 draft, …2 received, …3 allocated, …4 closed
    expect((await search(dk, { sort: 'sentAt', order: 'desc' })).keys.slice(0, 4)).toEqual(['fromFrance', 'allocated', 'received', 'closed']);
    expect((await search(dk, { sort: 'createdAt', order: 'desc', perPage: 1 })).keys).toEqual(['fromFrance']);
  });

  it("gives a coordinator its coordinated authorities' requests of the coordinated area, without their drafts", async () => {
    const coordinated = await search(coordinator, { scope: 'coordinated' });
    expect(coordinated.keys.sort()).toEqual(['allocated', 'approval', 'closed', 'received']);
    expect(coordinated.rows.every((r) => r.side === 'coordinator')).toBe(true);
    expect((await search(coordinator, { scope: 'coordinated', authorityId: dk, status: 'closed' })).keys).toEqual(['closed']);
    expect((await search(coordinator, { scope: 'coordinated', authorityId: fr })).total).toBe(0);
    expect((await search(coordinator)).total).toBe(0); // its own requests: none
  });

  it('counts the total exactly up to 1,000 and says when more match', async () => {
    const busy = randomUUID();
    await anAuthorityRow(busy, 'SE');
    await orm.em.fork().execute(
      `insert into request (id, number, legislation_area, question_set, status, version, requesting_authority_id, requesting_country, responding_authority_id,
         responding_country, requester_handler_ids, responder_handler_ids, overdue, created_at, sent_at, question_ids, requester_coordinator_handler_ids,
         responder_coordinator_handler_ids, updated_at)
       select gen_random_uuid(), 'REQ-2025-' || ? || lpad(g::text, 4, '0'), 'services', 'services-establishment', case when g <= 10 then 'draft' else 'closed' end, 1,
         ?, 'SE', ?, 'DE', '[]', '[]', false, now() - g * interval '1 minute', now(), '[]', '[]', '[]', now()
       from generate_series(1, 1005) g`,
      [tag, busy, de],
    );
    expect(await searchRequests(orm.em.fork(), { authorityId: busy }, requestSearchQuerySchema.parse({}))).toMatchObject({ total: 1000, totalCapped: true });
    const drafts = await searchRequests(orm.em.fork(), { authorityId: busy }, requestSearchQuerySchema.parse({ status: 'draft', perPage: 5, page: 2 }));
    expect({ rows: drafts.data.length, total: drafts.total, totalCapped: drafts.totalCapped }).toEqual({ rows: 5, total: 10, totalCapped: false });
  });

  /** `n` closed requests from `from` to `to` in services, numbered REQ-<year>-<tag><4 digits>. */
  const someRequests = async (n: number, year: number, from: string, to: string, requesterCoordinatorId: string | null = null) => {
    await orm.em.fork().execute(
      `insert into request (id, number, legislation_area, question_set, status, version, requesting_authority_id, requesting_country, responding_authority_id,
         responding_country, requester_coordinator_id, requester_handler_ids, responder_handler_ids, overdue, created_at, sent_at, question_ids,
         requester_coordinator_handler_ids, responder_coordinator_handler_ids, updated_at)
       select gen_random_uuid(), 'REQ-' || ? || '-' || ? || lpad(g::text, 4, '0'), 'services', 'services-establishment', 'closed', 1,
         ?, 'SE', ?, 'FI', ?, '[]', '[]', false, now() - g * interval '1 minute', now(), '[]', '[]', '[]', now()
       from generate_series(1, ?) g`,
      [year, tag, from, to, requesterCoordinatorId, n],
    );
  };
  const totalOf = async (authorityId: string, query: Record<string, unknown> = {}) => {
    const list = await searchRequests(orm.em.fork(), { authorityId }, requestSearchQuerySchema.parse(query));
    return { total: list.total, totalCapped: list.totalCapped };
  };

  it("adds up an authority's sent and received requests exactly up to 1,000", async () => {
    const [a, b] = [randomUUID(), randomUUID()];
    for (const id of [a, b]) await anAuthorityRow(id, 'SE');
    await someRequests(600, 2024, a, b);
    await someRequests(400, 2023, b, a);
    expect(await totalOf(a)).toEqual({ total: 1000, totalCapped: false });
    expect(await totalOf(a, { direction: 'received' })).toEqual({ total: 400, totalCapped: false });
    await someRequests(1, 2022, b, a);
    expect(await totalOf(a)).toEqual({ total: 1000, totalCapped: true });
    expect(await totalOf(a, { direction: 'sent' })).toEqual({ total: 600, totalCapped: false });
  });

  it("counts a coordinator's request once when it is in several of its branches, and caps the union", async () => {
    const [coord, x, y, z] = [randomUUID(), randomUUID(), randomUUID(), randomUUID()];
    await anAuthorityRow(coord, 'SE', 'DIMIC');
    for (const id of [x, y, z]) await anAuthorityRow(id, 'SE');
    for (const id of [x, y]) await orm.em.fork().execute(`insert into authority_linked_coordinator (authority_id, area_code, workflow, coordinator_id) values (?, 'services', 'requests', ?)`, [id, coord]);
    // x → y: in x's sent and y's received branch, and in the coordinator's own (request coordinator) branch.
    await someRequests(600, 2021, x, y, coord);
    expect(await totalOf(coord, { scope: 'coordinated' })).toEqual({ total: 600, totalCapped: false });
    const page = await searchRequests(orm.em.fork(), { authorityId: coord }, requestSearchQuerySchema.parse({ scope: 'coordinated', perPage: 200, page: 3 }));
    expect(new Set(page.data.map((r) => r.id)).size).toBe(200);
    // y → x and z → x: no branch holds more than 1,000, their union does.
    await someRequests(300, 2020, y, x);
    expect(await totalOf(coord, { scope: 'coordinated' })).toEqual({ total: 900, totalCapped: false });
    await someRequests(100, 2019, z, x);
    expect(await totalOf(coord, { scope: 'coordinated' })).toEqual({ total: 1000, totalCapped: false });
    await someRequests(1, 2018, z, x);
    expect(await totalOf(coord, { scope: 'coordinated' })).toEqual({ total: 1000, totalCapped: true });
    expect(await totalOf(coord, { scope: 'coordinated', authorityId: y })).toEqual({ total: 900, totalCapped: false });
    // Newest and oldest first: the newest is in a later branch than the coordinator's own (z → x), the oldest in it.
    const newest = await searchRequests(orm.em.fork(), { authorityId: coord }, requestSearchQuerySchema.parse({ scope: 'coordinated', perPage: 1 }));
    expect(newest.data.map((r) => r.number)).toEqual([`REQ-2018-${tag}0001`]);
    const oldest = await searchRequests(orm.em.fork(), { authorityId: coord }, requestSearchQuerySchema.parse({ scope: 'coordinated', perPage: 2, page: 1, order: 'asc' }));
    expect(oldest.data.map((r) => r.number)).toEqual([`REQ-2021-${tag}0600`, `REQ-2021-${tag}0599`]);
  });

  it('lists no personal data', async () => {
    const { rows } = await search(dk);
    expect(Object.keys(rows[0]!).sort()).toEqual(
      ['actions', 'closedAt', 'createdAt', 'deadline', 'id', 'legislationArea', 'number', 'overdue', 'questionSet', 'requestingAuthorityId', 'requestingCountry', 'respondingAuthorityId', 'respondingCountry', 'sentAt', 'side', 'status'].sort(),
    );
  });
});

describe('query schemas', () => {
  it('reject bad input with field messages', () => {
    const bad = requestSearchQuerySchema.safeParse({ sentFrom: '2026-10-05', sentTo: '2026-10-01', status: 'open', country: 'Denmark', perPage: '500' });
    expect(bad.success).toBe(false);
    expect(bad.error!.issues.map((i) => i.path.join('.')).sort()).toEqual(['country', 'perPage', 'status.0']);
    expect(requestSearchQuerySchema.safeParse({ sentFrom: '2026-10-05', sentTo: '2026-10-01' }).error!.issues.map((i) => i.path.join('.'))).toEqual(['sentTo']);
  });
});
