import DownloadIcon from '@mui/icons-material/Download';
import PrintIcon from '@mui/icons-material/Print';
import { Box, Button, CircularProgress, List, ListItem, Typography } from '@mui/material';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useLocaleState, useNotify, useTranslate } from 'react-admin';
import type { ReportLanguage, ReportView } from '../../../schema/reports';
import { serverErrors } from '../dialogs/serverErrors';
import { liaisonApi } from '../liaisonApi';
import { downloadReport } from '../requests/RequestReports';
import { formatDateTime } from '../time/duration';
import type { AlertDetailRecord } from './alertApi';

const reportLanguages = ['en', 'da', 'de', 'fr'] as const satisfies readonly ReportLanguage[];
const reportsKey = (alertId: string) => ['alert-reports', alertId];

/**
 * The alert printed as a PDF at every stage (POST /api/alerts/{id}/reports): the full report where
 * the user sees the personal data, otherwise the one without — so the Commission and everyone once
 * the alert is closed or withdrawn print only the reduced view. Earlier PDFs stay listed for their
 * 30 days.
 */
export const AlertPrint = ({ record }: { record: AlertDetailRecord }) => {
  const translate = useTranslate();
  const notify = useNotify();
  const [locale] = useLocaleState();
  const queryClient = useQueryClient();
  const [busy, setBusy] = useState(false);
  const reports = useQuery({
    queryKey: reportsKey(record.id),
    queryFn: ({ signal }) => liaisonApi<{ data: ReportView[]; total: number }>('/reports', { query: { caseType: 'alert', caseId: record.id }, signal }),
  });
  const print = async () => {
    setBusy(true);
    try {
      const language = (reportLanguages as readonly string[]).includes(locale) ? locale : 'en';
      const kind = record.detail.personalDataVisible ? 'full' : 'full-without-personal-data';
      const report = await liaisonApi<ReportView>(`/alerts/${encodeURIComponent(record.id)}/reports`, { method: 'POST', body: { kind, language } });
      await queryClient.invalidateQueries({ queryKey: reportsKey(record.id) });
      await downloadReport(report);
    } catch (e) {
      const { message } = serverErrors(e);
      notify(message ? translate(message, { _: message }) : 'ra.notification.http_error', { type: 'error' });
    } finally {
      setBusy(false);
    }
  };
  return (
    <Box data-testid="alert-print">
      <Button variant="outlined" size="small" startIcon={busy ? <CircularProgress size={14} /> : <PrintIcon />} disabled={busy} onClick={() => void print()} data-testid="alert-print-button">
        {translate(record.detail.personalDataVisible ? 'liaison.alert.print' : 'liaison.alert.print_reduced')}
      </Button>
      {reports.data?.data.length ? (
        <List dense disablePadding sx={{ mt: 1 }}>
          {reports.data.data.map((r) => (
            <ListItem key={r.id} disableGutters data-testid="alert-report" data-kind={r.kind}>
              <Button size="small" startIcon={<DownloadIcon />} onClick={() => void downloadReport(r).catch((e) => notify(serverErrors(e).message ?? 'ra.notification.http_error', { type: 'error' }))}>
                {translate(`liaison.report.kind.${r.kind}`)}
              </Button>
              <Typography variant="caption" color="text.secondary">
                {r.language.toUpperCase()} · {formatDateTime(r.createdAt, locale, false)}
              </Typography>
            </ListItem>
          ))}
        </List>
      ) : null}
    </Box>
  );
};
