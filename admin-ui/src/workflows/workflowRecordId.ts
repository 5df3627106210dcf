/**
 * react-admin ids of workflow records. Temporal's visibility list returns every run, so a workflow
 * that was reset or continued as new appears once per run: a list row's id names the run,
 * `<workflowId>@@<runId>`. A plain workflow id (the links from contact checks, the audit list, a
 * parent or child workflow) means "the latest run".
 *
 * Workflow ids may contain almost anything, "@@" included, but run ids are UUIDs: the id is cut
 * at the LAST "@@", and only when a UUID follows it. (A workflow id that itself ends in "@@" and a
 * UUID is opened as a plain id when no such run exists; see the data provider.)
 */
const separator = '@@';
const uuid = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export interface WorkflowRef {
  workflowId: string;
  /** Absent: the latest run. */
  runId?: string;
}

/** The id of one run's record. */
export const workflowRunRecordId = (workflowId: string, runId: string): string => `${workflowId}${separator}${runId}`;

/** What a record id (or a URL's id) names: one run, or the latest run of a workflow. */
export function parseWorkflowRecordId(id: string): WorkflowRef {
  const at = id.lastIndexOf(separator);
  if (at > 0) {
    const runId = id.slice(at + separator.length);
    if (uuid.test(runId)) return { workflowId: id.slice(0, at), runId };
  }
  return { workflowId: id };
}

/** Whether the record was opened as one particular run (not as "the latest run"). */
export const isRunRecordId = (id: string | number | undefined): boolean =>
  id !== undefined && parseWorkflowRecordId(String(id)).runId !== undefined;
