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
import { useEffect, useMemo, useState, type ReactNode } from 'react';
import { Title, useGetList, useLocaleState, useNotify, useRedirect, useTranslate } from 'react-admin';
import { useParams } from 'react-router-dom';
import type { AuthoritySummary } from '../../../schema/authorityDirectory';
import { getAuthority } from '../authorities/authorityApi';
import { serverErrors } from '../dialogs/serverErrors';
import { Fact, FactGrid } from '../fields/Fact';
import type { ReferenceRecord } from '../referenceData/referenceDataProvider';
import { AuthorityPicker } from './AuthorityPicker';
import {
  createRequest,
  editRequestDraft,
  getRequest,
  requestCommand,
  toNewAttachment,
  type CaseData,
  type NewRequestInput,
  type RequestDetailRecord,
} from './requestApi';
import { formatDeadline } from './RequestFields';
import { useQuestionSets } from './useQuestionSets';

const steps = ['area', 'responder', 'questions', 'case', 'attachments', 'review'] as const;
type StepName = (typeof steps)[number];

/** Which step holds the API's field (its path's first part), to go back to it. */
const stepOfField: Record<string, StepName> = {
  legislationArea: 'area',
  questionSet: 'area',
  respondingAuthorityId: 'responder',
  questions: 'questions',
  caseData: 'case',
  deadline: 'case',
  relatedRequestNumber: 'case',
  urgent: 'case',
  attachments: 'attachments',
  confirmedChecklist: 'area',
};

/** The derogation notification must cite the earlier request (unless urgent). */
const notificationOfMeasuresSet = 'services-derogation-notification';

interface ChosenQuestion {
  comment: string;
  commentLanguage: string;
}
interface PendingFile {
  file: File;
  questionCode: string;
}
interface WizardState {
  area: string;
  questionSet: string;
  responderMode: 'authority' | 'coordinator';
  country: string;
  responder: AuthoritySummary | null;
  questions: Record<string, ChosenQuestion>;
  subjectKind: 'person' | 'provider';
  name: string;
  identifier: string;
  birthDate: string;
  address: string;
  reason: string;
  deadline: string;
  relatedRequestNumber: string;
  urgent: boolean;
  files: PendingFile[];
  /** Checklist steps (0-based) the requester confirmed; derogation sets need all before sending (ch. 7). */
  confirmedChecklist: number[];
}

const emptyWizard = (): WizardState => ({
  confirmedChecklist: [],
  area: '',
  questionSet: '',
  responderMode: 'authority',
  country: '',
  responder: null,
  questions: {},
  subjectKind: 'person',
  name: '',
  identifier: '',
  birthDate: '',
  address: '',
  reason: '',
  deadline: '',
  relatedRequestNumber: '',
  urgent: false,
  files: [],
});

/** The identifier's key in `caseData.identifiers`: a person's national id, a provider's registration number. */
const identifierKey = (kind: WizardState['subjectKind']) => (kind === 'person' ? 'nationalId' : 'registrationNumber');

const caseDataOf = (s: WizardState): CaseData => ({
  subjectKind: s.subjectKind,
  name: s.name.trim(),
  identifiers: s.identifier.trim() ? { [identifierKey(s.subjectKind)]: s.identifier.trim() } : {},
  fields: Object.fromEntries(
    Object.entries({ birthDate: s.subjectKind === 'person' ? s.birthDate : '', address: s.address.trim() }).filter(([, v]) => v !== ''),
  ),
  reason: s.reason.trim() || null,
});

const questionsOf = (s: WizardState) =>
  Object.entries(s.questions).map(([code, q]) => ({ code, comment: q.comment.trim() || null, commentLanguage: q.comment.trim() ? q.commentLanguage : null }));

/** The stored draft back into the wizard (edit). */
async function stateOfDraft(record: RequestDetailRecord): Promise<WizardState> {
  const { detail } = record;
  const responder = await getAuthority(record.respondingAuthorityId).catch(() => null);
  const caseData = detail.caseData;
  const identifiers = caseData?.identifiers ?? {};
  return {
    ...emptyWizard(),
    area: record.legislationArea,
    questionSet: record.questionSet,
    responder: responder ? { ...responder, areas: responder.areas.map((a) => a.area) } : null,
    country: record.respondingCountry,
    questions: Object.fromEntries(detail.questions.map((q) => [q.code, { comment: q.comment ?? '', commentLanguage: q.commentLanguage ?? 'en' }])),
    subjectKind: caseData?.subjectKind ?? 'person',
    name: caseData?.name ?? '',
    identifier: identifiers.nationalId ?? identifiers.registrationNumber ?? Object.values(identifiers)[0] ?? '',
    birthDate: typeof caseData?.fields?.birthDate === 'string' ? caseData.fields.birthDate : '',
    address: typeof caseData?.fields?.address === 'string' ? caseData.fields.address : '',
    reason: caseData?.reason ?? '',
    deadline: record.deadline ?? '',
    relatedRequestNumber: record.relatedRequestNumber ?? '',
    urgent: record.urgent,
  };
}

const StepBody = ({ title, children }: { title: string; children: ReactNode }) => (
  <Box sx={{ display: 'grid', gap: 2, maxWidth: 900 }}>
    <Typography variant="h6" component="h2">
      {title}
    </Typography>
    {children}
  </Box>
);

/**
 * The create wizard (5.3.1): legislation area and question set → responding authority (from the
 * directory, or a coordinator of the country) → questions with comments and their language →
 * case data, reason and deadline → attachments → review. "Save draft" works at every step once
 * what the API needs for a draft is there; "Send" saves and sends. Editing a draft (or a request
 * the coordinator sent back) opens the same steps with what is stored.
 */
export const RequestWizard = ({ draftId }: { draftId?: string }) => {
  const translate = useTranslate();
  const notify = useNotify();
  const redirect = useRedirect();
  const [locale] = useLocaleState();
  const [step, setStep] = useState<StepName>('area');
  const [state, setState] = useState<WizardState>(emptyWizard);
  const [id, setId] = useState<string | undefined>(draftId);
  const [number, setNumber] = useState<string | null>(null);
  const [loading, setLoading] = useState(!!draftId);
  const [busy, setBusy] = useState<'save' | 'send' | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [fields, setFields] = useState<Record<string, string>>({});
  const set = (patch: Partial<WizardState>) => setState((s) => ({ ...s, ...patch }));

  useEffect(() => {
    if (!draftId) return;
    let live = true;
    getRequest(draftId)
      .then(async (record) => {
        const loaded = await stateOfDraft(record);
        if (!live) return;
        setState(loaded);
        setNumber(record.number);
        if (!record.detail.actions.includes('edit-draft')) setError(translate('liaison.request.wizard.not_editable'));
      })
      .catch((e) => live && setError(serverErrors(e).message))
      .finally(() => live && setLoading(false));
    return () => {
      live = false;
    };
  }, [draftId, translate]);

  const areas = useGetList<ReferenceRecord<'legislation-areas'>>('legislation-areas', { pagination: { page: 1, perPage: 100 }, sort: { field: 'position', order: 'ASC' } });
  const requestAreas = (areas.data ?? []).filter((a) => a.workflows.includes('requests') && !a.retired);
  const countries = useGetList<ReferenceRecord<'countries'>>('countries', { pagination: { page: 1, perPage: 100 }, sort: { field: 'nameEn', order: 'ASC' } });
  const sets = useQuestionSets(state.area || undefined, locale);
  const questionSet = useMemo(() => sets.data?.find((s) => s.code === state.questionSet), [sets.data, state.questionSet]);
  const languages = useGetList<ReferenceRecord<'languages'>>('languages', { pagination: { page: 1, perPage: 200 }, sort: { field: 'nameEn', order: 'ASC' } });
  const euLanguages = (languages.data ?? []).filter((l) => l.euOfficial && !l.retired);

  const fieldError = (...paths: string[]) => {
    for (const p of paths) for (const [k, v] of Object.entries(fields)) if (k === p || k.startsWith(`${p}.`)) return v;
    return undefined;
  };

  /** Saves the draft; a new request with `sendNow` is created and sent in one call (nothing is left behind if sending is refused). */
  const save = async (sendNow = false): Promise<{ id: string; sent: boolean } | null> => {
    setError(null);
    setFields({});
    const missing: Record<string, string> = {};
    const required = translate('liaison.request.dialog.required');
    if (!state.area) missing.legislationArea = required;
    if (!state.questionSet) missing.questionSet = required;
    if (!state.responder) missing.respondingAuthorityId = required;
    if (Object.keys(state.questions).length === 0) missing.questions = translate('liaison.request.wizard.choose_question');
    if (!state.name.trim()) missing['caseData.name'] = required;
    if (Object.keys(missing).length) {
      setFields(missing);
      setError(translate('liaison.request.wizard.incomplete'));
      const first = Object.keys(missing).map((k) => stepOfField[k.split('.')[0]!]).find(Boolean);
      if (first) setStep(first);
      return null;
    }
    try {
      if (id) {
        const saved = await editRequestDraft(id, {
          respondingAuthorityId: state.responder!.id,
          deadline: state.deadline || null,
          caseData: caseDataOf(state),
          questions: questionsOf(state),
          relatedRequestNumber: state.relatedRequestNumber.trim() || null,
          urgent: state.urgent,
        });
        setNumber(saved.number);
        return { id: saved.id, sent: false };
      }
      const body: NewRequestInput = {
        legislationArea: state.area,
        questionSet: state.questionSet,
        respondingAuthorityId: state.responder!.id,
        deadline: state.deadline || null,
        caseData: caseDataOf(state),
        questions: questionsOf(state),
        attachments: await Promise.all(state.files.map((f) => toNewAttachment(f.file, f.questionCode || undefined))) as NewRequestInput['attachments'],
        relatedRequestNumber: state.relatedRequestNumber.trim() || null,
        urgent: state.urgent,
        send: sendNow,
        ...(sendNow && { confirmedChecklist: state.confirmedChecklist }),
      };
      const created = await createRequest(body);
      setId(created.id);
      setNumber(created.number);
      set({ files: [] });
      return { id: created.id, sent: sendNow };
    } catch (e) {
      const { message, fields: byField } = serverErrors(e);
      setError(message ? translate(message, { _: message }) : null);
      setFields(byField);
      const first = Object.keys(byField).map((k) => stepOfField[k.split('.')[0]!]).find(Boolean);
      if (first) setStep(first);
      return null;
    }
  };

  const saveDraft = async () => {
    setBusy('save');
    const saved = await save();
    setBusy(null);
    if (saved) notify('liaison.request.wizard.saved', { type: 'success' });
  };

  const send = async () => {
    setBusy('send');
    const saved = await save(true);
    if (!saved) {
      setBusy(null);
      return;
    }
    try {
      if (!saved.sent) await requestCommand(saved.id, 'send', { confirmedChecklist: state.confirmedChecklist });
      notify('liaison.request.done.send', { type: 'success' });
      redirect('show', 'requests', saved.id);
    } catch (e) {
      const { message, fields: byField } = serverErrors(e);
      setError(message ? translate(message, { _: message }) : null);
      setFields(byField);
      const first = Object.keys(byField).map((k) => stepOfField[k.split('.')[0]!]).find(Boolean);
      if (first) setStep(first);
      setBusy(null);
    }
  };

  if (loading) return <CircularProgress sx={{ m: 4 }} />;
  const index = steps.indexOf(step);
  const t = (key: string, options?: Record<string, unknown>) => translate(`liaison.request.wizard.${key}`, options);

  const toggleQuestion = (code: string, on: boolean) => {
    const questions = { ...state.questions };
    if (on) questions[code] = { comment: '', commentLanguage: locale };
    else delete questions[code];
    set({ questions });
  };

  const body: Record<StepName, ReactNode> = {
    area: (
      <StepBody title={t('step.area')}>
        <TextField
          select
          name="legislationArea"
          label={translate('resources.requests.fields.legislationArea')}
          value={state.area}
          disabled={!!id}
          onChange={(e) => set({ area: e.target.value, questionSet: '', questions: {} })}
          error={!!fieldError('legislationArea')}
          helperText={fieldError('legislationArea')}
        >
          {requestAreas.map((a) => (
            <MenuItem key={a.id} value={a.id}>
              {a.name}
            </MenuItem>
          ))}
        </TextField>
        {state.area ? (
          sets.error ? (
            <Alert severity="error">{(sets.error as Error).message}</Alert>
          ) : (
            <RadioGroup name="questionSet" value={state.questionSet} onChange={(e) => set({ questionSet: e.target.value, questions: {}, confirmedChecklist: [] })}>
              {(sets.data ?? []).map((s) => (
                <FormControlLabel key={s.code} value={s.code} disabled={!!id} control={<Radio />} label={s.name} />
              ))}
            </RadioGroup>
          )
        ) : null}
        {fieldError('questionSet') ? <Typography color="error" variant="caption">{fieldError('questionSet')}</Typography> : null}
        {questionSet?.instructions ? <Alert severity="info">{questionSet.instructions}</Alert> : null}
        {questionSet && questionSet.checklist.length > 0 ? (
          <Paper variant="outlined" sx={{ p: 2 }}>
            <Typography variant="subtitle2">{t('checklist')}</Typography>
            <Box component="ol" sx={{ m: 0, pl: 3 }}>
              {questionSet.checklist.map((item, i) => (
                <Box component="li" key={item}>
                  <FormControlLabel
                    control={
                      <Checkbox
                        size="small"
                        checked={state.confirmedChecklist.includes(i)}
                        onChange={(e) =>
                          set({ confirmedChecklist: e.target.checked ? [...new Set([...state.confirmedChecklist, i])].sort((a, b) => a - b) : state.confirmedChecklist.filter((x) => x !== i) })
                        }
                      />
                    }
                    label={<Typography variant="body2">{item}</Typography>}
                  />
                  {fieldError(`confirmedChecklist.${i}`) ? <Typography color="error" variant="caption" component="div">{fieldError(`confirmedChecklist.${i}`)}</Typography> : null}
                </Box>
              ))}
            </Box>
          </Paper>
        ) : null}
      </StepBody>
    ),
    responder: (
      <StepBody title={t('step.responder')}>
        <RadioGroup
          row
          value={state.responderMode}
          onChange={(e) => set({ responderMode: e.target.value as WizardState['responderMode'], responder: null })}
        >
          <FormControlLabel value="authority" control={<Radio />} label={t('responder_known')} />
          <FormControlLabel value="coordinator" control={<Radio />} label={t('responder_coordinator')} />
        </RadioGroup>
        <TextField select label={translate('liaison.request.wizard.country')} value={state.country} onChange={(e) => set({ country: e.target.value, responder: null })}>
          <MenuItem value="">
            <em>{t('any_country')}</em>
          </MenuItem>
          {(countries.data ?? []).map((c) => (
            <MenuItem key={c.id} value={c.id}>
              {c.nameEn} ({c.id})
            </MenuItem>
          ))}
        </TextField>
        <AuthorityPicker
          name="respondingAuthorityId"
          label={t(state.responderMode === 'coordinator' ? 'coordinator_search' : 'authority_search')}
          value={state.responder}
          onChange={(responder) => set({ responder, country: responder?.countryCode ?? state.country })}
          country={state.country || undefined}
          area={state.responderMode === 'authority' ? state.area || undefined : undefined}
          coordinatorsOnly={state.responderMode === 'coordinator'}
          error={fieldError('respondingAuthorityId')}
        />
        {state.responderMode === 'coordinator' ? <Typography variant="body2" color="text.secondary">{t('coordinator_hint')}</Typography> : null}
      </StepBody>
    ),
    questions: (
      <StepBody title={t('step.questions')}>
        {fieldError('questions') ? <Alert severity="error">{fieldError('questions')}</Alert> : null}
        {!questionSet ? <Alert severity="info">{t('choose_set_first')}</Alert> : null}
        {questionSet?.questions.map((q) => {
          const chosen = state.questions[q.code];
          return (
            <Paper key={q.code} variant="outlined" sx={{ p: 1.5 }} data-testid="wizard-question">
              <FormControlLabel
                control={<Checkbox checked={!!chosen} onChange={(e) => toggleQuestion(q.code, e.target.checked)} />}
                label={q.text}
              />
              {chosen ? (
                <Box sx={{ display: 'grid', gridTemplateColumns: '1fr 160px', gap: 1, mt: 1 }}>
                  <TextField
                    size="small"
                    multiline
                    minRows={2}
                    label={translate(q.commentRequired ? 'liaison.request.wizard.comment_required' : 'liaison.request.wizard.comment')}
                    value={chosen.comment}
                    required={q.commentRequired}
                    onChange={(e) => set({ questions: { ...state.questions, [q.code]: { ...chosen, comment: e.target.value } } })}
                  />
                  <TextField
                    select
                    size="small"
                    label={t('comment_language')}
                    value={chosen.commentLanguage}
                    onChange={(e) => set({ questions: { ...state.questions, [q.code]: { ...chosen, commentLanguage: e.target.value } } })}
                  >
                    {(euLanguages.length ? euLanguages : [{ id: locale, nameNative: locale }]).map((l) => (
                      <MenuItem key={l.id} value={l.id}>
                        {l.nameNative} ({l.id})
                      </MenuItem>
                    ))}
                  </TextField>
                </Box>
              ) : null}
            </Paper>
          );
        })}
      </StepBody>
    ),
    case: (
      <StepBody title={t('step.case')}>
        <Alert severity="warning" variant="outlined">
          {t('personal_data_note')}
        </Alert>
        <RadioGroup row value={state.subjectKind} onChange={(e) => set({ subjectKind: e.target.value as WizardState['subjectKind'] })}>
          <FormControlLabel value="person" control={<Radio />} label={translate('liaison.request.case.kind_person')} />
          <FormControlLabel value="provider" control={<Radio />} label={translate('liaison.request.case.kind_provider')} />
        </RadioGroup>
        <TextField
          name="caseData.name"
          required
          label={translate('liaison.request.case.name')}
          value={state.name}
          onChange={(e) => set({ name: e.target.value })}
          error={!!fieldError('caseData.name')}
          helperText={fieldError('caseData.name')}
        />
        <TextField
          name="identifier"
          label={translate(`liaison.request.case.identifier_${identifierKey(state.subjectKind)}`)}
          value={state.identifier}
          onChange={(e) => set({ identifier: e.target.value })}
        />
        {state.subjectKind === 'person' ? (
          <TextField
            type="date"
            label={translate('liaison.request.case.field_birthDate')}
            value={state.birthDate}
            onChange={(e) => set({ birthDate: e.target.value })}
            slotProps={{ inputLabel: { shrink: true } }}
          />
        ) : null}
        <TextField label={translate('liaison.request.case.field_address')} value={state.address} onChange={(e) => set({ address: e.target.value })} multiline />
        <TextField
          name="caseData.reason"
          label={translate('liaison.request.case.reason')}
          value={state.reason}
          onChange={(e) => set({ reason: e.target.value })}
          multiline
          minRows={3}
          error={!!fieldError('caseData.reason')}
          helperText={fieldError('caseData.reason')}
        />
        <TextField
          type="date"
          name="deadline"
          label={t('deadline')}
          value={state.deadline}
          onChange={(e) => set({ deadline: e.target.value })}
          error={!!fieldError('deadline')}
          helperText={fieldError('deadline') ?? t('deadline_hint')}
          slotProps={{ inputLabel: { shrink: true } }}
        />
        {state.questionSet === notificationOfMeasuresSet ? (
          <>
            <FormControlLabel control={<Checkbox checked={state.urgent} onChange={(e) => set({ urgent: e.target.checked })} />} label={t('urgent')} />
            {!state.urgent ? (
              <TextField
                name="relatedRequestNumber"
                label={translate('resources.requests.fields.relatedRequestNumber')}
                value={state.relatedRequestNumber}
                onChange={(e) => set({ relatedRequestNumber: e.target.value })}
                error={!!fieldError('relatedRequestNumber')}
                helperText={fieldError('relatedRequestNumber') ?? 'REQ-2026-000042'}
              />
            ) : null}
          </>
        ) : null}
      </StepBody>
    ),
    attachments: (
      <StepBody title={t('step.attachments')}>
        {id ? (
          <Alert severity="info">{t('attachments_after_create')}</Alert>
        ) : (
          <>
            <Box>
              <Button component="label" variant="outlined" startIcon={<AttachFileIcon />}>
                {translate('liaison.request.attach_files')}
                <input
                  hidden
                  multiple
                  type="file"
                  data-testid="wizard-files"
                  onChange={(e) => set({ files: [...state.files, ...Array.from(e.target.files ?? []).map((file) => ({ file, questionCode: '' }))] })}
                />
              </Button>
            </Box>
            {fieldError('attachments') ? <Alert severity="error">{fieldError('attachments')}</Alert> : null}
            {state.files.map((f, i) => (
              <Paper key={`${f.file.name}-${i}`} variant="outlined" sx={{ p: 1.5, display: 'flex', gap: 2, alignItems: 'center', flexWrap: 'wrap' }}>
                <Chip icon={<AttachFileIcon />} label={f.file.name} onDelete={() => set({ files: state.files.filter((_, j) => j !== i) })} />
                <TextField
                  select
                  size="small"
                  sx={{ minWidth: 280 }}
                  label={t('attachment_about')}
                  value={f.questionCode}
                  onChange={(e) => set({ files: state.files.map((g, j) => (j === i ? { ...g, questionCode: e.target.value } : g)) })}
                >
                  <MenuItem value="">{t('attachment_whole_request')}</MenuItem>
                  {(questionSet?.questions ?? [])
                    .filter((q) => state.questions[q.code])
                    .map((q) => (
                      <MenuItem key={q.code} value={q.code}>
                        {q.text}
                      </MenuItem>
                    ))}
                </TextField>
              </Paper>
            ))}
          </>
        )}
      </StepBody>
    ),
    review: (
      <StepBody title={t('step.review')}>
        <FactGrid>
          <Fact label={translate('resources.requests.fields.legislationArea')}>{requestAreas.find((a) => a.id === state.area)?.name ?? '—'}</Fact>
          <Fact label={t('question_set')}>{questionSet?.name ?? '—'}</Fact>
          <Fact label={translate('resources.requests.fields.respondingAuthorityId')}>
            {state.responder ? `${state.responder.officialName} (${state.responder.countryCode})` : '—'}
          </Fact>
          <Fact label={translate('resources.requests.fields.deadline')}>{state.deadline ? formatDeadline(state.deadline, locale) : translate('liaison.request.no_deadline')}</Fact>
          <Fact label={translate('liaison.request.case.name')}>{state.name || '—'}</Fact>
          <Fact label={t('attachments_count')}>{state.files.length}</Fact>
        </FactGrid>
        <Box component="ol" sx={{ m: 0, pl: 3 }} data-testid="review-questions">
          {(questionSet?.questions ?? [])
            .filter((q) => state.questions[q.code])
            .map((q) => (
              <Typography component="li" variant="body2" key={q.code} sx={{ mb: 1 }}>
                {q.text}
                {state.questions[q.code]!.comment ? (
                  <Typography variant="body2" color="text.secondary" sx={{ fontStyle: 'italic' }}>
                    [{state.questions[q.code]!.commentLanguage.toUpperCase()}] {state.questions[q.code]!.comment}
                  </Typography>
                ) : null}
              </Typography>
            ))}
        </Box>
        {state.reason ? (
          <Fact label={translate('liaison.request.case.reason')}>
            <Typography variant="body2" sx={{ whiteSpace: 'pre-wrap' }}>
              {state.reason}
            </Typography>
          </Fact>
        ) : null}
      </StepBody>
    ),
  };

  return (
    <Card sx={{ mt: 2 }}>
      <Title title={number ? translate('liaison.request.wizard.edit_title', { number }) : translate('liaison.request.new')} />
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
            <Button variant="contained" startIcon={busy === 'send' ? <CircularProgress size={16} color="inherit" /> : <SendIcon />} disabled={busy !== null} onClick={() => void send()}>
              {translate('liaison.request.command.send')}
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

export const RequestCreate = () => <RequestWizard />;

/** /requests/:id — the draft in the wizard. */
export const RequestEdit = () => {
  const { id } = useParams<{ id: string }>();
  return <RequestWizard key={id} draftId={id} />;
};
