/**
 * The processes a bench runs (`liaison stack --free-ports` in a temporary data folder, then
 * `liaison worker` and `liaison api` each as its own process), their memory as /proc reports it,
 * and the timing and concurrency the benches share.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pLimit from 'p-limit';
import { freePort } from '../bin/embedded/ports';

const root = path.resolve(__dirname, '..');

// ---------- processes ----------

export interface Proc {
  name: string;
  child: ChildProcess;
  output: () => string;
}
const procs: Proc[] = [];

/** Starts `liaison <args>` and resolves with the first match of `ready` in its output. */
export function startProc(name: string, args: string[], env: NodeJS.ProcessEnv, ready: RegExp, timeoutMs: number): Promise<{ proc: Proc; line: string }> {
  // Own process group, so a stuck stack can be killed with its PostgreSQL and Temporal children.
  const child = spawn(process.execPath, [...(process.env[`BENCH_${name.toUpperCase()}_NODE_ARGS`]?.split(' ') ?? []), path.join(root, 'bin', 'liaison.js'), ...args], { cwd: root, env, stdio: ['ignore', 'pipe', 'pipe'], detached: true });
  let output = '';
  const proc: Proc = { name, child, output: () => output };
  procs.push(proc);
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`${name} not ready within ${timeoutMs / 1000} s:\n${output.slice(-4000)}`)), timeoutMs);
    const onData = (chunk: Buffer) => {
      output += chunk.toString();
      if (output.length > 200_000) output = output.slice(-100_000);
      const match = output.match(ready);
      if (match) {
        clearTimeout(timer);
        resolve({ proc, line: match[0] });
      }
    };
    child.stdout!.on('data', onData);
    child.stderr!.on('data', onData);
    child.once('exit', (code, signal) => {
      clearTimeout(timer);
      reject(new Error(`${name} exited (${code ?? signal}):\n${output.slice(-4000)}`));
    });
  });
}

export async function stopProc(proc: Proc, timeoutMs = 30_000): Promise<string> {
  const { child } = proc;
  if (child.exitCode !== null || child.signalCode !== null) return `${proc.name} had exited (${child.exitCode ?? child.signalCode})`;
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const started = performance.now();
  child.kill('SIGINT');
  const inTime = await Promise.race([exited.then(() => true), new Promise<boolean>((r) => setTimeout(() => r(false), timeoutMs))]);
  if (!inTime) {
    try {
      process.kill(-child.pid!, 'SIGKILL');
    } catch {
      child.kill('SIGKILL');
    }
    await exited;
    return `${proc.name} killed (SIGKILL) after ${timeoutMs / 1000} s`;
  }
  return `${proc.name} stopped in ${((performance.now() - started) / 1000).toFixed(1)} s`;
}

/**
 * Runs a bench in a fresh temporary data folder and, when it ends or is interrupted, stops every
 * sampler and process it started (last first) and removes the folder.
 */
export async function runBench(dataDirPrefix: string, run: (dataDir: string, addSampler: (s: { stop(): void }) => void) => Promise<void>): Promise<void> {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), dataDirPrefix));
  let samplers: { stop(): void }[] = [];
  let cleaning: Promise<void> | null = null;
  const stopAll = async () => {
    for (const s of samplers) s.stop();
    samplers = [];
    for (const proc of [...procs].reverse()) console.log(`  ${await stopProc(proc)}`);
    procs.length = 0;
    fs.rmSync(dataDir, { recursive: true, force: true });
  };
  const cleanUp = () => (cleaning ??= stopAll());
  let interrupted = false;
  for (const signal of ['SIGINT', 'SIGTERM'] as const) {
    process.on(signal, () => {
      if (interrupted) return;
      interrupted = true;
      console.error(`\n${signal}: stopping what was started …`);
      void cleanUp().finally(() => process.exit(130));
    });
  }
  try {
    await run(dataDir, (s) => samplers.push(s));
  } finally {
    console.log('cleanup:');
    await cleanUp();
  }
}

/**
 * Starts the backing services in `dataDir`; `env` is what the worker and the API then run with
 * (the caller's environment without its own service addresses, plus `extraEnv` and the stack's).
 */
export async function startStack(dataDir: string, extraEnv: NodeJS.ProcessEnv = {}): Promise<{ baseEnv: NodeJS.ProcessEnv; stackEnv: Record<string, string>; env: NodeJS.ProcessEnv; readyMs: number }> {
  const baseEnv: NodeJS.ProcessEnv = { ...process.env, LIAISON_DATA_DIR: dataDir, LOG_LEVEL: 'warn', ...extraEnv, NODE_ENV: 'development' };
  for (const v of ['DATABASE_URL', 'TEMPORAL_ADDRESS', 'SMTP_URL', 'MAIL_INBOX_URL', 'API_PORT', 'PUBLIC_URL']) delete baseEnv[v];
  const setup = performance.now();
  const { line } = await startProc('stack', ['stack', '--free-ports'], baseEnv, /LIAISON_STACK_READY (\{.*\})\n/, 180_000);
  const stackEnv = JSON.parse(line.replace(/^LIAISON_STACK_READY /, '').trim()) as Record<string, string>;
  return { baseEnv, stackEnv, env: { ...baseEnv, ...stackEnv }, readyMs: performance.now() - setup };
}

export async function startWorker(env: NodeJS.ProcessEnv): Promise<Proc> {
  return (await startProc('worker', ['worker'], env, /liaison: worker polling/, 120_000)).proc;
}

/** Starts the API on a free port; resolves with its process and base URL. */
export async function startApi(env: NodeJS.ProcessEnv): Promise<{ proc: Proc; url: string }> {
  const apiPort = await freePort();
  const { proc, line } = await startProc('api', ['api'], { ...env, API_PORT: String(apiPort) }, /liaison: API and console at (\S+)/, 120_000);
  return { proc, url: line.replace(/^liaison: API and console at /, '') };
}

// ---------- memory ----------

export interface Memory {
  samples: number;
  peakRssKb: number;
  hwmKb: number;
}
export function readStatus(pid: number): { rss: number; hwm: number } | null {
  try {
    const status = fs.readFileSync(`/proc/${pid}/status`, 'utf8');
    const kb = (field: string) => Number(status.match(new RegExp(`^${field}:\\s+(\\d+) kB`, 'm'))?.[1] ?? 0);
    return { rss: kb('VmRSS'), hwm: kb('VmHWM') };
  } catch {
    return null;
  }
}
/** Samples the process's VmRSS every 250 ms (and its VmHWM) until stopped. */
export function sampleMemory(pid: number): { memory: Memory; stop(): void } {
  const memory: Memory = { samples: 0, peakRssKb: 0, hwmKb: 0 };
  const sample = () => {
    const s = readStatus(pid);
    if (!s) return;
    memory.samples++;
    memory.peakRssKb = Math.max(memory.peakRssKb, s.rss);
    memory.hwmKb = Math.max(memory.hwmKb, s.hwm);
  };
  sample();
  const timer = setInterval(sample, 250);
  return { memory, stop: () => (sample(), clearInterval(timer)) };
}
export const mib = (kb: number) => `${(kb / 1024).toFixed(0)} MiB`;

// ---------- CPU time ----------

const ticksPerSecond = 100; // USER_HZ on Linux

/** CPU seconds (user + system) used so far by each process this bench started and their descendants, by label. */
export function cpuSeconds(): Map<string, number> {
  const stats: { pid: number; ppid: number; comm: string; ticks: number }[] = [];
  for (const entry of fs.readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = fs.readFileSync(`/proc/${entry}/stat`, 'utf8');
      // pid (comm) state ppid … utime stime: fields 14 and 15, counted after the closing parenthesis.
      const close = stat.lastIndexOf(')');
      const comm = stat.slice(stat.indexOf('(') + 1, close);
      const fields = stat.slice(close + 2).split(' ');
      stats.push({ pid: Number(entry), ppid: Number(fields[1]), comm, ticks: Number(fields[11]) + Number(fields[12]) });
    } catch {
      // the process ended meanwhile
    }
  }
  const children = new Map<number, typeof stats>();
  for (const s of stats) (children.get(s.ppid) ?? children.set(s.ppid, []).get(s.ppid)!).push(s);
  const byLabel = new Map<string, number>();
  const add = (label: string, ticks: number) => byLabel.set(label, (byLabel.get(label) ?? 0) + ticks / ticksPerSecond);
  const walk = (pid: number, label: (comm: string) => string) => {
    for (const child of children.get(pid) ?? []) {
      add(label(child.comm), child.ticks);
      walk(child.pid, label);
    }
  };
  for (const proc of procs) {
    const pid = proc.child.pid;
    const own = stats.find((s) => s.pid === pid);
    if (!pid || !own) continue;
    add(proc.name, own.ticks);
    // The stack's children by program (postgres, temporal, the mail catcher's node); the others' under their own name.
    walk(pid, proc.name === 'stack' ? (comm) => (comm.startsWith('postgres') ? 'postgres' : comm.startsWith('temporal') ? 'temporal' : comm === 'node' ? 'mail catcher' : comm) : () => proc.name);
  }
  add('bench', (process.cpuUsage().user + process.cpuUsage().system) / 10_000);
  return byLabel;
}

/** The CPU seconds each label used between two `cpuSeconds()` readings, as one line. */
export function cpuBetween(before: Map<string, number>, after: Map<string, number>): string {
  return [...after]
    .map(([label, seconds]) => [label, seconds - (before.get(label) ?? 0)] as const)
    .filter(([, used]) => used >= 0.05)
    .sort((a, b) => b[1] - a[1])
    .map(([label, used]) => `${label} ${used.toFixed(1)} s`)
    .join(', ');
}

// ---------- timing and concurrency ----------

export const fmtS = (ms: number) => `${(ms / 1000).toFixed(1)} s`;
export const perSecond = (n: number, ms: number) => n / (ms / 1000);
export const rate = (n: number, ms: number) => `${perSecond(n, ms).toFixed(1)}/s`;

/** Runs `work` over `items`, `concurrency` at a time; results in the items' order. */
export function pool<T, R>(items: T[], concurrency: number, work: (item: T, index: number) => Promise<R>): Promise<R[]> {
  const limit = pLimit(concurrency);
  return Promise.all(items.map((item, i) => limit(() => work(item, i))));
}

/** Prints `label`, runs `fn` and prints how long it took. */
export async function timed<T>(label: string, fn: () => Promise<T>): Promise<{ value: T; ms: number }> {
  process.stdout.write(`  ${label} … `);
  const started = performance.now();
  const value = await fn();
  const ms = performance.now() - started;
  console.log(fmtS(ms));
  return { value, ms };
}
