import DescriptionIcon from '@mui/icons-material/Description';
import DownloadIcon from '@mui/icons-material/Download';
import {
  Alert,
  Box,
  Button,
  Checkbox,
  Chip,
  CircularProgress,
  FormControl,
  FormControlLabel,
  FormHelperText,
  FormLabel,
  InputLabel,
  LinearProgress,
  List,
  ListItem,
  MenuItem,
  Radio,
  RadioGroup,
  Select,
  Typography,
} from '@mui/material';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { HttpError, useLocaleState, useNotify, useTranslate } from 'react-admin';
import type { ReportKind, ReportLanguage, ReportView } from '../../../schema/reports';
import type { RequestReportSection } from '../../../activities/reports/requestCaseView';
import type { RequestReportBody } from '../../../schema/requestReports';
import { ActionDialog } from '../dialogs/ActionDialog';
import { serverErrors } from '../dialogs/serverErrors';
import { EmptyNote } from '../fields/EmptyNote';
import { saveFromApi } from '../apiFiles';
import { liaisonApi } from '../liaisonApi';
import { formatDateTime, formatDuration } from '../time/duration';
import { useNow } from '../time/useNow';
import type { RequestDetailRecord } from './requestApi';

/**
 * Reports of a request (domain.md §5 "Reports", 5.3.10): make one of the five kinds (optionally
 * signed), see the reports the caller may download with their 30-day expiry, download the PDF.
 * Who may make which kind is the API's (api/policy/reports.ts): the console offers personal-data
 * kinds only when the request detail shows personal data, and greys out a kind the API refused
 * with its reason.
 */

const reportKinds = ['full', 'full-without-personal-data', 'custom', 'data-subject', 'consent-form'] as const satisfies readonly ReportKind[];
const reportLanguages = ['en', 'da', 'de', 'fr'] as const satisfies readonly ReportLanguage[];
const sections = ['summary', 'data-subject', 'questions', 'messages', 'attachments', 'history'] as const satisfies readonly RequestReportSection[];
/** The kinds that always show personal data (custom only when asked). */
const personalDataKinds = new Set<ReportKind>(['full', 'data-subject', 'consent-form']);
/** A report this close to its expiry shows its countdown in red. */
const expiryWarningMs = 3 * 86_400_000;

export type { ReportView };
type RequestReportInput = Omit<RequestReportBody, 'language' | 'signed'> & Partial<Pick<RequestReportBody, 'language' | 'signed'>>;

const reportsKey = (requestId: string) => ['request-reports', requestId];

/** GET /api/reports?caseType=request&caseId=…: the reports the caller may download, newest first. */
export const listRequestReports = (requestId: string, signal?: AbortSignal) =>
  liaisonApi<{ data: ReportView[]; total: number }>('/reports', { query: { caseType: 'request', caseId: requestId }, signal });

/** POST /api/requests/{id}/reports: makes the PDF (201 with the report's metadata). */
export const makeRequestReport = (requestId: string, body: RequestReportInput) =>
  liaisonApi<ReportView>(`/requests/${encodeURIComponent(requestId)}/reports`, { method: 'POST', body });

/** GET /api/reports/{id}: the PDF, saved by the browser under the API's file name. */
export const downloadReport = (report: Pick<ReportView, 'id' | 'caseType'>): Promise<void> =>
  saveFromApi(`/reports/${encodeURIComponent(report.id)}`, `liaison-${report.caseType}-report-${report.id}.pdf`);

/** "in 29 days 23 hr", red in the last three days. */
const ExpiresIn = ({ expiresAt }: { expiresAt: string }) => {
  const translate = useTranslate();
  const [locale] = useLocaleState();
  const now = useNow(60_000);
  const left = new Date(expiresAt).getTime() - now;
  const warn = left < expiryWarningMs;
  return (
    <Typography
      component="span"
      variant="caption"
      color={warn ? 'error' : 'inherit'}
      sx={{ fontWeight: warn ? 600 : undefined }}
      title={formatDateTime(expiresAt, locale)}
      data-testid="report-expires"
      data-warning={warn ? 'true' : 'false'}
    >
      {translate('liaison.time.in', { duration: formatDuration(Math.max(left, 0), locale) })}
    </Typography>
  );
};

/** One report: its kind and facts, when it was made, the time left, and the download. */
const ReportItem = ({ report }: { report: ReportView }) => {
  const translate = useTranslate();
  const notify = useNotify();
  const [locale] = useLocaleState();
  const [busy, setBusy] = useState(false);
  const download = async () => {
    setBusy(true);
    try {
      await downloadReport(report);
    } catch (e) {
      notify(serverErrors(e).message ?? 'ra.notification.http_error', { type: 'error' });
    } finally {
      setBusy(false);
    }
  };
  return (
    <ListItem disableGutters divider data-testid="report-row" data-report-id={report.id} data-kind={report.kind} sx={{ display: 'block', py: 1 }}>
      <Typography variant="body2" sx={{ fontWeight: 600 }}>
        {translate(`liaison.report.kind.${report.kind}`)}
      </Typography>
      <Box sx={{ display: 'flex', gap: 0.5, my: 0.5, flexWrap: 'wrap' }}>
        <Chip size="small" variant="outlined" label={translate(`liaison.language.${report.language}`)} />
        {report.signed ? <Chip size="small" color="primary" variant="outlined" label={translate('liaison.report.signed_chip')} /> : null}
        {report.personalData ? <Chip size="small" color="warning" variant="outlined" label={translate('liaison.report.personal_data_chip')} /> : null}
      </Box>
      <Typography variant="caption" color="text.secondary" component="div">
        {translate('liaison.report.created')}: {formatDateTime(report.createdAt, locale, false)}
      </Typography>
      <Typography variant="caption" color="text.secondary" component="div">
        {translate('liaison.report.expires')}: <ExpiresIn expiresAt={report.expiresAt} />
      </Typography>
      <Button
        size="small"
        sx={{ mt: 0.5, ml: -0.5 }}
        startIcon={busy ? <CircularProgress size={14} /> : <DownloadIcon />}
        disabled={busy}
        onClick={() => void download()}
        data-testid="report-download"
      >
        {translate(busy ? 'liaison.report.downloading' : 'liaison.report.download')}
      </Button>
    </ListItem>
  );
};

/** Which kind (custom with or without personal data counted apart) the API refused, and why. */
const refusalKey = (kind: ReportKind, includePersonalData: boolean) => (kind === 'custom' && includePersonalData ? 'custom+personal' : kind);

type Refusals = Record<string, string>;

const MakeReportDialog = ({
  record,
  open,
  onClose,
  refused,
  onRefused,
}: {
  record: RequestDetailRecord;
  open: boolean;
  onClose: () => void;
  /** The API's refusals so far, by kind: that kind stays greyed out with the reason. */
  refused: Refusals;
  onRefused: (key: string, reason: string) => void;
}) => {
  const translate = useTranslate();
  const notify = useNotify();
  const [locale] = useLocaleState();
  const queryClient = useQueryClient();
  const personalDataVisible = record.detail.personalDataVisible;
  const [kind, setKind] = useState<ReportKind>(personalDataVisible ? 'full' : 'full-without-personal-data');
  const [language, setLanguage] = useState<ReportLanguage>((reportLanguages as readonly string[]).includes(locale) ? (locale as ReportLanguage) : 'en');
  const [signed, setSigned] = useState(false);
  const [chosen, setChosen] = useState<RequestReportSection[]>(['summary', 'questions']);
  const [includePersonalData, setIncludePersonalData] = useState(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [fields, setFields] = useState<Record<string, string>>({});

  const unavailable = (k: ReportKind): string | null => {
    if (refused[k]) return translate('liaison.report.not_allowed_kind', { reason: refused[k] });
    if (personalDataKinds.has(k) && !personalDataVisible) return translate('liaison.report.personal_data_unavailable');
    return null;
  };
  const make = async () => {
    setBusy(true);
    setError(null);
    setFields({});
    const body: RequestReportInput =
      kind === 'custom' ? { kind, language, signed, sections: chosen, includePersonalData } : { kind, language, signed };
    try {
      await makeRequestReport(record.id, body);
      await queryClient.invalidateQueries({ queryKey: reportsKey(record.id) });
      notify('liaison.report.made', { type: 'success' });
      onClose();
    } catch (e) {
      const { message, fields: fieldErrors } = serverErrors(e);
      if (e instanceof HttpError && e.status === 403 && message) onRefused(refusalKey(kind, includePersonalData), message);
      setError(message);
      setFields(fieldErrors);
    } finally {
      setBusy(false);
    }
  };
  const customRefusal = kind === 'custom' && includePersonalData ? refused['custom+personal'] : undefined;
  return (
    <ActionDialog
      open={open}
      title={translate('liaison.report.dialog_title', { number: record.number })}
      confirmLabel={translate('liaison.report.make')}
      busy={busy}
      error={error}
      onConfirm={() => void make()}
      onClose={onClose}
    >
      <FormControl component="fieldset" fullWidth disabled={busy}>
        <FormLabel component="legend">{translate('liaison.report.kind_label')}</FormLabel>
        <RadioGroup value={kind} onChange={(e) => setKind(e.target.value as ReportKind)} data-testid="report-kinds">
          {reportKinds.map((k) => {
            const why = unavailable(k);
            return (
              <Box key={k} sx={{ mb: 0.5 }}>
                <FormControlLabel
                  value={k}
                  disabled={!!why}
                  control={<Radio size="small" />}
                  label={translate(`liaison.report.kind.${k}`)}
                  data-kind={k}
                  data-available={why ? 'false' : 'true'}
                />
                <Typography variant="caption" color={why ? 'error' : 'text.secondary'} component="div" sx={{ ml: 4, mt: -0.5 }}>
                  {why ?? translate(`liaison.report.kind_hint.${k}`)}
                </Typography>
              </Box>
            );
          })}
        </RadioGroup>
      </FormControl>
      {kind === 'custom' ? (
        <FormControl component="fieldset" error={!!fields.sections} disabled={busy} sx={{ mt: 1, ml: 3 }}>
          <FormLabel component="legend">{translate('liaison.report.sections')}</FormLabel>
          <Box sx={{ display: 'flex', flexWrap: 'wrap' }}>
            {sections.map((s) => (
              <FormControlLabel
                key={s}
                control={
                  <Checkbox
                    size="small"
                    checked={chosen.includes(s)}
                    onChange={(e) => setChosen((c) => (e.target.checked ? sections.filter((x) => x === s || c.includes(x)) : c.filter((x) => x !== s)))}
                  />
                }
                label={translate(`liaison.report.section.${s}`)}
              />
            ))}
          </Box>
          {fields.sections ? <FormHelperText>{fields.sections}</FormHelperText> : null}
          <FormControlLabel
            disabled={!personalDataVisible || busy}
            control={<Checkbox size="small" checked={includePersonalData} onChange={(e) => setIncludePersonalData(e.target.checked)} />}
            label={translate('liaison.report.include_personal_data')}
          />
          {customRefusal ? <FormHelperText error>{translate('liaison.report.not_allowed_kind', { reason: customRefusal })}</FormHelperText> : null}
        </FormControl>
      ) : null}
      <Box sx={{ display: 'flex', gap: 2, alignItems: 'center', flexWrap: 'wrap', mt: 2 }}>
        <FormControl size="small" fullWidth={false} sx={{ minWidth: 200 }} disabled={busy}>
          <InputLabel id="report-language">{translate('liaison.report.language')}</InputLabel>
          <Select labelId="report-language" label={translate('liaison.report.language')} value={language} onChange={(e) => setLanguage(e.target.value as ReportLanguage)}>
            {reportLanguages.map((l) => (
              <MenuItem key={l} value={l}>
                {translate(`liaison.language.${l}`)}
              </MenuItem>
            ))}
          </Select>
        </FormControl>
        <FormControlLabel disabled={busy} control={<Checkbox checked={signed} onChange={(e) => setSigned(e.target.checked)} />} label={translate('liaison.report.signed')} />
      </Box>
      {busy ? (
        <Box sx={{ mt: 2 }} role="status" data-testid="report-generating">
          <LinearProgress />
          <Typography variant="caption" color="text.secondary">
            {translate('liaison.report.generating')}
          </Typography>
        </Box>
      ) : null}
    </ActionDialog>
  );
};

/** The request page's reports panel: the list with expiry and download, and the button that makes one. */
export const RequestReports = ({ record }: { record: RequestDetailRecord }) => {
  const translate = useTranslate();
  const [open, setOpen] = useState(false);
  const [refused, setRefused] = useState<Refusals>({});
  // Refused even without personal data: the API allows this viewer no report at all.
  const noReport = refused['full-without-personal-data'];
  const { data, error, isPending } = useQuery({
    queryKey: reportsKey(record.id),
    queryFn: ({ signal }) => listRequestReports(record.id, signal),
    // A report expires while the page is open: the list is asked again now and then.
    refetchInterval: 5 * 60_000,
  });
  const reports = data?.data ?? [];
  return (
    <Box data-testid="request-reports">
      {noReport ? (
        <Alert severity="info" data-testid="no-report-allowed">
          {translate('liaison.report.not_allowed_kind', { reason: noReport })}
        </Alert>
      ) : (
        <Button variant="outlined" size="small" startIcon={<DescriptionIcon />} onClick={() => setOpen(true)} data-testid="make-report">
          {translate('liaison.report.make')}
        </Button>
      )}
      {error ? (
        <Alert severity="error" sx={{ mt: 1 }}>
          {serverErrors(error).message}
        </Alert>
      ) : isPending ? (
        <LinearProgress sx={{ mt: 1 }} />
      ) : reports.length === 0 ? (
        <EmptyNote>{translate('liaison.report.none')}</EmptyNote>
      ) : (
        <List dense disablePadding sx={{ mt: 1 }} data-testid="report-list">
          {reports.map((r) => (
            <ReportItem key={r.id} report={r} />
          ))}
        </List>
      )}
      <Typography variant="caption" color="text.secondary" component="div" sx={{ mt: 0.5 }}>
        {translate('liaison.report.kept_note')}
      </Typography>
      {open ? (
        <MakeReportDialog
          record={record}
          open={open}
          onClose={() => setOpen(false)}
          refused={refused}
          onRefused={(key, reason) => {
            setRefused((r) => ({ ...r, [key]: reason }));
            if (key === 'full-without-personal-data') setOpen(false);
          }}
        />
      ) : null}
    </Box>
  );
};
