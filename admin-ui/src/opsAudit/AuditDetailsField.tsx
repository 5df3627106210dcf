import { Typography } from '@mui/material';
import { useRecordContext } from 'react-admin';
import type { OpsAuditRecord } from '../dataProvider';

/** The action's details (signal name, new run id …) in one compact line. */
export const AuditDetailsField = (_props: { label?: string; source?: string; sortable?: boolean }) => {
  const record = useRecordContext<OpsAuditRecord>();
  if (!record?.details) return null;
  const text = Object.entries(record.details)
    .filter(([, value]) => value !== null && value !== undefined)
    .map(([key, value]) => `${key}: ${typeof value === 'object' ? JSON.stringify(value) : String(value)}`)
    .join(' · ');
  return (
    <Typography variant="caption" sx={{ fontFamily: 'ui-monospace, Menlo, Consolas, monospace', wordBreak: 'break-all' }}>
      {text}
    </Typography>
  );
};
