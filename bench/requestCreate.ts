/**
 * Create-and-send throughput of information requests through the API, against raw
 * `client.workflow.start` throughput on the same Temporal server in the same run (issue 4's bar:
 * print both and the ratio; goal ≥ 0.8).
 *
 *   npm run bench:request-create             # 300 requests, 16 at a time
 *   npm run bench:request-create -- 1000 32  # another count and concurrency
 *
 * Runs the backing services (`liaison stack --free-ports`, in a temporary data folder), then the
 * worker and the API each as its own process (`liaison worker`, `liaison api`), as
 * bench/invitations.ts does. Authorities (a DK CA with its request coordinator, a DE CA with its)
 * are inserted directly; the caller is a DK case handler with a personal API token.
 *
 * (a) raw: N `client.workflow.start` of RequestWorkflow on a task queue no worker polls — what the
 *     server alone takes to start a workflow; run before and after (b) and (c), the mean is the
 *     baseline;
 * (b) API, the console wizard's path: N × POST /api/requests {send: true} with case data and two
 *     questions, the same concurrency. The API writes the personal data and the first snapshots
 *     (created, sent) in one transaction and starts the workflow plainly; the workflow then emails
 *     the responder's handlers. The time until all those emails went out is printed too;
 * (c) API in two calls: a draft, then POST …/send (a Workflow Update through the worker).
 * Then where the time goes: the latency of each HTTP call, and, from a sample of the workflows'
 * histories, the time each activity and workflow task took (schedule → completion).
 */
import { randomUUID } from 'node:crypto';
import os from 'node:os';
import { Client, Connection } from '@temporalio/client';
import { createMailer } from '../activities/mailer';
import { requestPolicy } from '../schema/requestPolicy';
import { requestWorkflowId, type RequestInput } from '../workflows/request/definitions';
import { openOrm } from '../schema/orm';
import { area, insertAuthority, insertLink, insertUser, questionSet } from '../test/requestWorld';
import { cpuBetween, cpuSeconds, fmtS, perSecond, pool, runBench, startApi, startStack, startWorker } from './benchProcesses';

const count = Number(process.argv[2] ?? 300);
const concurrency = Number(process.argv[3] ?? 16);
if (![count, concurrency].every((n) => Number.isInteger(n) && n >= 1)) {
  console.error('usage: npm run bench:request-create -- [count] [concurrency]');
  process.exit(2);
}
const operatorToken = `bench-operator-${randomUUID()}`;

// ---------- figures ----------

const quantile = (xs: number[], q: number) => {
  if (xs.length === 0) return NaN;
  const sorted = [...xs].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))]!;
};
const ms = (x: number) => `${x.toFixed(0)} ms`;
const dist = (xs: number[]) => `p50 ${ms(quantile(xs, 0.5))}, p95 ${ms(quantile(xs, 0.95))}, mean ${ms(xs.reduce((a, b) => a + b, 0) / Math.max(1, xs.length))}`;

/** Runs `work` n times, `concurrency` at a time; the wall time and each run's time. */
async function timedRuns(n: number, work: (i: number) => Promise<void>): Promise<{ ms: number; each: number[]; errors: number; firstError?: string }> {
  const each: number[] = [];
  let errors = 0;
  let firstError: string | undefined;
  const started = performance.now();
  await pool(Array.from({ length: n }, (_, i) => i), concurrency, async (i) => {
    const t = performance.now();
    try {
      await work(i);
      each.push(performance.now() - t);
    } catch (error) {
      errors++;
      firstError ??= (error as Error).message;
    }
  });
  return { ms: performance.now() - started, each, errors, firstError };
}

// ---------- the bench ----------

const main = () => runBench('liaison-bench-request-create-', run);

async function run(dataDir: string) {
  console.log(`request create bench: ${count} requests, ${concurrency} at a time; ${os.cpus().length} cores, load average ${os.loadavg().map((l) => l.toFixed(1)).join(' ')}, Node ${process.version}`);
  const { stackEnv, env, readyMs } = await startStack(dataDir, { OPERATOR_TOKEN: operatorToken });
  console.log(`stack ready in ${fmtS(readyMs)}`);

  const orm = await openOrm(stackEnv.DATABASE_URL!);
  const connection = await Connection.connect({ address: stackEnv.TEMPORAL_ADDRESS! });
  const client = new Client({ connection, namespace: stackEnv.TEMPORAL_NAMESPACE ?? 'liaison' });
  try {
    // --- authorities and the caller ---
    const em = orm.em.fork();
    const dkCa = await insertAuthority(em, 'DK', 'CA', ['authority'], {}, 'Bench');
    const dkCoord = await insertAuthority(em, 'DK', 'LIMIC', ['request-coordinator'], {}, 'Bench');
    const deCa = await insertAuthority(em, 'DE', 'CA', ['authority'], {}, 'Bench');
    const deCoord = await insertAuthority(em, 'DE', 'LIMIC', ['request-coordinator'], {}, 'Bench');
    await insertLink(em, dkCa, dkCoord);
    await insertLink(em, deCa, deCoord);
    const mailer = createMailer(stackEnv.SMTP_URL!, 'no-reply@liaison.local');
    let token: string;
    try {
      token = (await insertUser(em, mailer, dkCa, ['case-handler'], 'Bench')).bearer!;
      await insertUser(em, mailer, deCa, ['case-handler'], 'Bench');
      await insertUser(em, mailer, deCa, ['case-handler'], 'Bench');
    } finally {
      mailer.close();
    }

    // --- worker and API ---
    await startWorker(env);
    const { url: apiUrl } = await startApi(env);
    const call = async (method: string, route: string, json?: unknown) => {
      const response = await fetch(`${apiUrl}${route}`, {
        method,
        headers: { authorization: `Bearer ${token}`, ...(json !== undefined && { 'content-type': 'application/json' }) },
        body: json === undefined ? undefined : JSON.stringify(json),
      });
      const text = await response.text();
      if (!response.ok) throw new Error(`${method} ${route} → ${response.status}: ${text.slice(0, 300)}`);
      return text ? JSON.parse(text) : null;
    };
    const aNewRequest = (i: number) => ({
      legislationArea: area,
      questionSet,
      respondingAuthorityId: deCa.id,
      deadline: '2030-01-31',
      caseData: { subjectKind: 'person', name: `Bench Person ${i}`, identifiers: { nationalId: `010190-${String(i).padStart(4, '0')}` }, fields: { profession: 'electrician' }, reason: 'Bench' },
      questions: [
        { code: `${questionSet}/established`, comment: `Is person ${i} established?`, commentLanguage: 'en' },
        { code: `${questionSet}/registered`, comment: null },
      ],
    });
    /** Lets the worker finish the earlier phases' work (their emails are out; a short pause for the rest). */
    const settle = () => new Promise((resolve) => setTimeout(resolve, 5_000));
    /** Waits until every request has emailed its responder (sent_email keys start with `request:<id>:`). */
    const waitUntilNotified = async (requestIds: string[]) => {
      const deadline = Date.now() + 600_000;
      while (Date.now() < deadline) {
        const [row] = await orm.em.fork().execute<{ n: string }[]>(
          `select count(distinct split_part(key, ':', 2))::text as n from sent_email where key like 'request:%' and split_part(key, ':', 2) = any(?::text[])`,
          [`{${requestIds.join(',')}}`],
        );
        if (Number(row!.n) >= requestIds.length) return;
        await new Promise((resolve) => setTimeout(resolve, 200));
      }
      throw new Error('the requests’ emails did not all go out within 10 minutes');
    };
    // Warm up both paths (JIT, pools, the bundle's first workflow tasks).
    for (let i = 0; i < 3; i++) {
      const draft = await call('POST', '/api/requests', aNewRequest(-1 - i));
      await call('POST', `/api/requests/${draft.request.id}/send`);
      await call('POST', '/api/requests', { ...aNewRequest(-10 - i), send: true });
    }
    // (a') the real workflow on the worker's queue: a draft with valid ids, which the worker runs (its first task and projection).
    const draftInput = (): RequestInput => {
      const requestId = randomUUID();
      return {
        requestId,
        number: `REQ-2099-${String(900_000_000 + Math.floor(Math.random() * 99_999_999))}`,
        legislationArea: area,
        questionSet,
        questionIds: [],
        requestingAuthorityId: dkCa.id,
        requestingCountry: 'DK',
        respondingAuthorityId: deCa.id,
        respondingCountry: 'DE',
        requesterCoordinatorId: dkCoord.id,
        deadline: '2030-01-31',
        relatedRequestNumber: null,
        urgent: false,
        rules: { policy: requestPolicy, requesterUsesAllocation: false },
        splitFrom: null,
        createdBy: { kind: 'user', id: randomUUID(), authorityId: dkCa.id, countryCode: 'DK', roles: ['case-handler'] },
      };
    };
    const rawWorkflowStart = () => {
      const input = draftInput();
      return client.workflow.start('RequestWorkflow', { taskQueue: env.TEMPORAL_TASK_QUEUE ?? 'liaison', workflowId: requestWorkflowId(input.requestId), args: [input] }).then(() => undefined);
    };
    const rawQueue = `bench-raw-${randomUUID()}`;
    const rawStart = (i: number) =>
      client.workflow.start('RequestWorkflow', { taskQueue: rawQueue, workflowId: `bench-raw-${i}-${randomUUID()}`, args: [{}] }).then(() => undefined);
    await timedRuns(Math.min(20, count), rawStart);

    // --- (a) raw, (b) API, (a) raw again ---
    let cpu = cpuSeconds();
    const rawBefore = await timedRuns(count, rawStart);
    const rawCpu = cpuBetween(cpu, (cpu = cpuSeconds()));
    console.log(`(a) raw client.workflow.start: ${count} in ${fmtS(rawBefore.ms)} → ${perSecond(count - rawBefore.errors, rawBefore.ms).toFixed(1)}/s (${dist(rawBefore.each)})${rawBefore.errors ? `, ${rawBefore.errors} errors: ${rawBefore.firstError}` : ''}`);
    // The console's wizard path: one call creates and sends (the API writes the first snapshots; one plain start).
    const openMs: number[] = [];
    const ids: string[] = [];
    const viaApi = await timedRuns(count, async (i) => {
      const t = performance.now();
      const opened = await call('POST', '/api/requests', { ...aNewRequest(i), send: true });
      openMs.push(performance.now() - t);
      if (opened.request.status !== 'awaiting-acceptance') throw new Error(`sent request is ${opened.request.status}`);
      ids.push(opened.request.id);
    });
    const apiRate = perSecond(count - viaApi.errors, viaApi.ms);
    console.log(`(b) API create + send (one call): ${count - viaApi.errors}/${count} in ${fmtS(viaApi.ms)} → ${apiRate.toFixed(1)}/s${viaApi.errors ? `, ${viaApi.errors} errors: ${viaApi.firstError}` : ''}`);
    const openCpu = cpuBetween(cpu, (cpu = cpuSeconds()));
    // Until every one of them has emailed the responder: the work the workflows do after answering.
    const drainStarted = performance.now();
    await waitUntilNotified(ids);
    const drainMs = performance.now() - drainStarted;
    const drainCpu = cpuBetween(cpu, (cpu = cpuSeconds()));
    console.log(`    … their workflows finished the emails ${fmtS(drainMs)} after the last answer`);

    // A draft first, then its send command (a Workflow Update through the worker).
    const createMs: number[] = [];
    const sendMs: number[] = [];
    const twoCallIds: string[] = [];
    const viaTwoCalls = await timedRuns(count, async (i) => {
      let t = performance.now();
      const draft = await call('POST', '/api/requests', aNewRequest(i));
      createMs.push(performance.now() - t);
      t = performance.now();
      const sent = await call('POST', `/api/requests/${draft.request.id}/send`);
      sendMs.push(performance.now() - t);
      if (sent.request.status !== 'awaiting-acceptance') throw new Error(`sent request is ${sent.request.status}`);
      twoCallIds.push(draft.request.id);
    });
    const twoCallRate = perSecond(count - viaTwoCalls.errors, viaTwoCalls.ms);
    console.log(`(c) API create, then send: ${count - viaTwoCalls.errors}/${count} in ${fmtS(viaTwoCalls.ms)} → ${twoCallRate.toFixed(1)}/s${viaTwoCalls.errors ? `, ${viaTwoCalls.errors} errors: ${viaTwoCalls.firstError}` : ''}`);
    await waitUntilNotified(twoCallIds);
    const rawAfter = await timedRuns(count, rawStart);
    console.log(`(a) raw again: ${count} in ${fmtS(rawAfter.ms)} → ${perSecond(count - rawAfter.errors, rawAfter.ms).toFixed(1)}/s`);
    await settle();
    cpu = cpuSeconds();
    const workflowRaw = await timedRuns(count, rawWorkflowStart);
    const workflowRawCpu = cpuBetween(cpu, (cpu = cpuSeconds()));
    const workflowRawRate = perSecond(count - workflowRaw.errors, workflowRaw.ms);
    console.log(`(a') raw client.workflow.start of a draft RequestWorkflow on the worker's queue: ${count} in ${fmtS(workflowRaw.ms)} → ${workflowRawRate.toFixed(1)}/s${workflowRaw.errors ? `, ${workflowRaw.errors} errors: ${workflowRaw.firstError}` : ''}`);
    const rawRate = (perSecond(count - rawBefore.errors, rawBefore.ms) + perSecond(count - rawAfter.errors, rawAfter.ms)) / 2;

    // --- where the time goes: a sample of histories (one-call requests) ---
    const sample = ids.slice(0, 30);
    const byStep = new Map<string, number[]>();
    const add = (key: string, v: number) => (byStep.get(key) ?? byStep.set(key, []).get(key)!).push(v);
    for (const id of sample) {
      const history = await client.workflow.getHandle(`request-${id}`).fetchHistory();
      const at = new Map<number, { time: number; name: string }>();
      for (const event of history.events ?? []) {
        const time = Number(event.eventTime?.seconds ?? 0) * 1000 + Math.round((event.eventTime?.nanos ?? 0) / 1e6);
        const eid = Number(event.eventId);
        if (event.activityTaskScheduledEventAttributes) at.set(eid, { time, name: `activity ${event.activityTaskScheduledEventAttributes.activityType?.name}` });
        if (event.workflowTaskScheduledEventAttributes) at.set(eid, { time, name: 'workflow task (scheduled → completed)' });
        const done = event.activityTaskCompletedEventAttributes ?? event.workflowTaskCompletedEventAttributes;
        if (done) {
          const from = at.get(Number(done.scheduledEventId));
          if (from) add(from.name, time - from.time);
        }
      }
    }

    console.log('\nresults (2 cores shared with other sessions; the figures move with their load):');
    console.log(`  raw client.workflow.start        ${rawRate.toFixed(1)}/s (mean of ${perSecond(count, rawBefore.ms).toFixed(1)} before and ${perSecond(count, rawAfter.ms).toFixed(1)} after the API run)`);
    console.log(`  API create + send (one call)     ${apiRate.toFixed(1)}/s`);
    console.log(`  ratio                            ${(apiRate / rawRate).toFixed(2)} (goal ≥ 0.8)`);
    console.log(`  emails done after the last answer ${fmtS(drainMs)}`);
    console.log(`  CPU time of each process (user + system) during …`);
    console.log(`    (a) raw, before                ${rawCpu}`);
    console.log(`    (b) API create + send          ${openCpu}`);
    console.log(`    … until their emails were out  ${drainCpu}`);
    console.log(`    (a') raw, the worker running them ${workflowRawCpu}`);
    console.log(`  API create, then send (2 calls)  ${twoCallRate.toFixed(1)}/s, ratio ${(twoCallRate / rawRate).toFixed(2)}`);
    console.log(`  raw start of the real workflow (a') ${workflowRawRate.toFixed(1)}/s; one-call create + send against it: ratio ${(apiRate / workflowRawRate).toFixed(2)}`);
    console.log(`  POST /api/requests {send: true}  ${dist(openMs)}`);
    console.log(`  POST /api/requests (draft)       ${dist(createMs)}`);
    console.log(`  POST /api/requests/{id}/send     ${dist(sendMs)}`);
    console.log(`  raw start                        ${dist(rawBefore.each.concat(rawAfter.each))}`);
    console.log(`  in ${sample.length} sampled workflows (schedule → completion):`);
    for (const [step, values] of [...byStep].sort((a, b) => b[1].reduce((x, y) => x + y, 0) - a[1].reduce((x, y) => x + y, 0))) {
      console.log(`    ${step.padEnd(40)} ×${(values.length / sample.length).toFixed(1)} a request, ${dist(values)}`);
    }
  } finally {
    await connection.close();
    await orm.close();
  }
}

main().catch((error) => {
  console.error(error);
  process.exitCode = 1;
});
