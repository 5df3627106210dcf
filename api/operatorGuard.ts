import type { MiddlewareHandler } from 'hono';
import { timingSafeEqual } from 'node:crypto';
import { ApiError } from './errors';

/**
 * Until login exists (issue 3), the API's case and operations routes are guarded by one operator
 * token from OPERATOR_TOKEN, sent as `Authorization: Bearer <token>`.
 */
export function operatorGuard(token: string): MiddlewareHandler {
  const expected = Buffer.from(token);
  return async (c, next) => {
    const header = c.req.header('authorization') ?? '';
    const given = Buffer.from(header.startsWith('Bearer ') ? header.slice(7).trim() : '');
    if (given.length !== expected.length || !timingSafeEqual(given, expected)) {
      throw new ApiError(401, 'unauthenticated', 'Send the operator token as "Authorization: Bearer <token>" (OPERATOR_TOKEN).');
    }
    await next();
  };
}
