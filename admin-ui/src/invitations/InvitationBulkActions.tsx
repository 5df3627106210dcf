import EditNoteIcon from '@mui/icons-material/EditNote';
import SendIcon from '@mui/icons-material/Send';
import UndoIcon from '@mui/icons-material/Undo';
import {
  Alert,
  Button as MuiButton,
  Dialog,
  DialogActions,
  DialogContent,
  DialogTitle,
  List as MuiList,
  ListItem,
  ListItemText,
  TextField,
} from '@mui/material';
import { useState } from 'react';
import { Button, Form, useListContext, useNotify, useRefresh, useTranslate, useUnselectAll } from 'react-admin';
import { ActionDialog } from '../dialogs/ActionDialog';
import { serverErrors } from '../dialogs/serverErrors';
import { AreaWorkflowInputs } from './AreaWorkflowInputs';
import {
  groupEditInvitations,
  invitationCommand,
  submitInvitations,
  type InvitationRecord,
  type SubmitResult,
} from './invitationApi';
import { useFormContext } from 'react-hook-form';

const useSelection = () => {
  const { selectedIds, data = [] } = useListContext<InvitationRecord>();
  const byId = new Map(data.map((r) => [r.id, r]));
  const label = (id: string) => {
    const r = byId.get(id);
    return r ? (r.name ?? r.email ?? id) : id;
  };
  return { ids: selectedIds.map(String), label };
};

/** The outcome of a submission, in words: submitted, rejected (each with its reason), blocked. */
export const SubmitResultDialog = ({ result, label, onClose }: { result: SubmitResult | null; label: (id: string) => string; onClose: () => void }) => {
  const translate = useTranslate();
  if (!result) return null;
  return (
    <Dialog open onClose={onClose} fullWidth maxWidth="sm">
      <DialogTitle>{translate('liaison.invitation.submit_result_title')}</DialogTitle>
      <DialogContent>
        <Alert severity={result.rejected.length || result.blocked.length ? 'warning' : 'success'} data-testid="submit-result">
          {translate('liaison.invitation.submit_result', { submitted: result.submitted.length, rejected: result.rejected.length })}
        </Alert>
        {result.rejected.length ? (
          <MuiList dense>
            {result.rejected.map((r) => (
              <ListItem key={r.id} disableGutters>
                <ListItemText
                  primary={label(r.id)}
                  secondary={translate(`liaison.invitation.rejection.${r.reason}`, { _: r.message ?? r.reason })}
                />
              </ListItem>
            ))}
          </MuiList>
        ) : null}
        {result.blocked.length ? (
          <Alert severity="info" sx={{ mt: 1 }}>
            {translate('liaison.invitation.submit_blocked', { count: result.blocked.length, smart_count: result.blocked.length })}
          </Alert>
        ) : null}
      </DialogContent>
      <DialogActions>
        <MuiButton onClick={onClose} variant="contained">
          {translate('ra.action.close')}
        </MuiButton>
      </DialogActions>
    </Dialog>
  );
};

/** Submit the selected invitations (POST /api/invitations/submit) and show what became of each. */
export const SubmitInvitationsButton = () => {
  const { ids, label } = useSelection();
  const notify = useNotify();
  const refresh = useRefresh();
  const unselectAll = useUnselectAll('invitations');
  const [busy, setBusy] = useState(false);
  const [result, setResult] = useState<SubmitResult | null>(null);
  const submit = async () => {
    setBusy(true);
    try {
      setResult(await submitInvitations(ids));
      unselectAll();
      refresh();
    } catch (e) {
      notify(serverErrors(e).message ?? 'ra.notification.http_error', { type: 'error' });
    } finally {
      setBusy(false);
    }
  };
  return (
    <>
      <Button label="liaison.invitation.action.submit" onClick={submit} disabled={busy}>
        <SendIcon />
      </Button>
      <SubmitResultDialog result={result} label={label} onClose={() => setResult(null)} />
    </>
  );
};

const GroupEditFields = ({ busy, error, onClose }: { busy: boolean; error: string | null; onClose: () => void }) => {
  const translate = useTranslate();
  const { register } = useFormContext();
  return (
    <>
      <DialogContent>
        <TextField label={translate('resources.invitations.fields.message')} multiline minRows={3} fullWidth {...register('message')} sx={{ mb: 2 }} />
        <AreaWorkflowInputs excludeServicesAlerts />
        {error ? (
          <Alert severity="error" role="alert" sx={{ mt: 1 }}>
            {error}
          </Alert>
        ) : null}
      </DialogContent>
      <DialogActions>
        <MuiButton onClick={onClose} disabled={busy}>
          {translate('ra.action.cancel')}
        </MuiButton>
        <MuiButton type="submit" variant="contained" disabled={busy}>
          {translate('liaison.invitation.action.group_edit')}
        </MuiButton>
      </DialogActions>
    </>
  );
};

/** Set the message, areas and workflows of the selected invitations (not Services alerts: single edits only). */
export const GroupEditInvitationsButton = () => {
  const { ids, label } = useSelection();
  const translate = useTranslate();
  const notify = useNotify();
  const refresh = useRefresh();
  const [open, setOpen] = useState(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const save = async (values: Record<string, unknown>) => {
    setBusy(true);
    setError(null);
    const areas = values.areas as string[];
    const workflows = values.workflows as string[];
    const message = typeof values.message === 'string' && values.message.trim() ? values.message.trim() : undefined;
    try {
      const result = await groupEditInvitations({
        ids,
        message,
        areas: areas.length ? areas : undefined,
        workflows: areas.length ? workflows : undefined,
      });
      if (result.refused.length) {
        setError(result.refused.map((r) => `${label(r.id)}: ${r.message}`).join('\n'));
        notify('liaison.invitation.group_edited', { type: 'warning', messageArgs: { edited: result.edited.length, refused: result.refused.length } });
      } else {
        notify('liaison.invitation.group_edited', { type: 'success', messageArgs: { edited: result.edited.length, refused: 0 } });
        setOpen(false);
      }
      refresh();
    } catch (e) {
      const { message, fields } = serverErrors(e);
      setError([message, fields.workflows].filter(Boolean).join(' — '));
    } finally {
      setBusy(false);
    }
  };
  return (
    <>
      <Button label="liaison.invitation.action.group_edit" onClick={() => { setError(null); setOpen(true); }}>
        <EditNoteIcon />
      </Button>
      <Dialog open={open} onClose={busy ? undefined : () => setOpen(false)} fullWidth maxWidth="md">
        <DialogTitle>{translate('liaison.invitation.group_edit_title', { smart_count: ids.length })}</DialogTitle>
        <Form defaultValues={{ message: '', areas: [], workflows: [] }} onSubmit={save}>
          <GroupEditFields busy={busy} error={error} onClose={() => setOpen(false)} />
        </Form>
      </Dialog>
    </>
  );
};

/** Withdraw the selected invitations, one call each; refusals are listed. */
export const WithdrawInvitationsButton = () => {
  const { ids, label } = useSelection();
  const translate = useTranslate();
  const notify = useNotify();
  const refresh = useRefresh();
  const unselectAll = useUnselectAll('invitations');
  const [open, setOpen] = useState(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const run = async () => {
    setBusy(true);
    const refused: string[] = [];
    for (const id of ids) {
      try {
        await invitationCommand(id, 'withdraw', {});
      } catch (e) {
        refused.push(`${label(id)}: ${serverErrors(e).message}`);
      }
    }
    setBusy(false);
    refresh();
    notify('liaison.invitation.bulk_withdrawn', { type: refused.length ? 'warning' : 'success', messageArgs: { done: ids.length - refused.length, refused: refused.length } });
    if (refused.length) setError(refused.join('\n'));
    else {
      setOpen(false);
      unselectAll();
    }
  };
  return (
    <>
      <Button label="liaison.invitation.action.withdraw" onClick={() => { setError(null); setOpen(true); }} color="error">
        <UndoIcon />
      </Button>
      <ActionDialog
        open={open}
        title={translate('liaison.invitation.bulk_withdraw_title', { smart_count: ids.length })}
        content={translate('liaison.invitation.confirm.withdraw_content')}
        confirmLabel={translate('liaison.invitation.action.withdraw')}
        dangerous
        busy={busy}
        error={error}
        onConfirm={run}
        onClose={() => setOpen(false)}
      />
    </>
  );
};

export const InvitationBulkActions = () => (
  <>
    <SubmitInvitationsButton />
    <GroupEditInvitationsButton />
    <WithdrawInvitationsButton />
  </>
);
