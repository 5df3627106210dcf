import { serveStatic } from '@hono/node-server/serve-static';
import { HTTPException } from 'hono/http-exception';
import { requestId } from 'hono/request-id';
import fs from 'node:fs';
import path from 'node:path';
import { projectRoot } from '../schema/config';
import type { AppDeps } from './deps';
import { ApiError, type ErrorBody } from './errors';
import { authenticate, requireRole, requireUser } from './auth/authenticate';
import { createRouter } from './router';
import { authorityRoutes } from './routes/authorities';
import { authRoutes } from './routes/auth';
import { contactCheckRoutes } from './routes/contactChecks';
import { healthRoutes } from './routes/health';
import { opsRoutes } from './routes/ops';
import { referenceDataRoutes } from './routes/referenceData';
import { invitationRoutes } from './routes/invitations';
import { registrationRoutes } from './routes/registration';
import { registrationPageRoutes } from './registrationPages/routes';
import { userRoutes } from './routes/users';
import { coordinationRoutes } from './routes/coordination';
import { reportRoutes } from './routes/reports';
import { requestReportRoutes } from './routes/requestReports';
import { requestAssigneeRoutes } from './routes/requestAssignees';
import { blockedDataRoutes } from './routes/blockedData';
import { questionSetRoutes, requestRoutes } from './routes/requests';
import { alertRoutes } from './routes/alerts';

export const consoleDist = path.join(projectRoot, 'admin-ui', 'dist');
const swaggerUiDist = path.dirname(require.resolve('swagger-ui-dist/package.json'));

/**
 * The HTTP face of Liaison: JSON API under /api (OpenAPI 3.1 at /api/openapi.json, docs at
 * /api/docs) and the built react-admin console at /.
 */
export function createApp(deps: AppDeps) {
  const { logger } = deps;
  const app = createRouter<{ Variables: { requestId: string } }>();

  app.use('*', requestId({ headerName: 'X-Request-Id' }));
  app.use('/api/*', async (c, next) => {
    const started = performance.now();
    await next();
    logger.info(
      { requestId: c.get('requestId'), method: c.req.method, path: c.req.path, status: c.res.status, ms: Math.round(performance.now() - started) },
      'request',
    );
  });

  app.onError((error, c) => {
    const rid = c.get('requestId');
    if (error instanceof ApiError) {
      const body: ErrorBody = { error: { code: error.code, message: error.message, fields: error.fields, requestId: rid } };
      return c.json(body, error.status);
    }
    if (error instanceof HTTPException && error.status < 500) {
      // e.g. a body that is not JSON at all
      const body: ErrorBody = { error: { code: 'bad_request', message: error.message || 'The request could not be read.', requestId: rid } };
      return c.json(body, error.status as 400);
    }
    logger.error({ requestId: rid, err: error, path: c.req.path }, 'unexpected error');
    const body: ErrorBody = { error: { code: 'internal', message: 'Something went wrong on our side; the request id helps us find it.', requestId: rid } };
    return c.json(body, 500);
  });

  app.route('/api/health', healthRoutes(deps));

  app.route('/api/auth', authRoutes(deps));

  // Sessions, API tokens and (transitionally) the operator token; the helpdesk role for these.
  const helpdeskOnly = [authenticate(deps), requireRole('system-admin')] as const;
  for (const path of ['/api/ops/*', '/api/contact-checks/*', '/api/contact-checks']) app.use(path, ...helpdeskOnly);
  app.route('/api/ops', opsRoutes(deps));
  app.route('/api/contact-checks', contactCheckRoutes(deps));
  // Every logged-in user may search the directory (ordinary-user right); visibility is per viewer.
  for (const path of ['/api/authorities', '/api/authorities/*']) app.use(path, authenticate(deps), requireUser());
  app.route('/api/authorities', authorityRoutes(deps));
  app.route('/api/reference', referenceDataRoutes(deps)); // any logged-in caller
  // Coordinators' data administrators and the helpdesk (checked in the routes); the public self-registration needs no login.
  for (const path of ['/api/invitations', '/api/invitations/*']) app.use(path, authenticate(deps), requireUser());
  app.route('/api/invitations', invitationRoutes(deps));
  app.route('/api/registration', registrationRoutes(deps));
  // Any logged-in caller; each route decides through api/policy who may act on which authority.
  for (const path of ['/api/users', '/api/users/*', '/api/coordination/*']) app.use(path, authenticate(deps), requireUser());
  app.route('/api/users', userRoutes(deps));
  app.route('/api/coordination', coordinationRoutes(deps));
  // Retention of closed cases: the helpdesk, decided per route by api/policy/retention.
  for (const path of ['/api/retention/*', '/api/blocked-data/*']) app.use(path, authenticate(deps), requireUser());
  app.route('/api', blockedDataRoutes(deps));

  // Information requests: any logged-in caller; api/policy/requestAccess decides per request.
  for (const path of ['/api/requests', '/api/requests/*', '/api/question-sets']) app.use(path, authenticate(deps), requireUser());
  app.route('/api/requests', requestRoutes(deps));
  app.route('/api/question-sets', questionSetRoutes(deps));

  // Alerts: any logged-in caller; api/policy/alertAccess decides per alert.
  for (const path of ['/api/alerts', '/api/alerts/*']) app.use(path, authenticate(deps), requireUser());
  app.route('/api/alerts', alertRoutes(deps));

  // Generated reports: any logged-in caller; api/policy/reports decides per report.
  for (const path of ['/api/reports', '/api/reports/*']) app.use(path, authenticate(deps), requireUser());
  app.route('/api/reports', reportRoutes(deps));
  // Reports of a request (authenticated by the /api/requests/* middleware above); api/policy/{requestAccess,reports} decide.
  app.route('/api/requests', requestReportRoutes(deps));
  app.route('/api/requests', requestAssigneeRoutes(deps));

  app.openAPIRegistry.registerComponent('securitySchemes', 'operatorToken', {
    type: 'http',
    scheme: 'bearer',
    description: 'OPERATOR_TOKEN (transitional), or a personal API token `lsn_…` from /api/auth/tokens.',
  });
  app.openAPIRegistry.registerComponent('securitySchemes', 'sessionCookie', {
    type: 'apiKey',
    in: 'cookie',
    name: 'liaison_session',
    description: 'Set by /api/auth/login/code; changes also need the X-CSRF-Token header.',
  });
  app.doc31('/api/openapi.json', {
    openapi: '3.1.0',
    info: { title: 'Liaison API', version: '0.1.0', description: 'Cooperation between public authorities, modelled on IMI.' },
    security: [{ operatorToken: [] }, { sessionCookie: [] }],
  });
  app.get('/api/docs', (c) => c.html(swaggerPage));
  app.use('/api/docs/assets/*', serveStatic({ root: path.relative(process.cwd(), swaggerUiDist), rewriteRequestPath: (p) => p.replace(/^\/api\/docs\/assets/, '') }));

  app.all('/api/*', (c) => c.json({ error: { code: 'not_found', message: `No API route ${c.req.method} ${c.req.path}.`, requestId: c.get('requestId') } }, 404));

  app.route('/register', registrationPageRoutes()); // the public self-registration pages

  // The console: static files, and index.html for client-side routes.
  app.use('/*', serveStatic({ root: path.relative(process.cwd(), consoleDist) }));
  app.get('*', (c) => {
    const index = path.join(consoleDist, 'index.html');
    if (!fs.existsSync(index)) return c.text('The console is not built yet: run `npm run build:ui`.', 503);
    return c.html(fs.readFileSync(index, 'utf8'));
  });
  return app;
}

const swaggerPage = `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>Liaison API</title>
<link rel="stylesheet" href="/api/docs/assets/swagger-ui.css"></head>
<body><div id="ui"></div>
<script src="/api/docs/assets/swagger-ui-bundle.js"></script>
<script>window.ui = SwaggerUIBundle({ url: '/api/openapi.json', dom_id: '#ui', persistAuthorization: true });</script>
</body></html>`;
