import { Hono } from 'hono';
import fs from 'node:fs';
import path from 'node:path';

/**
 * The public self-registration pages at /register: one HTML page and one plain script (no build
 * step), talking to /api/registration. Separate from the react-admin console on purpose: no login,
 * nothing of the console's code is loaded by the public.
 */
export function registrationPageRoutes() {
  const app = new Hono();
  const read = (name: string) => fs.readFileSync(path.join(__dirname, name), 'utf8');
  const headers = { 'cache-control': 'no-cache', 'x-content-type-options': 'nosniff', 'x-frame-options': 'DENY' };
  app.get('/', (c) => c.html(read('index.html'), 200, headers));
  app.get('/register.js', (c) => c.body(read('register.js'), 200, { ...headers, 'content-type': 'text/javascript; charset=utf-8' }));
  app.get('/register.css', (c) => c.body(read('register.css'), 200, { ...headers, 'content-type': 'text/css; charset=utf-8' }));
  return app;
}
