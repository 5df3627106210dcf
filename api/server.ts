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
        close: () => new Promise<void>((done) => server.close(() => done())),
      });
    });
    server.once('error', reject);
  });
}
