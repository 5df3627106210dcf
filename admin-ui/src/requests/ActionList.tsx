import { Alert, Box, Stack, Typography } from '@mui/material';
import { useQuery } from '@tanstack/react-query';
import {
  CreateButton,
  Datagrid,
  List,
  NullableBooleanInput,
  ReferenceInput,
  FilterButton,
  SelectInput,
  TextField,
  TopToolbar,
  useListContext,
  useTranslate,
} from 'react-admin';
import { StatusChip } from '../fields/StatusChip';
import { DateTimeField } from '../time/DateTimeField';
import { countByStatus, fetchActionList } from './requestApi';
import { CounterpartField, ExpectedActionField, RequestDeadlineField, RequestStatusField } from './RequestFields';
import { requestStatusColours, requestStatuses, type RequestStatus } from './requestStatus';

const expectedActions = [
  'send',
  'edit-and-resubmit',
  'approve-request',
  'allocate',
  'accept-or-reject',
  'answer',
  'revise-answer',
  'approve-answer',
  'close-or-request-more',
  'accept-or-refuse-additional-info',
  'close-or-refer',
  'give-opinion',
  'reconsider',
] as const;

const actionListFilters = [
  <SelectInput
    key="action"
    source="action"
    label="liaison.request.expected_label"
    choices={expectedActions.map((id) => ({ id, name: `liaison.request.expected.${id}` }))}
    alwaysOn
    sx={{ minWidth: 280 }}
  />,
  <NullableBooleanInput key="overdue" source="overdue" label="liaison.request.overdue_only" />,
  <ReferenceInput key="area" source="area" reference="legislation-areas" sort={{ field: 'position', order: 'ASC' }}>
    <SelectInput label="resources.requests.fields.legislationArea" optionText="name" />
  </ReferenceInput>,
];

/**
 * The statuses of the whole action list with their counts: the list grouped at a glance, each
 * chip a filter (again to show all).
 */
const StatusGroups = () => {
  const translate = useTranslate();
  const { filterValues, setFilters, displayedFilters } = useListContext();
  const { data, error } = useQuery({ queryKey: ['requests', 'action-list', 'all'], queryFn: ({ signal }) => fetchActionList({}, signal) });
  if (error) return <Alert severity="warning">{(error as Error).message}</Alert>;
  const counts = countByStatus(data ?? []);
  const present = requestStatuses.filter((s) => counts[s]);
  const overdue = (data ?? []).filter((r) => r.overdue).length;
  const selected = filterValues.status as RequestStatus | undefined;
  const toggle = (status: RequestStatus) => {
    const { status: _s, ...rest } = filterValues;
    setFilters(selected === status ? rest : { ...rest, status }, displayedFilters);
  };
  if (!data) return null;
  return (
    <Stack direction="row" spacing={1} useFlexGap sx={{ flexWrap: 'wrap', px: 2, pt: 1 }} data-testid="action-list-groups">
      {present.map((status) => (
        <StatusChip
          key={status}
          label={`${translate(`liaison.request.status.${status}`)} · ${counts[status]}`}
          colour={requestStatusColours[status]}
          outlined={selected !== status}
          onClick={() => toggle(status)}
          data-status={status}
        />
      ))}
      {overdue > 0 ? (
        <Typography variant="body2" color="error" sx={{ fontWeight: 600, alignSelf: 'center' }}>
          {translate('liaison.request.overdue_count', { smart_count: overdue })}
        </Typography>
      ) : null}
    </Stack>
  );
};

const ActionListActions = () => (
  <TopToolbar>
    <FilterButton />
    <CreateButton resource="requests" label="liaison.request.new" />
  </TopToolbar>
);

const Empty = () => {
  const translate = useTranslate();
  return (
    <Box sx={{ p: 4, textAlign: 'center' }}>
      <Typography variant="h6" color="text.secondary">
        {translate('liaison.request.action_list_empty')}
      </Typography>
      <Box sx={{ mt: 2 }}>
        <CreateButton resource="requests" label="liaison.request.new" variant="contained" />
      </Box>
    </Box>
  );
};

/**
 * The action list (5.3.9.1): the requests where the user must act now — drafts to send, requests
 * to accept, answers to give, approvals, referrals — overdue ones first. The home page of case
 * handlers, allocators and referral handlers.
 */
export const ActionList = ({ title }: { title?: string }) => (
  <List
    resource="request-actions"
    title={title ?? 'liaison.request.action_list'}
    filters={actionListFilters}
    actions={<ActionListActions />}
    sort={{ field: 'priority', order: 'ASC' }}
    perPage={25}
    empty={<Empty />}
    storeKey="request-actions"
    disableSyncWithLocation={title !== undefined}
  >
    <StatusGroups />
    <Datagrid
      rowClick={(id) => `/requests/${id}/show`}
      bulkActionButtons={false}
      sx={{ '& .column-number': { whiteSpace: 'nowrap' } }}
      data-testid="action-list"
      rowSx={(r) => (r.overdue ? { backgroundColor: 'rgba(198, 40, 40, 0.04)' } : {})}
    >
      <TextField source="number" label="resources.requests.fields.number" />
      <RequestStatusField source="status" label="resources.requests.fields.status" />
      <ExpectedActionField label="liaison.request.expected_label" />
      <RequestDeadlineField source="deadline" label="resources.requests.fields.deadline" />
      <CounterpartField label="liaison.request.counterpart" sortable={false} />
      <DateTimeField source="sentAt" label="resources.requests.fields.sentAt" />
    </Datagrid>
  </List>
);
