import DeleteIcon from '@mui/icons-material/Delete';
import {
  Alert,
  Button,
  Card,
  CardContent,
  IconButton,
  Stack,
  Table,
  TableBody,
  TableCell,
  TableHead,
  TableRow,
  TextField,
  Tooltip,
  Typography,
} from '@mui/material';
import { useCallback, useEffect, useState, type FormEvent } from 'react';
import { Confirm, useLocaleState, useNotify, useTranslate } from 'react-admin';
import { CopyableText } from '../fields/CopyableText';
import { EmptyNote } from '../fields/EmptyNote';
import { formatDateTime } from '../time/duration';
import { accountApi, type ApiTokenView } from './accountApi';

/** Your API tokens: list, create (the secret shown this once, with a copy button) and revoke. */
export const ApiTokensCard = () => {
  const translate = useTranslate();
  const notify = useNotify();
  const [locale] = useLocaleState();
  const [tokens, setTokens] = useState<ApiTokenView[] | null>(null);
  const [name, setName] = useState('');
  const [created, setCreated] = useState<{ name: string; token: string } | null>(null);
  const [revoking, setRevoking] = useState<ApiTokenView | null>(null);
  const [error, setError] = useState<string | null>(null);

  const reload = useCallback(() => {
    accountApi.listTokens().then(setTokens, (e: Error) => setError(e.message));
  }, []);
  useEffect(reload, [reload]);

  const create = async (event: FormEvent) => {
    event.preventDefault();
    setError(null);
    try {
      const token = await accountApi.createToken(name.trim());
      setCreated({ name: token.name, token: token.token });
      setName('');
      reload();
    } catch (e) {
      setError((e as Error).message);
    }
  };

  const revoke = async () => {
    if (!revoking) return;
    try {
      await accountApi.revokeToken(revoking.id);
      notify('liaison.account.token_revoked', { type: 'info', messageArgs: { name: revoking.name } });
      reload();
    } catch (e) {
      setError((e as Error).message);
    } finally {
      setRevoking(null);
    }
  };

  const time = (iso: string | null) => (iso ? formatDateTime(iso, locale) : translate('liaison.account.never_used'));

  return (
    <Card variant="outlined" sx={{ flex: 2, minWidth: 360 }}>
      <CardContent>
        <Typography variant="h6" component="h2">
          {translate('liaison.account.api_tokens')}
        </Typography>
        <Typography variant="body2" color="text.secondary" sx={{ mb: 2 }}>
          {translate('liaison.account.api_tokens_intro')}
        </Typography>
        {created ? (
          <Alert severity="success" sx={{ mb: 2 }} onClose={() => setCreated(null)} data-testid="new-api-token">
            <Typography variant="body2" sx={{ mb: 0.5 }}>
              {translate('liaison.account.token_created', { name: created.name })}
            </Typography>
            <CopyableText value={created.token} />
          </Alert>
        ) : null}
        <form onSubmit={create} noValidate>
          <Stack direction="row" spacing={1} sx={{ alignItems: 'flex-start' }}>
            <TextField size="small" label={translate('liaison.account.token_name')} value={name} onChange={(e) => setName(e.target.value)} sx={{ flex: 1 }} />
            <Button type="submit" variant="contained" disabled={!name.trim()}>
              {translate('liaison.account.create_token')}
            </Button>
          </Stack>
        </form>
        {error ? (
          <Alert severity="error" sx={{ mt: 2 }} role="alert">
            {translate(error, { _: error })}
          </Alert>
        ) : null}
        {tokens && tokens.length === 0 ? <EmptyNote>{translate('liaison.account.no_tokens')}</EmptyNote> : null}
        {tokens && tokens.length > 0 ? (
          <Table size="small" sx={{ mt: 2 }}>
            <TableHead>
              <TableRow>
                <TableCell>{translate('liaison.account.token_name')}</TableCell>
                <TableCell>{translate('liaison.account.token_prefix')}</TableCell>
                <TableCell>{translate('liaison.account.token_created_at')}</TableCell>
                <TableCell>{translate('liaison.account.token_last_used')}</TableCell>
                <TableCell />
              </TableRow>
            </TableHead>
            <TableBody>
              {tokens.map((t) => (
                <TableRow key={t.id}>
                  <TableCell>{t.name}</TableCell>
                  <TableCell sx={{ fontFamily: 'ui-monospace, Menlo, Consolas, monospace' }}>{t.prefix}…</TableCell>
                  <TableCell>{time(t.createdAt)}</TableCell>
                  <TableCell>{time(t.lastUsedAt)}</TableCell>
                  <TableCell align="right">
                    <Tooltip title={translate('liaison.account.revoke')}>
                      <IconButton size="small" aria-label={translate('liaison.account.revoke')} onClick={() => setRevoking(t)}>
                        <DeleteIcon fontSize="small" />
                      </IconButton>
                    </Tooltip>
                  </TableCell>
                </TableRow>
              ))}
            </TableBody>
          </Table>
        ) : null}
      </CardContent>
      <Confirm
        isOpen={revoking !== null}
        title="liaison.account.revoke_title"
        content="liaison.account.revoke_content"
        translateOptions={{ name: revoking?.name ?? '' }}
        onConfirm={revoke}
        onClose={() => setRevoking(null)}
      />
    </Card>
  );
};
