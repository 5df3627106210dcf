import { Alert, Button, CircularProgress, Dialog, DialogActions, DialogContent, DialogTitle, Typography } from '@mui/material';
import type { FormEvent, ReactNode } from 'react';
import { useTranslate } from 'react-admin';

interface ActionDialogProps {
  open: boolean;
  title: string;
  /** What will happen, in a sentence or two. */
  content?: string;
  confirmLabel: string;
  /** Red confirm button for actions that cannot be undone. */
  dangerous?: boolean;
  busy: boolean;
  /** The server's refusal, shown in the dialog (field messages go under their inputs). */
  error?: string | null;
  onConfirm: () => void;
  onClose: () => void;
  children?: ReactNode;
}

/** A confirmation dialog for an action on a case or a workflow, with its inputs and outcome. */
export const ActionDialog = ({
  open,
  title,
  content,
  confirmLabel,
  dangerous = false,
  busy,
  error,
  onConfirm,
  onClose,
  children,
}: ActionDialogProps) => {
  const translate = useTranslate();
  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (!busy) onConfirm();
  };
  return (
    <Dialog open={open} onClose={busy ? undefined : onClose} fullWidth maxWidth="sm">
      <form onSubmit={submit} noValidate>
        <DialogTitle sx={{ wordBreak: 'break-word' }}>{title}</DialogTitle>
        <DialogContent>
          {content ? (
            <Typography variant="body2" color="text.secondary" sx={{ mb: 2 }}>
              {content}
            </Typography>
          ) : null}
          {children}
          {error ? (
            <Alert severity="error" sx={{ mt: 2 }} role="alert">
              {error}
            </Alert>
          ) : null}
        </DialogContent>
        <DialogActions>
          <Button onClick={onClose} disabled={busy}>
            {translate('ra.action.cancel')}
          </Button>
          <Button
            type="submit"
            variant="contained"
            color={dangerous ? 'error' : 'primary'}
            disabled={busy}
            startIcon={busy ? <CircularProgress size={16} color="inherit" /> : undefined}
          >
            {confirmLabel}
          </Button>
        </DialogActions>
      </form>
    </Dialog>
  );
};
