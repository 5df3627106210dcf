import { ActivityFailure, ApplicationFailure, proxyActivities, proxyLocalActivities, type ActivityInterfaceFor, type ActivityOptions, type LocalActivityOptions } from '@temporalio/workflow';

/**
 * The activity proxies of a case workflow (requests, alerts). `inWorkflowTask` holds local
 * activities for runs started with `localActivities` in their input; `viaTaskQueue` always holds
 * activity tasks. Runs begun without the flag replay with activity tasks, as recorded. An input
 * flag rather than `patched()`: its marker upserts the `TemporalChangeVersion` search attribute,
 * a visibility write on every run — the cost this saves elsewhere.
 *
 * A local activity runs in the worker inside the workflow task that asked for it: a transition's
 * projection and its emails cost one workflow task instead of three, and no activity tasks. That
 * is what the server pays per transition when thousands of timers fall due together
 * (bench/alertTimers.ts). But the task (and so an update's answer) waits for every local activity
 * it started: emails that a person's command causes go through the task queue, so the command
 * answers once its projection is written.
 *
 * A local activity is tried `localAttempts` times within seconds. One still failing then (the
 * database down, a bug) goes on as an activity task with the usual retries, because Temporal lists
 * only those as pending, with their attempts and last failure: the ops console and the Temporal UI
 * show the stuck case as before. A failure no retry can fix is thrown at once.
 */
export function caseActivities<A extends object>(
  localActivities: boolean | undefined,
  options: ActivityOptions & LocalActivityOptions,
): { inWorkflowTask: ActivityInterfaceFor<A>; viaTaskQueue: ActivityInterfaceFor<A> } {
  const viaTaskQueue = proxyActivities<A>(options);
  if (localActivities !== true) return { inWorkflowTask: viaTaskQueue, viaTaskQueue };
  type Call = Record<string, (...args: unknown[]) => Promise<unknown>>;
  const local = proxyLocalActivities<A>({ ...options, retry: { ...options.retry, maximumAttempts: localAttempts } }) as unknown as Call;
  const queued = viaTaskQueue as unknown as Call;
  const inOrder = serially();
  const run = async (name: string, args: unknown[]) => {
    try {
      return await local[name]!(...args);
    } catch (error) {
      const cause = error instanceof ActivityFailure ? error.cause : undefined;
      if (cause instanceof ApplicationFailure && (cause.nonRetryable || options.retry?.nonRetryableErrorTypes?.includes(cause.type ?? ''))) throw error;
      return queued[name]!(...args);
    }
  };
  // Called the same way as activity tasks; only `executeWithOptions` differs, which case workflows do not use.
  const inWorkflowTask = new Proxy({}, { get: (_, name: string) => (...args: unknown[]) => inOrder(() => run(name, args)) }) as ActivityInterfaceFor<A>;
  return { inWorkflowTask, viaTaskQueue };
}

/** Tries of a local activity before it goes on as an activity task (about 3 s with the case workflows' backoff). */
export const localAttempts = 3;

/**
 * Runs jobs one after another, each once the one before has settled. Local activities go through
 * it so that at most one is outstanding: a replay resolves local activities in the order they were
 * scheduled, one per activation, while a live worker may hand back two together — after which the
 * main loop and an update handler could emit their commands in another order than on replay (a
 * recorded history once failed to replay so: the opening's projection and a send's in one task).
 * One at a time, every resolution is its own activation live and on replay. It also writes a run's
 * projections strictly in version order.
 */
function serially() {
  let last: Promise<unknown> = Promise.resolve();
  return <T>(job: () => Promise<T>): Promise<T> => {
    const next = last.then(job);
    last = next.catch(() => undefined);
    return next;
  };
}
