import {
  AutocompleteInput,
  CreateButton,
  Datagrid,
  DateInput,
  FilterButton,
  List,
  ReferenceInput,
  SelectArrayInput,
  TextField,
  TextInput,
  TopToolbar,
  useListContext,
  useTranslate,
} from 'react-admin';
import { Alert } from '@mui/material';
import { DateTimeField } from '../time/DateTimeField';
import type { AlertListRow } from './alertApi';
import { AlertStatusField, EstablishmentCountryField, ExpectedAlertActionField, InitiatingAuthorityField, ProviderField } from './AlertFields';
import { alertStatusChoices } from './alertStatus';

/** The search's filters (6.4.2): number, provider, status, establishment and originating country, broadcast date. */
const alertFilters = [
  <TextInput key="number" source="number" label="resources.alerts.fields.number" alwaysOn resettable sx={{ width: 180 }} />,
  <SelectArrayInput key="status" source="status" label="resources.alerts.fields.status" choices={alertStatusChoices} alwaysOn sx={{ minWidth: 200 }} />,
  <ReferenceInput key="establishmentCountry" source="establishmentCountry" reference="countries" sort={{ field: 'nameEn', order: 'ASC' }} perPage={100} alwaysOn>
    <AutocompleteInput label="resources.alerts.fields.establishmentCountry" optionText="nameEn" sx={{ minWidth: 200 }} />
  </ReferenceInput>,
  <TextInput key="provider" source="provider" label="resources.alerts.fields.providerName" helperText="liaison.alert.provider_search_help" />,
  <ReferenceInput key="originatingCountry" source="originatingCountry" reference="countries" sort={{ field: 'nameEn', order: 'ASC' }} perPage={100}>
    <AutocompleteInput label="resources.alerts.fields.originatingCountry" optionText="nameEn" sx={{ minWidth: 200 }} />
  </ReferenceInput>,
  <DateInput key="broadcastFrom" source="broadcastFrom" label="liaison.alert.broadcast_from" />,
  <DateInput key="broadcastTo" source="broadcastTo" label="liaison.alert.broadcast_to" />,
];

const AlertListActions = () => (
  <TopToolbar>
    <FilterButton />
    <CreateButton label="liaison.alert.new" />
  </TopToolbar>
);

/**
 * The rows (the action list keeps the API's order: its columns do not sort); the provider's column only when the API gives a provider on this page (the Commission
 * and closed alerts never show one, so an empty column would only say "hidden" on every row).
 */
const AlertGrid = ({ withActions = false }: { withActions?: boolean }) => {
  const { data } = useListContext<AlertListRow>();
  const withProvider = (data ?? []).some((r) => r.providerName !== null);
  return (
    <Datagrid
      rowClick={(id) => `/alerts/${encodeURIComponent(String(id))}/show`}
      bulkActionButtons={false}
      sx={{ '& .column-number': { whiteSpace: 'nowrap' } }}
      data-testid={withActions ? 'alert-action-list' : 'alert-list'}
    >
      <TextField source="number" label="resources.alerts.fields.number" sortable={!withActions} />
      {withProvider ? <ProviderField label="resources.alerts.fields.providerName" sortable={false} /> : null}
      <EstablishmentCountryField label="resources.alerts.fields.establishmentCountry" sortable={false} />
      <InitiatingAuthorityField label="resources.alerts.fields.originatingAuthorityId" sortable={false} />
      <AlertStatusField source="status" label="resources.alerts.fields.status" sortable={!withActions} />
      {withActions ? <ExpectedAlertActionField label="liaison.alert.expected_label" sortable={false} /> : null}
      <DateTimeField source="broadcastAt" label="resources.alerts.fields.broadcastAt" sortable={!withActions} />
      <DateTimeField source="createdAt" label="resources.alerts.fields.createdAt" sortable={!withActions} />
    </Datagrid>
  );
};

/** Every alert the user's authority takes part in, drafts and closed ones included (GET /api/alerts). */
export const AlertList = () => (
  <List resource="alerts" filters={alertFilters} actions={<AlertListActions />} sort={{ field: 'createdAt', order: 'DESC' }} perPage={25}>
    <AlertGrid />
  </List>
);

const Nothing = () => {
  const translate = useTranslate();
  return (
    <Alert severity="success" sx={{ m: 2 }} data-testid="alert-action-list-empty">
      {translate('liaison.alert.nothing_to_do')}
    </Alert>
  );
};

/**
 * What the user's authority must do now (GET /api/alerts/action-list), in the API's order; a row
 * opens the alert. On the home page (`title` given) it keeps its paging out of the page's URL.
 */
export const AlertActionList = ({ title }: { title?: string }) => (
  <List
    resource="alert-actions"
    title={title}
    disableSyncWithLocation={title !== undefined}
    actions={<TopToolbar><CreateButton resource="alerts" label="liaison.alert.new" /></TopToolbar>}
    perPage={25}
    empty={<Nothing />}
    sort={{ field: 'createdAt', order: 'DESC' }}
  >
    <AlertGrid withActions />
  </List>
);
