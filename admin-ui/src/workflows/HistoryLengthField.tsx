import { Typography } from '@mui/material';
import { useLocaleState, useRecordContext } from 'react-admin';
import type { WorkflowRecord } from '../dataProvider';

/**
 * How many events the history has. Temporal's visibility store may report 0 for a running
 * workflow (it fills HistoryLength at close), so an empty count shows as a dash, not a false 0.
 */
export const HistoryLengthField = (_props: { label?: string; source?: string; sortable?: boolean }) => {
  const record = useRecordContext<WorkflowRecord>();
  const [locale] = useLocaleState();
  if (!record) return null;
  return (
    <Typography variant="body2" component="span" sx={{ fontVariantNumeric: 'tabular-nums' }}>
      {record.historyLength > 0 ? record.historyLength.toLocaleString(locale) : '—'}
    </Typography>
  );
};
