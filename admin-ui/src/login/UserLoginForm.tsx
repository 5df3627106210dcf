import { Alert, Box, Button, CircularProgress, Link, TextField, Typography } from '@mui/material';
import { useState, type FormEvent, type ReactNode } from 'react';
import { useLogin, useTranslate } from 'react-admin';
import type { LoginSession } from '../session';
import { fieldProblems, loginProblem, loginSteps, securityCodeLength, type LoginStep } from './loginSteps';
import { SecretField } from './SecretField';
import { SecurityCodePositions } from './SecurityCodePositions';

/** "2, 7 and 11" / "2, 7 og 11". */
const listPositions = (positions: number[], and: string) =>
  positions.length < 2 ? positions.join('') : `${positions.slice(0, -1).join(', ')} ${and} ${positions[positions.length - 1]}`;

const SubmitButton = ({ busy, children }: { busy: boolean; children: ReactNode }) => (
  <Button
    type="submit"
    fullWidth
    variant="contained"
    sx={{ mt: 3 }}
    disabled={busy}
    startIcon={busy ? <CircularProgress size={18} color="inherit" /> : undefined}
  >
    {children}
  </Button>
);

const StepHeading = ({ title, text }: { title: string; text: string }) => (
  <Box sx={{ mb: 1 }}>
    <Typography variant="subtitle1" component="h2" sx={{ fontWeight: 600 }}>
      {title}
    </Typography>
    <Typography variant="body2" color="text.secondary">
      {text}
    </Typography>
  </Box>
);

/**
 * A user's login, step by step: username and password; then the 3 asked characters of the
 * security code — or, on a first login, a new password and the security code chosen and confirmed.
 */
export const UserLoginForm = () => {
  const translate = useTranslate();
  const login = useLogin();
  const [step, setStep] = useState<LoginStep>({ step: 'credentials' });
  const [username, setUsername] = useState('');
  const [password, setPassword] = useState('');
  const [characters, setCharacters] = useState<string[]>(['', '', '']);
  const [newPassword, setNewPassword] = useState('');
  const [repeatPassword, setRepeatPassword] = useState('');
  const [code, setCode] = useState('');
  const [confirmation, setConfirmation] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [problems, setProblems] = useState<Record<string, string[]>>({});
  const [busy, setBusy] = useState(false);

  const restart = () => {
    setStep({ step: 'credentials' });
    setPassword('');
    setCharacters(['', '', '']);
    setProblems({});
  };

  /** Runs one step; a refusal shows its message (and the field problems), and may send back to the start. */
  const run = async (action: () => Promise<void>) => {
    setBusy(true);
    setError(null);
    setProblems({});
    try {
      await action();
    } catch (e) {
      const problem = loginProblem(e);
      const fields = {
        newPassword: fieldProblems(e, 'newPassword'),
        code: fieldProblems(e, 'code'),
        confirmation: fieldProblems(e, 'confirmation'),
      };
      // problems with an input are said under it, not again above the button
      setError(Object.values(fields).some((f) => f.length > 0) ? null : problem.message);
      setProblems(fields);
      if (problem.restart) restart();
    } finally {
      setBusy(false);
    }
  };

  const openSession = (opened: LoginSession) => login({ session: opened });

  const submitCredentials = (event: FormEvent) => {
    event.preventDefault();
    if (!username.trim() || !password) {
      setError('liaison.login.credentials_required');
      return;
    }
    void run(async () => {
      setStep(await loginSteps.start(username.trim(), password));
      setCharacters(['', '', '']);
    });
  };

  const submitCharacters = (event: FormEvent) => {
    event.preventDefault();
    if (step.step !== 'security-code') return;
    if (characters.some((c) => !c)) {
      setError('liaison.login.characters_required');
      return;
    }
    void run(async () => openSession(await loginSteps.answerCode(step.challengeId, characters)));
  };

  const submitNewPassword = (event: FormEvent) => {
    event.preventDefault();
    if (step.step !== 'change-password') return;
    if (newPassword !== repeatPassword) {
      setError('liaison.login.passwords_differ');
      return;
    }
    void run(async () => setStep(await loginSteps.newPassword(step.changeToken, newPassword)));
  };

  const submitCode = (event: FormEvent) => {
    event.preventDefault();
    if (step.step !== 'choose-security-code') return;
    if (code !== confirmation) {
      setError('liaison.login.codes_differ');
      return;
    }
    void run(async () => openSession(await loginSteps.chooseCode(step.changeToken, code, confirmation)));
  };

  const errorAlert = error ? (
    <Alert severity="error" sx={{ mt: 2 }} role="alert">
      {translate(error, { _: error })}
    </Alert>
  ) : null;
  const problemText = (field: string) => (problems[field]?.length ? problems[field].join('; ') : undefined);

  switch (step.step) {
    case 'credentials':
      return (
        <form onSubmit={submitCredentials} noValidate>
          <Typography variant="body2" color="text.secondary" sx={{ mb: 1 }}>
            {translate('liaison.login.user_intro')}
          </Typography>
          <TextField
            autoFocus
            fullWidth
            margin="dense"
            name="username"
            autoComplete="username"
            label={translate('liaison.login.username')}
            value={username}
            onChange={(e) => setUsername(e.target.value)}
            disabled={busy}
          />
          <SecretField
            name="password"
            autoComplete="current-password"
            label={translate('liaison.login.password')}
            value={password}
            onChange={(e) => setPassword(e.target.value)}
            disabled={busy}
          />
          {errorAlert}
          <SubmitButton busy={busy}>{translate('liaison.login.next')}</SubmitButton>
          <Typography variant="caption" color="text.secondary" component="p" sx={{ mt: 2 }}>
            {translate('liaison.login.forgotten')}
          </Typography>
        </form>
      );
    case 'security-code':
      return (
        <form onSubmit={submitCharacters} noValidate>
          <StepHeading
            title={translate('liaison.login.security_code')}
            text={translate('liaison.login.enter_characters', { positions: listPositions(step.positions, translate('liaison.login.and')) })}
          />
          <SecurityCodePositions positions={step.positions} values={characters} onChange={setCharacters} disabled={busy} />
          {errorAlert}
          <SubmitButton busy={busy}>{translate('liaison.login.sign_in')}</SubmitButton>
          <Box sx={{ mt: 2, textAlign: 'center' }}>
            <Link component="button" type="button" variant="body2" onClick={restart}>
              {translate('liaison.login.start_again')}
            </Link>
          </Box>
        </form>
      );
    case 'change-password':
      return (
        <form onSubmit={submitNewPassword} noValidate>
          <StepHeading title={translate('liaison.login.new_password_title')} text={translate('liaison.login.new_password_intro')} />
          <SecretField
            autoFocus
            name="new-password"
            autoComplete="new-password"
            label={translate('liaison.login.new_password')}
            value={newPassword}
            onChange={(e) => setNewPassword(e.target.value)}
            disabled={busy}
            error={Boolean(problemText('newPassword'))}
            helperText={problemText('newPassword') ?? translate('liaison.login.password_policy')}
          />
          <SecretField
            name="repeat-password"
            autoComplete="new-password"
            label={translate('liaison.login.repeat_password')}
            value={repeatPassword}
            onChange={(e) => setRepeatPassword(e.target.value)}
            disabled={busy}
          />
          {errorAlert}
          <SubmitButton busy={busy}>{translate('liaison.login.next')}</SubmitButton>
        </form>
      );
    case 'choose-security-code':
      return (
        <form onSubmit={submitCode} noValidate>
          <StepHeading title={translate('liaison.login.choose_code_title')} text={translate('liaison.login.choose_code_intro', { n: securityCodeLength })} />
          <SecretField
            autoFocus
            name="security-code"
            autoComplete="off"
            label={translate('liaison.login.security_code')}
            value={code}
            onChange={(e) => setCode(e.target.value)}
            disabled={busy}
            error={Boolean(problemText('code'))}
            helperText={problemText('code') ?? translate('liaison.login.code_count', { count: [...code].length, n: securityCodeLength })}
            slotProps={{ htmlInput: { maxLength: 50 } }}
          />
          <SecretField
            name="security-code-confirmation"
            autoComplete="off"
            label={translate('liaison.login.confirm_code')}
            value={confirmation}
            onChange={(e) => setConfirmation(e.target.value)}
            disabled={busy}
            error={Boolean(problemText('confirmation'))}
            helperText={problemText('confirmation')}
          />
          {errorAlert}
          <SubmitButton busy={busy}>{translate('liaison.login.save_code')}</SubmitButton>
        </form>
      );
  }
};
