import LockResetIcon from '@mui/icons-material/LockReset';
import ManageAccountsIcon from '@mui/icons-material/ManageAccounts';
import PersonAddIcon from '@mui/icons-material/PersonAdd';
import PersonRemoveIcon from '@mui/icons-material/PersonRemove';
import { Alert, Box, Button, Chip, IconButton, Table, TableBody, TableCell, TableHead, TableRow, Tooltip } from '@mui/material';
import { useCallback, useEffect, useState } from 'react';
import { Confirm, HttpError, useLocaleState, useNotify, useTranslate } from 'react-admin';
import type { AuthorityUserView } from '../../../schema/users';
import { EmptyNote } from '../fields/EmptyNote';
import { StatusChip } from '../fields/StatusChip';
import { liaisonApi } from '../liaisonApi';
import { formatDateTime } from '../time/duration';
import { ChangeRolesDialog, CreateUserDialog, RemoveUserDialog } from './UserDialogs';

/**
 * The authority's users (GET /api/users?authorityId=), for whoever may manage them (the helpdesk,
 * its local data administrator, its validating coordinator's data administrator): a forgotten
 * password or a blocked account is helped by "Reset password" — a new temporary password by email.
 * "Create user" shows the new username once; "Change roles" and "Remove user" show the API's 409
 * when a role minimum of the authority would break.
 */
export const AuthorityUsers = ({ authorityId, authorityName = '' }: { authorityId: string; authorityName?: string }) => {
  const translate = useTranslate();
  const notify = useNotify();
  const [locale] = useLocaleState();
  const [users, setUsers] = useState<AuthorityUserView[] | null>(null);
  const [refused, setRefused] = useState<string | null>(null);
  const [resetting, setResetting] = useState<AuthorityUserView | null>(null);
  const [creating, setCreating] = useState(false);
  const [changing, setChanging] = useState<AuthorityUserView | null>(null);
  const [removing, setRemoving] = useState<AuthorityUserView | null>(null);

  const load = useCallback(() => {
    liaisonApi<{ data: AuthorityUserView[] }>('/users', { query: { authorityId } }).then(
      (r) => setUsers(r.data),
      (e: Error) => setRefused(e instanceof HttpError && e.status === 403 ? 'liaison.authority.users_not_yours' : e.message),
    );
  }, [authorityId]);
  useEffect(load, [load]);

  const reset = async () => {
    if (!resetting) return;
    try {
      await liaisonApi(`/users/${encodeURIComponent(resetting.id)}/reset-password`, { method: 'POST' });
      notify('liaison.authority.password_reset', { type: 'success', messageArgs: { name: `${resetting.firstName} ${resetting.lastName}` } });
      load();
    } catch (e) {
      notify((e as Error).message, { type: 'error' });
    } finally {
      setResetting(null);
    }
  };

  if (refused) return <EmptyNote>{translate(refused, { _: refused })}</EmptyNote>;
  if (!users) return null;
  const dialogs = (
    <>
      <CreateUserDialog authorityId={authorityId} authorityName={authorityName} open={creating} onClose={() => setCreating(false)} onCreated={load} />
      {changing ? (
        <ChangeRolesDialog
          user={changing}
          onClose={() => setChanging(null)}
          onChanged={(name) => {
            setChanging(null);
            notify('liaison.users.roles_changed', { type: 'success', messageArgs: { name } });
            load();
          }}
        />
      ) : null}
      {removing ? (
        <RemoveUserDialog
          user={removing}
          onClose={() => setRemoving(null)}
          onRemoved={(name) => {
            setRemoving(null);
            notify('liaison.users.removed', { type: 'success', messageArgs: { name } });
            load();
          }}
        />
      ) : null}
    </>
  );
  const createButton = (
    <Button startIcon={<PersonAddIcon />} onClick={() => setCreating(true)} sx={{ mb: 1 }}>
      {translate('liaison.users.create')}
    </Button>
  );
  if (users.length === 0)
    return (
      <>
        {createButton}
        <EmptyNote>{translate('liaison.authority.no_users')}</EmptyNote>
        {dialogs}
      </>
    );
  return (
    <>
      {createButton}
      <Box sx={{ overflowX: 'auto', width: 0, minWidth: '100%' }}>
        <Table size="small" data-testid="authority-users" sx={{ '& td:nth-of-type(n+5)': { whiteSpace: 'nowrap' }, '& td:nth-of-type(3)': { wordBreak: 'break-all' } }}>
          <TableHead>
            <TableRow>
              <TableCell>{translate('liaison.authority.user_name')}</TableCell>
              <TableCell>{translate('liaison.login.username')}</TableCell>
              <TableCell>{translate('resources.authorities.fields.contactEmail')}</TableCell>
              <TableCell>{translate('liaison.authority.roles')}</TableCell>
              <TableCell>{translate('resources.authorities.fields.status')}</TableCell>
              <TableCell>{translate('liaison.authority.last_login')}</TableCell>
              <TableCell />
            </TableRow>
          </TableHead>
          <TableBody>
            {users.map((u) => (
              <TableRow key={u.id}>
                <TableCell>{`${u.firstName} ${u.lastName}`}</TableCell>
                <TableCell>{u.username}</TableCell>
                <TableCell>{u.email}</TableCell>
                <TableCell>
                  {[...new Set(u.roles.map((r) => r.role))].map((role) => (
                    <Chip key={role} size="small" variant="outlined" label={role} sx={{ mr: 0.5, mb: 0.5 }} />
                  ))}
                </TableCell>
                <TableCell>
                  <StatusChip
                    label={translate(`liaison.authority.user_status.${u.status}`)}
                    colour={u.status === 'locked' ? '#c62828' : '#2e7d32'}
                    data-status={u.status}
                  />
                </TableCell>
                <TableCell>{u.lastLoginAt ? formatDateTime(u.lastLoginAt, locale, false) : translate('liaison.account.never_used')}</TableCell>
                <TableCell align="right">
                  <Button size="small" startIcon={<LockResetIcon />} onClick={() => setResetting(u)}>
                    {translate('liaison.authority.reset_password')}
                  </Button>
                  <Tooltip title={translate('liaison.users.change_roles')}>
                    <IconButton size="small" onClick={() => setChanging(u)} aria-label={translate('liaison.users.change_roles')}>
                      <ManageAccountsIcon fontSize="small" />
                    </IconButton>
                  </Tooltip>
                  <Tooltip title={translate('liaison.users.remove')}>
                    <IconButton size="small" color="error" onClick={() => setRemoving(u)} aria-label={translate('liaison.users.remove')}>
                      <PersonRemoveIcon fontSize="small" />
                    </IconButton>
                  </Tooltip>
                </TableCell>
              </TableRow>
            ))}
          </TableBody>
        </Table>
      </Box>
      <Alert severity="info" sx={{ mt: 1 }}>
        {translate('liaison.authority.reset_help')}
      </Alert>
      <Confirm
        isOpen={resetting !== null}
        title="liaison.authority.reset_title"
        content="liaison.authority.reset_content"
        translateOptions={{ name: resetting ? `${resetting.firstName} ${resetting.lastName}` : '' }}
        onConfirm={reset}
        onClose={() => setResetting(null)}
      />
      {dialogs}
    </>
  );
};
