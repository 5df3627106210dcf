import { WorkflowNotFoundError } from '@temporalio/client';
import { ApiError } from './errors';
import { toApiError } from './temporalErrors';

const answerTo = (error: unknown) => {
  const mapped = toApiError(error, 'Contact check');
  expect(mapped).toBeInstanceOf(ApiError);
  const { status, code, message } = mapped as ApiError;
  return { status, code, message };
};

describe('toApiError for a workflow Temporal does not find', () => {
  it('answers 409 closed when an update reaches a workflow that has finished or is finishing', () => {
    // The two messages the Temporal server gives an update on a closed or closing workflow.
    for (const message of ['workflow execution already completed', 'workflow update was aborted by closing workflow']) {
      expect(answerTo(new WorkflowNotFoundError(message, 'contact-check-1', undefined))).toEqual({
        status: 409,
        code: 'closed',
        message: 'Contact check is already closed.',
      });
    }
  });

  it('answers 404 when the workflow does not exist', () => {
    expect(answerTo(new WorkflowNotFoundError('workflow not found for ID: contact-check-1', 'contact-check-1', undefined))).toEqual({
      status: 404,
      code: 'not_found',
      message: 'Contact check was not found.',
    });
  });
});
