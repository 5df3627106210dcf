import { Datagrid, ListBase, Pagination, TextField, useRecordContext, useTranslate } from 'react-admin';
import { Typography } from '@mui/material';
import type { WorkflowDetailRecord } from '../dataProvider';
import { ActorField } from '../fields/ActorField';
import { EmptyNote } from '../fields/EmptyNote';
import { AuditDetailsField } from '../opsAudit/AuditDetailsField';
import { OpsActionField } from '../opsAudit/OpsActionField';
import { DateTimeField } from '../time/DateTimeField';

/** What operators did to this workflow (from the audit log in PostgreSQL). */
export const WorkflowAudit = () => {
  const record = useRecordContext<WorkflowDetailRecord>();
  const translate = useTranslate();
  if (!record) return null;
  return (
    <ListBase
      resource="ops-audit"
      filter={{ workflowId: record.workflowId }}
      perPage={25}
      sort={{ field: 'at', order: 'DESC' }}
      disableSyncWithLocation
    >
      <Typography variant="body2" color="text.secondary" sx={{ mb: 1 }}>
        {translate('liaison.workflow.audit.title')}
      </Typography>
      <Datagrid
        bulkActionButtons={false}
        rowClick={false}
        size="small"
        empty={<EmptyNote>{translate('liaison.workflow.audit.empty')}</EmptyNote>}
      >
        <DateTimeField source="at" sortable={false} withSeconds />
        <OpsActionField source="action" sortable={false} />
        <ActorField source="actor" sortable={false} />
        <TextField source="reason" sortable={false} emptyText="—" />
        <AuditDetailsField source="details" sortable={false} />
      </Datagrid>
      <Pagination rowsPerPageOptions={[25]} />
    </ListBase>
  );
};
