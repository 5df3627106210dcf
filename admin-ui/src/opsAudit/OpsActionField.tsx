import { Chip } from '@mui/material';
import { useRecordContext, useTranslate } from 'react-admin';
import type { OpsAuditRecord } from '../dataProvider';

/** The operator's action (signal, cancel, terminate, reset) as a chip. */
export const OpsActionField = (_props: { label?: string; source?: string; sortable?: boolean }) => {
  const record = useRecordContext<OpsAuditRecord>();
  const translate = useTranslate();
  if (!record) return null;
  const danger = record.action === 'ops.terminate' || record.action === 'ops.reset';
  return (
    <Chip
      size="small"
      variant="outlined"
      color={danger ? 'error' : 'default'}
      label={translate(`liaison.workflow.audit.action.${record.action}`, { _: record.action })}
    />
  );
};
