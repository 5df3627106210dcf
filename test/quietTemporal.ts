// Runs before each test file of the workflow and integration projects: the Temporal SDK logs every
// worker state change and retried activity at INFO/WARN, which buries jest's own report.
import { DefaultLogger, Runtime, makeTelemetryFilterString } from '@temporalio/worker';

try {
  Runtime.install({
    logger: new DefaultLogger((process.env.TEMPORAL_LOG_LEVEL as 'ERROR') ?? 'ERROR'),
    telemetryOptions: { logging: { filter: makeTelemetryFilterString({ core: 'ERROR' }), console: {} } },
  });
} catch {
  /* already installed in this worker process */
}
