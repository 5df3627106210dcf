import { useRecordContext, useTranslate } from 'react-admin';
import type { OpsExecutionStatus } from '../../../schema/ops';
import { StatusChip } from '../fields/StatusChip';
import { workflowStatusColours, workflowStatusLabel } from './workflowStatus';

export const WorkflowStatusChip = ({ status, size }: { status: OpsExecutionStatus; size?: 'small' | 'medium' }) => {
  const translate = useTranslate();
  return (
    <StatusChip
      label={translate(workflowStatusLabel(status), { _: status })}
      colour={workflowStatusColours[status] ?? workflowStatusColours.Unspecified}
      size={size}
      data-status={status}
    />
  );
};

/** The record's execution status as a coloured chip. */
export const WorkflowStatusField = (_props: { label?: string; sortable?: boolean; source?: string }) => {
  const record = useRecordContext<{ status: OpsExecutionStatus }>();
  return record ? <WorkflowStatusChip status={record.status} /> : null;
};
