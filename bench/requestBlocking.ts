/**
 * Blocking the personal data of closed requests (domain.md §8: 6 months after closure, 18 for
 * SOLVIT): how fast retention hides it.
 *
 *   npm run bench:request-blocking                 # 100,000 requests blocked directly, 2,000 through workflows
 *   npm run bench:request-blocking -- 20000 500    # other counts
 *
 * Runs the backing services (`liaison stack --free-ports`, in a temporary data folder; migrated),
 * then seeds N closed requests straight into PostgreSQL, each with the personal data a real one
 * has: case data, 2 questions with comments, 2 sent free-text answers, a message and a 1 KiB
 * attachment (7 personal-data rows a request).
 *
 * (1) Activity path: every request blocked through the retention activity `blockPersonalData`
 *     (activities/retention.ts → the request's registered personal data store, one transaction
 *     per request), 8 at a time — what RetentionWorkflow's blocking timer runs, without Temporal.
 * (2) End to end: M more requests get a real RetentionWorkflow each on the Temporal dev server
 *     (worker as its own process, `liaison worker`), with a 30 s blocking period so every start is
 *     in before the first timer fires; timed from the first timer due until the read model
 *     (`case_retention.status = 'blocked'`) has all M.
 */
import os from 'node:os';
import { Client, Connection } from '@temporalio/client';
import type { MikroORM } from '@mikro-orm/postgresql';
import '../activities'; // the modules the worker loads, so the request store registers as in the worker
import { retentionActivities } from '../activities/retention';
import { openOrm } from '../schema/orm';
import { personalDataStoreOf } from '../schema/personalDataStores';
import { demoAuthorityIds } from '../schema/demoAuthorities';
import { retentionWorkflowId, retentionWorkflowType, type RetentionInput } from '../workflows/retention/definitions';
import { fmtS, pool, rate, runBench, startStack, startWorker } from './benchProcesses';

const directCount = Number(process.argv[2] ?? 100_000);
const workflowCount = Number(process.argv[3] ?? 2_000);
if (![directCount, workflowCount].every((n) => Number.isInteger(n) && n >= 0)) {
  console.error('usage: npm run bench:request-blocking -- [requests blocked by the activity] [requests blocked by RetentionWorkflows]');
  process.exit(2);
}
const concurrency = 8;
const blockAfterMs = 30_000;
const eraseAfterMs = 3 * 365 * 24 * 3600_000;
const seedChunk = 5_000;

// ---------- seeding ----------

/**
 * Seeds `count` closed requests numbered from `from` with their personal data in one statement
 * per chunk (data-modifying CTEs); returns their ids.
 */
async function seedClosedRequests(orm: MikroORM, prefix: string, from: number, count: number): Promise<string[]> {
  const ids: string[] = [];
  const em = orm.em.fork();
  for (let start = from; start < from + count; start += seedChunk) {
    const end = Math.min(start + seedChunk, from + count) - 1;
    const rows = await em.execute<{ id: string }[]>(
      `with r as (
         insert into request (id, number, legislation_area, question_set, status, version, requesting_authority_id, requesting_country,
           responding_authority_id, responding_country, requester_handler_ids, responder_handler_ids, created_at, sent_at, accepted_at,
           answered_at, closed_at, question_ids, requester_coordinator_handler_ids, responder_coordinator_handler_ids, updated_at)
         select gen_random_uuid(), ? || lpad(g::text, 7, '0'), 'services', 'services-general', 'closed', 12, ?, 'DK', ?, 'DE', '[]', '[]',
           now() - interval '8 months', now() - interval '8 months', now() - interval '7 months 3 weeks', now() - interval '7 months',
           now() - interval '7 months', '[]', '[]', '[]', now()
         from generate_series(?::int, ?::int) g
         returning id),
       cd as (
         insert into request_case_data (request_id, subject_kind, name, identifiers, fields, reason, updated_at)
         select id, 'person', 'Zyxqvist Ørnebjerg ' || left(id::text, 8), jsonb_build_object('nationalId', '010190-' || left(id::text, 4)),
           jsonb_build_object('birthDate', '1990-01-01', 'address', 'Nørregade 1, 1165 København K', 'profession', 'Elektriker'),
           'Checking the diploma of Zyxqvist Ørnebjerg', now() from r),
       q as (
         insert into request_question (id, request_id, question_set, question_code, position, comment, comment_language)
         select gen_random_uuid(), r.id, 'services-general', 'services-general/q' || p, p, 'About Zyxqvist Ørnebjerg, question ' || p, 'en'
         from r, generate_series(1, 2) p
         returning id, request_id),
       a as (
         insert into request_answer (id, request_id, question_id, round, text, language, state, updated_at, sent_at)
         select gen_random_uuid(), q.request_id, q.id, 1, 'Zyxqvist Ørnebjerg holds the diploma since 2012.', 'en', 'sent', now(), now() from q),
       m as (
         insert into request_message (id, request_id, from_side, authority_id, text, language, sent_at)
         select gen_random_uuid(), id, 'responder', ?, 'Please find the certificate of Zyxqvist Ørnebjerg attached.', 'en', now() from r)
       insert into request_attachment (id, request_id, side, file_name, mime_type, size_bytes, content, uploaded_at)
       select gen_random_uuid(), id, 'responder', 'certificate-ornebjerg.pdf', 'application/pdf', 1024, decode(repeat('25', 1024), 'hex'), now() from r
       returning request_id as id`,
      [prefix, demoAuthorityIds.dkNimic, demoAuthorityIds.dkNimic, start, end, demoAuthorityIds.dkNimic],
    );
    ids.push(...rows.map((row) => row.id));
  }
  return ids;
}

async function unblockedRows(orm: MikroORM, ids: string[]): Promise<number> {
  const [row] = await orm.em.getConnection().execute<{ n: string }[]>(
    `select (select count(*) from request_case_data where request_id = any(?::uuid[]) and blocked_at is null)
          + (select count(*) from request_question where request_id = any(?::uuid[]) and blocked_at is null)
          + (select count(*) from request_answer where request_id = any(?::uuid[]) and blocked_at is null)
          + (select count(*) from request_message where request_id = any(?::uuid[]) and blocked_at is null)
          + (select count(*) from request_attachment where request_id = any(?::uuid[]) and blocked_at is null) as n`,
    Array(5).fill(`{${ids.join(',')}}`),
  );
  return Number(row!.n);
}

// ---------- the bench ----------

const main = () => runBench('liaison-bench-blocking-', run);

async function run(dataDir: string) {
  console.log(`request blocking bench: ${directCount.toLocaleString('en')} through the activity, ${workflowCount.toLocaleString('en')} through RetentionWorkflows; ${os.cpus().length} cores, Node ${process.version}`);
  // The worker's modules (../activities) register the request store; the same one blocks here.
  if (!personalDataStoreOf('request')) throw new Error('No personal data store is registered for request cases: retention cannot block requests.');

  const { stackEnv, env, readyMs } = await startStack(dataDir);
  console.log(`stack ready in ${fmtS(readyMs)}`);
  const orm = await openOrm(stackEnv.DATABASE_URL!, { pool: { min: 0, max: concurrency + 2 } });
  const figures: string[] = [];
  try {
    // (1) the activity path
    let started = performance.now();
    const ids = await seedClosedRequests(orm, 'REQ-2023-', 1, directCount);
    const seedMs = performance.now() - started;
    const before = await unblockedRows(orm, ids);
    console.log(`seeded ${ids.length} closed requests with ${before} personal-data rows in ${fmtS(seedMs)}`);
    const { blockPersonalData } = retentionActivities({ orm });
    let done = 0;
    started = performance.now();
    const at = new Date().toISOString();
    const progress = setInterval(() => process.stdout.write(`  [${done} blocked, ${rate(done, performance.now() - started)}]\n`), 15_000);
    try {
      await pool(ids, concurrency, async (caseId) => {
        await blockPersonalData({ caseType: 'request', caseId, at });
        done++;
      });
    } finally {
      clearInterval(progress);
    }
    const blockMs = performance.now() - started;
    const left = await unblockedRows(orm, ids);
    figures.push(
      `(1) activity path: ${ids.length.toLocaleString('en')} closed requests (${before.toLocaleString('en')} personal-data rows) blocked through retentionActivities.blockPersonalData, ` +
        `${concurrency} at a time, in ${fmtS(blockMs)} → ${rate(ids.length, blockMs)} requests (${rate(before, blockMs)} rows); unblocked rows left: ${left}`,
    );
    console.log(figures.at(-1));

    // (2) end to end through RetentionWorkflows
    if (workflowCount > 0) {
      await startWorker(env);
      const wfIds = await seedClosedRequests(orm, 'REQ-2024-', 1, workflowCount);
      const connection = await Connection.connect({ address: stackEnv.TEMPORAL_ADDRESS! });
      const client = new Client({ connection, namespace: stackEnv.TEMPORAL_NAMESPACE ?? 'liaison' });
      const taskQueue = stackEnv.TEMPORAL_TASK_QUEUE ?? 'liaison';
      try {
        const firstStart = performance.now();
        await pool(wfIds, 20, (caseId) =>
          client.workflow.start(retentionWorkflowType, {
            taskQueue,
            workflowId: retentionWorkflowId('request', caseId),
            args: [{ caseType: 'request', caseId, blockAfterMs, eraseAfterMs } satisfies RetentionInput],
          }),
        );
        const startMs = performance.now() - firstStart;
        console.log(`started ${wfIds.length} RetentionWorkflows in ${fmtS(startMs)} (${rate(wfIds.length, startMs)})${startMs > blockAfterMs ? ' — longer than the blocking period: starts and blocks overlapped' : ''}`);
        const firstDue = firstStart + blockAfterMs;
        const countBlocked = async () => {
          const [row] = await orm.em.getConnection().execute<{ n: string }[]>(
            `select count(*) as n from case_retention where case_type = 'request' and status = 'blocked' and case_id = any(?::text[])`,
            [`{${wfIds.join(',')}}`],
          );
          return Number(row!.n);
        };
        const deadline = Date.now() + 20 * 60_000;
        let blocked = 0;
        let lastLog = Date.now();
        while ((blocked = await countBlocked()) < wfIds.length) {
          if (Date.now() > deadline) throw new Error(`only ${blocked}/${wfIds.length} blocked after 20 min`);
          if (Date.now() - lastLog > 15_000) {
            lastLog = Date.now();
            console.log(`  [${blocked}/${wfIds.length} blocked]`);
          }
          await new Promise((r) => setTimeout(r, 250));
        }
        const doneAt = performance.now();
        const leftWf = await unblockedRows(orm, wfIds);
        const blockPhase = doneAt - firstDue;
        figures.push(
          `(2) end to end: ${wfIds.length.toLocaleString('en')} RetentionWorkflows (starts ${rate(wfIds.length, startMs)}, timers due over ${fmtS(startMs)}); all blocked in the read model ${fmtS(blockPhase)} ` +
            `after the first timer was due → ${rate(wfIds.length, blockPhase)} (timer → activity → projection); unblocked rows left: ${leftWf}`,
        );
        console.log(figures.at(-1));
      } finally {
        await connection.close();
      }
    }
  } finally {
    await orm.close();
  }
  console.log('\nresults (2 cores shared with other sessions; see the README):');
  for (const f of figures) console.log(`  ${f}`);
}

main().catch((error) => {
  console.error(error);
  process.exitCode = 1;
});
