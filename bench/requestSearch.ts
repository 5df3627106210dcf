/**
 * Request action list and search at volume: 1,000,000 requests (default; `--requests N`) over
 * ~2,000 authorities in 30 countries, loaded with generate_series into a fresh embedded PostgreSQL
 * in a temp folder, migrated and ANALYZEd. Then each query of api/requests/search.ts runs ~500
 * times (`--runs N`) for random users / authorities, as the API calls it (page + total), and the
 * bench prints p50/p95/p99 per query and whether p95 ≤ 20 ms.
 *
 * Distribution: requesters are skewed (a few authorities send many requests, most send few);
 * 70 % closed, the rest spread over the open statuses with their pending actions (30 % of the
 * open ones allocated to a user, 10 % at authorities using allocation); created over three years.
 *
 * Before measuring, the tables and indexes are read into shared buffers (pg_prewarm), as on a
 * server that has been running; `--cold` skips that.
 *
 *   npm run bench:request-search [-- --requests 1000000 --runs 500 --explain --cold]
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { EntityManager, MikroORM } from '@mikro-orm/postgresql';
import { buildActionList, buildRequestSearch, coordinatedAuthorities, requestActionList, requestActionListQuerySchema, requestSearchQuerySchema, searchRequests, type RequestViewer } from '../api/requests/search';
import { startEmbeddedPostgres } from '../bin/embedded/postgres';
import { freePort } from '../bin/embedded/ports';
import { loadReferenceData } from '../schema/referenceData';
import { migrate, openOrm } from '../schema/orm';

const arg = (name: string, fallback: number) => {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? Number(process.argv[i + 1]) : fallback;
};
const requestCount = arg('requests', 1_000_000);
const runs = arg('runs', 500);
/** `--explain`: print the plans of the heaviest authority's queries before measuring. */
const explain = process.argv.includes('--explain');
/** `--cold`: skip reading the tables and indexes into shared buffers after the load. */
const cold = process.argv.includes('--cold');
const authorityCount = 2_000;
const targetP95Ms = 20;

const areas = ['services', 'professional-qualifications', 'posting-of-workers', 'patients-rights', 'euro-cash-transport', 'solvit'];
const countries = ['AT', 'BE', 'BG', 'HR', 'CY', 'CZ', 'DK', 'EE', 'FI', 'FR', 'DE', 'GR', 'HU', 'IE', 'IT', 'LV', 'LT', 'LU', 'MT', 'NL', 'PL', 'PT', 'RO', 'SK', 'SI', 'ES', 'SE', 'IS', 'LI', 'NO'];

async function timed<T>(label: string, fn: () => Promise<T>): Promise<T> {
  const started = performance.now();
  process.stdout.write(`${label} … `);
  const value = await fn();
  console.log(`${((performance.now() - started) / 1000).toFixed(1)} s`);
  return value;
}

/** Authorities 0..1999 (every 20th a coordinator linked to the next 19 in every area), the requests and their pending actions. */
async function load(em: EntityManager) {
  await timed(`${authorityCount} authorities, coordinator links`, async () => {
    await em.execute(
      `insert into authority (id, country_code, kind, official_name, informal_title, languages, address_lines, city, contact_email, status, search_text, exact_text, created_at, updated_at)
       select md5('authority' || i)::uuid, (array[${countries.map((c) => `'${c}'`).join(',')}])[1 + i % ${countries.length}],
              case when i % 20 = 0 then 'DIMIC' else 'CA' end, 'Bench authority ' || i, '{}', '["en"]', '[]', 'City',
              'bench-' || i || '@authority.example', 'active', '', '', now(), now()
       from generate_series(0, ${authorityCount - 1}) i`,
    );
    await em.execute(
      `insert into authority_linked_coordinator (authority_id, area_code, workflow, coordinator_id)
       select md5('authority' || i)::uuid, a, 'requests', md5('authority' || (i / 20 * 20))::uuid
       from generate_series(0, ${authorityCount - 1}) i, unnest(array[${areas.map((a) => `'${a}'`).join(',')}]) a where i % 20 <> 0`,
    );
  });
  // Indexes are dropped for the bulk load and rebuilt after it (minutes faster than maintaining them row by row).
  const indexes = await em.execute<{ indexname: string; indexdef: string }[]>(
    `select indexname, indexdef from pg_indexes where tablename in ('request', 'request_pending_action') and indexname not like '%pkey' and indexname not like '%unique'`,
  );
  for (const index of indexes) await em.execute(`drop index "${index.indexname}"`);
  await timed(`${requestCount.toLocaleString('en')} requests`, async () => {
    // Requester index skewed towards low numbers (u^1.5); the responder another authority.
    await em.execute(
      `insert into request (id, number, legislation_area, question_set, status, version, requesting_authority_id, requesting_country,
         responding_authority_id, responding_country, requester_coordinator_id, responder_coordinator_id, requester_handler_ids,
         responder_handler_ids, deadline, proposed_deadline, overdue, created_at, sent_at, accepted_at, answered_at, closed_at,
         split_from_request_id, related_request_number, question_ids, requester_coordinator_handler_ids, responder_coordinator_handler_ids,
         urgent, close_reminders_sent, measures_may_apply_at, commission_decision, updated_at)
       select md5('request' || g)::uuid, 'REQ-' || extract(year from created)::int || '-' || lpad(g::text, 7, '0'), area, area || '-set',
              status, 3, md5('authority' || req)::uuid, (array[${countries.map((c) => `'${c}'`).join(',')}])[1 + req % ${countries.length}],
              md5('authority' || res)::uuid, (array[${countries.map((c) => `'${c}'`).join(',')}])[1 + res % ${countries.length}],
              md5('authority' || (req / 20 * 20))::uuid, null, '[]', '[]', (created + interval '30 days')::date, null,
              status not in ('closed', 'rejected', 'draft') and created < now() - interval '30 days',
              created, case when status = 'draft' then null else created + interval '1 hour' end, null, null,
              case when status in ('closed', 'rejected') then created + interval '20 days' end,
              null, null, '[]', '[]', '[]', false, 0, null, null, now()
       from (
         select g, req, (req + 1 + (g % ${authorityCount - 1})) % ${authorityCount} as res,
                (array[${areas.map((a) => `'${a}'`).join(',')}])[1 + g % ${areas.length}] as area,
                now() - (random() * interval '1095 days') as created,
                case when s < 0.70 then 'closed' when s < 0.72 then 'rejected' when s < 0.76 then 'draft'
                     when s < 0.83 then 'awaiting-acceptance' when s < 0.91 then 'accepted' when s < 0.95 then 'answered'
                     when s < 0.96 then 'request-pending-approval' when s < 0.97 then 'answer-pending-approval'
                     when s < 0.98 then 'additional-info-requested' when s < 0.99 then 'referred-to-requester-coordinator'
                     else 'reconsideration-requested' end as status
         from (select g, floor(${authorityCount} * power(random(), 1.5))::int as req, random() as s from generate_series(1, ${requestCount}) g) x
       ) y`,
    );
  });
  await timed('pending actions', async () => {
    // The drafts' creator is one of 5 users per authority: md5(authority id || k)::uuid, k = 0..4.
    await em.execute(
      `insert into request_pending_action (request_id, authority_id, role, legislation_area, user_id, action, status, overdue, deadline, created_at)
       select id, who, role, legislation_area, user_id, action, status, overdue, deadline, created_at from (
         select r.id, r.legislation_area, r.status, r.overdue, r.deadline, r.created_at,
                case when r.status in ('draft', 'answered') then r.requesting_authority_id
                     when r.status in ('request-pending-approval', 'referred-to-requester-coordinator') then r.requester_coordinator_id
                     else r.responding_authority_id end as who,
                case when r.status in ('request-pending-approval', 'referred-to-requester-coordinator', 'answer-pending-approval') then 'referral-handler'
                     when r.status = 'awaiting-acceptance' and hashtext(r.id::text) % 10 = 0 then 'allocator' else 'case-handler' end as role,
                case when r.status = 'draft' then md5(r.requesting_authority_id::text || (abs(hashtext(r.id::text)) % 5))::uuid
                     when r.status in ('accepted', 'answered') and abs(hashtext(r.id::text)) % 10 < 3
                       then md5((case when r.status = 'answered' then r.requesting_authority_id else r.responding_authority_id end)::text || (abs(hashtext(r.id::text)) % 5))::uuid
                     end as user_id,
                case r.status when 'draft' then 'send' when 'awaiting-acceptance' then 'accept-or-reject' when 'accepted' then 'answer'
                     when 'answered' then 'close-or-request-more' when 'request-pending-approval' then 'approve-request'
                     when 'answer-pending-approval' then 'approve-answer' when 'additional-info-requested' then 'accept-or-refuse-additional-info'
                     when 'referred-to-requester-coordinator' then 'give-opinion' else 'reconsider' end as action
         from request r where r.status not in ('closed', 'rejected')
       ) p where who is not null`,
    );
  });
  await timed(`rebuild ${indexes.length} indexes`, async () => {
    for (const index of indexes) await em.execute(index.indexdef);
  });
  // What autovacuum does in production: statistics, and the visibility map for index-only scans.
  await timed('VACUUM ANALYZE', () => em.execute('vacuum analyze'));
  if (!cold) {
    // A server that has been running holds its hot tables and indexes in shared buffers; a fresh
    // bulk load leaves them only in the OS cache (reading a row from there took ~0.2 ms here).
    await timed('prewarm request, request_pending_action and their indexes (pg_prewarm)', async () => {
      await em.execute('create extension if not exists pg_prewarm');
      await em.execute(
        `select pg_prewarm(c.oid) from pg_class c left join pg_index i on i.indexrelid = c.oid
         where c.relname in ('request', 'request_pending_action') or i.indrelid in ('request'::regclass, 'request_pending_action'::regclass)`,
      );
    });
  }
  const [counts] = await em.execute<{ requests: number; actions: number }[]>(`select (select count(*) from request)::int as requests, (select count(*) from request_pending_action)::int as actions`);
  const [sizes] = await em.execute<{ request: string; indexes: string }[]>(
    `select pg_size_pretty(pg_table_size('request')) as request, pg_size_pretty(pg_indexes_size('request')) as indexes`,
  );
  console.log(`loaded: ${counts!.requests.toLocaleString('en')} requests (table ${sizes!.request}, its indexes ${sizes!.indexes}), ${counts!.actions.toLocaleString('en')} pending-action rows`);
}

const loadAverage = () => os.loadavg().map((l) => l.toFixed(2)).join(' ');

const pick = <T>(items: readonly T[]): T => items[Math.floor(Math.random() * items.length)]!;
/** Authorities as the skewed load used them: most searches come from authorities that have requests. */
const anAuthority = () => Math.floor(authorityCount * Math.pow(Math.random(), 1.5));
const md5Uuid = async (em: EntityManager, text: string) => (await em.execute<{ id: string }[]>(`select md5(?)::uuid::text as id`, [text]))[0]!.id;

interface Query {
  name: string;
  /**
   * Picks the caller (untimed: the API has it from the session already) and returns the call to
   * time — page + total, as the API runs them — which resolves to its row count.
   */
  prepare(): Promise<() => Promise<number>>;
}

function percentile(sorted: number[], p: number) {
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;
}

async function measure(orm: MikroORM) {
  const em = () => orm.em.fork();
  const authorityIds: string[] = [];
  for (let i = 0; i < authorityCount; i++) authorityIds.push(await md5Uuid(orm.em.fork(), `authority${i}`));
  const userOf = async (authority: string) => md5Uuid(orm.em.fork(), authority + String(Math.floor(Math.random() * 5)));
  const someAreas = () => areas.filter(() => Math.random() < 0.5).concat(pick(areas));
  const search = (authorityId: string, query: Record<string, unknown>) => searchRequests(em(), { authorityId }, requestSearchQuerySchema.parse(query)).then((l) => l.data.length);
  const recent = (days: number) => new Date(Date.now() - days * 86_400_000).toISOString().slice(0, 10);
  const searching = (who: () => string, query: () => Record<string, unknown>) => async () => {
    const authorityId = who();
    const q = query();
    return () => search(authorityId, q);
  };

  const queries: Query[] = [
    {
      name: 'action list (case handler, 1-4 areas)',
      async prepare() {
        const authorityId = authorityIds[anAuthority()]!;
        const viewer: RequestViewer = { userId: await userOf(authorityId), authorityId, roles: [...new Set(someAreas())].map((area) => ({ role: 'case-handler', area, workflow: 'requests' })) };
        return async () => (await requestActionList(em(), viewer, requestActionListQuerySchema.parse({}))).data.length;
      },
    },
    {
      name: 'action list (LDA: case handler + allocator, all areas)',
      async prepare() {
        const authorityId = authorityIds[anAuthority()]!;
        const viewer: RequestViewer = { userId: await userOf(authorityId), authorityId, roles: [{ role: 'case-handler' }, { role: 'allocator' }] };
        return async () => (await requestActionList(em(), viewer, requestActionListQuerySchema.parse({}))).data.length;
      },
    },
    { name: 'search: all own, newest first', prepare: searching(() => authorityIds[anAuthority()]!, () => ({})) },
    { name: 'search: status closed, sent in the last 180 days', prepare: searching(() => authorityIds[anAuthority()]!, () => ({ status: 'closed', sentFrom: recent(180), sentTo: recent(0) })) },
    {
      name: 'search: received, open statuses, one country',
      prepare: searching(() => authorityIds[anAuthority()]!, () => ({ direction: 'received', status: 'awaiting-acceptance,accepted,answered', country: pick(countries) })),
    },
    { name: 'search: area, sorted by sent date, page 3', prepare: searching(() => authorityIds[anAuthority()]!, () => ({ area: pick(areas), sort: 'sentAt', page: 3 })) },
    {
      name: 'search: by number',
      async prepare() {
        const n = 1 + Math.floor(Math.random() * requestCount);
        const [row] = await em().execute<{ number: string; requesting_authority_id: string }[]>('select number, requesting_authority_id from request where id = md5(?)::uuid', [`request${n}`]);
        return () => search(row!.requesting_authority_id, { number: row!.number });
      },
    },
    { name: 'search: coordinator, coordinated authorities, newest first', prepare: searching(() => authorityIds[Math.floor(anAuthority() / 20) * 20]!, () => ({ scope: 'coordinated' })) },
    {
      name: 'search: coordinator, coordinated, status + 90 days',
      prepare: searching(() => authorityIds[Math.floor(anAuthority() / 20) * 20]!, () => ({ scope: 'coordinated', status: 'closed', sentFrom: recent(90) })),
    },
  ];

  if (explain) {
    const heaviest = authorityIds[0]!;
    const plan = async (label: string, sql: string, params: unknown[]) => {
      const rows = await em().execute<Record<string, string>[]>(`explain (analyze, buffers) ${sql}`, params);
      console.log(`\n--- ${label}\n${rows.map((r) => Object.values(r)[0]).join('\n')}`);
    };
    const own = buildRequestSearch({ authorityId: heaviest }, requestSearchQuerySchema.parse({}));
    await plan('search own: page', own.page.sql, own.page.params);
    await plan('search own: count', own.count.sql, own.count.params);
    const coordinated = buildRequestSearch({ authorityId: heaviest }, requestSearchQuerySchema.parse({ scope: 'coordinated' }), await coordinatedAuthorities(em(), heaviest));
    await plan('search coordinated: page', coordinated.page.sql, coordinated.page.params);
    await plan('search coordinated: count', coordinated.count.sql, coordinated.count.params);
    const closed = buildRequestSearch({ authorityId: heaviest }, requestSearchQuerySchema.parse({ scope: 'coordinated', status: 'closed', sentFrom: new Date(Date.now() - 90 * 86_400_000).toISOString().slice(0, 10) }), await coordinatedAuthorities(em(), heaviest));
    await plan('search coordinated, closed + 90 days: page', closed.page.sql, closed.page.params);
    await plan('search coordinated, closed + 90 days: count', closed.count.sql, closed.count.params);
    const actions = buildActionList({ userId: await userOf(heaviest), authorityId: heaviest, roles: [{ role: 'case-handler' }, { role: 'allocator' }] }, requestActionListQuerySchema.parse({}))!;
    await plan('action list: page', actions.page.sql, actions.page.params);
    await plan('action list: count', actions.count.sql, actions.count.params);
  }

  console.log(`\n${runs} runs per query (page of 25 + total), random users/authorities; target p95 ≤ ${targetP95Ms} ms; load average ${loadAverage()}`);
  console.log(`${'query'.padEnd(58)} ${'p50'.padStart(8)} ${'p95'.padStart(8)} ${'p99'.padStart(8)}  rows/run  p95 ok`);
  let allOk = true;
  for (const query of queries) {
    for (let i = 0; i < 20; i++) await (await query.prepare())(); // warm-up
    const times: number[] = [];
    let rows = 0;
    for (let i = 0; i < runs; i++) {
      const call = await query.prepare();
      const started = performance.now();
      rows += await call();
      times.push(performance.now() - started);
    }
    times.sort((a, b) => a - b);
    const [p50, p95, p99] = [50, 95, 99].map((p) => percentile(times, p));
    const ok = p95! <= targetP95Ms;
    allOk &&= ok;
    console.log(`${query.name.padEnd(58)} ${p50!.toFixed(1).padStart(6)}ms ${p95!.toFixed(1).padStart(6)}ms ${p99!.toFixed(1).padStart(6)}ms  ${(rows / runs).toFixed(1).padStart(8)}  ${ok ? 'yes' : 'NO'}`);
  }
  console.log(allOk ? `\nall queries: p95 ≤ ${targetP95Ms} ms` : `\nsome queries miss p95 ≤ ${targetP95Ms} ms`);
  return allOk;
}

async function main() {
  const dataDir = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'liaison-bench-request-search-')), 'pg');
  console.log(`request search bench: ${requestCount.toLocaleString('en')} requests, ${runs} runs per query, ${os.cpus().length} cores, Node ${process.version}, data folder ${dataDir}`);
  // Other processes on the machine slow every query: say how busy it was, at the start and before measuring.
  console.log(`load average ${loadAverage()} (1/5/15 min), memory ${Math.round(os.totalmem() / 2 ** 30)} GB, ${Math.round(os.freemem() / 2 ** 30)} GB free`);
  const pg = await timed('embedded PostgreSQL', async () => startEmbeddedPostgres({ dataDir, port: await freePort(), portVariable: 'BENCH_POSTGRES_PORT' }));
  let orm: MikroORM | undefined;
  let ok = false;
  try {
    orm = (await openOrm(pg.url, { pool: { min: 0, max: 4 } })) as MikroORM;
    await timed('migrations + reference data', async () => {
      await migrate(orm!);
      await loadReferenceData(orm!);
    });
    await load(orm.em.fork());
    ok = await measure(orm);
  } finally {
    await orm?.close();
    await pg.stop();
    fs.rmSync(path.dirname(dataDir), { recursive: true, force: true });
  }
  process.exitCode = ok ? 0 : 1;
}

void main().catch((error) => {
  console.error(error);
  process.exit(1);
});
