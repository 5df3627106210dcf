import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

/**
 * Starts the real backing services for the integration project once: embedded PostgreSQL, the
 * Temporal dev server and the SMTP catcher, on free ports, with a throw-away data folder — by
 * running `liaison stack` (the same code `npm start` uses) as a child process. Services given by
 * the environment (DATABASE_URL, TEMPORAL_ADDRESS, SMTP_URL) are reused instead. The child migrates
 * and loads reference data, then prints one ready line; the URLs go into process.env for the tests.
 */
export default async function globalSetup(): Promise<void> {
  const root = path.resolve(__dirname, '..');
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'liaison-test-'));
  const child = spawn(process.execPath, [path.join(root, 'bin', 'liaison.js'), 'stack', '--free-ports'], {
    cwd: root,
    env: { ...process.env, LIAISON_DATA_DIR: dataDir, NODE_ENV: 'test', LOG_LEVEL: process.env.LOG_LEVEL ?? 'warn' },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  (globalThis as { __liaisonStack?: { child: ChildProcess; dataDir: string } }).__liaisonStack = { child, dataDir };

  const ready = await new Promise<Record<string, string>>((resolve, reject) => {
    let buffer = '';
    const timer = setTimeout(() => reject(new Error('The test stack did not become ready within 120 s.')), 120_000);
    child.stdout!.on('data', (chunk: Buffer) => {
      buffer += chunk.toString('utf8');
      const match = buffer.match(/^LIAISON_STACK_READY (.*)$/m);
      if (match) {
        clearTimeout(timer);
        resolve(JSON.parse(match[1]));
      }
    });
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`The test stack stopped before it was ready (exit ${code}); its message is above.`));
    });
  });
  Object.assign(process.env, ready, { NODE_ENV: 'test', LIAISON_DATA_DIR: dataDir });
}
