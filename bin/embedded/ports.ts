import net from 'node:net';
import { StartupError } from './startupError';

/** Resolves when nothing listens on host:port; a taken port becomes a StartupError naming the variable to change. */
export async function ensurePortFree(port: number, variable: string, host = '127.0.0.1'): Promise<void> {
  const free = await new Promise<boolean>((resolve) => {
    const server = net.createServer();
    server.once('error', () => resolve(false));
    server.listen({ port, host, exclusive: true }, () => server.close(() => resolve(true)));
  });
  if (!free) {
    throw new StartupError(
      `Port ${port} is already taken (${variable}); stop the program using it or set ${variable} to a free port.`,
    );
  }
}

/** A port the OS says is free right now (for tests that run beside a running `npm start`). */
export async function freePort(host = '127.0.0.1'): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once('error', reject);
    server.listen({ port: 0, host }, () => {
      const address = server.address();
      server.close(() => (typeof address === 'object' && address ? resolve(address.port) : reject(new Error('no port'))));
    });
  });
}

/** Waits until something accepts TCP connections on host:port. */
export async function waitForPort(port: number, host: string, timeoutMs: number, what: string): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const open = await new Promise<boolean>((resolve) => {
      const socket = net.connect({ port, host });
      socket.once('connect', () => {
        socket.destroy();
        resolve(true);
      });
      socket.once('error', () => resolve(false));
    });
    if (open) return;
    if (Date.now() > deadline) throw new StartupError(`${what} did not start listening on ${host}:${port} within ${Math.round(timeoutMs / 1000)} s; see the log above.`);
    await new Promise((r) => setTimeout(r, 150));
  }
}
