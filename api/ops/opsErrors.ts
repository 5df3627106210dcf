import { status as grpcStatus } from '@grpc/grpc-js';
import { WorkflowNotFoundError } from '@temporalio/client';
import { ApiError, badRequest, conflict, notFound } from '../errors';
import { toApiError } from '../temporalErrors';

/**
 * Temporal's answers to the ops routes as HTTP refusals: a bad visibility query is the operator's
 * input (400 on `query`), a missing workflow is 404, a closed one or a refused reset is 409 with
 * the server's reason. Anything else goes through the API's general mapping (api/temporalErrors).
 */
export function opsError(error: unknown, context: { what: string; input?: 'query' | 'action' }): unknown {
  if (error instanceof ApiError) return error;
  const { code, message } = grpcFacts(error);
  const closed = /already (completed|closed|finished)|is (completed|closed)/i.test(message);

  if (error instanceof WorkflowNotFoundError || code === grpcStatus.NOT_FOUND) {
    if (closed) return conflict(`${context.what} is already closed: ${message}`);
    return notFound(context.what);
  }
  if (code === grpcStatus.INVALID_ARGUMENT) {
    if (context.input === 'query') {
      return badRequest(`Temporal refused the visibility query: ${message}`, { query: [message] });
    }
    return conflict(`Temporal refused this for ${context.what}: ${message}`);
  }
  if (code === grpcStatus.FAILED_PRECONDITION || code === grpcStatus.ALREADY_EXISTS) {
    return conflict(`Temporal refused this for ${context.what}: ${message}`);
  }
  return toApiError(error, context.what);
}

/** The gRPC status code and message, from a raw service error or one the client wrapped. */
export function grpcFacts(error: unknown): { code: number | undefined; message: string } {
  for (let e = error as { code?: unknown; details?: unknown; message?: unknown; cause?: unknown } | undefined, depth = 0; e && depth < 4; e = e.cause as typeof e, depth++) {
    if (typeof e.code === 'number') {
      return { code: e.code, message: String(e.details || e.message || '') };
    }
  }
  return { code: undefined, message: error instanceof Error ? error.message : String(error) };
}
