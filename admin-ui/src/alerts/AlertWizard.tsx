import AttachFileIcon from '@mui/icons-material/AttachFile';
import SaveIcon from '@mui/icons-material/Save';
import SendIcon from '@mui/icons-material/Send';
import {
  Alert,
  Box,
  Button,
  Card,
  CardContent,
  Checkbox,
  Chip,
  CircularProgress,
  FormControlLabel,
  MenuItem,
  Paper,
  Radio,
  RadioGroup,
  Step,
  StepButton,
  Stepper,
  TextField,
  Typography,
} from '@mui/material';
import { useEffect, useState, type ReactNode } from 'react';
import { Title, useGetList, useLocaleState, useNotify, useRedirect, useTranslate } from 'react-admin';
import { useParams } from 'react-router-dom';
import { serverErrors } from '../dialogs/serverErrors';
import { Fact, FactGrid } from '../fields/Fact';
import type { ReferenceRecord } from '../referenceData/referenceDataProvider';
import { alertCommand, createAlert, getAlert, toNewAlertFile, type AlertDetailRecord, type AlertProvider } from './alertApi';
import { alertCriterionCodes } from './alertCriteria';
import { useAlertCoordinators } from './useAlertCoordinators';

const steps = ['criteria', 'provider', 'coordinator', 'countries', 'suggested', 'review'] as const;
type StepName = (typeof steps)[number];

/** Which step holds the API's field (its path's first part), to go back to it. */
const stepOfField: Record<string, StepName> = {
  criteria: 'criteria',
  provider: 'provider',
  description: 'provider',
  descriptionLanguage: 'provider',
  files: 'provider',
  alertCoordinatorId: 'coordinator',
  targetCountries: 'countries',
  establishmentCountry: 'countries',
  suggestedAuthorities: 'suggested',
};

interface WizardState {
  criteria: Record<string, boolean>;
  providerKind: 'person' | 'business';
  name: string;
  otherNames: string;
  registrationNumber: string;
  street: string;
  city: string;
  country: string;
  description: string;
  descriptionLanguage: string;
  files: File[];
  /** Files of the saved draft, and those the user removes. */
  storedFiles: { id: string; fileName: string }[];
  removeFileIds: string[];
  alertCoordinatorId: string;
  targetCountries: string[];
  establishmentCountry: string;
  suggestedAuthorities: string;
}

const emptyWizard = (locale: string): WizardState => ({
  criteria: {},
  providerKind: 'business',
  name: '',
  otherNames: '',
  registrationNumber: '',
  street: '',
  city: '',
  country: '',
  description: '',
  descriptionLanguage: locale,
  files: [],
  storedFiles: [],
  removeFileIds: [],
  alertCoordinatorId: '',
  targetCountries: [],
  establishmentCountry: '',
  suggestedAuthorities: '',
});

const nonEmpty = (entries: Record<string, string>) => Object.fromEntries(Object.entries(entries).map(([k, v]) => [k, v.trim()]).filter(([, v]) => v !== ''));

const providerOf = (s: WizardState): AlertProvider | undefined =>
  s.name.trim()
    ? {
        providerKind: s.providerKind,
        name: s.name.trim(),
        otherNames: s.otherNames.split(/\n|;/).map((n) => n.trim()).filter(Boolean),
        address: nonEmpty({ street: s.street, city: s.city, country: s.country }),
        registrationNumbers: nonEmpty({ registrationNumber: s.registrationNumber }),
        fields: {},
      }
    : undefined;

/** The stored draft back into the wizard (edit). */
const stateOfDraft = (record: AlertDetailRecord, locale: string): WizardState => {
  const { detail } = record;
  const p = detail.provider;
  return {
    ...emptyWizard(locale),
    criteria: { ...detail.criteria },
    providerKind: p?.providerKind ?? 'business',
    name: p?.name ?? '',
    otherNames: (p?.otherNames ?? []).join('\n'),
    registrationNumber: p?.registrationNumbers.registrationNumber ?? Object.values(p?.registrationNumbers ?? {})[0] ?? '',
    street: p?.address.street ?? '',
    city: p?.address.city ?? '',
    country: p?.address.country ?? '',
    description: detail.description ?? '',
    descriptionLanguage: detail.descriptionLanguage ?? locale,
    storedFiles: detail.files.filter((f) => f.textId === null).map((f) => ({ id: f.id, fileName: f.fileName })),
    alertCoordinatorId: record.alertCoordinatorId ?? '',
    targetCountries: [...record.targetCountries],
    establishmentCountry: record.establishmentCountry ?? '',
    suggestedAuthorities: detail.suggestedAuthorities ?? '',
  };
};

const StepBody = ({ title, children }: { title: string; children: ReactNode }) => (
  <Box sx={{ display: 'grid', gap: 2, maxWidth: 900 }}>
    <Typography variant="h6" component="h2">
      {title}
    </Typography>
    {children}
  </Box>
);

/**
 * The initiation wizard (6.3.1.1): the checklist of criteria → provider data, case description and
 * files → the alert coordinator (from those linked to the user's authority) → target countries and
 * the establishment country → authorities to warn (free text) → review. "Save draft" works at every
 * step (the first save numbers the alert); "Submit" saves and submits to the coordinator. Editing a
 * draft opens the same steps with what is stored.
 */
export const AlertWizard = ({ draftId }: { draftId?: string }) => {
  const translate = useTranslate();
  const notify = useNotify();
  const redirect = useRedirect();
  const [locale] = useLocaleState();
  const [step, setStep] = useState<StepName>('criteria');
  const [state, setState] = useState<WizardState>(() => emptyWizard(locale));
  const [id, setId] = useState<string | undefined>(draftId);
  const [number, setNumber] = useState<string | null>(null);
  const [loading, setLoading] = useState(!!draftId);
  const [busy, setBusy] = useState<'save' | 'submit' | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [fields, setFields] = useState<Record<string, string>>({});
  const set = (patch: Partial<WizardState>) => setState((s) => ({ ...s, ...patch }));
  const mine = useAlertCoordinators();
  const countries = useGetList<ReferenceRecord<'countries'>>('countries', { pagination: { page: 1, perPage: 100 }, sort: { field: 'nameEn', order: 'ASC' } });
  const languages = useGetList<ReferenceRecord<'languages'>>('languages', { pagination: { page: 1, perPage: 200 }, sort: { field: 'nameEn', order: 'ASC' } });
  const euLanguages = (languages.data ?? []).filter((l) => l.euOfficial && !l.retired);
  const t = (key: string, options?: Record<string, unknown>) => translate(`liaison.alert.wizard.${key}`, options);

  useEffect(() => {
    if (!draftId) return;
    let live = true;
    getAlert(draftId)
      .then((record) => {
        if (!live) return;
        setState(stateOfDraft(record, locale));
        setNumber(record.number);
        if (!record.detail.actions.includes('edit-draft')) setError(t('not_editable'));
      })
      .catch((e) => live && setError(serverErrors(e).message))
      .finally(() => live && setLoading(false));
    return () => {
      live = false;
    };
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [draftId]);

  // One coordinator linked: it is the choice.
  const coordinators = mine.data?.coordinators ?? [];
  useEffect(() => {
    if (!state.alertCoordinatorId && coordinators.length === 1) set({ alertCoordinatorId: coordinators[0]!.id });
  }, [coordinators, state.alertCoordinatorId]);

  const fieldError = (...paths: string[]) => {
    for (const p of paths) for (const [k, v] of Object.entries(fields)) if (k === p || k.startsWith(`${p}.`)) return v;
    return undefined;
  };
  const ownCountry = mine.data?.country ?? null;

  const showErrors = (e: unknown) => {
    const { message, fields: byField } = serverErrors(e);
    setError(message ? translate(message, { _: message }) : null);
    setFields(byField);
    const first = Object.keys(byField).map((k) => stepOfField[k.split('.')[0]!]).find(Boolean);
    if (first) setStep(first);
  };

  /** Creates the draft (first save, which numbers it) or replaces what the draft holds. */
  const save = async (): Promise<string | null> => {
    setError(null);
    setFields({});
    const criteria = Object.fromEntries(alertCriterionCodes.map((c) => [c, state.criteria[c] === true]));
    const common = {
      criteria,
      ...(providerOf(state) && { provider: providerOf(state) }),
      // An empty description is left out: a blank text must not count as written when submitting.
      ...(state.description.trim() && { description: state.description.trim() }),
      descriptionLanguage: state.descriptionLanguage,
      files: await Promise.all(state.files.map(toNewAlertFile)),
      alertCoordinatorId: state.alertCoordinatorId || null,
      targetCountries: state.targetCountries,
      establishmentCountry: state.establishmentCountry || null,
      suggestedAuthorities: state.suggestedAuthorities.trim() || null,
    };
    try {
      if (id) {
        const saved = await alertCommand(id, 'edit-draft', { ...common, removeFileIds: state.removeFileIds });
        setNumber(saved.number);
        set({ files: [], removeFileIds: [], storedFiles: saved.detail.files.filter((f) => f.textId === null).map((f) => ({ id: f.id, fileName: f.fileName })) });
        return saved.id;
      }
      const created = await createAlert(common as never);
      setId(created.id);
      setNumber(created.number);
      set({ files: [], storedFiles: created.detail.files.map((f) => ({ id: f.id, fileName: f.fileName })) });
      return created.id;
    } catch (e) {
      showErrors(e);
      return null;
    }
  };

  const saveDraft = async () => {
    setBusy('save');
    const saved = await save();
    setBusy(null);
    if (saved) notify('liaison.alert.wizard.saved', { type: 'success' });
  };

  const submit = async () => {
    const missing: Record<string, string> = {};
    if (!alertCriterionCodes.every((c) => state.criteria[c])) missing.criteria = t('all_criteria');
    if (!state.name.trim()) missing['provider.name'] = translate('liaison.alert.dialog.required');
    if (!state.description.trim()) missing.description = translate('liaison.alert.dialog.required');
    if (!state.alertCoordinatorId) missing.alertCoordinatorId = translate('liaison.alert.dialog.required');
    if (Object.keys(missing).length) {
      setFields(missing);
      setError(t('incomplete'));
      const first = Object.keys(missing).map((k) => stepOfField[k.split('.')[0]!]).find(Boolean);
      if (first) setStep(first);
      return;
    }
    setBusy('submit');
    const saved = await save();
    if (!saved) {
      setBusy(null);
      return;
    }
    try {
      await alertCommand(saved, 'submit');
      notify('liaison.alert.done.submit', { type: 'success' });
      redirect('show', 'alerts', saved);
    } catch (e) {
      showErrors(e);
      setBusy(null);
    }
  };

  if (loading) return <CircularProgress sx={{ m: 4 }} />;
  const index = steps.indexOf(step);
  const countryChoices = (countries.data ?? []).filter((c) => !c.retired);
  const countryName = (code: string) => countryChoices.find((c) => c.id === code)?.nameEn ?? code;
  const coordinatorName = coordinators.find((c) => c.id === state.alertCoordinatorId)?.officialName;

  const body: Record<StepName, ReactNode> = {
    criteria: (
      <StepBody title={t('step.criteria')}>
        <Typography variant="body2" color="text.secondary">
          {t('criteria_intro')}
        </Typography>
        <Paper variant="outlined" sx={{ p: 2 }} data-testid="wizard-criteria">
          {alertCriterionCodes.map((code) => (
            <FormControlLabel
              key={code}
              sx={{ display: 'flex', alignItems: 'flex-start', mb: 1 }}
              control={<Checkbox checked={state.criteria[code] === true} onChange={(e) => set({ criteria: { ...state.criteria, [code]: e.target.checked } })} sx={{ pt: 0.25 }} />}
              label={translate(`liaison.alert.criteria.${code}`)}
            />
          ))}
        </Paper>
        {fieldError('criteria') ? <Alert severity="error">{fieldError('criteria')}</Alert> : null}
      </StepBody>
    ),
    provider: (
      <StepBody title={t('step.provider')}>
        <Alert severity="warning" variant="outlined">
          {t('personal_data_note')}
        </Alert>
        <RadioGroup row value={state.providerKind} onChange={(e) => set({ providerKind: e.target.value as WizardState['providerKind'] })}>
          <FormControlLabel value="business" control={<Radio />} label={translate('liaison.alert.provider.kind_business')} />
          <FormControlLabel value="person" control={<Radio />} label={translate('liaison.alert.provider.kind_person')} />
        </RadioGroup>
        <TextField name="provider.name" required label={translate('liaison.alert.provider.name')} value={state.name} onChange={(e) => set({ name: e.target.value })} error={!!fieldError('provider.name', 'provider')} helperText={fieldError('provider.name', 'provider')} />
        <TextField name="provider.otherNames" label={translate('liaison.alert.provider.other_names')} value={state.otherNames} onChange={(e) => set({ otherNames: e.target.value })} multiline helperText={t('other_names_help')} />
        <TextField name="provider.registrationNumber" label={translate('liaison.alert.provider.registration_registrationNumber')} value={state.registrationNumber} onChange={(e) => set({ registrationNumber: e.target.value })} />
        <Box sx={{ display: 'grid', gridTemplateColumns: '2fr 1fr 120px', gap: 1 }}>
          <TextField label={translate('liaison.alert.provider.address_street')} value={state.street} onChange={(e) => set({ street: e.target.value })} />
          <TextField label={translate('liaison.alert.provider.address_city')} value={state.city} onChange={(e) => set({ city: e.target.value })} />
          <TextField label={translate('liaison.alert.provider.address_country')} value={state.country} onChange={(e) => set({ country: e.target.value.toUpperCase().slice(0, 2) })} />
        </Box>
        <Box sx={{ display: 'grid', gridTemplateColumns: '1fr 180px', gap: 1 }}>
          <TextField
            name="description"
            required
            label={translate('liaison.alert.section.description')}
            value={state.description}
            onChange={(e) => set({ description: e.target.value })}
            multiline
            minRows={5}
            error={!!fieldError('description')}
            helperText={fieldError('description') ?? t('description_help')}
          />
          <TextField select label={t('description_language')} value={state.descriptionLanguage} onChange={(e) => set({ descriptionLanguage: e.target.value })}>
            {(euLanguages.length ? euLanguages : [{ id: locale, nameNative: locale }]).map((l) => (
              <MenuItem key={l.id} value={l.id}>
                {l.nameNative} ({l.id})
              </MenuItem>
            ))}
          </TextField>
        </Box>
        <Box>
          <Button component="label" variant="outlined" startIcon={<AttachFileIcon />}>
            {t('attach_files')}
            <input hidden multiple type="file" data-testid="wizard-files" onChange={(e) => set({ files: [...state.files, ...Array.from(e.target.files ?? [])] })} />
          </Button>
          <Box sx={{ display: 'flex', gap: 0.5, flexWrap: 'wrap', mt: 1 }}>
            {state.storedFiles
              .filter((f) => !state.removeFileIds.includes(f.id))
              .map((f) => (
                <Chip key={f.id} icon={<AttachFileIcon />} label={f.fileName} variant="outlined" onDelete={() => set({ removeFileIds: [...state.removeFileIds, f.id] })} />
              ))}
            {state.files.map((f, i) => (
              <Chip key={`${f.name}-${i}`} icon={<AttachFileIcon />} label={f.name} onDelete={() => set({ files: state.files.filter((_, j) => j !== i) })} />
            ))}
          </Box>
          {fieldError('files') ? <Alert severity="error">{fieldError('files')}</Alert> : null}
        </Box>
      </StepBody>
    ),
    coordinator: (
      <StepBody title={t('step.coordinator')}>
        <Typography variant="body2" color="text.secondary">
          {t('coordinator_intro')}
        </Typography>
        {mine.error ? <Alert severity="error">{(mine.error as Error).message}</Alert> : null}
        {mine.isPending ? <CircularProgress size={20} /> : null}
        {!mine.isPending && coordinators.length === 0 ? <Alert severity="warning">{translate('liaison.alert.dialog.no_coordinator')}</Alert> : null}
        <RadioGroup name="alertCoordinatorId" value={state.alertCoordinatorId} onChange={(e) => set({ alertCoordinatorId: e.target.value })}>
          {coordinators.map((c) => (
            <FormControlLabel key={c.id} value={c.id} control={<Radio />} label={`${c.officialName} (${c.countryCode})`} />
          ))}
        </RadioGroup>
        {fieldError('alertCoordinatorId') ? <Alert severity="error">{fieldError('alertCoordinatorId')}</Alert> : null}
      </StepBody>
    ),
    countries: (
      <StepBody title={t('step.countries')}>
        <Typography variant="body2" color="text.secondary">
          {t('countries_intro')}
        </Typography>
        <Box sx={{ display: 'flex', gap: 0.5, flexWrap: 'wrap' }} data-testid="wizard-target-countries">
          {countryChoices
            .filter((c) => c.id !== ownCountry)
            .map((c) => {
              const on = state.targetCountries.includes(c.id);
              return (
                <Chip
                  key={c.id}
                  label={c.id}
                  title={c.nameEn}
                  data-country={c.id}
                  aria-pressed={on}
                  color={on ? 'primary' : 'default'}
                  variant={on ? 'filled' : 'outlined'}
                  onClick={() => set({ targetCountries: on ? state.targetCountries.filter((x) => x !== c.id) : [...state.targetCountries, c.id] })}
                />
              );
            })}
        </Box>
        {fieldError('targetCountries') ? <Alert severity="error">{fieldError('targetCountries')}</Alert> : null}
        <TextField
          select
          name="establishmentCountry"
          label={translate('resources.alerts.fields.establishmentCountry')}
          value={state.establishmentCountry}
          onChange={(e) => set({ establishmentCountry: e.target.value })}
          error={!!fieldError('establishmentCountry')}
          helperText={fieldError('establishmentCountry') ?? t('establishment_help')}
        >
          <MenuItem value="">
            <em>{translate('liaison.alert.unknown_country')}</em>
          </MenuItem>
          {countryChoices.map((c) => (
            <MenuItem key={c.id} value={c.id}>
              {c.nameEn} ({c.id})
            </MenuItem>
          ))}
        </TextField>
      </StepBody>
    ),
    suggested: (
      <StepBody title={t('step.suggested')}>
        <TextField
          name="suggestedAuthorities"
          label={translate('liaison.alert.section.suggested')}
          value={state.suggestedAuthorities}
          onChange={(e) => set({ suggestedAuthorities: e.target.value })}
          multiline
          minRows={4}
          error={!!fieldError('suggestedAuthorities')}
          helperText={fieldError('suggestedAuthorities') ?? t('suggested_help')}
        />
      </StepBody>
    ),
    review: (
      <StepBody title={t('step.review')}>
        <FactGrid>
          <Fact label={t('criteria_met')}>
            {alertCriterionCodes.filter((c) => state.criteria[c]).length} / {alertCriterionCodes.length}
          </Fact>
          <Fact label={translate('liaison.alert.provider.name')}>{state.name || '—'}</Fact>
          <Fact label={translate('resources.alerts.fields.alertCoordinatorId')}>{coordinatorName ?? '—'}</Fact>
          <Fact label={translate('resources.alerts.fields.targetCountries')}>{state.targetCountries.map(countryName).join(', ') || '—'}</Fact>
          <Fact label={translate('resources.alerts.fields.establishmentCountry')}>
            {state.establishmentCountry ? countryName(state.establishmentCountry) : translate('liaison.alert.unknown_country')}
          </Fact>
          <Fact label={t('files_count')}>{state.storedFiles.length - state.removeFileIds.length + state.files.length}</Fact>
        </FactGrid>
        {state.description ? (
          <Fact label={translate('liaison.alert.section.description')}>
            <Typography variant="body2" sx={{ whiteSpace: 'pre-wrap' }} data-testid="review-description">
              {state.description}
            </Typography>
          </Fact>
        ) : null}
        {state.suggestedAuthorities ? (
          <Fact label={translate('liaison.alert.section.suggested')}>
            <Typography variant="body2" sx={{ whiteSpace: 'pre-wrap' }}>
              {state.suggestedAuthorities}
            </Typography>
          </Fact>
        ) : null}
      </StepBody>
    ),
  };

  return (
    <Card sx={{ mt: 2 }}>
      <Title title={number ? t('edit_title', { number }) : translate('liaison.alert.new')} />
      <CardContent>
        <Stepper nonLinear activeStep={index} alternativeLabel sx={{ mb: 3 }}>
          {steps.map((s) => (
            <Step key={s} completed={false}>
              <StepButton onClick={() => setStep(s)}>{t(`step.${s}`)}</StepButton>
            </Step>
          ))}
        </Stepper>
        {body[step]}
        {error ? (
          <Alert severity="error" sx={{ mt: 2 }} role="alert">
            {error}
            {Object.keys(fields).length ? (
              <Box component="ul" sx={{ m: 0, pl: 2 }}>
                {Object.entries(fields).map(([k, v]) => (
                  <li key={k}>
                    {k}: {v}
                  </li>
                ))}
              </Box>
            ) : null}
          </Alert>
        ) : null}
        <Box sx={{ display: 'flex', gap: 1, mt: 3, flexWrap: 'wrap' }}>
          <Button disabled={index === 0} onClick={() => setStep(steps[index - 1]!)}>
            {t('back')}
          </Button>
          {index < steps.length - 1 ? (
            <Button variant="contained" onClick={() => setStep(steps[index + 1]!)}>
              {t('next')}
            </Button>
          ) : null}
          <Box sx={{ flex: 1 }} />
          <Button variant="outlined" startIcon={busy === 'save' ? <CircularProgress size={16} /> : <SaveIcon />} disabled={busy !== null} onClick={() => void saveDraft()}>
            {t('save_draft')}
          </Button>
          {step === 'review' ? (
            <Button variant="contained" startIcon={busy === 'submit' ? <CircularProgress size={16} color="inherit" /> : <SendIcon />} disabled={busy !== null} onClick={() => void submit()}>
              {translate('liaison.alert.command.submit')}
            </Button>
          ) : null}
        </Box>
        {id && number ? (
          <Typography variant="caption" color="text.secondary" sx={{ mt: 1, display: 'block' }} data-testid="draft-number">
            {t('draft_saved_as', { number })}
          </Typography>
        ) : null}
      </CardContent>
    </Card>
  );
};

export const AlertCreate = () => <AlertWizard />;

/** /alerts/:id — the draft in the wizard. */
export const AlertEdit = () => {
  const { id } = useParams<{ id: string }>();
  return <AlertWizard key={id} draftId={id} />;
};
