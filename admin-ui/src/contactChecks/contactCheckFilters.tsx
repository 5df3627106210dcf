import { NullableBooleanInput, SearchInput, SelectInput, TextInput } from 'react-admin';
import { contactCheckStatusChoices } from './contactCheckStatus';

export const contactCheckFilters = [
  <SearchInput key="q" source="q" alwaysOn placeholder="resources.contact-checks.fields.q" />,
  <SelectInput key="status" source="status" choices={contactCheckStatusChoices} alwaysOn />,
  <TextInput key="countryCode" source="countryCode" sx={{ width: 120 }} />,
  <NullableBooleanInput key="overdue" source="overdue" />,
];
