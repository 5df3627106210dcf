import fs from 'node:fs';
import type { ChildProcess } from 'node:child_process';

/** Stops the services globalSetup started and removes their data folder. */
export default async function globalTeardown(): Promise<void> {
  const stack = (globalThis as { __liaisonStack?: { child: ChildProcess; dataDir: string } }).__liaisonStack;
  if (!stack) return;
  const { child, dataDir } = stack;
  if (child.exitCode === null && child.signalCode === null) {
    const exited = new Promise((resolve) => child.once('exit', resolve));
    child.kill('SIGTERM');
    const timer = setTimeout(() => child.kill('SIGKILL'), 20_000);
    await exited;
    clearTimeout(timer);
  }
  fs.rmSync(dataDir, { recursive: true, force: true });
}
