import { spawn, type ChildProcess, type SpawnOptions } from 'node:child_process';
import type { Logger } from 'pino';

/**
 * The child processes `liaison start` and the test setup run (Temporal dev server, SMTP catcher).
 * Stopping sends SIGTERM, waits, then SIGKILLs what is left, so Ctrl-C never leaves orphans.
 */
export class ChildProcesses {
  private readonly children: { name: string; child: ChildProcess }[] = [];

  constructor(private readonly logger?: Logger) {}

  start(name: string, command: string, args: string[], options: SpawnOptions & { onOutput?: (line: string) => void } = {}): ChildProcess {
    const child = spawn(command, args, { stdio: ['ignore', 'pipe', 'pipe'], ...options });
    const forward = (chunk: Buffer) => {
      for (const line of chunk.toString('utf8').split('\n')) {
        if (line.trim()) options.onOutput ? options.onOutput(line) : this.logger?.debug({ process: name }, line);
      }
    };
    child.stdout?.on('data', forward);
    child.stderr?.on('data', forward);
    child.on('exit', (code, signal) => {
      const entry = this.children.find((c) => c.child === child);
      if (entry) this.logger?.[code === 0 || signal ? 'debug' : 'warn']({ process: name, code, signal }, `${name} exited`);
    });
    this.children.push({ name, child });
    return child;
  }

  async stopAll(timeoutMs = 10_000): Promise<void> {
    const running = this.children.splice(0).reverse();
    await Promise.all(running.map(({ child }) => stopChild(child, timeoutMs)));
  }
}

export async function stopChild(child: ChildProcess, timeoutMs: number): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  child.kill('SIGTERM');
  const timer = setTimeout(() => child.kill('SIGKILL'), timeoutMs);
  await exited;
  clearTimeout(timer);
}
