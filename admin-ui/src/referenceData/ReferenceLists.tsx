import { Box, Chip, List as MuiList, ListItem, Typography } from '@mui/material';
import { Datagrid, FunctionField, List, TextField, useRecordContext, useTranslate } from 'react-admin';
import type { ReferenceRecord } from './referenceDataProvider';
import { NameWithRetired, referenceFilters, YesNoField } from './RetiredField';
import { useReferenceNames } from './useReferenceNames';

/** Reference data are read-only: lists without create or edit, searched by any text. */
const ReferenceList = ({ children, sort = 'code' }: { children: React.ReactNode; sort?: string }) => (
  <List filters={referenceFilters} sort={{ field: sort, order: 'ASC' }} perPage={50} exporter={false} actions={false}>
    {children}
  </List>
);

const NameField = ({ source }: { source: string; label?: string; sortable?: boolean }) => {
  const record = useRecordContext();
  if (!record) return null;
  return (
    <NameWithRetired>
      <span>{String(record[source] ?? '')}</span>
    </NameWithRetired>
  );
};

export const CountryList = () => (
  <ReferenceList>
    <Datagrid bulkActionButtons={false} rowClick={false}>
      <TextField source="code" />
      <NameField source="nameEn" label="resources.countries.fields.nameEn" />
      <TextField source="nameNative" />
      <YesNoField source="euMember" />
      <YesNoField source="hasRegions" />
      <FunctionField<ReferenceRecord<'countries'>> source="languages" sortable={false} render={(r) => r.languages.join(', ')} />
      <TextField source="timeZone" />
    </Datagrid>
  </ReferenceList>
);

export const LanguageList = () => (
  <ReferenceList>
    <Datagrid bulkActionButtons={false} rowClick={false}>
      <TextField source="code" />
      <NameField source="nameEn" label="resources.languages.fields.nameEn" />
      <TextField source="nameNative" />
      <YesNoField source="euOfficial" />
    </Datagrid>
  </ReferenceList>
);

const KeywordsField = (_props: { label?: string; sortable?: boolean }) => {
  const record = useRecordContext<ReferenceRecord<'legislation-areas'>>();
  if (!record) return null;
  return (
    <Box sx={{ display: 'flex', gap: 0.5, flexWrap: 'wrap' }}>
      {record.keywords.map((k) => (
        <Chip key={k.code} size="small" variant="outlined" label={k.label} title={k.code} />
      ))}
    </Box>
  );
};

const WorkflowsField = (_props: { label?: string; sortable?: boolean }) => {
  const record = useRecordContext<ReferenceRecord<'legislation-areas'>>();
  const translate = useTranslate();
  if (!record) return null;
  return <span>{record.workflows.map((w) => translate(`liaison.authority.workflows.${w}`)).join(', ')}</span>;
};

export const LegislationAreaList = () => (
  <ReferenceList sort="position">
    <Datagrid bulkActionButtons={false} rowClick={false}>
      <NameField source="name" label="resources.legislation-areas.fields.name" />
      <TextField source="legalReference" />
      <WorkflowsField label="resources.legislation-areas.fields.workflows" />
      <TextField source="blockPersonalDataAfterMonths" />
      <KeywordsField label="resources.legislation-areas.fields.keywords" />
    </Datagrid>
  </ReferenceList>
);

export const NaceCodeList = () => (
  <ReferenceList>
    <Datagrid bulkActionButtons={false} rowClick={false}>
      <TextField source="code" />
      <FunctionField<ReferenceRecord<'nace-codes'>>
        source="name"
        render={(r) => <Box sx={{ pl: (r.level - 1) * 3, fontWeight: r.level === 1 ? 600 : 400 }}>{r.name}</Box>}
      />
      <TextField source="parent" emptyText="—" />
    </Datagrid>
  </ReferenceList>
);

export const PolicyAreaList = () => (
  // the API lists each area followed by its sub-areas; `position` keeps that order only within a level
  <List filters={referenceFilters} perPage={100} exporter={false} actions={false}>
    <Datagrid bulkActionButtons={false} rowClick={false}>
      <FunctionField<ReferenceRecord<'policy-areas'>>
        source="name"
        sortable={false}
        render={(r) => <Box sx={{ pl: (r.level - 1) * 3, fontWeight: r.level === 1 ? 600 : 400 }}>{r.name}</Box>}
      />
      <TextField source="code" sortable={false} />
    </Datagrid>
  </List>
);

/** A question set's questions, each with its predefined answers. */
const QuestionsPanel = () => {
  const record = useRecordContext<ReferenceRecord<'question-sets'>>();
  const translate = useTranslate();
  if (!record) return null;
  return (
    <Box sx={{ px: 2, py: 1 }}>
      {record.instructions ? (
        <Typography variant="body2" color="text.secondary" sx={{ mb: 1, whiteSpace: 'pre-line' }}>
          {record.instructions}
        </Typography>
      ) : null}
      {record.checklist.length ? (
        <>
          <Typography variant="caption" color="text.secondary">
            {translate('liaison.reference.checklist')}
          </Typography>
          <MuiList dense sx={{ listStyle: 'decimal', pl: 3, mb: 1 }}>
            {record.checklist.map((item, i) => (
              <ListItem key={i} sx={{ display: 'list-item', py: 0 }}>
                {item}
              </ListItem>
            ))}
          </MuiList>
        </>
      ) : null}
      <MuiList dense sx={{ listStyle: 'decimal', pl: 3 }}>
        {record.questions.map((q) => (
          <ListItem key={q.code} sx={{ display: 'list-item' }}>
            <Typography variant="body2" sx={{ fontWeight: 500 }}>
              {q.text}
              {q.commentRequired ? (
                <Chip size="small" variant="outlined" label={translate('liaison.reference.comment_required')} sx={{ ml: 1, height: 20 }} />
              ) : null}
            </Typography>
            {q.answers.length ? (
              <Box sx={{ display: 'flex', gap: 0.5, flexWrap: 'wrap', mt: 0.5 }}>
                {q.answers.map((a) => (
                  <Chip key={a.code} size="small" label={a.text} />
                ))}
              </Box>
            ) : (
              <Typography variant="caption" color="text.secondary">
                {translate('liaison.reference.free_text_answer')}
              </Typography>
            )}
          </ListItem>
        ))}
      </MuiList>
    </Box>
  );
};

const AreaNameField = (_props: { label?: string }) => {
  const record = useRecordContext<ReferenceRecord<'question-sets'>>();
  const names = useReferenceNames('legislation-areas');
  if (!record) return null;
  return <Chip size="small" variant="outlined" label={names.get(record.area) ?? record.area} />;
};

export const QuestionSetList = () => (
  <ReferenceList sort="position">
    <Datagrid bulkActionButtons={false} rowClick="expand" expand={<QuestionsPanel />}>
      <NameField source="name" label="resources.question-sets.fields.name" />
      <AreaNameField label="resources.question-sets.fields.area" />
      <FunctionField<ReferenceRecord<'question-sets'>> label="resources.question-sets.fields.questions" render={(r) => r.questions.length} />
    </Datagrid>
  </ReferenceList>
);
