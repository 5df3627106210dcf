import { Box, Chip, Typography } from '@mui/material';
import {
  CreateButton,
  Datagrid,
  FilterButton,
  FunctionField,
  List,
  SearchInput,
  SelectArrayInput,
  TopToolbar,
  useTranslate,
} from 'react-admin';
import { DateTimeField } from '../time/DateTimeField';
import { ImportInvitationsButton } from './ImportDialog';
import { InvitationActions } from './InvitationActions';
import type { InvitationRecord } from './invitationApi';
import { InvitationBulkActions } from './InvitationBulkActions';
import { invitationStatusChoices } from './invitationStatus';
import { InvitationStatusField } from './InvitationStatusField';

export const invitationFilters = [
  <SearchInput key="q" source="q" alwaysOn />,
  <SelectArrayInput key="status" source="status" choices={invitationStatusChoices} alwaysOn sx={{ minWidth: 220 }} />,
];

const InvitationListActions = () => (
  <TopToolbar>
    <FilterButton />
    <ImportInvitationsButton />
    <CreateButton />
  </TopToolbar>
);

const WorkflowsField = (_props: { label?: string }) => {
  const translate = useTranslate();
  return (
    <FunctionField<InvitationRecord>
      render={(r) =>
        r.workflows.length
          ? r.workflows.map((w) => <Chip key={w} size="small" variant="outlined" label={w} sx={{ mr: 0.5 }} />)
          : translate('liaison.invitation.no_workflows')
      }
    />
  );
};

/** Name over email in one column, so the row actions fit a 1280 px window. */
const NameAndEmailField = (_props: { label?: string }) => (
  <FunctionField<InvitationRecord>
    render={(r) => (
      <Box sx={{ minWidth: 0 }}>
        <Typography variant="body2">{r.name}</Typography>
        <Typography variant="caption" color="text.secondary" sx={{ wordBreak: 'break-all' }}>
          {r.email}
        </Typography>
      </Box>
    )}
  />
);

/** The coordinator's invitations to self-register (GET /api/invitations), with bulk submit, group edit and withdraw. */
export const InvitationList = () => (
  <List filters={invitationFilters} actions={<InvitationListActions />} sort={{ field: 'createdAt', order: 'DESC' }} perPage={25}>
    <Datagrid rowClick="show" bulkActionButtons={<InvitationBulkActions />} sx={{ '& td': { verticalAlign: 'middle' } }}>
      <NameAndEmailField label="resources.invitations.fields.name" />
      <InvitationStatusField source="status" label="resources.invitations.fields.status" />
      <WorkflowsField label="resources.invitations.fields.workflows" />
      <DateTimeField source="createdAt" label="resources.invitations.fields.createdAt" />
      <DateTimeField source="sentAt" label="resources.invitations.fields.sentAt" />
      <FunctionField label={false} render={() => <InvitationActions compact />} />
    </Datagrid>
  </List>
);
