import { WorkflowNotFoundError, WorkflowUpdateFailedError, WorkflowExecutionAlreadyStartedError } from '@temporalio/client';
import { ApplicationFailure } from '@temporalio/common';
import { status as grpcStatus } from '@grpc/grpc-js';
import type { Rejection, RejectionCode } from '../workflows/actor';
import { CaseStartFailed } from './caseStart';
import { ApiError } from './errors';

const rejectionStatus: Record<RejectionCode, { status: 400 | 403 | 409; code: string }> = {
  Invalid: { status: 400, code: 'invalid' },
  NotAllowed: { status: 403, code: 'not_allowed' },
  WrongState: { status: 409, code: 'wrong_state' },
  PeriodOver: { status: 409, code: 'period_over' },
};

/** A machine's refusal found by the API itself (a precheck or an opening transition), as the update would answer it. */
export const refusal = (rejection: Rejection): ApiError => {
  const mapped = rejectionStatus[rejection.code];
  return new ApiError(mapped.status, mapped.code, rejection.message);
};

/**
 * The one place where Temporal's errors become HTTP answers: a machine's refusal (raised by an
 * update validator as an ApplicationFailure typed with its RejectionCode) keeps its reason.
 */
export function toApiError(error: unknown, what: string): unknown {
  if (error instanceof ApiError) return error;
  if (error instanceof CaseStartFailed) {
    const mapped = toApiError(error.cause, what);
    if (mapped instanceof ApiError) return mapped;
    return new ApiError(503, 'temporal_unavailable', `Temporal did not start the ${what.toLowerCase()} (${error.message}); try again shortly.`);
  }
  if (error instanceof WorkflowUpdateFailedError) {
    const cause = error.cause;
    if (cause instanceof ApplicationFailure && cause.type && cause.type in rejectionStatus) {
      const mapped = rejectionStatus[cause.type as RejectionCode];
      return new ApiError(mapped.status, mapped.code, cause.message);
    }
    return new ApiError(409, 'refused', cause?.message ?? error.message);
  }
  if (error instanceof WorkflowNotFoundError) {
    // An update sent to a workflow that has finished ("workflow execution already completed") or
    // is finishing ("workflow update was aborted by closing workflow").
    if (/completed|closed|closing/i.test(error.message)) return new ApiError(409, 'closed', `${what} is already closed.`);
    return new ApiError(404, 'not_found', `${what} was not found.`);
  }
  if (error instanceof WorkflowExecutionAlreadyStartedError) return new ApiError(409, 'already_started', `${what} already exists.`);
  const code = (error as { code?: number }).code;
  const message = (error as { details?: string; message?: string }).details ?? (error as Error).message ?? '';
  if (code === grpcStatus.NOT_FOUND) {
    if (/completed|closed/i.test(message)) return new ApiError(409, 'closed', `${what} is already closed.`);
    return new ApiError(404, 'not_found', `${what} was not found.`);
  }
  if (code === grpcStatus.FAILED_PRECONDITION) return new ApiError(409, 'conflict', message);
  if (code === grpcStatus.INVALID_ARGUMENT) return new ApiError(400, 'validation_failed', message);
  if (code === grpcStatus.UNAVAILABLE || code === grpcStatus.DEADLINE_EXCEEDED) return new ApiError(503, 'temporal_unavailable', 'Temporal is not reachable right now; try again shortly.');
  return error;
}
