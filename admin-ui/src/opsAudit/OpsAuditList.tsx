import { Datagrid, List, TextField, TextInput } from 'react-admin';
import { ActorField } from '../fields/ActorField';
import { DateTimeField } from '../time/DateTimeField';
import { WorkflowLinkField } from '../workflows/WorkflowLinkField';
import { AuditDetailsField } from './AuditDetailsField';
import { OpsActionField } from './OpsActionField';

const opsAuditFilters = [<TextInput key="workflowId" source="workflowId" alwaysOn resettable sx={{ minWidth: 320 }} />];

/** Every signal, cancel, terminate and reset an operator did, newest first. */
export const OpsAuditList = () => (
  <List filters={opsAuditFilters} perPage={25} sort={{ field: 'at', order: 'DESC' }}>
    <Datagrid bulkActionButtons={false} rowClick={false} size="small">
      <DateTimeField source="at" sortable={false} withSeconds />
      <WorkflowLinkField source="workflowId" sortable={false} />
      <OpsActionField source="action" sortable={false} />
      <ActorField source="actor" sortable={false} />
      <TextField source="reason" sortable={false} emptyText="—" />
      <AuditDetailsField source="details" sortable={false} />
    </Datagrid>
  </List>
);
