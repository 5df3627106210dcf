import { NativeConnection, Runtime, Worker, makeTelemetryFilterString } from '@temporalio/worker';
import type { MikroORM } from '@mikro-orm/postgresql';
import type { Logger } from 'pino';
import { createActivities } from '../activities';
import type { Mailer } from '../activities/mailer';
import { publicUrl, type Config } from '../schema/config';

let runtimeInstalled = false;

/**
 * The Liaison worker: runs every workflow and activity on the `liaison` task queue. Workflows are
 * bundled from workflows/index.ts; activities get the ORM and mailer.
 */
export async function createLiaisonWorker(options: {
  config: Config;
  temporalAddress: string;
  orm: MikroORM;
  mailer: Mailer;
  logger: Logger;
  taskQueue?: string;
}): Promise<{ worker: Worker; connection: NativeConnection }> {
  const { config, orm, mailer, logger } = options;
  if (!runtimeInstalled) {
    runtimeInstalled = true;
    try {
      Runtime.install({
        logger: {
          log: (level, message, meta) => logger[level === 'TRACE' ? 'trace' : level === 'WARN' ? 'warn' : (level.toLowerCase() as 'info')]({ ...meta, component: 'temporal-worker' }, message),
          trace: (m, meta) => logger.trace(meta ?? {}, m),
          debug: (m, meta) => logger.debug(meta ?? {}, m),
          info: (m, meta) => logger.info(meta ?? {}, m),
          warn: (m, meta) => logger.warn(meta ?? {}, m),
          error: (m, meta) => logger.error(meta ?? {}, m),
        },
        telemetryOptions: { logging: { filter: makeTelemetryFilterString({ core: 'WARN' }), forward: {} } },
      });
    } catch {
      /* already installed by a test in this process */
    }
  }
  const connection = await NativeConnection.connect({ address: options.temporalAddress });
  const worker = await Worker.create({
    connection,
    namespace: config.TEMPORAL_NAMESPACE,
    taskQueue: options.taskQueue ?? config.TEMPORAL_TASK_QUEUE,
    workflowsPath: require.resolve('../workflows'),
    ...(config.WORKER_MAX_CACHED_WORKFLOWS !== undefined && { maxCachedWorkflows: config.WORKER_MAX_CACHED_WORKFLOWS }),
    activities: createActivities({ orm, mailer, publicUrl: publicUrl(config) }),
  });
  return { worker, connection };
}
