import GavelIcon from '@mui/icons-material/Gavel';
import SearchIcon from '@mui/icons-material/Search';
import VisibilityIcon from '@mui/icons-material/Visibility';
import {
  Alert,
  Box,
  Button,
  Card,
  CardContent,
  FormControl,
  FormControlLabel,
  FormLabel,
  Grid,
  InputLabel,
  LinearProgress,
  MenuItem,
  Radio,
  RadioGroup,
  Select,
  TextField,
  Typography,
} from '@mui/material';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { HttpError, Title, useCreatePath, useLocaleState, useNotify, usePermissions, useTranslate } from 'react-admin';
import { Link, useNavigate, useParams } from 'react-router-dom';
import { SectionTitle } from '../fields/SectionTitle';
import { liaisonApi } from '../liaisonApi';
import { serverErrors } from '../dialogs/serverErrors';
import { formatDateTime } from '../time/duration';
import { BlockedDataView } from './BlockedDataView';
import {
  contestKinds,
  getRetention,
  legalBases,
  recordContest,
  retentionCaseTypes,
  retrieveBlockedData,
  type BlockedDataRetrieval,
  type ContestKind,
  type LegalBasis,
  type RetentionCaseType,
} from './retentionApi';
import { ContestList, RetentionTimeline } from './RetentionTimeline';

/**
 * The helpdesk's blocked-data screen (domain.md §8): find a closed case, see its retention
 * (dates, contests), retrieve its blocked personal data with a recorded reason and legal basis
 * (the API audits it) and record a rectification or erasure contest beside it. Routes
 * `/blocked-data` and `/blocked-data/:caseType/:caseId`.
 */

/** Whether the console's user is the helpdesk (system-admin, or the operator token). */
const useIsHelpdesk = () => {
  const { permissions, isPending } = usePermissions<{ role: string }[]>();
  return { helpdesk: Array.isArray(permissions) && permissions.some((p) => p.role === 'system-admin'), isPending };
};

const caseNumberPattern = /^(REQ|ALR)-\d{4}-\d+$/i;

/** A request or alert number (REQ-2026-000123, ALR-…) becomes its case through the helpdesk's lookup; an id stays as it is. */
async function caseOf(caseType: RetentionCaseType, entered: string): Promise<{ caseType: RetentionCaseType; caseId: string } | null> {
  if (!caseNumberPattern.test(entered)) return { caseType, caseId: entered };
  try {
    return await liaisonApi<{ caseType: RetentionCaseType; caseId: string }>(`/retention/by-number/${encodeURIComponent(entered.toUpperCase())}`);
  } catch (e) {
    if (e instanceof HttpError && e.status === 404) return null;
    throw e;
  }
}

const CaseFinder = ({ caseType: initialType, caseId: initialId }: { caseType?: RetentionCaseType; caseId?: string }) => {
  const translate = useTranslate();
  const navigate = useNavigate();
  const [caseType, setCaseType] = useState<RetentionCaseType>(initialType ?? 'request');
  const [entered, setEntered] = useState(initialId ?? '');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const value = entered.trim();
    if (!value) return;
    setBusy(true);
    setError(null);
    try {
      const found = await caseOf(caseType, value);
      if (!found) setError(translate('liaison.blocked_data.no_request_number', { number: value }));
      else navigate(`/blocked-data/${found.caseType}/${encodeURIComponent(found.caseId)}`);
    } catch (e) {
      setError(serverErrors(e).message);
    } finally {
      setBusy(false);
    }
  };
  return (
    <Box component="form" onSubmit={(e) => void submit(e)} sx={{ display: 'flex', gap: 2, alignItems: 'flex-start', flexWrap: 'wrap' }} data-testid="case-finder">
      <FormControl size="small" fullWidth={false} sx={{ minWidth: 200 }}>
        <InputLabel id="blocked-case-type">{translate('liaison.blocked_data.case_type')}</InputLabel>
        <Select labelId="blocked-case-type" label={translate('liaison.blocked_data.case_type')} value={caseType} onChange={(e) => setCaseType(e.target.value as RetentionCaseType)}>
          {retentionCaseTypes.map((t) => (
            <MenuItem key={t} value={t}>
              {translate(`liaison.blocked_data.case_types.${t}`)}
            </MenuItem>
          ))}
        </Select>
      </FormControl>
      <TextField
        size="small"
        fullWidth={false}
        label={translate('liaison.blocked_data.case')}
        value={entered}
        onChange={(e) => setEntered(e.target.value)}
        error={!!error}
        helperText={error}
        sx={{ minWidth: 360, maxWidth: 640, flex: 1 }}
      />
      <Button type="submit" variant="contained" startIcon={<SearchIcon />} disabled={busy || !entered.trim()}>
        {translate('liaison.blocked_data.open')}
      </Button>
    </Box>
  );
};

const RetrieveForm = ({ caseType, caseId, onRetrieved }: { caseType: RetentionCaseType; caseId: string; onRetrieved: (r: BlockedDataRetrieval) => void }) => {
  const translate = useTranslate();
  const [reason, setReason] = useState('');
  const [legalBasis, setLegalBasis] = useState<LegalBasis | ''>('');
  const [consentReference, setConsentReference] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [fields, setFields] = useState<Record<string, string>>({});
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const missing: Record<string, string> = {};
    if (!reason.trim()) missing.reason = translate('liaison.request.dialog.required');
    if (!legalBasis) missing.legalBasis = translate('liaison.request.dialog.required');
    if (legalBasis === 'consent' && !consentReference.trim()) missing.consentReference = translate('liaison.request.dialog.required');
    setFields(missing);
    if (Object.keys(missing).length > 0 || !legalBasis) return;
    setBusy(true);
    setError(null);
    try {
      onRetrieved(
        await retrieveBlockedData(caseType, caseId, {
          reason: reason.trim(),
          legalBasis,
          ...(legalBasis === 'consent' || consentReference.trim() ? { consentReference: consentReference.trim() } : {}),
        }),
      );
    } catch (e) {
      const answer = serverErrors(e);
      setError(answer.message);
      setFields(answer.fields);
    } finally {
      setBusy(false);
    }
  };
  return (
    <Box component="form" onSubmit={(e) => void submit(e)} noValidate data-testid="retrieve-form">
      <TextField
        label={translate('liaison.blocked_data.reason')}
        value={reason}
        onChange={(e) => setReason(e.target.value)}
        error={!!fields.reason}
        helperText={fields.reason}
        required
        fullWidth
        multiline
        minRows={2}
        slotProps={{ htmlInput: { maxLength: 2000 } }}
      />
      <FormControl component="fieldset" error={!!fields.legalBasis} required sx={{ mt: 2 }}>
        <FormLabel component="legend">{translate('liaison.blocked_data.legal_basis')}</FormLabel>
        <RadioGroup value={legalBasis} onChange={(e) => setLegalBasis(e.target.value as LegalBasis)}>
          {legalBases.map((b) => (
            <FormControlLabel key={b} value={b} control={<Radio size="small" />} label={translate(`liaison.blocked_data.basis.${b}`)} />
          ))}
        </RadioGroup>
        {fields.legalBasis ? (
          <Typography variant="caption" color="error">
            {fields.legalBasis}
          </Typography>
        ) : null}
      </FormControl>
      {legalBasis === 'consent' ? (
        <TextField
          label={translate('liaison.blocked_data.consent_reference')}
          value={consentReference}
          onChange={(e) => setConsentReference(e.target.value)}
          error={!!fields.consentReference}
          helperText={fields.consentReference}
          required
          fullWidth
          sx={{ mt: 1 }}
          slotProps={{ htmlInput: { maxLength: 200 } }}
        />
      ) : null}
      {error ? (
        <Alert severity="error" sx={{ mt: 2 }} role="alert">
          {error}
        </Alert>
      ) : null}
      <Button type="submit" variant="contained" sx={{ mt: 2 }} startIcon={<VisibilityIcon />} disabled={busy}>
        {translate('liaison.blocked_data.retrieve')}
      </Button>
      {busy ? <LinearProgress sx={{ mt: 1 }} /> : null}
    </Box>
  );
};

const ContestForm = ({ caseType, caseId }: { caseType: RetentionCaseType; caseId: string }) => {
  const translate = useTranslate();
  const notify = useNotify();
  const queryClient = useQueryClient();
  const [kind, setKind] = useState<ContestKind>('rectification');
  const [reference, setReference] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [fields, setFields] = useState<Record<string, string>>({});
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (!reference.trim()) {
      setFields({ reference: translate('liaison.request.dialog.required') });
      return;
    }
    setBusy(true);
    setError(null);
    setFields({});
    try {
      const view = await recordContest(caseType, caseId, { kind, reference: reference.trim() });
      queryClient.setQueryData(['retention', caseType, caseId], view);
      setReference('');
      notify('liaison.blocked_data.contest_recorded', { type: 'success' });
    } catch (e) {
      const answer = serverErrors(e);
      setError(answer.message);
      setFields(answer.fields);
    } finally {
      setBusy(false);
    }
  };
  return (
    <Box component="form" onSubmit={(e) => void submit(e)} noValidate data-testid="contest-form">
      <Typography variant="body2" color="text.secondary" sx={{ mb: 1.5 }}>
        {translate('liaison.blocked_data.contest_note')}
      </Typography>
      <Box sx={{ display: 'flex', gap: 2, flexWrap: 'wrap', alignItems: 'flex-start' }}>
        <FormControl size="small" fullWidth={false} sx={{ minWidth: 200 }}>
          <InputLabel id="contest-kind">{translate('liaison.blocked_data.contest_kind')}</InputLabel>
          <Select labelId="contest-kind" label={translate('liaison.blocked_data.contest_kind')} value={kind} onChange={(e) => setKind(e.target.value as ContestKind)}>
            {contestKinds.map((k) => (
              <MenuItem key={k} value={k}>
                {translate(`liaison.retention.contest_kind.${k}`)}
              </MenuItem>
            ))}
          </Select>
        </FormControl>
        <TextField
          size="small"
          fullWidth={false}
          label={translate('liaison.blocked_data.contest_reference')}
          value={reference}
          onChange={(e) => setReference(e.target.value)}
          error={!!fields.reference}
          helperText={fields.reference}
          required
          sx={{ minWidth: 260 }}
          slotProps={{ htmlInput: { maxLength: 200 } }}
        />
        <Button type="submit" variant="outlined" startIcon={<GavelIcon />} disabled={busy}>
          {translate('liaison.blocked_data.contest')}
        </Button>
      </Box>
      {error ? (
        <Alert severity="error" sx={{ mt: 2 }} role="alert">
          {error}
        </Alert>
      ) : null}
    </Box>
  );
};

/** One case: its retention, the retrieval and what it gave, its contests. */
const CaseRetention = ({ caseType, caseId }: { caseType: RetentionCaseType; caseId: string }) => {
  const translate = useTranslate();
  const [locale] = useLocaleState();
  const createPath = useCreatePath();
  const [retrieved, setRetrieved] = useState<BlockedDataRetrieval | null>(null);
  const { data, error, isPending } = useQuery({
    queryKey: ['retention', caseType, caseId],
    queryFn: ({ signal }) => getRetention(caseType, caseId, signal),
    retry: false,
  });
  if (isPending) return <LinearProgress sx={{ mt: 2 }} />;
  if (!data) {
    return (
      <Alert severity="error" sx={{ mt: 2 }} data-testid="retention-error">
        {serverErrors(error).message}
      </Alert>
    );
  }
  return (
    <Grid container spacing={3} sx={{ mt: 1 }}>
      <Grid size={{ xs: 12, md: 4 }}>
        <SectionTitle>{translate('liaison.retention.title')}</SectionTitle>
        <RetentionTimeline view={data} contests={false} />
        {caseType === 'request' ? (
          <Button size="small" sx={{ mt: 1 }} component={Link} to={createPath({ resource: 'requests', type: 'show', id: caseId })}>
            {translate('liaison.blocked_data.open_request')}
          </Button>
        ) : null}
      </Grid>
      <Grid size={{ xs: 12, md: 8 }}>
        <SectionTitle>{translate('liaison.blocked_data.retrieve_title')}</SectionTitle>
        {retrieved ? (
          <Box data-testid="retrieval">
            <Alert severity="success" sx={{ mb: 2 }}>
              {translate('liaison.blocked_data.retrieved', {
                at: formatDateTime(retrieved.retrievedAt, locale),
                basis: translate(`liaison.blocked_data.basis.${retrieved.legalBasis}`),
              })}
            </Alert>
            <BlockedDataView data={retrieved.data} />
          </Box>
        ) : (
          <RetrieveForm caseType={caseType} caseId={caseId} onRetrieved={setRetrieved} />
        )}
        <SectionTitle>{translate('liaison.retention.contests')}</SectionTitle>
        <ContestList view={data} />
        <Box sx={{ mt: 2 }}>
          <ContestForm caseType={caseType} caseId={caseId} />
        </Box>
      </Grid>
    </Grid>
  );
};

export const BlockedDataPage = () => {
  const translate = useTranslate();
  const { helpdesk, isPending } = useIsHelpdesk();
  const params = useParams<{ caseType?: string; caseId?: string }>();
  const caseType = (retentionCaseTypes as readonly string[]).includes(params.caseType ?? '') ? (params.caseType as RetentionCaseType) : undefined;
  const caseId = caseType ? params.caseId : undefined;
  return (
    <Card sx={{ mt: 2 }} data-testid="blocked-data-page">
      <Title title={translate('liaison.blocked_data.title')} />
      <CardContent>
        <Typography variant="h5" component="h1">
          {translate('liaison.blocked_data.title')}
        </Typography>
        <Typography variant="body2" color="text.secondary" sx={{ mt: 1, mb: 2, maxWidth: 900 }}>
          {translate('liaison.blocked_data.intro')}
        </Typography>
        {isPending ? null : !helpdesk ? (
          <Alert severity="info">{translate('liaison.blocked_data.helpdesk_only')}</Alert>
        ) : (
          <>
            <CaseFinder key={`${caseType}/${caseId}`} caseType={caseType} caseId={caseId} />
            {caseType && caseId ? <CaseRetention key={`${caseType}/${caseId}`} caseType={caseType} caseId={caseId} /> : null}
          </>
        )}
      </CardContent>
    </Card>
  );
};
