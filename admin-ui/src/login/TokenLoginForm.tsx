import { Alert, Button, CircularProgress, TextField, Typography } from '@mui/material';
import { useState, type FormEvent } from 'react';
import { useLogin, useTranslate } from 'react-admin';

/**
 * The transitional way in: the operator token (OPERATOR_TOKEN), until operators have users of
 * their own.
 */
export const TokenLoginForm = () => {
  const translate = useTranslate();
  const login = useLogin();
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
    <form onSubmit={submit} noValidate>
      <Typography variant="body2" color="text.secondary" sx={{ mb: 2 }}>
        {translate('liaison.login.intro')}
      </Typography>
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
  );
};
