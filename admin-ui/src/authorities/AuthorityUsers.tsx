import LockResetIcon from '@mui/icons-material/LockReset';
import { Alert, Box, Button, Chip, Table, TableBody, TableCell, TableHead, TableRow } from '@mui/material';
import { useCallback, useEffect, useState } from 'react';
import { Confirm, HttpError, useLocaleState, useNotify, useTranslate } from 'react-admin';
import type { AuthorityUserView } from '../../../schema/users';
import { EmptyNote } from '../fields/EmptyNote';
import { StatusChip } from '../fields/StatusChip';
import { liaisonApi } from '../liaisonApi';
import { formatDateTime } from '../time/duration';

/**
 * The authority's users (GET /api/users?authorityId=), for whoever may manage them (the helpdesk,
 * its local data administrator, its validating coordinator's data administrator): a forgotten
 * password or a blocked account is helped by "Reset password" — a new temporary password by email.
 */
export const AuthorityUsers = ({ authorityId }: { authorityId: string }) => {
  const translate = useTranslate();
  const notify = useNotify();
  const [locale] = useLocaleState();
  const [users, setUsers] = useState<AuthorityUserView[] | null>(null);
  const [refused, setRefused] = useState<string | null>(null);
  const [resetting, setResetting] = useState<AuthorityUserView | null>(null);

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
  if (users.length === 0) return <EmptyNote>{translate('liaison.authority.no_users')}</EmptyNote>;
  return (
    <>
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
    </>
  );
};
