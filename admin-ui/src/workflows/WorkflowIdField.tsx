import { useRecordContext } from 'react-admin';
import { CopyableText } from '../fields/CopyableText';

/** The workflow id in monospace, copyable. */
export const WorkflowIdField = (_props: { label?: string; sortable?: boolean; source?: string }) => {
  const record = useRecordContext<{ workflowId: string }>();
  return record ? <CopyableText value={record.workflowId} maxWidth={340} /> : null;
};
