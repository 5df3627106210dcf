import { CreateButton, Datagrid, FilterButton, List, TextField, TopToolbar } from 'react-admin';
import { DateTimeField } from '../time/DateTimeField';
import { contactCheckFilters } from './contactCheckFilters';
import { ContactCheckStatusField } from './ContactCheckStatusField';
import { DeadlineField } from './DeadlineField';

const ContactCheckListActions = () => (
  <TopToolbar>
    <FilterButton />
    <CreateButton />
  </TopToolbar>
);

/** The demo case type: requests to authorities to confirm their contact data, from the read model. */
export const ContactCheckList = () => (
  <List
    filters={contactCheckFilters}
    actions={<ContactCheckListActions />}
    sort={{ field: 'openedAt', order: 'DESC' }}
    perPage={25}
  >
    <Datagrid rowClick="show" bulkActionButtons={false} sx={{ '& .RaDatagrid-rowCell': { whiteSpace: 'nowrap' } }}>
      <TextField source="authorityRef" />
      <TextField source="countryCode" />
      <ContactCheckStatusField source="status" label="resources.contact-checks.fields.status" />
      <DeadlineField source="dueAt" label="resources.contact-checks.fields.dueAt" />
      <DateTimeField source="openedAt" label="resources.contact-checks.fields.openedAt" />
      <DateTimeField source="closedAt" label="resources.contact-checks.fields.closedAt" sortable={false} />
      <DateTimeField source="updatedAt" label="resources.contact-checks.fields.updatedAt" />
    </Datagrid>
  </List>
);
