import { Box, Chip } from '@mui/material';
import { Datagrid, FilterButton, FunctionField, List, TextField, TopToolbar, useLocaleState, useRecordContext, useTranslate } from 'react-admin';
import { useReferenceNames } from '../referenceData/useReferenceNames';
import type { AuthorityRecord } from './authorityApi';
import { authorityFilters } from './authorityFilters';
import { AuthorityStatusField } from './AuthorityStatusField';

const ListActions = () => (
  <TopToolbar>
    <FilterButton />
  </TopToolbar>
);

/** The official name with the informal title in the console's language (or English) below it. */
const NameField = (_props: { label?: string; source?: string; sortBy?: string }) => {
  const record = useRecordContext<AuthorityRecord>();
  const [locale] = useLocaleState();
  if (!record) return null;
  const informal = record.informalTitle[locale] ?? record.informalTitle.en ?? Object.values(record.informalTitle)[0];
  return (
    <Box>
      <Box sx={{ fontWeight: 500 }}>{record.officialName}</Box>
      {informal && informal !== record.officialName ? <Box sx={{ color: 'text.secondary', fontSize: 12 }}>{informal}</Box> : null}
    </Box>
  );
};

const shownAreas = 2;

/** The legislation areas it has access to, by name: the first two, and how many more. */
const AreasField = (_props: { label?: string; sortable?: boolean }) => {
  const record = useRecordContext<AuthorityRecord>();
  const names = useReferenceNames('legislation-areas');
  const translate = useTranslate();
  if (!record) return null;
  const rest = record.areas.slice(shownAreas).map((a) => names.get(a) ?? a);
  return (
    <Box sx={{ display: 'flex', gap: 0.5, flexWrap: 'wrap', maxWidth: 320 }}>
      {record.areas.slice(0, shownAreas).map((a) => (
        <Chip key={a} size="small" variant="outlined" label={names.get(a) ?? a} sx={{ maxWidth: 200 }} />
      ))}
      {rest.length ? <Chip size="small" label={translate('liaison.authority.more', { count: rest.length })} title={rest.join(', ')} /> : null}
    </Box>
  );
};

const KindField = (_props: { label?: string; sortable?: boolean }) => {
  const translate = useTranslate();
  return <FunctionField<AuthorityRecord> render={(r) => <span title={translate(`liaison.authority.kind.${r.kind}`)}>{translate(`liaison.authority.kind_short.${r.kind}`, { _: r.kind })}</span>} />;
};

/** The authority directory: search by free text (exact or all words) and the IMI criteria. */
export const AuthorityList = () => (
  <List filters={authorityFilters} filterDefaultValues={{ mode: 'words' }} actions={<ListActions />} sort={{ field: 'officialName', order: 'ASC' }} perPage={25}>
    <Datagrid rowClick="show" bulkActionButtons={false}>
      <NameField source="officialName" label="resources.authorities.fields.officialName" />
      <TextField source="countryCode" label="resources.authorities.fields.countryCode" />
      <TextField source="city" sortable={false} />
      <KindField label="resources.authorities.fields.kind" sortable={false} />
      <AuthorityStatusField label="resources.authorities.fields.status" sortable={false} />
      <AreasField label="resources.authorities.fields.areas" sortable={false} />
    </Datagrid>
  </List>
);
