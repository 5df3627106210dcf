import { Box, Chip, Typography } from '@mui/material';
import { RecordContextProvider, useLocaleState, useRecordContext, useTranslate } from 'react-admin';
import { StatusChip } from '../fields/StatusChip';
import { AuthorityName } from '../requests/RequestFields';
import { Countdown } from '../time/Countdown';
import { formatDateTime } from '../time/duration';
import { useNow } from '../time/useNow';
import type { AlertListRow } from './alertApi';
import { alertStatusColours, periodWarningMs, type AlertStatus } from './alertStatus';

/** The alert's status as a coloured chip. */
export const AlertStatusField = (_props: { label?: string; source?: string; sortable?: boolean }) => {
  const record = useRecordContext<{ status: AlertStatus }>();
  const translate = useTranslate();
  if (!record) return null;
  return <AlertStatusChip status={record.status} label={translate(`liaison.alert.status.${record.status}`, { _: record.status })} />;
};

export const AlertStatusChip = ({ status, label }: { status: AlertStatus; label: string }) => (
  <StatusChip label={label} colour={alertStatusColours[status] ?? '#757575'} data-status={status} />
);

/** An authority by id, wherever the id comes from (a recipient, an item's submitter, a coordinator). */
export const AuthorityById = ({ id }: { id: string | null | undefined }) =>
  id ? (
    <RecordContextProvider value={{ id, authorityId: id }}>
      <AuthorityName source="authorityId" />
    </RecordContextProvider>
  ) : (
    <>—</>
  );

/** The provider's name, when the API gives it (never to the Commission, nor in the reduced view). */
export const ProviderField = (_props: { label?: string; sortable?: boolean }) => {
  const record = useRecordContext<AlertListRow>();
  const translate = useTranslate();
  if (!record) return null;
  return record.providerName ? (
    <Typography variant="body2" component="span">
      {record.providerName}
    </Typography>
  ) : (
    <Typography variant="body2" component="span" color="text.secondary" title={translate('liaison.alert.provider_hidden')}>
      —
    </Typography>
  );
};

/** The initiating authority's name and country. */
export const InitiatingAuthorityField = (_props: { label?: string; sortable?: boolean }) => {
  const record = useRecordContext<AlertListRow>();
  if (!record) return null;
  return (
    <Typography variant="body2" component="span">
      {record.originatingAuthorityName ?? '—'}
      <Typography component="span" variant="caption" color="text.secondary" sx={{ ml: 0.5 }}>
        ({record.originatingCountry})
      </Typography>
    </Typography>
  );
};

/** A country code, or "unknown" (the establishment country may be). */
export const CountryCode = ({ code }: { code: string | null | undefined }) => {
  const translate = useTranslate();
  return code ? (
    <Chip size="small" variant="outlined" label={code} data-country={code} />
  ) : (
    <Typography variant="body2" component="span" color="text.secondary">
      {translate('liaison.alert.unknown_country')}
    </Typography>
  );
};

export const EstablishmentCountryField = (_props: { label?: string; sortable?: boolean }) => {
  const record = useRecordContext<AlertListRow>();
  return record ? <CountryCode code={record.establishmentCountry} /> : null;
};

/** What the user's authority must do now, in words (the action list's "to do" column). */
export const ExpectedAlertActionField = (_props: { label?: string; sortable?: boolean }) => {
  const record = useRecordContext<AlertListRow>();
  const translate = useTranslate();
  if (!record) return null;
  return (
    <Box>
      {record.actions.map((action) => (
        <Typography key={action} variant="body2" data-action={action}>
          {translate(`liaison.alert.expected.${action}`, { _: action })}
        </Typography>
      ))}
    </Box>
  );
};

/**
 * A closure period (comments or objections) as a live countdown: red within a day of its end and
 * once it is over, so the last comments or objections are not missed.
 */
export const PeriodCountdown = ({ label, endsAt, testId }: { label: string; endsAt: string; testId: string }) => {
  const translate = useTranslate();
  const [locale] = useLocaleState();
  const now = useNow(1000);
  const left = Date.parse(endsAt) - now;
  const ending = left < periodWarningMs;
  const over = left <= 0;
  return (
    <Box
      data-testid={testId}
      data-ending={ending ? 'true' : 'false'}
      data-over={over ? 'true' : 'false'}
      sx={{
        border: 1,
        borderColor: ending ? 'error.main' : 'divider',
        borderRadius: 1,
        px: 2,
        py: 1,
        minWidth: 240,
        bgcolor: ending ? 'rgba(198, 40, 40, 0.06)' : undefined,
      }}
    >
      <Typography variant="caption" color="text.secondary" component="div">
        {label}
      </Typography>
      <Typography variant="h6" component="div" color={ending ? 'error' : 'inherit'} sx={{ fontVariantNumeric: 'tabular-nums' }}>
        {over ? translate('liaison.alert.period_over') : <Countdown dueAt={endsAt} variant="h6" />}
      </Typography>
      <Typography variant="caption" color="text.secondary">
        {translate('liaison.alert.period_ends', { at: formatDateTime(endsAt, locale) })}
      </Typography>
    </Box>
  );
};
