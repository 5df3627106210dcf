import { proxyActivities, proxyLocalActivities, type ActivityInterfaceFor, type ActivityOptions, type LocalActivityOptions } from '@temporalio/workflow';

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
 * answers once its projection is written. A local retry past `localRetryThreshold` waits on a
 * timer rather than holding the task.
 */
export function caseActivities<A extends object>(
  localActivities: boolean | undefined,
  options: ActivityOptions & LocalActivityOptions,
): { inWorkflowTask: ActivityInterfaceFor<A>; viaTaskQueue: ActivityInterfaceFor<A> } {
  const viaTaskQueue = proxyActivities<A>(options);
  if (localActivities !== true) return { inWorkflowTask: viaTaskQueue, viaTaskQueue };
  const local = proxyLocalActivities<A>({ ...options, localRetryThreshold: '1 minute' }) as unknown as Record<string, (...args: unknown[]) => Promise<unknown>>;
  const inOrder = serially();
  // Called the same way as activity tasks; only `executeWithOptions` differs, which case workflows do not use.
  const inWorkflowTask = new Proxy({}, { get: (_, name: string) => (...args: unknown[]) => inOrder(() => local[name]!(...args)) }) as ActivityInterfaceFor<A>;
  return { inWorkflowTask, viaTaskQueue };
}

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
