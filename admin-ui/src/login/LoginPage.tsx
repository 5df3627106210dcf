import { Box, Tab, Tabs } from '@mui/material';
import { useState } from 'react';
import { useTranslate } from 'react-admin';
import { LoginFrame } from './LoginFrame';
import { TokenLoginForm } from './TokenLoginForm';
import { UserLoginForm } from './UserLoginForm';

/**
 * The console's login: a user's own (username, password, security code), and beside it — until
 * operators have users — the operator token. The language can be switched here already.
 */
export const LoginPage = () => {
  const translate = useTranslate();
  const [tab, setTab] = useState<'user' | 'operator'>('user');
  return (
    <LoginFrame>
      <Box sx={{ borderBottom: 1, borderColor: 'divider', mb: 2 }}>
        <Tabs value={tab} onChange={(_, value) => setTab(value)} variant="fullWidth">
          <Tab value="user" label={translate('liaison.login.tab_user')} />
          <Tab value="operator" label={translate('liaison.login.tab_operator')} />
        </Tabs>
      </Box>
      {tab === 'user' ? <UserLoginForm /> : <TokenLoginForm />}
    </LoginFrame>
  );
};
