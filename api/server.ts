import { serve, type ServerType } from '@hono/node-server';
import { createApp } from './app';
import type { AppDeps } from './deps';

/** Serves the API and console on host:port; resolves once listening. */
export async function startApiServer(deps: AppDeps, host: string, port: number): Promise<{ server: ServerType; url: string; close(): Promise<void> }> {
  const app = createApp(deps);
  return new Promise((resolve, reject) => {
    const server = serve({ fetch: app.fetch, hostname: host, port }, (info) => {
      resolve({
        server,
        url: `http://${host === '0.0.0.0' ? 'localhost' : host}:${info.port}`,
        close: () => closeServer(server),
      });
    });
    server.once('error', reject);
  });
}

/** How long requests under way may take to finish once the server stops. */
const closeGraceMs = 5_000;

/**
 * Stops listening and ends the connections: idle keep-alive ones at once, busy ones after their
 * request or the grace period. `server.close()` alone waits for every keep-alive connection, and a
 * client that keeps sending on one (the demo seeding right after start) kept Ctrl-C waiting forever.
 */
function closeServer(server: ServerType): Promise<void> {
  return new Promise<void>((done) => {
    server.close(() => done());
    const http = server as ServerType & { closeIdleConnections?: () => void; closeAllConnections?: () => void };
    http.closeIdleConnections?.();
    setTimeout(() => http.closeAllConnections?.(), closeGraceMs).unref();
  });
}
