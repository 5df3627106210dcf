/**
 * Bad input gets a clear error, never a 500: every operation of the OpenAPI document is called
 * with malformed path parameters, query values and bodies (as the helpdesk, so authorisation does
 * not hide the validation), and every answer must be below 500 with the one error body.
 */
import { startTestApi } from './stack';

let api: Awaited<ReturnType<typeof startTestApi>>;
beforeAll(async () => {
  api = await startTestApi();
}, 60_000);
afterAll(async () => {
  await api?.close();
});

interface Operation {
  method: string;
  path: string;
  parameters?: { name: string; in: string }[];
  hasBody: boolean;
}

const badValues = ['', 'not-a-uuid', '%00', "' or 1=1 --", 'x'.repeat(3000), '-1', '1e309', '[]', '{"a":', 'ÆØÅ'];
const badBodies: (string | undefined)[] = ['{oops', '[]', 'null', '"text"', '{}', JSON.stringify({ a: 'x'.repeat(20_000) }), JSON.stringify({ email: 42, reason: [], ids: 'x', name: null })];

async function operations(): Promise<Operation[]> {
  const doc = (await (await fetch(`${api.url}/api/openapi.json`)).json()) as { paths: Record<string, Record<string, { parameters?: Operation['parameters']; requestBody?: unknown }>> };
  const ops: Operation[] = [];
  for (const [path, methods] of Object.entries(doc.paths)) {
    for (const [method, op] of Object.entries(methods)) {
      ops.push({ method: method.toUpperCase(), path: path.replace(/^\/api/, '/api'), parameters: op.parameters, hasBody: !!op.requestBody });
    }
  }
  return ops;
}

it('answers every malformed call to every operation with a 4xx error body, never a 5xx', async () => {
  const ops = await operations();
  expect(ops.length).toBeGreaterThan(40);
  const failures: string[] = [];
  const statuses = new Map<number, number>();
  for (const op of ops) {
    // Destructive operations are still safe to call: every id below is malformed or unknown.
    for (const value of badValues) {
      const route = op.path.replace(/\{[^}]+\}/g, encodeURIComponent(value || ' '));
      const query = (op.parameters ?? []).filter((p) => p.in === 'query').map((p) => `${encodeURIComponent(p.name)}=${encodeURIComponent(value)}`).join('&');
      const bodies = op.hasBody || op.method !== 'GET' ? badBodies : [undefined];
      for (const body of bodies) {
        const response = await fetch(`${api.url}${route}${query ? `?${query}` : ''}`, {
          method: op.method,
          headers: { authorization: `Bearer ${api.token}`, ...(body !== undefined && { 'content-type': 'application/json' }) },
          body: op.method === 'GET' || op.method === 'HEAD' ? undefined : body,
        });
        const text = await response.text();
        statuses.set(response.status, (statuses.get(response.status) ?? 0) + 1);
        if (response.status >= 500) failures.push(`${op.method} ${route.slice(0, 80)}?${query.slice(0, 60)} body=${String(body).slice(0, 30)} → ${response.status} ${text.slice(0, 200)}`);
        else if (response.status >= 400 && response.headers.get('content-type')?.includes('application/json') && !/"error":\{"code"/.test(text)) {
          failures.push(`${op.method} ${route.slice(0, 80)} → ${response.status} without the error body: ${text.slice(0, 120)}`);
        }
      }
    }
  }
  expect(failures).toEqual([]);
  // The calls reached the validation (not only a guard or a missing route).
  expect(statuses.get(400) ?? 0).toBeGreaterThan(1000);
  expect([...statuses.keys()].every((s) => s < 500)).toBe(true);
  console.info(`malformed calls by status: ${JSON.stringify(Object.fromEntries(statuses))}`);
}, 240_000);
