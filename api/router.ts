import { OpenAPIHono, type Hook } from '@hono/zod-openapi';
import type { Env } from 'hono';
import { ApiError } from './errors';

/**
 * zod validation failures become the one error body with a message per field, e.g.
 * `{ error: { code: 'validation_failed', fields: { reason: ['Required'] } } }`.
 */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export const validationHook: Hook<any, Env, any, any> = (result) => {
  if (result.success) return;
  const fields: Record<string, string[]> = {};
  for (const issue of result.error.issues) {
    const key = issue.path.length > 0 ? issue.path.join('.') : (result as { target?: string }).target ?? 'body';
    const missing = issue.code === 'invalid_type' && (issue as { input?: unknown }).input === undefined;
    (fields[key] ??= []).push(missing ? 'Required' : issue.message);
  }
  throw new ApiError(400, 'validation_failed', 'The request is not valid: ' + Object.entries(fields).map(([k, v]) => `${k}: ${v.join(', ')}`).join('; '), fields);
};

/** Every router of the API is made here so all of them validate and report errors the same way. */
export function createRouter<E extends Env = Env>(): OpenAPIHono<E> {
  return new OpenAPIHono<E>({ defaultHook: validationHook as unknown as Hook<any, E, any, any> }); // eslint-disable-line @typescript-eslint/no-explicit-any
}
