/**
 * 10,000 invitations bulk-imported and submitted, with the daily block lifted by the helpdesk:
 * throughput of each step and the peak memory of the worker and the API.
 *
 * Runs the backing services (`liaison stack --free-ports`, in a temporary data folder), then the
 * worker and the API each as its own process (`liaison worker`, `liaison api`), so their memory is
 * sampled from /proc/<pid>/status (VmRSS every 250 ms, and VmHWM). The caller is a data
 * administrator of the Danish NIMIC with a personal API token, made as test/invitations.test.ts
 * makes it; the helpdesk is the operator token.
 *
 *   npm run bench:invitations            # 10,000 invitations
 *   npm run bench:invitations -- 1000    # another count
 *
 * Steps, each timed: (1) import CSV and xlsx files (≤ 100 rows a file, the route takes ≤ 1,000; chunks
 * alternate CSV and xlsx, 4 at a time); (2) group edit areas and workflows (100 ids a call, 4 at a
 * time); (3) submit (100 ids a call; the first call alone, as the daily count depends on order,
 * then 4 at a time) — from the 100th of the day they are blocked; (4) the helpdesk releases every
 * blocked one (20 at a time), which sends it at once; (5) wait until the read model has every
 * invitation sent (or, for the ones submitted before the block, scheduled: the dispatch time is
 * the coordinator's country's business calendar, and after 10:00 local time or on a weekend it
 * is a later night — nothing is overridden here) and `sent_email` holds an invitation email for
 * each sent one; MailDev's inbox is then counted once.
 */
import { randomUUID } from 'node:crypto';
import os from 'node:os';
import ExcelJS from 'exceljs';
import { DateTime } from 'luxon';
import { createMailer } from '../activities/mailer';
import { newToken } from '../api/auth/credentials';
import { createUser } from '../api/auth/users';
import { maxImportRows } from '../api/registration/invitationImport';
import { demoAuthorityIds, loadDemoAuthorities } from '../schema/demoAuthorities';
import { ApiToken } from '../schema/entities/identity/apiToken';
import { Country } from '../schema/entities/reference';
import { openOrm } from '../schema/orm';
import { fmtS, mib, pool, rate, readStatus, runBench, sampleMemory, startApi, startStack, startWorker, timed } from './benchProcesses';

const count = Number(process.argv[2] ?? 10_000);
if (!Number.isInteger(count) || count < 1) {
  console.error('usage: npm run bench:invitations -- [count]');
  process.exit(2);
}
const operatorToken = `bench-operator-${randomUUID()}`;
const coordinatorCountry = 'DK';
const coordinatorAuthorityId = demoAuthorityIds.dkNimic;
const idsPerCall = 100;

const chunks = <T>(xs: T[], size: number) => Array.from({ length: Math.ceil(xs.length / size) }, (_, i) => xs.slice(i * size, (i + 1) * size));

// ---------- the bench ----------

const main = () => runBench('liaison-bench-invitations-', run);

async function run(dataDir: string, addSampler: (s: { stop(): void }) => void) {
  console.log(`invitations bench: ${count.toLocaleString('en')} invitations, ${os.cpus().length} cores, Node ${process.version}, data folder ${dataDir}`);

  // --- services, worker, API ---
  const { stackEnv, env, readyMs } = await startStack(dataDir, { OPERATOR_TOKEN: operatorToken });
  console.log(`stack ready in ${fmtS(readyMs)}: ${Object.entries(stackEnv).map(([k, v]) => `${k}=${v}`).join(' ')}`);

  const orm = await openOrm(stackEnv.DATABASE_URL!);
  const db = orm.em.getConnection();
  let token: string;
  try {
    await loadDemoAuthorities(orm);
    const zone = (await orm.em.fork().findOne(Country, { code: coordinatorCountry }))?.timeZone ?? 'Europe/Brussels';
    const local = DateTime.now().setZone(zone);
    const immediate = local.weekday <= 5 && local.hour < 10;
    console.log(
      `coordinator: data administrator of the ${coordinatorCountry} NIMIC; local time ${local.toFormat('ccc HH:mm')} (${zone}) → ` +
        (immediate ? 'a working-day morning: submissions are sent at once' : 'not a working-day morning: unblocked submissions are scheduled for a later night, released ones sent at once'),
    );
    const mailer = createMailer(stackEnv.SMTP_URL!, 'no-reply@liaison.local');
    try {
      const user = await createUser(orm.em.fork(), mailer, {
        firstName: 'Bench',
        lastName: 'Koordinator',
        email: `bench-coordinator-${randomUUID().slice(0, 8)}@em.example.dk`,
        authorityId: coordinatorAuthorityId,
        roles: [{ role: 'data-administrator' }, { role: 'local-data-administrator' }],
        loginUrl: 'http://localhost/login',
      });
      const made = newToken('lsn_');
      await orm.em.fork().insert(ApiToken, { id: randomUUID(), userId: user.id, name: 'bench', tokenHash: made.hash, prefix: made.token.slice(0, 12), createdAt: new Date(), lastUsedAt: null, revokedAt: null });
      token = made.token;
    } finally {
      mailer.close();
    }

    const workerStart = performance.now();
    const worker = await startWorker(env);
    console.log(`worker (pid ${worker.child.pid}) polling after ${fmtS(performance.now() - workerStart)}`);
    const api = await startApi(env);
    const apiUrl = api.url;
    console.log(`API (pid ${api.proc.child.pid}) at ${apiUrl}`);
    const workerMemory = sampleMemory(worker.child.pid!);
    const apiMemory = sampleMemory(api.proc.child.pid!);
    addSampler(workerMemory);
    addSampler(apiMemory);
    const idleWorker = readStatus(worker.child.pid!);
    const idleApi = readStatus(api.proc.child.pid!);

    const call = async (method: string, route: string, init: { json?: unknown; form?: FormData; bearer?: string } = {}) => {
      const response = await fetch(`${apiUrl}${route}`, {
        method,
        headers: { authorization: `Bearer ${init.bearer ?? token}`, ...(init.json !== undefined && { 'content-type': 'application/json' }) },
        body: init.form ?? (init.json === undefined ? undefined : JSON.stringify(init.json)),
      });
      const text = await response.text();
      let body: any; // eslint-disable-line @typescript-eslint/no-explicit-any
      try {
        body = text ? JSON.parse(text) : null;
      } catch {
        body = text;
      }
      if (!response.ok) throw new Error(`${method} ${route} → ${response.status}: ${text.slice(0, 500)}`);
      return body;
    };

    const figures: string[] = [];
    const figure = (line: string) => {
      figures.push(line);
    };
    const e2eStart = performance.now();
    console.log('steps:');

    // (1) generate and import
    const rows = Array.from({ length: count }, (_, i) => ({ name: `Bench Kommune ${i + 1}`, email: `bench-${i + 1}-${randomUUID().slice(0, 6)}@kommune${i % 98}.example.dk` }));
    // At least 4 files so CSV and xlsx both run, 4 at a time; ≤ 100 rows a file (the route takes
    // up to maxImportRows) so one upload stays well inside fetch's 300 s header timeout on a busy box.
    const rowsPerFile = Math.min(maxImportRows, 100, Math.ceil(count / 4));
    const parts = chunks(rows, rowsPerFile);
    const generated = await timed(`generate ${parts.length} files (CSV and xlsx alternating, ≤ ${rowsPerFile} rows each)`, async () =>
      Promise.all(
        parts.map(async (part, i) => {
          if (i % 2 === 0) {
            const csv = ['name,email', ...part.map((r) => `"${r.name}",${r.email}`)].join('\n');
            return { kind: 'csv' as const, rows: part.length, file: new File([csv], `bench-${i}.csv`, { type: 'text/csv' }) };
          }
          const workbook = new ExcelJS.Workbook();
          const sheet = workbook.addWorksheet('Invitations');
          sheet.columns = [
            { header: 'name', key: 'name' },
            { header: 'email', key: 'email' },
          ];
          sheet.addRows(part);
          const buffer = Buffer.from(await workbook.xlsx.writeBuffer());
          return { kind: 'xlsx' as const, rows: part.length, file: new File([new Uint8Array(buffer)], `bench-${i}.xlsx`, { type: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet' }) };
        }),
      ),
    );
    const byKind = { csv: { rows: 0, ms: 0 }, xlsx: { rows: 0, ms: 0 } };
    const imported = await timed(`import ${count} rows (${parts.length} files, 4 at a time)`, async () =>
      pool(generated.value, 4, async (file) => {
        const form = new FormData();
        form.set('file', file.file);
        const started = performance.now();
        const result = (await call('POST', '/api/invitations/import', { form })) as { created: number; ids: string[]; errors: { row: number; message: string }[] };
        byKind[file.kind].rows += result.created;
        byKind[file.kind].ms += performance.now() - started;
        if (result.errors.length) console.log(`    ${file.file.name}: ${result.errors.length} row errors, first: ${JSON.stringify(result.errors[0])}`);
        return result.ids;
      }),
    );
    const ids = imported.value.flat();
    figure(`(1) import        ${ids.length}/${count} drafts in ${fmtS(imported.ms)} → ${rate(ids.length, imported.ms)} rows (CSV ${rate(byKind.csv.rows, byKind.csv.ms)} per request, xlsx ${rate(byKind.xlsx.rows, byKind.xlsx.ms)} per request; generating the files took ${fmtS(generated.ms)})`);

    // (2) group edit
    const edited = await timed(`group edit ${ids.length} drafts (${idsPerCall} a call, 4 at a time)`, async () =>
      pool(chunks(ids, idsPerCall), 4, async (batch) => {
        const result = (await call('POST', '/api/invitations/group-edit', { json: { ids: batch, areas: ['services'], workflows: ['services:requests'] } })) as { edited: string[]; refused: { id: string; message: string }[] };
        if (result.refused.length) console.log(`    ${result.refused.length} refused, first: ${JSON.stringify(result.refused[0])}`);
        return result.edited.length;
      }),
    );
    const editedCount = edited.value.reduce((a, b) => a + b, 0);
    figure(`(2) group edit    ${editedCount}/${ids.length} edited in ${fmtS(edited.ms)} → ${rate(editedCount, edited.ms)}`);

    // (3) submit: the first call alone (the daily count is order-dependent), then 4 at a time
    type SubmitResult = { submitted: string[]; rejected: { id: string; reason: string }[]; blocked: string[] };
    const submitBatches = chunks(ids, idsPerCall);
    const submitted = await timed(`submit ${ids.length} (${idsPerCall} a call)`, async () => {
      const first = (await call('POST', '/api/invitations/submit', { json: { ids: submitBatches[0] } })) as SubmitResult;
      const rest = await pool(submitBatches.slice(1), 4, async (batch) => (await call('POST', '/api/invitations/submit', { json: { ids: batch } })) as SubmitResult);
      return [first, ...rest];
    });
    const submittedIds = submitted.value.flatMap((r) => r.submitted);
    const blockedIds = submitted.value.flatMap((r) => r.blocked);
    const rejected = submitted.value.flatMap((r) => r.rejected);
    if (rejected.length) console.log(`    ${rejected.length} rejected, first: ${JSON.stringify(rejected[0])}`);
    figure(`(3) submit        ${ids.length} in ${fmtS(submitted.ms)} → ${rate(ids.length, submitted.ms)}: ${submittedIds.length} submitted, ${blockedIds.length} blocked, ${rejected.length} rejected`);

    // (4) the helpdesk releases the blocked ones
    const releaseStart = performance.now();
    let releaseErrors = 0;
    const released = await timed(`release ${blockedIds.length} blocked (operator token, 20 at a time)`, async () =>
      pool(blockedIds, 20, async (id): Promise<number> => {
        try {
          await call('POST', `/api/invitations/${id}/release`, { json: {}, bearer: operatorToken });
          return 1;
        } catch (error) {
          if (releaseErrors++ === 0) console.log(`    first release error: ${(error as Error).message}`);
          return 0;
        }
      }),
    );
    const releasedCount = released.value.reduce((a, b) => a + b, 0);
    figure(`(4) release       ${releasedCount}/${blockedIds.length} released in ${fmtS(released.ms)} → ${rate(releasedCount, released.ms)}${releaseErrors ? ` (${releaseErrors} errors)` : ''}`);

    // (5) wait for the read model and the sent_email rows
    type Counts = { sent: number; scheduled: number; submitted: number; blocked: number; emails: number };
    const countsNow = async (): Promise<Counts> => {
      const [r] = await db.execute<Record<string, string>[]>(
        `select count(*) filter (where status = 'sent-awaiting-registration') as sent,
                count(*) filter (where status = 'submitted' and dispatch_at > now()) as scheduled,
                count(*) filter (where status = 'submitted') as submitted,
                count(*) filter (where status = 'blocked') as blocked,
                (select count(*) from sent_email where template = 'invitation.invitation') as emails
           from invitation where id = any(?::uuid[])`,
        [`{${ids.join(',')}}`],
      );
      return { sent: Number(r!.sent), scheduled: Number(r!.scheduled), submitted: Number(r!.submitted), blocked: Number(r!.blocked), emails: Number(r!.emails) };
    };
    let last: Counts = await countsNow();
    let releasedSentAt: number | null = null;
    const waited = await timed(`wait until every invitation is sent (or scheduled) and its email recorded`, async () => {
      const deadline = Date.now() + 30 * 60_000;
      let lastLog = Date.now();
      for (;;) {
        last = await countsNow();
        if (releasedSentAt === null && last.sent >= releasedCount && last.emails >= releasedCount) releasedSentAt = performance.now();
        if (last.sent + last.scheduled >= ids.length && last.emails >= last.sent) return last;
        if (Date.now() > deadline) throw new Error(`not all sent within 30 min: ${JSON.stringify(last)}`);
        if (Date.now() - lastLog > 15_000) {
          lastLog = Date.now();
          process.stdout.write(`[${JSON.stringify(last)}] `);
        }
        await new Promise((r) => setTimeout(r, 500));
      }
    });
    const e2eMs = performance.now() - e2eStart;
    const dispatchMs = (releasedSentAt ?? performance.now()) - releaseStart;
    figure(
      `(5) dispatch      ${last.sent} sent-awaiting-registration, ${last.scheduled} submitted and scheduled (dispatch in the coordinator's night), ${last.emails} invitation emails in sent_email; waited ${fmtS(waited.ms)} after the last release`,
    );
    figure(`    released → sent: ${releasedCount} released invitations sent and recorded ${fmtS(dispatchMs)} after the first release → ${rate(releasedCount, dispatchMs)}`);
    figure(`    end to end: ${ids.length} invitations imported → sent (or scheduled) in ${fmtS(e2eMs)} → ${rate(ids.length, e2eMs)}`);

    // the inbox, once (10,000 mails with their HTML are a large answer)
    if (stackEnv.MAIL_INBOX_URL) {
      const started = performance.now();
      try {
        const response = await fetch(`${stackEnv.MAIL_INBOX_URL}/api/email`, { signal: AbortSignal.timeout(120_000) });
        const mails = (await response.json()) as { subject: string }[];
        const invitations = mails.filter((m) => /Invitation to register/.test(m.subject)).length;
        figure(`    MailDev inbox (GET /api/email once): ${invitations} invitation emails of ${mails.length} caught; the request took ${fmtS(performance.now() - started)}`);
      } catch (error) {
        figure(`    MailDev inbox (GET /api/email once): failed after ${fmtS(performance.now() - started)}: ${(error as Error).message}`);
      }
    }

    workerMemory.stop();
    apiMemory.stop();
    const wm = workerMemory.memory;
    const am = apiMemory.memory;
    figure(`memory  worker: peak RSS ${mib(wm.peakRssKb)} (sampled every 250 ms, ${wm.samples} samples), VmHWM ${mib(wm.hwmKb)}, idle before the steps ${mib(idleWorker?.rss ?? 0)}`);
    figure(`        API:    peak RSS ${mib(am.peakRssKb)} (${am.samples} samples), VmHWM ${mib(am.hwmKb)}, idle before the steps ${mib(idleApi?.rss ?? 0)}`);

    console.log(`\nresults (${count.toLocaleString('en')} invitations):`);
    for (const line of figures) console.log(line);
  } finally {
    await orm.close();
  }
}

main().then(
  () => process.exit(0),
  (error) => {
    console.error(error);
    process.exit(1);
  },
);
