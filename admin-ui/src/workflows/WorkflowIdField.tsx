import { Box, Chip, Tooltip, Typography } from '@mui/material';
import { useRecordContext, useTranslate } from 'react-admin';
import { CopyableText } from '../fields/CopyableText';

/** The workflow id in monospace, copyable. */
export const WorkflowIdField = (_props: { label?: string; sortable?: boolean; source?: string }) => {
  const record = useRecordContext<{ workflowId: string }>();
  return record ? <CopyableText value={record.workflowId} maxWidth={300} /> : null;
};

/** "Earlier run": this run is not the workflow's latest (it was reset or continued as new). */
export const EarlierRunChip = ({ runId }: { runId: string }) => {
  const translate = useTranslate();
  return (
    <Tooltip title={translate('liaison.workflow.run.earlier_help', { runId })}>
      <Chip
        size="small"
        variant="outlined"
        label={translate('liaison.workflow.run.earlier')}
        data-testid="earlier-run"
        sx={{ height: 18, fontSize: 11, '& .MuiChip-label': { px: 0.75 } }}
      />
    </Tooltip>
  );
};

/**
 * The list's first column: the workflow id (copyable) with its workflow type under it, and an
 * "earlier run" chip on a run that a newer run of the same workflow replaced.
 */
export const WorkflowIdAndTypeField = (_props: { label?: string; sortable?: boolean; source?: string }) => {
  const record = useRecordContext<{ workflowId: string; runId: string; type: string; earlierRun?: boolean }>();
  if (!record) return null;
  return (
    <Box sx={{ minWidth: 0 }}>
      <CopyableText value={record.workflowId} maxWidth={250} />
      <Box sx={{ display: 'flex', alignItems: 'center', gap: 0.75 }}>
        <Typography variant="caption" color="text.secondary" component="div" sx={{ lineHeight: 1.2 }}>
          {record.type}
        </Typography>
        {record.earlierRun ? <EarlierRunChip runId={record.runId} /> : null}
      </Box>
    </Box>
  );
};
