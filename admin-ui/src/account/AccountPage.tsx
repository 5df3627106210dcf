import { Alert, Box, Chip, Stack, Typography } from '@mui/material';
import { Title, useGetIdentity, useTranslate } from 'react-admin';
import { operatorToken } from '../operatorToken';
import { session } from '../session';
import { ApiTokensCard } from './ApiTokensCard';
import { ChangePasswordCard } from './ChangePasswordCard';

const Roles = () => {
  const user = session.get()?.user;
  if (!user) return null;
  return (
    <Stack direction="row" spacing={1} sx={{ mt: 1, flexWrap: 'wrap' }}>
      {user.roles.map((r) => (
        <Chip key={`${r.role}/${r.area ?? ''}/${r.workflow ?? ''}`} size="small" label={[r.role, r.area, r.workflow].filter(Boolean).join(' · ')} />
      ))}
    </Stack>
  );
};

/** My account: who I am, change my password, my API tokens. */
export const AccountPage = () => {
  const translate = useTranslate();
  const { identity } = useGetIdentity();
  const user = session.get()?.user;
  return (
    <Box sx={{ mt: 2 }}>
      <Title title="liaison.account.title" />
      <Typography variant="h5" component="h1">
        {identity?.fullName}
      </Typography>
      {user ? (
        <Typography variant="body2" color="text.secondary">
          {user.username} · {user.email}
        </Typography>
      ) : null}
      <Roles />
      {operatorToken.get() ? (
        <Alert severity="info" sx={{ mt: 2 }}>
          {translate('liaison.account.operator_note')}
        </Alert>
      ) : (
        <Box sx={{ display: 'flex', gap: 2, flexWrap: 'wrap', mt: 2, alignItems: 'flex-start' }}>
          <ChangePasswordCard />
          <ApiTokensCard />
        </Box>
      )}
    </Box>
  );
};
