import { createRoute, z } from '@hono/zod-openapi';
import net from 'node:net';
import type { AppDeps } from '../deps';
import { createRouter } from '../router';
import { smtpUrl } from '../../schema/config';

const componentSchema = z.object({ ok: z.boolean(), latencyMs: z.number(), error: z.string().optional() });
export const healthSchema = z
  .object({ ok: z.boolean(), postgres: componentSchema, temporal: componentSchema, smtp: componentSchema })
  .openapi('Health');

async function probe(check: () => Promise<unknown>, timeoutMs = 3000): Promise<z.infer<typeof componentSchema>> {
  const started = Date.now();
  try {
    await Promise.race([check(), new Promise((_, reject) => setTimeout(() => reject(new Error(`no answer within ${timeoutMs} ms`)), timeoutMs))]);
    return { ok: true, latencyMs: Date.now() - started };
  } catch (error) {
    return { ok: false, latencyMs: Date.now() - started, error: error instanceof Error ? error.message : String(error) };
  }
}

/** Reachability of PostgreSQL, Temporal and SMTP (a TCP connect, so no mail is sent). 503 if any is down. */
export function healthRoutes({ orm, temporal, config }: AppDeps) {
  const app = createRouter();
  app.openapi(
    createRoute({
      method: 'get',
      path: '/',
      tags: ['Health'],
      summary: 'Reachability of PostgreSQL, Temporal and SMTP',
      responses: {
        200: { description: 'All reachable', content: { 'application/json': { schema: healthSchema } } },
        503: { description: 'Something is down', content: { 'application/json': { schema: healthSchema } } },
      },
    }),
    async (c) => {
      const smtp = new URL(smtpUrl(config));
      const [postgres, temporalHealth, smtpHealth] = await Promise.all([
        probe(() => orm.em.fork().getConnection().execute('select 1')),
        probe(() => temporal.workflowService.getSystemInfo({})),
        probe(
          () =>
            new Promise<void>((resolve, reject) => {
              const socket = net.connect({ host: smtp.hostname, port: Number(smtp.port || 25) });
              socket.once('connect', () => (socket.end(), resolve()));
              socket.once('error', reject);
            }),
        ),
      ]);
      const body = { ok: postgres.ok && temporalHealth.ok && smtpHealth.ok, postgres, temporal: temporalHealth, smtp: smtpHealth };
      return body.ok ? c.json(body, 200) : c.json(body, 503);
    },
  );
  return app;
}
