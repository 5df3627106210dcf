import KeyIcon from '@mui/icons-material/Key';
import { Alert, Avatar, Box, Button, Card, CardContent, CircularProgress, TextField, Typography } from '@mui/material';
import { useState, type FormEvent } from 'react';
import { LocalesMenuButton, useLogin, useTranslate } from 'react-admin';
import { useDocumentLanguage } from '../i18n/useDocumentLanguage';

/**
 * Until users sign in with their own accounts, the console asks for the operator token. The
 * language can be switched here already.
 */
export const TokenLoginPage = () => {
  const translate = useTranslate();
  const login = useLogin();
  useDocumentLanguage();
  const [token, setToken] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (!token.trim()) {
      setError('liaison.login.token_required');
      return;
    }
    setBusy(true);
    setError(null);
    try {
      await login({ token });
    } catch (e) {
      setError((e as Error)?.message || 'ra.auth.sign_in_error');
      setBusy(false);
    }
  };

  return (
    <Box
      sx={{
        minHeight: '100vh',
        display: 'flex',
        alignItems: 'center',
        justifyContent: 'center',
        bgcolor: 'background.default',
        backgroundImage: 'linear-gradient(160deg, #1d4f91 0%, #153a6b 45%, #f4f6f9 45%)',
        position: 'relative',
      }}
    >
      <Box sx={{ position: 'absolute', top: 8, right: 8, color: '#fff' }}>
        <LocalesMenuButton />
      </Box>
      <Card sx={{ width: 400, maxWidth: 'calc(100vw - 32px)' }} elevation={6}>
        <CardContent sx={{ p: 4 }}>
          <Box sx={{ display: 'flex', flexDirection: 'column', alignItems: 'center', mb: 2 }}>
            <Avatar sx={{ bgcolor: 'primary.main', mb: 1 }}>
              <KeyIcon />
            </Avatar>
            <Typography variant="h6" component="h1" align="center">
              {translate('liaison.login.title')}
            </Typography>
          </Box>
          <Typography variant="body2" color="text.secondary" sx={{ mb: 2 }}>
            {translate('liaison.login.intro')}
          </Typography>
          <form onSubmit={submit} noValidate>
            <TextField
              autoFocus
              fullWidth
              required
              type="password"
              name="token"
              autoComplete="current-password"
              label={translate('liaison.login.token')}
              value={token}
              onChange={(e) => setToken(e.target.value)}
              disabled={busy}
              error={Boolean(error)}
            />
            {error ? (
              <Alert severity="error" sx={{ mt: 2 }} role="alert">
                {translate(error, { _: error })}
              </Alert>
            ) : null}
            <Button
              type="submit"
              fullWidth
              variant="contained"
              sx={{ mt: 3 }}
              disabled={busy}
              startIcon={busy ? <CircularProgress size={18} color="inherit" /> : undefined}
            >
              {translate('liaison.login.sign_in')}
            </Button>
          </form>
        </CardContent>
      </Card>
    </Box>
  );
};
