/**
 * How long `npm start` takes to reach "ready" on this machine: cold (new data folder: initdb,
 * migrations, reference and demo data, workflow bundle) and warm (second start on the same data).
 * Runs `node bin/liaison.js start` on free ports so it does not collide with a running Liaison.
 *
 *   npm run bench:start            # 3 cold + 3 warm runs
 *   npm run bench:start -- 5       # 5 of each
 */
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { freePort } from '../bin/embedded/ports';

const root = path.resolve(__dirname, '..');
const runs = Number(process.argv[2] ?? 3);

async function startOnce(dataDir: string): Promise<{ readyMs: number; stopMs: number }> {
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    LIAISON_DATA_DIR: dataDir,
    API_PORT: String(await freePort()),
    EMBEDDED_POSTGRES_PORT: String(await freePort()),
    TEMPORAL_PORT: String(await freePort()),
    TEMPORAL_UI_PORT: String(await freePort()),
    MAIL_CATCHER_SMTP_PORT: String(await freePort()),
    MAIL_CATCHER_WEB_PORT: String(await freePort()),
  };
  delete env.DATABASE_URL;
  delete env.TEMPORAL_ADDRESS;
  delete env.SMTP_URL;
  const started = performance.now();
  const child = spawn(process.execPath, [path.join(root, 'bin', 'liaison.js'), 'start'], { cwd: root, env, stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  const readyMs = await new Promise<number>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`not ready within 120 s:\n${output}`)), 120_000);
    const onData = (chunk: Buffer) => {
      output += chunk.toString();
      if (output.includes('Liaison is ready')) {
        clearTimeout(timer);
        resolve(performance.now() - started);
      }
    };
    child.stdout.on('data', onData);
    child.stderr.on('data', onData);
    child.once('exit', (code) => reject(new Error(`exited ${code} before ready:\n${output}`)));
  });
  const stopping = performance.now();
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  child.kill('SIGINT');
  const code = await exited;
  if (code !== 0) throw new Error(`stopped with exit code ${code}`);
  return { readyMs, stopMs: performance.now() - stopping };
}

const fmt = (ms: number) => `${(ms / 1000).toFixed(2)} s`;
const summary = (label: string, xs: number[]) => {
  const sorted = [...xs].sort((a, b) => a - b);
  return `${label.padEnd(22)} min ${fmt(sorted[0])}  median ${fmt(sorted[Math.floor(sorted.length / 2)])}  max ${fmt(sorted[sorted.length - 1])}`;
};

async function main() {
  console.log(`npm start → ready, ${runs} cold and ${runs} warm runs, ${os.cpus().length} cores, Node ${process.version}`);
  const cold: number[] = [];
  const warm: number[] = [];
  const stops: number[] = [];
  for (let i = 0; i < runs; i++) {
    const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'liaison-bench-start-'));
    try {
      const first = await startOnce(dataDir);
      const second = await startOnce(dataDir);
      cold.push(first.readyMs);
      warm.push(second.readyMs);
      stops.push(first.stopMs, second.stopMs);
      console.log(`run ${i + 1}: cold ${fmt(first.readyMs)}, warm ${fmt(second.readyMs)}, Ctrl-C to exit ${fmt(first.stopMs)} / ${fmt(second.stopMs)}`);
    } finally {
      fs.rmSync(dataDir, { recursive: true, force: true });
    }
  }
  console.log(summary('cold start → ready', cold));
  console.log(summary('warm start → ready', warm));
  console.log(summary('Ctrl-C → all stopped', stops));
  console.log(`target: cold start under 60 s — ${Math.max(...cold) < 60_000 ? 'met' : 'NOT met'}`);
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
