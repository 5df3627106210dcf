import DownloadIcon from '@mui/icons-material/Download';
import UploadFileIcon from '@mui/icons-material/UploadFile';
import {
  Alert,
  Box,
  Button,
  CircularProgress,
  Dialog,
  DialogActions,
  DialogContent,
  DialogTitle,
  Table,
  TableBody,
  TableCell,
  TableHead,
  TableRow,
  Typography,
} from '@mui/material';
import { useState } from 'react';
import { useNotify, useRefresh, useTranslate } from 'react-admin';
import { serverErrors } from '../dialogs/serverErrors';
import { downloadImportTemplate, importInvitations, type ImportResult } from './invitationApi';

/** Bulk import: download the xlsx template, upload a filled xlsx or CSV (name, email), see what became drafts. */
export const ImportInvitationsButton = () => {
  const translate = useTranslate();
  const notify = useNotify();
  const refresh = useRefresh();
  const [open, setOpen] = useState(false);
  const [file, setFile] = useState<File | null>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [result, setResult] = useState<ImportResult | null>(null);

  const start = () => {
    setFile(null);
    setError(null);
    setResult(null);
    setOpen(true);
  };
  const download = () => downloadImportTemplate().catch((e) => notify(serverErrors(e).message ?? 'ra.notification.http_error', { type: 'error' }));
  const upload = async () => {
    if (!file) return;
    setBusy(true);
    setError(null);
    try {
      setResult(await importInvitations(file));
      refresh();
    } catch (e) {
      setError(serverErrors(e).message);
    } finally {
      setBusy(false);
    }
  };

  return (
    <>
      <Button size="small" startIcon={<UploadFileIcon />} onClick={start}>
        {translate('liaison.invitation.import.button')}
      </Button>
      <Dialog open={open} onClose={busy ? undefined : () => setOpen(false)} fullWidth maxWidth="sm">
        <DialogTitle>{translate('liaison.invitation.import.title')}</DialogTitle>
        <DialogContent>
          <Typography variant="body2" color="text.secondary" sx={{ mb: 2 }}>
            {translate('liaison.invitation.import.help')}
          </Typography>
          <Box sx={{ display: 'flex', gap: 2, flexWrap: 'wrap', alignItems: 'center', mb: 2 }}>
            <Button variant="outlined" startIcon={<DownloadIcon />} onClick={download}>
              {translate('liaison.invitation.import.template')}
            </Button>
            <Button variant="outlined" component="label" startIcon={<UploadFileIcon />}>
              {translate('liaison.invitation.import.choose')}
              <input
                hidden
                type="file"
                data-testid="import-file"
                accept=".xlsx,.csv,text/csv,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
                onChange={(e) => {
                  setFile(e.target.files?.[0] ?? null);
                  setResult(null);
                }}
              />
            </Button>
            {file ? <Typography variant="body2">{file.name}</Typography> : null}
          </Box>
          {error ? (
            <Alert severity="error" role="alert">
              {error}
            </Alert>
          ) : null}
          {result ? (
            <Box data-testid="import-result">
              <Alert severity={result.errors.length ? 'warning' : 'success'}>
                {translate('liaison.invitation.import.created', { smart_count: result.created })}
                {result.errors.length ? ` ${translate('liaison.invitation.import.row_errors', { smart_count: result.errors.length })}` : ''}
              </Alert>
              {result.errors.length ? (
                <Table size="small" sx={{ mt: 1 }}>
                  <TableHead>
                    <TableRow>
                      <TableCell>{translate('liaison.invitation.import.row')}</TableCell>
                      <TableCell>{translate('liaison.invitation.import.problem')}</TableCell>
                    </TableRow>
                  </TableHead>
                  <TableBody>
                    {result.errors.map((e) => (
                      <TableRow key={`${e.row}-${e.message}`}>
                        <TableCell>{e.row}</TableCell>
                        <TableCell>{e.message}</TableCell>
                      </TableRow>
                    ))}
                  </TableBody>
                </Table>
              ) : null}
            </Box>
          ) : null}
        </DialogContent>
        <DialogActions>
          <Button onClick={() => setOpen(false)} disabled={busy}>
            {translate('ra.action.close')}
          </Button>
          <Button
            variant="contained"
            onClick={upload}
            disabled={!file || busy}
            startIcon={busy ? <CircularProgress size={16} color="inherit" /> : undefined}
          >
            {translate('liaison.invitation.import.upload')}
          </Button>
        </DialogActions>
      </Dialog>
    </>
  );
};
