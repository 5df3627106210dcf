import DeleteForeverIcon from '@mui/icons-material/DeleteForever';
import LockIcon from '@mui/icons-material/Lock';
import { Alert, Box, Button, LinearProgress, TextField } from '@mui/material';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { HttpError, useNotify, useRefresh, useTranslate } from 'react-admin';
import { Link } from 'react-router-dom';
import { eraseEarly, getRetention, type RetentionStatusView } from '../blockedData/retentionApi';
import { RetentionTimeline } from '../blockedData/RetentionTimeline';
import { ActionDialog } from '../dialogs/ActionDialog';
import { serverErrors } from '../dialogs/serverErrors';
import { EmptyNote } from '../fields/EmptyNote';
import type { RequestDetailRecord } from './requestApi';

/**
 * The retention of a closed (or rejected) request's personal data (domain.md §8): when it will be
 * or was blocked and erased, contests, and early erasure on a participating authority's request
 * with the data subject's consent. The status is the helpdesk's (GET /api/retention answers 403 to
 * others, and the panel then says so); early erasure is offered to the two authorities of the
 * exchange and the helpdesk, and the API has the last word.
 */

const retentionKey = (requestId: string) => ['retention', 'request', requestId];

/** The viewer sides that may ask for early erasure; coordinators are not parties (schema/requestPersonalDataStore.ts). */
const mayAskEarlyErasure = (side: RequestDetailRecord['detail']['viewerSide']) => side === 'requester' || side === 'responder' || side === 'helpdesk';

const EraseEarlyButton = ({ record, onErased }: { record: RequestDetailRecord; onErased: (view: RetentionStatusView) => void }) => {
  const translate = useTranslate();
  const notify = useNotify();
  const [open, setOpen] = useState(false);
  const [reason, setReason] = useState('');
  const [consentReference, setConsentReference] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [fields, setFields] = useState<Record<string, string>>({});
  const run = async () => {
    const missing: Record<string, string> = {};
    if (!reason.trim()) missing.reason = translate('liaison.request.dialog.required');
    if (!consentReference.trim()) missing.consentReference = translate('liaison.request.dialog.required');
    setFields(missing);
    if (Object.keys(missing).length > 0) return;
    setBusy(true);
    setError(null);
    try {
      const view = await eraseEarly('request', record.id, { reason: reason.trim(), consentReference: consentReference.trim() });
      notify('liaison.retention.erased_done', { type: 'success' });
      setOpen(false);
      onErased(view);
    } catch (e) {
      const answer = serverErrors(e);
      setError(answer.message);
      setFields(answer.fields);
    } finally {
      setBusy(false);
    }
  };
  return (
    <>
      <Button color="error" size="small" startIcon={<DeleteForeverIcon />} onClick={() => setOpen(true)} data-testid="erase-early">
        {translate('liaison.retention.erase_early')}
      </Button>
      <ActionDialog
        open={open}
        title={translate('liaison.retention.erase_early_title', { number: record.number })}
        content={translate('liaison.retention.erase_early_content')}
        confirmLabel={translate('liaison.retention.erase_early')}
        dangerous
        busy={busy}
        error={error}
        onConfirm={() => void run()}
        onClose={() => setOpen(false)}
      >
        <TextField
          label={translate('liaison.retention.reason')}
          value={reason}
          onChange={(e) => setReason(e.target.value)}
          error={!!fields.reason}
          helperText={fields.reason}
          required
          fullWidth
          multiline
          minRows={2}
          slotProps={{ htmlInput: { maxLength: 2000 } }}
          sx={{ mb: 2 }}
        />
        <TextField
          label={translate('liaison.retention.consent_reference')}
          value={consentReference}
          onChange={(e) => setConsentReference(e.target.value)}
          error={!!fields.consentReference}
          helperText={fields.consentReference}
          required
          fullWidth
          slotProps={{ htmlInput: { maxLength: 200 } }}
        />
      </ActionDialog>
    </>
  );
};

export const RequestRetention = ({ record }: { record: RequestDetailRecord }) => {
  const translate = useTranslate();
  const refresh = useRefresh();
  const queryClient = useQueryClient();
  const { data, error, isPending } = useQuery({
    queryKey: retentionKey(record.id),
    queryFn: ({ signal }) => getRetention('request', record.id, signal),
    retry: false,
  });
  const status = error instanceof HttpError ? error.status : null;
  const erased = data?.status === 'erased';
  const onErased = (view: RetentionStatusView) => {
    queryClient.setQueryData(retentionKey(record.id), view);
    refresh();
  };
  return (
    <Box data-testid="request-retention">
      {isPending ? (
        <LinearProgress />
      ) : data ? (
        <RetentionTimeline view={data} />
      ) : status === 403 ? (
        <Alert severity="info" icon={<LockIcon />} data-testid="retention-helpdesk-only">
          {translate('liaison.retention.helpdesk_only')}
        </Alert>
      ) : status === 404 ? (
        <EmptyNote>{translate('liaison.retention.not_started')}</EmptyNote>
      ) : (
        <Alert severity="error">{serverErrors(error).message}</Alert>
      )}
      <Box sx={{ display: 'flex', gap: 1, mt: 1, flexWrap: 'wrap' }}>
        {!erased && status !== 404 && mayAskEarlyErasure(record.detail.viewerSide) ? <EraseEarlyButton record={record} onErased={onErased} /> : null}
        {data && record.detail.viewerSide === 'helpdesk' ? (
          <Button size="small" component={Link} to={`/blocked-data/request/${encodeURIComponent(record.id)}`} data-testid="open-blocked-data">
            {translate('liaison.retention.open_blocked_data')}
          </Button>
        ) : null}
      </Box>
    </Box>
  );
};
