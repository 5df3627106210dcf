import {
  CreateButton,
  Datagrid,
  DateInput,
  FilterButton,
  List,
  ReferenceInput,
  AutocompleteInput,
  SelectArrayInput,
  SelectInput,
  TextField,
  TextInput,
  TopToolbar,
} from 'react-admin';
import { DateTimeField } from '../time/DateTimeField';
import { AreaField, CounterpartField, RequestDeadlineField, RequestStatusField } from './RequestFields';
import { requestStatusChoices } from './requestStatus';

const directionChoices = [
  { id: 'all', name: 'liaison.request.direction_all' },
  { id: 'sent', name: 'liaison.request.direction_sent' },
  { id: 'received', name: 'liaison.request.direction_received' },
];
const scopeChoices = [
  { id: 'own', name: 'liaison.request.scope_own' },
  { id: 'coordinated', name: 'liaison.request.scope_coordinated' },
];

/** The search's filters (5.3.9.2): number, status, direction, country, area, date sent (= received). */
export const requestFilters = [
  <TextInput key="number" source="number" label="resources.requests.fields.number" alwaysOn resettable sx={{ width: 180 }} />,
  <SelectArrayInput key="status" source="status" label="resources.requests.fields.status" choices={requestStatusChoices} alwaysOn sx={{ minWidth: 200 }} />,
  <SelectInput key="direction" source="direction" label="liaison.request.direction" choices={directionChoices} alwaysOn emptyText="liaison.request.direction_all" />,
  <ReferenceInput key="country" source="country" reference="countries" sort={{ field: 'nameEn', order: 'ASC' }} perPage={100}>
    <AutocompleteInput label="liaison.request.other_country" optionText="nameEn" sx={{ minWidth: 200 }} />
  </ReferenceInput>,
  <ReferenceInput key="area" source="area" reference="legislation-areas" sort={{ field: 'position', order: 'ASC' }}>
    <SelectInput label="resources.requests.fields.legislationArea" optionText="name" />
  </ReferenceInput>,
  <DateInput key="sentFrom" source="sentFrom" label="liaison.request.sent_from" />,
  <DateInput key="sentTo" source="sentTo" label="liaison.request.sent_to" />,
  <SelectInput key="scope" source="scope" label="liaison.request.scope" choices={scopeChoices} emptyText="liaison.request.scope_own" />,
];

const RequestListActions = () => (
  <TopToolbar>
    <FilterButton />
    <CreateButton label="liaison.request.new" />
  </TopToolbar>
);

/** Every request the authority sent or received, drafts and closed ones included (GET /api/requests). */
export const RequestList = () => (
  <List filters={requestFilters} actions={<RequestListActions />} sort={{ field: 'createdAt', order: 'DESC' }} perPage={25}>
    <Datagrid rowClick="show" bulkActionButtons={false}
      sx={{ '& .column-number': { whiteSpace: 'nowrap' } }} data-testid="request-list">
      <TextField source="number" />
      <RequestStatusField source="status" label="resources.requests.fields.status" sortable={false} />
      <CounterpartField label="liaison.request.counterpart" sortable={false} />
      <AreaField source="legislationArea" label="resources.requests.fields.legislationArea" sortable={false} />
      <RequestDeadlineField source="deadline" label="resources.requests.fields.deadline" />
      <DateTimeField source="sentAt" label="resources.requests.fields.sentAt" />
      <DateTimeField source="createdAt" label="resources.requests.fields.createdAt" />
    </Datagrid>
  </List>
);
