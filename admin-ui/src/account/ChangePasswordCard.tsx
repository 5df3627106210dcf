import { Alert, Button, Card, CardContent, CircularProgress, Typography } from '@mui/material';
import { useState, type FormEvent } from 'react';
import { useNotify, useTranslate } from 'react-admin';
import { fieldProblems } from '../login/loginSteps';
import { SecretField } from '../login/SecretField';
import { accountApi } from './accountApi';

/** Change your password: the current one, the new one twice; the API's policy problems under the input. */
export const ChangePasswordCard = () => {
  const translate = useTranslate();
  const notify = useNotify();
  const [current, setCurrent] = useState('');
  const [next, setNext] = useState('');
  const [repeat, setRepeat] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [problems, setProblems] = useState<string[]>([]);
  const [busy, setBusy] = useState(false);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setError(null);
    setProblems([]);
    if (next !== repeat) {
      setError('liaison.login.passwords_differ');
      return;
    }
    setBusy(true);
    try {
      await accountApi.changePassword(current, next);
      setCurrent('');
      setNext('');
      setRepeat('');
      notify('liaison.account.password_changed', { type: 'success' });
    } catch (e) {
      const problems = fieldProblems(e, 'newPassword');
      setError(problems.length ? null : (e as Error).message);
      setProblems(problems);
    } finally {
      setBusy(false);
    }
  };

  return (
    <Card variant="outlined" sx={{ flex: 1, minWidth: 320, maxWidth: 480 }}>
      <CardContent>
        <Typography variant="h6" component="h2">
          {translate('liaison.account.change_password')}
        </Typography>
        <Typography variant="body2" color="text.secondary" sx={{ mb: 1 }}>
          {translate('liaison.account.change_password_intro')}
        </Typography>
        <form onSubmit={submit} noValidate>
          <SecretField name="current-password" autoComplete="current-password" label={translate('liaison.account.current_password')} value={current} onChange={(e) => setCurrent(e.target.value)} disabled={busy} />
          <SecretField
            name="new-password"
            autoComplete="new-password"
            label={translate('liaison.login.new_password')}
            value={next}
            onChange={(e) => setNext(e.target.value)}
            disabled={busy}
            error={problems.length > 0}
            helperText={problems.length ? problems.join('; ') : translate('liaison.login.password_policy')}
          />
          <SecretField name="repeat-password" autoComplete="new-password" label={translate('liaison.login.repeat_password')} value={repeat} onChange={(e) => setRepeat(e.target.value)} disabled={busy} />
          {error ? (
            <Alert severity="error" sx={{ mt: 1 }} role="alert">
              {translate(error, { _: error })}
            </Alert>
          ) : null}
          <Button type="submit" variant="contained" sx={{ mt: 2 }} disabled={busy || !current || !next} startIcon={busy ? <CircularProgress size={18} color="inherit" /> : undefined}>
            {translate('liaison.account.save_password')}
          </Button>
        </form>
      </CardContent>
    </Card>
  );
};
