import type { Client } from '@temporalio/client';
import { temporal } from '@temporalio/proto';

const EventType = temporal.api.enums.v1.EventType;
/** Events a completed workflow task writes (its commands' results); anything else wakes the workflow again. */
const commandEvents = new Set<number>([
  EventType.EVENT_TYPE_ACTIVITY_TASK_SCHEDULED,
  EventType.EVENT_TYPE_TIMER_STARTED,
  EventType.EVENT_TYPE_TIMER_CANCELED,
  EventType.EVENT_TYPE_UPSERT_WORKFLOW_SEARCH_ATTRIBUTES,
  EventType.EVENT_TYPE_WORKFLOW_EXECUTION_UPDATE_ACCEPTED,
  EventType.EVENT_TYPE_WORKFLOW_EXECUTION_UPDATE_COMPLETED,
  EventType.EVENT_TYPE_START_CHILD_WORKFLOW_EXECUTION_INITIATED,
  EventType.EVENT_TYPE_CHILD_WORKFLOW_EXECUTION_STARTED,
  EventType.EVENT_TYPE_MARKER_RECORDED,
]);

/**
 * Waits (real time, bounded) until the workflow's current run is quiet — closed, or its last
 * workflow task completed with nothing since that would wake it (an activity's or timer's result, an
 * update) and no activity in flight — and returns that run's id. A run about to continue as new has
 * done so by then. Read from the history, because the time-skipping test server leaves
 * `pendingWorkflowTask` empty in describe. (That server drops an update which meets a closing run,
 * so tests send each command only to a quiet run.)
 */
export async function settledRun(client: Client, workflowId: string): Promise<string> {
  for (let i = 0; i < 400; i++) {
    const { runId, status, raw } = await client.workflow.getHandle(workflowId).describe();
    if (status.name !== 'RUNNING') return runId;
    if (!raw.pendingActivities?.length) {
      const events = (await client.workflow.getHandle(workflowId, runId).fetchHistory()).events ?? [];
      const lastTask = events.map((e) => Number(e.eventType)).lastIndexOf(EventType.EVENT_TYPE_WORKFLOW_TASK_COMPLETED);
      if (lastTask >= 0 && events.slice(lastTask + 1).every((e) => commandEvents.has(Number(e.eventType)))) return runId;
    }
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error(`${workflowId} did not settle`);
}
