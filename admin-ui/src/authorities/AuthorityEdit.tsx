import { Alert, Box, MenuItem, TextField as MuiTextField } from '@mui/material';
import { useMemo, useState } from 'react';
import {
  AutocompleteArrayInput,
  Edit,
  SaveButton,
  SelectInput,
  SimpleForm,
  TextInput,
  Toolbar,
  required,
  useGetList,
  useRecordContext,
  useTranslate,
} from 'react-admin';
import { useWatch } from 'react-hook-form';
import { detailView } from '../dataProvider';
import { SectionTitle } from '../fields/SectionTitle';
import type { ReferenceRecord } from '../referenceData/referenceDataProvider';
import { toAuthorityDataUpdate, type AuthorityDetailRecord } from './authorityApi';
import { authorityEditRights, currentViewer } from './authorityEditRights';

const wide = { width: 560, maxWidth: '100%' };

const AuthorityEditTitle = () => {
  const record = useRecordContext<AuthorityDetailRecord>();
  const translate = useTranslate();
  return <span>{translate('liaison.authority.edit.title', { name: record?.officialName ?? '' })}</span>;
};

/** The reference languages as choices, by their English name. */
function useLanguageChoices(): { id: string; name: string }[] {
  const { data } = useGetList<ReferenceRecord<'languages'>>('languages', { pagination: { page: 1, perPage: 10_000 } });
  return useMemo(() => (data ?? []).map((l) => ({ id: l.id, name: l.nameEn })).sort((a, b) => a.name.localeCompare(b.name)), [data]);
}

/**
 * One informal title per language: those the authority has, those of the languages it
 * understands, and any other language added here. A title left empty is removed on save.
 */
const InformalTitleInputs = ({ choices }: { choices: { id: string; name: string }[] }) => {
  const record = useRecordContext<AuthorityDetailRecord>();
  const translate = useTranslate();
  const understood = (useWatch({ name: 'languages' }) as string[] | undefined) ?? [];
  const [added, setAdded] = useState<string[]>([]);
  const names = useMemo(() => new Map(choices.map((c) => [c.id, c.name])), [choices]);
  const shown = [...new Set([...Object.keys(record?.informalTitle ?? {}), ...understood, ...added])];
  const addable = choices.filter((c) => !shown.includes(c.id));
  return (
    <Box sx={{ display: 'flex', flexDirection: 'column' }}>
      {shown.map((code) => (
        <TextInput
          key={code}
          source={`informalTitle.${code}`}
          label={translate('liaison.authority.edit.informal_title_in', { language: names.get(code) ?? code })}
          slotProps={{ htmlInput: { lang: code } }}
          sx={wide}
        />
      ))}
      {addable.length ? (
        <MuiTextField
          select
          size="small"
          value=""
          label={translate('liaison.authority.edit.add_title')}
          onChange={(e) => setAdded((a) => [...a, e.target.value])}
          sx={{ width: 320, maxWidth: '100%', mb: 2 }}
        >
          {addable.map((c) => (
            <MenuItem key={c.id} value={c.id}>
              {c.name}
            </MenuItem>
          ))}
        </MuiTextField>
      ) : null}
    </Box>
  );
};

const AuthorityEditForm = () => {
  const record = useRecordContext<AuthorityDetailRecord>();
  const translate = useTranslate();
  const languages = useLanguageChoices();
  if (!record || record.contactEmail === undefined) return null;
  const rights = authorityEditRights(currentViewer(), record);
  // reached by its address: say so rather than offer a form the API refuses
  if (!rights.mayEdit) {
    return (
      <Alert severity="info" sx={{ m: 2 }}>
        {translate('liaison.authority.edit.not_allowed')}
      </Alert>
    );
  }
  return (
    <SimpleForm
      // the API checks the email and website and says what is wrong under the input; the browser's own bubble would stop it
      noValidate
      toolbar={
        <Toolbar>
          <SaveButton />
        </Toolbar>
      }
    >
      <SectionTitle>{translate('liaison.authority.edit.general')}</SectionTitle>
      <TextInput
        source="officialName"
        disabled={!rights.mayChangeOfficialName}
        helperText={rights.mayChangeOfficialName ? false : 'liaison.authority.edit.official_name_help'}
        validate={rights.mayChangeOfficialName ? required() : undefined}
        sx={wide}
      />
      <AutocompleteArrayInput source="languages" choices={languages} validate={required()} sx={wide} />
      <TextInput source="description" multiline minRows={3} sx={wide} />
      <SelectInput source="descriptionLanguage" choices={languages} emptyText="liaison.authority.edit.no_language" sx={{ width: 320, maxWidth: '100%' }} />

      <SectionTitle>{translate('liaison.authority.informal_titles')}</SectionTitle>
      <InformalTitleInputs choices={languages} />

      <SectionTitle>{translate('liaison.authority.contact')}</SectionTitle>
      <TextInput
        source="addressLines"
        multiline
        minRows={2}
        helperText="liaison.authority.edit.address_help"
        format={(lines: unknown) => (Array.isArray(lines) ? lines.join('\n') : '')}
        parse={(text: string) => text.split('\n')}
        sx={wide}
      />
      <Box sx={{ display: 'flex', gap: 2, flexWrap: 'wrap' }}>
        <TextInput source="postcode" sx={{ width: 160 }} />
        <TextInput source="city" validate={required()} sx={{ width: 384, maxWidth: '100%' }} />
      </Box>
      <TextInput source="contactEmail" type="email" validate={required()} sx={wide} />
      <TextInput source="phone" sx={{ width: 320, maxWidth: '100%' }} />
      <TextInput source="website" type="url" helperText="liaison.authority.edit.website_help" sx={wide} />
    </SimpleForm>
  );
};

/**
 * An authority's general and contact data (PATCH /api/authorities/{id}), for whoever
 * authorityEditRights lets edit. The API's 400 field messages land under the inputs; its 403
 * reason is the notification. The form sends what the API's schema takes (toAuthorityDataUpdate).
 */
export const AuthorityEdit = () => (
  <Edit
    title={<AuthorityEditTitle />}
    mutationMode="pessimistic"
    redirect="show"
    queryOptions={{ meta: detailView }}
    mutationOptions={{ meta: detailView }}
    transform={(data: AuthorityDetailRecord) => toAuthorityDataUpdate(data, authorityEditRights(currentViewer(), data).mayChangeOfficialName)}
  >
    <AuthorityEditForm />
  </Edit>
);
