import { HttpError } from 'react-admin';
import { operatorToken } from './operatorToken';
import { session } from './session';

/** The API's one error body: `{ error: { code, message, fields? } }` (api/errors.ts). */
interface ApiErrorBody {
  error?: { code?: string; message?: string; fields?: Record<string, string[]>; requestId?: string };
}

export type QueryValue = string | number | boolean | null | undefined;

interface ApiRequest {
  method?: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
  query?: Record<string, QueryValue>;
  /** Parameters sent once per value (`?status=a&status=b`). */
  repeat?: Record<string, readonly string[]>;
  body?: unknown;
  /** Send this token instead of the stored one (the login check). */
  token?: string;
  /** Send no operator token (the login steps, logout of a user). */
  anonymous?: boolean;
  signal?: AbortSignal;
  /** Sent as `Idempotency-Key`: a repeated call with it applies once (dialogs/commandAttempt.ts). */
  idempotencyKey?: string;
}

/** `/api/…` path with the query string; empty and undefined values are left out. */
export const apiUrl = (path: string, query: Record<string, QueryValue> = {}, repeat: Record<string, readonly string[]> = {}): string => {
  const params = new URLSearchParams();
  for (const [name, value] of Object.entries(query)) {
    if (value === undefined || value === null || value === '') continue;
    params.set(name, String(value));
  }
  for (const [name, values] of Object.entries(repeat)) for (const value of values) params.append(name, value);
  const qs = params.toString();
  return `/api${path}${qs ? `?${qs}` : ''}`;
};

/**
 * Calls the Liaison API on the same origin, with the operator token if one is kept, else with the
 * user's session cookie (and X-CSRF-Token on changes). A failure becomes react-admin's HttpError whose message
 * is the API's `message` (shown in the notification) and whose `body.errors` holds the per-field
 * messages, which react-admin's forms put under the matching inputs.
 */
export async function liaisonApi<T>(path: string, request: ApiRequest = {}): Promise<T> {
  const headers = new Headers({ Accept: 'application/json' });
  const token = request.token ?? (request.anonymous ? null : operatorToken.get());
  const method = request.method ?? 'GET';
  if (token) headers.set('Authorization', `Bearer ${token}`);
  // A user's session is the HttpOnly cookie; its changes carry the CSRF token the login gave.
  const csrfToken = session.csrfToken();
  if (!token && csrfToken && method !== 'GET') headers.set('X-CSRF-Token', csrfToken);
  if (request.body !== undefined) headers.set('Content-Type', 'application/json');
  if (request.idempotencyKey) headers.set('Idempotency-Key', request.idempotencyKey);

  let response: Response;
  try {
    response = await fetch(apiUrl(path, request.query, request.repeat), {
      method,
      headers,
      credentials: 'same-origin',
      body: request.body === undefined ? undefined : JSON.stringify(request.body),
      signal: request.signal,
    });
  } catch (cause) {
    if ((cause as Error)?.name === 'AbortError') throw cause;
    throw new HttpError('liaison.error.unreachable', 0, { code: 'unreachable' });
  }

  const text = await response.text();
  let json: unknown = undefined;
  if (text) {
    try {
      json = JSON.parse(text);
    } catch {
      json = undefined;
    }
  }
  if (!response.ok) throw toHttpError(response.status, json as ApiErrorBody | undefined);
  return json as T;
}

export function toHttpError(status: number, body: ApiErrorBody | undefined): HttpError {
  const message = body?.error?.message ?? statusMessage(status);
  const fields = body?.error?.fields;
  const errors = fields
    ? {
        ...Object.fromEntries(Object.entries(fields).map(([field, messages]) => [field, messages.join(' ')])),
        root: { serverError: message },
      }
    : undefined;
  return new HttpError(message, status, { code: body?.error?.code, requestId: body?.error?.requestId, fields, errors });
}

const statusMessage = (status: number): string =>
  status === 401
    ? 'liaison.error.unauthorized'
    : status === 404
      ? 'liaison.error.not_found'
      : status >= 500
        ? 'liaison.error.server'
        : 'ra.notification.http_error';
