import type { OpsExecutionStatus, OpsWorkflowStatus } from '../../../schema/ops';

/** The statuses an operator can filter by, in the order the counts show them. */
export const workflowStatuses = [
  'Running',
  'Failed',
  'TimedOut',
  'Terminated',
  'Canceled',
  'Completed',
  'ContinuedAsNew',
] as const satisfies readonly OpsWorkflowStatus[];

/** One colour per status: running blue, completed green, failed red, terminated and canceled grey, timed out orange, continued purple. */
export const workflowStatusColours: Record<OpsExecutionStatus, string> = {
  Running: '#1565c0',
  Completed: '#2e7d32',
  Failed: '#c62828',
  Terminated: '#757575',
  Canceled: '#757575',
  TimedOut: '#e65100',
  ContinuedAsNew: '#6a1b9a',
  Paused: '#f9a825',
  Unspecified: '#9e9e9e',
};

export const workflowStatusLabel = (status: string) => `liaison.workflow.status.${status}`;

export const workflowStatusChoices = workflowStatuses.map((id) => ({ id, name: workflowStatusLabel(id) }));
