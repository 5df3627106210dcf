import BlockIcon from '@mui/icons-material/Block';
import CheckCircleIcon from '@mui/icons-material/CheckCircle';
import DeleteIcon from '@mui/icons-material/Delete';
import EditIcon from '@mui/icons-material/Edit';
import LockOpenIcon from '@mui/icons-material/LockOpen';
import UndoIcon from '@mui/icons-material/Undo';
import { Box, Button, IconButton, TextField, Tooltip } from '@mui/material';
import { useState, type MouseEvent, type ReactNode } from 'react';
import { useCreatePath, useNotify, usePermissions, useRecordContext, useRedirect, useRefresh, useTranslate } from 'react-admin';
import { Link } from 'react-router-dom';
import { ActionDialog } from '../dialogs/ActionDialog';
import { serverErrors } from '../dialogs/serverErrors';
import { deleteInvitation, invitationCommand, type InvitationCommand, type InvitationRecord } from './invitationApi';
import { isDeletable, isEditable, isWithdrawable } from './invitationStatus';

type Action = InvitationCommand | 'delete';

const icons: Record<Action, ReactNode> = {
  withdraw: <UndoIcon />,
  delete: <DeleteIcon />,
  release: <LockOpenIcon />,
  cancel: <BlockIcon />,
  validate: <CheckCircleIcon />,
  'reject-validation': <BlockIcon />,
};
const withReason = new Set<Action>(['withdraw', 'cancel', 'reject-validation']);
const dangerous = new Set<Action>(['withdraw', 'delete', 'cancel', 'reject-validation']);

/** Whether the actor is the helpdesk (system-admin, or the operator token). */
export const useIsHelpdesk = () => {
  const { permissions } = usePermissions<{ role: string }[]>();
  return Array.isArray(permissions) && permissions.some((p) => p.role === 'system-admin');
};

/** The actions the invitation's status allows: edit, withdraw, delete, release / cancel, validate / reject. */
export const InvitationActions = ({ compact = false }: { compact?: boolean }) => {
  const record = useRecordContext<InvitationRecord>();
  const translate = useTranslate();
  const notify = useNotify();
  const refresh = useRefresh();
  const redirect = useRedirect();
  const createPath = useCreatePath();
  const helpdesk = useIsHelpdesk();
  const [action, setAction] = useState<Action | null>(null);
  const [reason, setReason] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  if (!record) return null;
  const { status } = record;
  const actions: Action[] = [];
  if (isWithdrawable(status)) actions.push('withdraw');
  if (status === 'blocked' && helpdesk) actions.push('release', 'cancel');
  if (status === 'registered-awaiting-validation') actions.push('validate', 'reject-validation');
  if (isDeletable(status)) actions.push('delete');
  const who = record.name ?? record.email ?? record.id;

  const open = (event: MouseEvent, next: Action) => {
    event.stopPropagation();
    setAction(next);
    setReason('');
    setError(null);
  };
  const run = async () => {
    if (!action) return;
    setBusy(true);
    setError(null);
    try {
      if (action === 'delete') await deleteInvitation(record.id);
      else await invitationCommand(record.id, action, withReason.has(action) && reason.trim() ? { reason: reason.trim() } : {});
      notify(`liaison.invitation.done.${action}`, { type: 'success' });
      setAction(null);
      if (action === 'delete') redirect('list', 'invitations');
      else refresh();
    } catch (e) {
      setError(serverErrors(e).message);
    } finally {
      setBusy(false);
    }
  };
  return (
    <Box sx={{ display: 'flex', gap: 1, flexWrap: compact ? 'nowrap' : 'wrap', justifyContent: compact ? 'flex-end' : undefined }} onClick={(e) => e.stopPropagation()}>
      {isEditable(status) ? (
        compact ? (
          <Tooltip title={translate('ra.action.edit')}>
            <IconButton
              size="small"
              component={Link}
              to={createPath({ resource: 'invitations', type: 'edit', id: record.id })}
              onClick={(e: MouseEvent) => e.stopPropagation()}
              aria-label={translate('ra.action.edit')}
            >
              <EditIcon fontSize="small" />
            </IconButton>
          </Tooltip>
        ) : (
          <Button startIcon={<EditIcon />} component={Link} to={createPath({ resource: 'invitations', type: 'edit', id: record.id })}>
            {translate('ra.action.edit')}
          </Button>
        )
      ) : null}
      {actions.map((a) =>
        compact ? (
          <Tooltip key={a} title={translate(`liaison.invitation.action.${a}`)}>
            <IconButton size="small" color={dangerous.has(a) ? 'error' : 'primary'} onClick={(e) => open(e, a)} aria-label={translate(`liaison.invitation.action.${a}`)}>
              {icons[a]}
            </IconButton>
          </Tooltip>
        ) : (
          <Button key={a} color={dangerous.has(a) ? 'error' : 'primary'} startIcon={icons[a]} onClick={(e) => open(e, a)}>
            {translate(`liaison.invitation.action.${a}`)}
          </Button>
        ),
      )}
      <ActionDialog
        open={action !== null}
        title={action ? translate(`liaison.invitation.confirm.${action}_title`, { name: who }) : ''}
        content={action ? translate(`liaison.invitation.confirm.${action}_content`) : undefined}
        confirmLabel={action ? translate(`liaison.invitation.action.${action}`) : ''}
        dangerous={action !== null && dangerous.has(action)}
        busy={busy}
        error={error}
        onConfirm={run}
        onClose={() => setAction(null)}
      >
        {action && withReason.has(action) ? (
          <TextField
            label={translate('liaison.invitation.reason')}
            value={reason}
            onChange={(e) => setReason(e.target.value)}
            fullWidth
            multiline
            minRows={2}
            slotProps={{ htmlInput: { maxLength: 500 } }}
          />
        ) : null}
      </ActionDialog>
    </Box>
  );
};
