/**
 * Timer lateness of the alert closure periods (issue 5's bar): N alerts (default 20,000) whose
 * comment and objection periods are one minute, open together on the Temporal dev server; prints
 * the lateness of the period ends (p50/p99/max; goal p99 ≤ 5 s), how many periods were open at the
 * same time, and the worker's peak memory.
 *
 *   npm run bench:alert-timers                      # 20,000 alerts, periods of 1 minute
 *   npm run bench:alert-timers -- 2000 60000 64     # count, period in ms, starts in flight
 *
 * Runs the backing services (`liaison stack --free-ports`, in a temporary data folder) with
 * ALERT_COMMENT_PERIOD / ALERT_OBJECTION_PERIOD set to the period, and the worker as its own
 * process (`liaison worker`), whose memory is sampled from /proc.
 *
 * How the alerts get into their periods: driving 20,000 alerts through the five commands before a
 * closure proposal (submit, accept, broadcast, acknowledge + forward, propose) over HTTP would take
 * hours on a 2-core machine and measure the updates, not the timers. So each alert's state is built
 * with the pure machine (workflows/alert/machine.ts: the same transitions, real actors and facts)
 * and its AlertWorkflow starts with it as its `resume` input — the input the workflow gives itself
 * when it continues as new — with the period's timer pending. Half the alerts start at the closure
 * proposal (the comment period runs), half right after the proposal's broadcast (the objection
 * period runs); each period ends one period after that alert's start. When a timer fires, the
 * workflow runs the transition, projects it (the audit event records the scheduled end and the
 * workflow's time of firing: schema/alertReadModel.ts alertPeriodEnds) and emails the closure
 * coordinator's broadcasters.
 *
 * Lateness = the workflow's time when the timer's transition ran − the period's scheduled end.
 */
import { randomUUID } from 'node:crypto';
import os from 'node:os';
import { Client, Connection } from '@temporalio/client';
import { createMailer } from '../activities/mailer';
import { openOrm } from '../schema/orm';
import { alertPeriodEnds, formatAlertNumber } from '../schema/alertReadModel';
import { systemActor, type Actor } from '../workflows/actor';
import type { AlertCommand, AlertState, AlertTimer, NewAlert } from '../workflows/alert/commands';
import type { AlertInput } from '../workflows/alert/definitions';
import { createAlert, transition } from '../workflows/alert/machine';
import { alertWorkflowId } from '../workflows/alert/snapshot';
import { insertAuthority, insertUser } from '../test/requestWorld';
import { cpuBetween, cpuSeconds, fmtS, mib, pool, runBench, sampleMemory, startStack, startWorker } from './benchProcesses';

const count = Number(process.argv[2] ?? 20_000);
const periodMs = Number(process.argv[3] ?? 60_000);
const concurrency = Number(process.argv[4] ?? 64);
if (![count, periodMs, concurrency].every((n) => Number.isInteger(n) && n >= 1)) {
  console.error('usage: npm run bench:alert-timers -- [count] [period ms] [starts in flight]');
  process.exit(2);
}
const goalP99Ms = 5_000;

const quantile = (sorted: number[], q: number) => (sorted.length === 0 ? NaN : sorted[Math.min(sorted.length - 1, Math.ceil(q * sorted.length) - 1)]!);
const isoDuration = (ms: number) => `PT${ms / 1000}S`;

/** The country roles of the story: Denmark originates, Sweden is the establishment country, Norway receives. */
interface World {
  dkAuthority: string;
  dkCoordinator: string;
  dkMailbox: string;
  seMailbox: string;
  seAuthority: string;
  seCoordinator: string;
  noMailbox: string;
  dkHandler: Actor;
  dkCoordBroadcaster: Actor;
  seMailboxBroadcaster: Actor;
  seHandler: Actor;
  seCoordBroadcaster: Actor;
}

/** One alert's state at the start of its period, built by the machine's own transitions ending at `now`. */
function alertInPeriod(world: World, period: AlertTimer, now: number): { input: AlertInput; dueAt: number } {
  const alertId = randomUUID();
  const newAlert: NewAlert = {
    alertId,
    number: formatAlertNumber(new Date(now).getUTCFullYear(), 900_000 + Math.floor(Math.random() * 99_999_999)),
    legislationArea: 'services',
    originatingAuthorityId: world.dkAuthority,
    originatingCountry: 'DK',
    alertCoordinatorId: world.dkCoordinator,
    targetCountries: ['SE', 'NO'],
    establishmentCountry: 'SE',
    policy: { commentPeriodMs: periodMs, objectionPeriodMs: periodMs, erasureAfterMs: 183 * 86_400_000 },
  };
  // The proposal is made so that the running period starts now: an objection-period alert's comment period lies just behind it.
  const proposedAt = period === 'commentPeriod' ? now : now - periodMs - 2_000;
  const step = (state: AlertState, command: AlertCommand, actor: Actor, at: number) => {
    const result = transition(state, command, actor, new Date(at));
    if (!result.ok) throw new Error(`${command.type} refused: ${result.rejection.message}`);
    return result;
  };
  let state = createAlert(newAlert, world.dkHandler, new Date(proposedAt - 60_000)).state;
  state = step(state, { type: 'submit', facts: { isAlertCoordinator: false, linkedAlertCoordinatorIds: [world.dkCoordinator], coordinatorFinalApproval: false, complete: true } }, world.dkHandler, proposedAt - 50_000).state;
  state = step(state, { type: 'accept' }, world.dkCoordBroadcaster, proposedAt - 40_000).state;
  const mailboxes = { mailboxes: { SE: [world.seMailbox], NO: [world.noMailbox], DK: [world.dkMailbox] } };
  state = step(state, { type: 'broadcast', facts: mailboxes }, world.dkCoordBroadcaster, proposedAt - 30_000).state;
  state = step(state, { type: 'acknowledge' }, world.seMailboxBroadcaster, proposedAt - 20_000).state;
  const target = (authorityId: string, isAlertCoordinator: boolean) => ({ authorityId, country: 'SE', hasAlertAccess: true, isAlertCoordinator });
  state = step(state, { type: 'forward', targets: [target(world.seCoordinator, true), target(world.seAuthority, false)] }, world.seMailboxBroadcaster, proposedAt - 10_000).state;
  const proposal: AlertCommand = {
    type: 'proposeClosure',
    proposalTextId: randomUUID(),
    closureCoordinatorId: world.seCoordinator,
    facts: { isAlertCoordinator: false, linkedAlertCoordinatorIds: [world.seCoordinator], closureCoordinatorFinalApproval: false },
  };
  let last = step(state, proposal, world.seHandler, proposedAt);
  if (period === 'objectionPeriod') {
    last = step(last.state, { type: 'commentPeriodOver' }, systemActor, proposedAt + periodMs + 1_000);
    last = step(last.state, { type: 'broadcastClosureProposal', commentIds: [] }, world.seCoordBroadcaster, now);
  }
  const timer = last.effects.find((e): e is Extract<typeof e, { type: 'startTimer' }> => e.type === 'startTimer' && e.timer === period);
  if (!timer) throw new Error(`no ${period} timer after the last step`);
  const dueAt = Date.parse(timer.at);
  return { input: { ...newAlert, createdBy: world.seHandler, localActivities: true, resume: { state: last.state, timers: [[period, dueAt]] } }, dueAt };
}

const main = () => runBench('liaison-bench-alert-timers-', run);

async function run(dataDir: string, addSampler: (s: { stop(): void }) => void) {
  console.log(
    `alert timer bench: ${count.toLocaleString('en')} alerts, periods of ${fmtS(periodMs)}, ${concurrency} starts in flight; ${os.cpus().length} cores, ` +
      `load average ${os.loadavg().map((l) => l.toFixed(1)).join(' ')}, Node ${process.version}`,
  );
  const { stackEnv, env, readyMs } = await startStack(dataDir, { ALERT_COMMENT_PERIOD: isoDuration(periodMs), ALERT_OBJECTION_PERIOD: isoDuration(periodMs) });
  console.log(`stack ready in ${fmtS(readyMs)}`);
  const orm = await openOrm(stackEnv.DATABASE_URL!);
  const connection = await Connection.connect({ address: stackEnv.TEMPORAL_ADDRESS! });
  const client = new Client({ connection, namespace: stackEnv.TEMPORAL_NAMESPACE ?? 'liaison' });
  try {
    // --- authorities, and a broadcaster at the closure coordinator so the period ends are emailed ---
    const em = orm.em.fork();
    const authority = async (country: string, kind: string) => (await insertAuthority(em, country, kind, ['authority'], {}, 'Alert bench')).id;
    const world: World = {
      dkAuthority: await authority('DK', 'CA'),
      dkCoordinator: await authority('DK', 'LIMIC'),
      dkMailbox: await authority('DK', 'NIMIC'),
      seMailbox: await authority('SE', 'NIMIC'),
      seAuthority: await authority('SE', 'CA'),
      seCoordinator: await authority('SE', 'LIMIC'),
      noMailbox: await authority('NO', 'NIMIC'),
    } as World;
    const user = (authorityId: string, country: string, role: string): Actor => ({ kind: 'user', id: randomUUID(), authorityId, countryCode: country, roles: [role] });
    world.dkHandler = user(world.dkAuthority, 'DK', 'alert-handler');
    world.dkCoordBroadcaster = user(world.dkCoordinator, 'DK', 'alert-broadcaster');
    world.seMailboxBroadcaster = user(world.seMailbox, 'SE', 'alert-broadcaster');
    world.seHandler = user(world.seAuthority, 'SE', 'alert-handler');
    world.seCoordBroadcaster = user(world.seCoordinator, 'SE', 'alert-broadcaster');
    const mailer = createMailer(stackEnv.SMTP_URL!, 'no-reply@liaison.local');
    try {
      await insertUser(em, mailer, { id: world.seCoordinator, contactEmail: '' }, ['alert-broadcaster'], 'Alert bench');
    } finally {
      mailer.close();
    }

    const worker = await startWorker(env);
    const sampler = sampleMemory(worker.child.pid!);
    addSampler(sampler);

    // --- start: half in the comment period, half in the objection period ---
    const due: { alertId: string; period: AlertTimer; dueAt: number }[] = [];
    let errors = 0;
    let firstError: string | undefined;
    const cpuAtStart = cpuSeconds();
    const started = performance.now();
    const benchStartedAt = new Date(Date.now() - 5 * periodMs);
    await pool(
      Array.from({ length: count }, (_, i) => i),
      concurrency,
      async (i) => {
        const period: AlertTimer = i % 2 === 0 ? 'commentPeriod' : 'objectionPeriod';
        const { input, dueAt } = alertInPeriod(world, period, Date.now());
        try {
          await client.workflow.start('AlertWorkflow', { taskQueue: env.TEMPORAL_TASK_QUEUE ?? 'liaison', workflowId: alertWorkflowId(input.alertId), args: [input] });
          due.push({ alertId: input.alertId, period, dueAt });
        } catch (error) {
          errors++;
          firstError ??= (error as Error).message;
        }
      },
    );
    const startMs = performance.now() - started;
    console.log(`started ${due.length.toLocaleString('en')} alerts in ${fmtS(startMs)} (${(due.length / (startMs / 1000)).toFixed(1)}/s)${errors ? `; ${errors} failed: ${firstError}` : ''}`);

    // Periods open at once: each runs from (due − period) to its end.
    const edges = due.flatMap((d) => [[d.dueAt - periodMs, 1] as const, [d.dueAt, -1] as const]).sort((a, b) => a[0] - b[0] || a[1] - b[1]);
    let open = 0;
    let peakOpen = 0;
    for (const [, delta] of edges) peakOpen = Math.max(peakOpen, (open += delta));

    // --- wait for every period end in the audit trail ---
    const lastDue = Math.max(...due.map((d) => d.dueAt));
    const ids = new Set(due.map((d) => d.alertId));
    let ends: Awaited<ReturnType<typeof alertPeriodEnds>> = [];
    const giveUpAt = lastDue + 30 * 60_000;
    while (Date.now() < giveUpAt) {
      ends = (await alertPeriodEnds(orm.em.fork(), { since: benchStartedAt })).filter((e) => ids.has(e.alertId));
      if (ends.length >= due.length) break;
      process.stdout.write(`\r  period ends recorded: ${ends.length.toLocaleString('en')} / ${due.length.toLocaleString('en')}   `);
      await new Promise((resolve) => setTimeout(resolve, 2_000));
    }
    process.stdout.write('\n');
    sampler.stop();
    const cpuUsed = cpuBetween(cpuAtStart, cpuSeconds());

    const lateness = ends.map((e) => e.latenessMs).sort((a, b) => a - b);
    const byPeriod = (period: string) => ends.filter((e) => e.period === period).map((e) => e.latenessMs).sort((a, b) => a - b);
    const fmt = (xs: number[]) => `p50 ${fmtS(quantile(xs, 0.5))}, p99 ${fmtS(quantile(xs, 0.99))}, max ${fmtS(xs[xs.length - 1] ?? NaN)} (${xs.length.toLocaleString('en')})`;
    const recorded = ends.map((e) => e.recordedAt.getTime() - e.scheduledAt.getTime()).sort((a, b) => a - b);
    console.log('\nresults:');
    console.log(`  alerts started                     ${due.length.toLocaleString('en')} in ${fmtS(startMs)}`);
    console.log(`  periods open at the same time      ${peakOpen.toLocaleString('en')} at most`);
    console.log(`  period ends recorded               ${ends.length.toLocaleString('en')} of ${due.length.toLocaleString('en')}`);
    console.log(`  timer lateness, all                ${fmt(lateness)}`);
    console.log(`    comment period                   ${fmt(byPeriod('comment'))}`);
    console.log(`    objection period                 ${fmt(byPeriod('objection'))}`);
    console.log(`  end written to PostgreSQL after    ${fmt(recorded)}`);
    console.log(`  goal p99 ≤ ${fmtS(goalP99Ms)}: ${quantile(lateness, 0.99) <= goalP99Ms && ends.length === due.length ? 'met' : 'NOT met'}`);
    console.log(`  CPU time from the first start to the last end: ${cpuUsed}`);
    console.log(`  worker peak memory                 ${mib(sampler.memory.peakRssKb)} RSS (high-water mark ${mib(sampler.memory.hwmKb)}, ${sampler.memory.samples} samples)`);
  } finally {
    await connection.close();
    await orm.close();
  }
}

main().catch((error) => {
  console.error(error);
  process.exitCode = 1;
});
