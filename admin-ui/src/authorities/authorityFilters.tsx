import { useEffect, useState } from 'react';
import {
  AutocompleteArrayInput,
  AutocompleteInput,
  ReferenceInput,
  SearchInput,
  SelectInput,
  useTranslate,
} from 'react-admin';
import { areaKeywords } from '../referenceData/referenceDataProvider';
import { authorityKindChoices, authorityStatusChoices } from './authorityStatus';

const FreeTextInput = (props: { source: string; alwaysOn?: boolean }) => {
  const translate = useTranslate();
  return <SearchInput {...props} placeholder={translate('resources.authorities.fields.q')} />;
};

const modeChoices = [
  { id: 'words', name: 'liaison.authority.mode.words' },
  { id: 'exact', name: 'liaison.authority.mode.exact' },
];

/** Area keywords from the reference data, grouped by their area in the option text. */
const KeywordInput = (props: { source: string; label?: string }) => {
  const [choices, setChoices] = useState<{ id: string; name: string }[]>([]);
  useEffect(() => {
    areaKeywords().then((rows) => setChoices(rows.map((k) => ({ id: k.id, name: `${k.name} (${k.area})` }))), () => undefined);
  }, []);
  return <AutocompleteArrayInput {...props} choices={choices} sx={{ minWidth: 280 }} />;
};

const codeAndName = (row: { id: string; name?: string; nameEn?: string }) => (row ? `${row.id} — ${row.name ?? row.nameEn ?? ''}` : '');

/** The directory's criteria (IMI ch. 5.3.1); choices come from the reference data. */
export const authorityFilters = [
  <FreeTextInput key="q" source="q" alwaysOn />,
  <SelectInput key="mode" source="mode" choices={modeChoices} alwaysOn emptyText={false as never} sx={{ minWidth: 200 }} />,
  <ReferenceInput key="country" source="country" reference="countries" alwaysOn perPage={100}>
    <AutocompleteInput optionText={codeAndName} sx={{ minWidth: 220 }} label="resources.authorities.fields.countryCode" />
  </ReferenceInput>,
  <SelectInput key="status" source="status" choices={authorityStatusChoices} />,
  <SelectInput key="kind" source="kind" choices={authorityKindChoices} />,
  <ReferenceInput key="area" source="area" reference="legislation-areas" perPage={100}>
    <AutocompleteInput optionText="name" sx={{ minWidth: 260 }} label="resources.authorities.fields.area" />
  </ReferenceInput>,
  <KeywordInput key="keyword" source="keyword" />,
  <ReferenceInput key="nace" source="nace" reference="nace-codes" perPage={200}>
    <AutocompleteInput optionText={codeAndName} sx={{ minWidth: 320 }} label="resources.authorities.fields.nace" />
  </ReferenceInput>,
  <ReferenceInput key="policyArea" source="policyArea" reference="policy-areas" perPage={200}>
    <AutocompleteInput optionText="name" sx={{ minWidth: 280 }} label="resources.authorities.fields.policyArea" />
  </ReferenceInput>,
];
