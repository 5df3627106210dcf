import { Client, Connection } from '@temporalio/client';
import type { MikroORM } from '@mikro-orm/postgresql';
import { randomUUID } from 'node:crypto';
import pino from 'pino';
import { createMailer } from '../activities/mailer';
import type { AppDeps } from '../api/deps';
import { startApiServer } from '../api/server';
import { loadConfig, type Config } from '../schema/config';
import { openOrm } from '../schema/orm';
import { freePort } from '../bin/embedded/ports';
import { createLiaisonWorker } from '../bin/worker';

/**
 * What integration tests use to reach the real services test/globalSetup.ts started. Every
 * `start…`/`open…` returns something the test must close in afterAll.
 */
export function testConfig(overrides: Partial<Config> = {}): Config {
  if (!process.env.DATABASE_URL || !process.env.TEMPORAL_ADDRESS) {
    throw new Error('The integration stack is not running: run these tests through `npm test` (jest project "integration").');
  }
  return { ...loadConfig(process.env), ...overrides };
}

export const testLogger = pino({ level: process.env.TEST_LOG_LEVEL ?? 'silent' });

export async function openTestOrm(): Promise<MikroORM> {
  return openOrm(testConfig().DATABASE_URL!, { pool: { min: 0, max: 5 } });
}

export async function connectTestTemporal(): Promise<Client> {
  const config = testConfig();
  const connection = await Connection.connect({ address: config.TEMPORAL_ADDRESS! });
  return new Client({ connection, namespace: config.TEMPORAL_NAMESPACE });
}

/** Liaison's real worker on its own task queue, so test files do not steal each other's tasks. */
export async function startTestWorker(options: { orm: MikroORM; taskQueue?: string; config?: Config }): Promise<{ taskQueue: string; stop(): Promise<void> }> {
  const config = options.config ?? testConfig();
  const taskQueue = options.taskQueue ?? `test-${randomUUID()}`;
  const mailer = createMailer(config.SMTP_URL!, config.MAIL_FROM);
  const { worker, connection } = await createLiaisonWorker({ config, temporalAddress: config.TEMPORAL_ADDRESS!, orm: options.orm, mailer, logger: testLogger, taskQueue });
  const running = worker.run();
  return {
    taskQueue,
    async stop() {
      if (worker.getState() === 'RUNNING') worker.shutdown();
      await running;
      await connection.close();
      mailer.close();
    },
  };
}

/**
 * The real API over HTTP on a free port (serving the built console too), with its own worker on
 * a fresh task queue. `deps.config.TEMPORAL_TASK_QUEUE` is that queue.
 */
export async function startTestApi(options: { withWorker?: boolean } = {}): Promise<{ url: string; token: string; deps: AppDeps; close(): Promise<void> }> {
  const taskQueue = `test-${randomUUID()}`;
  const config = testConfig({ TEMPORAL_TASK_QUEUE: taskQueue, API_PORT: await freePort() });
  const orm = await openTestOrm();
  const temporal = await connectTestTemporal();
  const mailer = createMailer(config.SMTP_URL!, config.MAIL_FROM);
  const deps: AppDeps = { config, orm, temporal, mailer, logger: testLogger };
  const worker = options.withWorker === false ? null : await startTestWorker({ orm, taskQueue, config });
  const api = await startApiServer(deps, '127.0.0.1', config.API_PORT);
  return {
    url: api.url,
    token: config.OPERATOR_TOKEN,
    deps,
    async close() {
      await api.close();
      await worker?.stop();
      await temporal.connection.close();
      mailer.close();
      await orm.close();
    },
  };
}

export interface CaughtEmail {
  id: string;
  subject: string;
  to: { address: string }[];
  html: string;
  text: string;
  time: string;
}

/** Emails the SMTP catcher holds, newest last, optionally only those to one address. */
export async function caughtEmails(to?: string): Promise<CaughtEmail[]> {
  const inbox = process.env.MAIL_INBOX_URL;
  if (!inbox) throw new Error('No mail inbox: the stack was started with an external SMTP_URL and no MAIL_INBOX_URL.');
  const response = await fetch(`${inbox}/api/email`);
  if (!response.ok) throw new Error(`The mail inbox answered ${response.status}.`);
  const all = (await response.json()) as CaughtEmail[];
  return all.filter((e) => !to || e.to.some((r) => r.address.toLowerCase() === to.toLowerCase()));
}

/** Polls until `probe` returns a value (not undefined/false/null) or the timeout passes. No fixed sleeps. */
export async function waitFor<T>(probe: () => Promise<T | undefined | null | false>, what: string, timeoutMs = 20_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let last: unknown;
  for (;;) {
    try {
      const value = await probe();
      if (value !== undefined && value !== null && value !== false) return value;
    } catch (error) {
      last = error;
    }
    if (Date.now() > deadline) throw new Error(`Timed out after ${timeoutMs} ms waiting for ${what}${last ? ` (last error: ${(last as Error).message})` : ''}.`);
    await new Promise((r) => setTimeout(r, 200));
  }
}
