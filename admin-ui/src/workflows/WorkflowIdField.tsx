import { Box, Typography } from '@mui/material';
import { useRecordContext } from 'react-admin';
import { CopyableText } from '../fields/CopyableText';

/** The workflow id in monospace, copyable. */
export const WorkflowIdField = (_props: { label?: string; sortable?: boolean; source?: string }) => {
  const record = useRecordContext<{ workflowId: string }>();
  return record ? <CopyableText value={record.workflowId} maxWidth={300} /> : null;
};

/** The list's first column: the workflow id (copyable) with its workflow type under it. */
export const WorkflowIdAndTypeField = (_props: { label?: string; sortable?: boolean; source?: string }) => {
  const record = useRecordContext<{ workflowId: string; type: string }>();
  if (!record) return null;
  return (
    <Box sx={{ minWidth: 0 }}>
      <CopyableText value={record.workflowId} maxWidth={250} />
      <Typography variant="caption" color="text.secondary" component="div" sx={{ lineHeight: 1.2 }}>
        {record.type}
      </Typography>
    </Box>
  );
};
