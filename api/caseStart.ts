import { randomUUID } from 'node:crypto';
import {
  WorkflowNotFoundError,
  WorkflowUpdateFailedError,
  type Client,
  type WithStartWorkflowOperation,
  type WorkflowStartOptions,
} from '@temporalio/client';
import type { UpdateDefinition, Workflow } from '@temporalio/common';

/** The case's workflow did not start, or it cannot be told whether it did. */
export class CaseStartFailed extends Error {
  constructor(
    /** 'no': Temporal says the workflow does not exist, so rows written for it may be removed. */
    readonly started: 'no' | 'unknown',
    override readonly cause: unknown,
  ) {
    super((cause as Error)?.message ?? 'The case could not be started.');
  }
}

/**
 * Starts a new case's workflow with its first update (update-with-start), for workflow ids that
 * are new to Temporal (a fresh uuid). An overloaded server can fail the call although the workflow
 * started ("Update-with-Start could not be executed", a deadline, a retried RPC answered "already
 * started"); the caller would then remove the PostgreSQL rows of a live case. So on any failure
 * that is not the workflow's own refusal, this asks Temporal whether the workflow exists and, if
 * so, finishes with a plain update under the same update id (Temporal applies an update id once).
 * A `CaseStartFailed` tells the caller whether undoing its writes is safe.
 */
export async function startCaseWithUpdate<W extends Workflow, Ret, Args extends unknown[]>(
  client: Client,
  update: UpdateDefinition<Ret, Args>,
  options: { workflowId: string; startWorkflowOperation: WithStartWorkflowOperation<W>; args?: Args; updateId?: string },
): Promise<Ret> {
  const updateId = options.updateId ?? randomUUID();
  const args = (options.args ?? []) as Args;
  try {
    return await client.workflow.executeUpdateWithStart(update, { startWorkflowOperation: options.startWorkflowOperation, args, updateId } as never);
  } catch (error) {
    // The workflow started and refused the update: nothing to recover, the caller maps the reason.
    if (error instanceof WorkflowUpdateFailedError) throw error;
    const handle = client.workflow.getHandle(options.workflowId);
    try {
      await handle.describe();
    } catch (describeError) {
      if (describeError instanceof WorkflowNotFoundError) throw new CaseStartFailed('no', error);
      throw new CaseStartFailed('unknown', error);
    }
    // It exists (also after "already started": the id is new, so the start was this call's own).
    // An overloaded server may refuse the update for a while too ("Workflow Update failed"), so a
    // few tries with growing pauses before saying "unknown". The SDK's overloads split updates
    // with and without arguments; this one carries either.
    const executeUpdate = handle.executeUpdate.bind(handle) as (def: UpdateDefinition<Ret, Args>, options: { args: Args; updateId: string }) => Promise<Ret>;
    let lastError: unknown = error;
    for (const pauseMs of [0, 500, 1000, 2000, 4000]) {
      if (pauseMs) await new Promise((resolve) => setTimeout(resolve, pauseMs));
      try {
        return await executeUpdate(update, { args, updateId });
      } catch (retryError) {
        if (retryError instanceof WorkflowUpdateFailedError) throw retryError;
        lastError = retryError;
      }
    }
    throw new CaseStartFailed('unknown', lastError);
  }
}

/**
 * Starts a new case's workflow with a plain start (the caller already wrote its read-model rows).
 * On a failure, asks Temporal whether the workflow exists: it can have started although the call
 * failed (an overloaded server, a retried RPC answered "already started" — the id is new, so that
 * start was this call's own). Returns normally when it runs; a `CaseStartFailed` tells the caller
 * whether undoing its writes is safe.
 */
export async function startCase<W extends Workflow>(client: Client, workflow: W | string, options: WorkflowStartOptions<W>): Promise<void> {
  try {
    await client.workflow.start(workflow, options);
  } catch (error) {
    try {
      await client.workflow.getHandle(options.workflowId).describe();
    } catch (describeError) {
      if (describeError instanceof WorkflowNotFoundError) throw new CaseStartFailed('no', error);
      throw new CaseStartFailed('unknown', error);
    }
  }
}
