import { z } from '@hono/zod-openapi';

/** The one error body every API failure returns. */
export const errorBodySchema = z
  .object({
    error: z.object({
      code: z.string().openapi({ example: 'validation_failed' }),
      message: z.string().openapi({ example: 'The request is not valid.' }),
      fields: z
        .record(z.string(), z.array(z.string()))
        .optional()
        .openapi({ example: { reason: ['Required'] } }),
      requestId: z.string().optional(),
    }),
  })
  .openapi('Error');

export type ErrorBody = z.infer<typeof errorBodySchema>;

export type ApiErrorStatus = 400 | 401 | 403 | 404 | 409 | 422 | 429 | 500 | 502 | 503;

/**
 * A refusal the API answers with a reason. Throw it anywhere in a route; the app's error handler
 * turns it into the error body. Domain refusals map to it in one place (api/app.ts).
 */
export class ApiError extends Error {
  constructor(
    readonly status: ApiErrorStatus,
    readonly code: string,
    message: string,
    readonly fields?: Record<string, string[]>,
  ) {
    super(message);
    this.name = 'ApiError';
  }
}

export const notFound = (what: string) => new ApiError(404, 'not_found', `${what} was not found.`);
export const conflict = (message: string) => new ApiError(409, 'conflict', message);
export const badRequest = (message: string, fields?: Record<string, string[]>) =>
  new ApiError(400, 'validation_failed', message, fields);

/** Standard error responses to spread into a createRoute's `responses`. */
export const errorResponses = (...statuses: ApiErrorStatus[]) =>
  Object.fromEntries(
    statuses.map((s) => [
      s,
      { description: errorDescriptions[s], content: { 'application/json': { schema: errorBodySchema } } },
    ]),
  );

const errorDescriptions: Record<ApiErrorStatus, string> = {
  400: 'The request is not valid; `fields` says which field and why.',
  401: 'Not authenticated.',
  403: 'Not allowed for this user.',
  404: 'Not found.',
  409: 'Conflicts with the current state.',
  422: 'Understood but refused.',
  429: 'Too many requests.',
  500: 'Unexpected server error.',
  502: 'A backing service failed.',
  503: 'A backing service is unavailable.',
};
