import fs from 'node:fs';
import path from 'node:path';
import type { Logger } from 'pino';
import { databaseUrl, smtpUrl, temporalAddress, type Config } from '../schema/config';
import { ChildProcesses } from './embedded/childProcesses';
import { startMailCatcher } from './embedded/mailCatcher';
import { startEmbeddedPostgres } from './embedded/postgres';
import { findTemporalCli, startTemporalDevServer } from './embedded/temporal';

/** Where the backing services are, whether we started them or they were given by the environment. */
export interface RunningServices {
  databaseUrl: string;
  temporalAddress: string;
  smtpUrl: string;
  inboxUrl: string | null;
  temporalUiUrl: string | null;
  embedded: { postgres: boolean; temporal: boolean; mail: boolean };
  stop(): Promise<void>;
}

/**
 * Starts what the environment does not provide — PostgreSQL, the Temporal dev server, the SMTP
 * catcher — in parallel, with their data under `config.LIAISON_DATA_DIR`. On any failure it stops
 * what had started before rethrowing.
 */
export async function startServices(config: Config, logger: Logger, options: { temporalUi: boolean } = { temporalUi: true }): Promise<RunningServices> {
  const dataDir = config.LIAISON_DATA_DIR;
  fs.mkdirSync(dataDir, { recursive: true });
  const processes = new ChildProcesses(logger);
  const stoppers: (() => Promise<void>)[] = [() => processes.stopAll()];
  const stop = async () => {
    for (const s of stoppers.splice(0).reverse()) await s().catch((e) => logger.warn({ err: e }, 'stop failed'));
  };
  const temporalCli = config.TEMPORAL_ADDRESS ? null : findTemporalCli(config.LIAISON_TOOLS_DIR);

  const results = await Promise.allSettled([
    config.DATABASE_URL
      ? Promise.resolve(null)
      : startEmbeddedPostgres({ dataDir: path.join(dataDir, 'postgres'), port: config.EMBEDDED_POSTGRES_PORT, logger }).then((pg) => {
          stoppers.push(pg.stop);
          return pg;
        }),
    temporalCli
      ? startTemporalDevServer({
          cli: temporalCli,
          dataDir: path.join(dataDir, 'temporal'),
          port: config.TEMPORAL_PORT,
          uiPort: options.temporalUi ? config.TEMPORAL_UI_PORT : null,
          namespace: config.TEMPORAL_NAMESPACE,
          processes,
          logger,
        })
      : Promise.resolve(null),
    config.SMTP_URL
      ? Promise.resolve(null)
      : startMailCatcher({
          smtpPort: config.MAIL_CATCHER_SMTP_PORT,
          webPort: config.MAIL_CATCHER_WEB_PORT,
          mailDir: path.join(dataDir, 'mail'),
          processes,
        }),
  ]);
  const failed = results.find((r): r is PromiseRejectedResult => r.status === 'rejected');
  if (failed) {
    await stop();
    throw failed.reason;
  }
  const [pg, temporal, mail] = results.map((r) => (r as PromiseFulfilledResult<unknown>).value) as [
    Awaited<ReturnType<typeof startEmbeddedPostgres>> | null,
    Awaited<ReturnType<typeof startTemporalDevServer>> | null,
    Awaited<ReturnType<typeof startMailCatcher>> | null,
  ];
  return {
    databaseUrl: pg?.url ?? databaseUrl(config),
    temporalAddress: temporal?.address ?? temporalAddress(config),
    smtpUrl: mail?.smtpUrl ?? smtpUrl(config),
    inboxUrl: mail?.inboxUrl ?? config.MAIL_INBOX_URL ?? null,
    temporalUiUrl: temporal?.uiUrl ?? config.TEMPORAL_UI_URL ?? null,
    embedded: { postgres: !!pg, temporal: !!temporal, mail: !!mail },
    stop,
  };
}
