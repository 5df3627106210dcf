import { NullableBooleanInput, SearchInput, SelectInput, TextInput, useTranslate } from 'react-admin';
import { contactCheckStatusChoices } from './contactCheckStatus';

/** Full-text search on the authority (SearchInput shows no label, so its placeholder says what it searches). */
const AuthoritySearchInput = (props: { source: string; alwaysOn?: boolean }) => {
  const translate = useTranslate();
  return <SearchInput {...props} placeholder={translate('resources.contact-checks.fields.q')} />;
};

export const contactCheckFilters = [
  <AuthoritySearchInput key="q" source="q" alwaysOn />,
  <SelectInput key="status" source="status" choices={contactCheckStatusChoices} alwaysOn />,
  <TextInput key="countryCode" source="countryCode" sx={{ width: 120 }} />,
  <NullableBooleanInput key="overdue" source="overdue" />,
];
