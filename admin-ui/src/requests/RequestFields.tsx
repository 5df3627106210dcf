import { Box, Chip, Typography } from '@mui/material';
import { ReferenceField, TextField, useLocaleState, useRecordContext, useTranslate } from 'react-admin';
import { StatusChip } from '../fields/StatusChip';
import { dateLocale } from '../time/duration';
import { Countdown } from '../time/Countdown';
import { useNow } from '../time/useNow';
import type { RequestListRow } from './requestApi';
import { awaitingAnswer, isFinal, requestStatusColours } from './requestStatus';

type WithStatus = Pick<RequestListRow, 'status'>;

/** The request's status as a coloured chip. */
export const RequestStatusField = (_props: { label?: string; source?: string; sortable?: boolean }) => {
  const record = useRecordContext<WithStatus>();
  const translate = useTranslate();
  if (!record) return null;
  return (
    <StatusChip
      label={translate(`liaison.request.status.${record.status}`, { _: record.status })}
      colour={requestStatusColours[record.status]}
      data-status={record.status}
    />
  );
};

/** A date deadline runs over at the end of its day (workflows/request/machine.ts deadlineInstant). */
const endOfDay = (date: string) => new Date(Date.parse(`${date}T00:00:00Z`) + 86_400_000 - 1000).toISOString();

/** A calendar date in the console's language ("15 Jan 2027"), whatever the viewer's time zone. */
export const formatDeadline = (date: string, locale: string) =>
  new Intl.DateTimeFormat(dateLocale(locale), { dateStyle: 'medium', timeZone: 'UTC' }).format(new Date(`${date}T00:00:00Z`));

/**
 * The indicative deadline as a chip — a calendar date, not an instant, so it is written as a date
 * (the contact checks' DeadlineField writes an instant with its time) — red once overdue: the
 * workflow's timer says so, or the day has passed while an answer is still owed. The shared
 * Countdown under it while the deadline runs.
 */
export const RequestDeadlineField = (_props: { label?: string; source?: string; sortable?: boolean }) => {
  const record = useRecordContext<Pick<RequestListRow, 'id' | 'status' | 'deadline' | 'overdue'>>();
  const translate = useTranslate();
  const [locale] = useLocaleState();
  const now = useNow(60_000);
  if (!record) return null;
  if (!record.deadline)
    return (
      <Typography variant="body2" color="text.secondary">
        {translate('liaison.request.no_deadline')}
      </Typography>
    );
  const running = awaitingAnswer.includes(record.status);
  const dueAt = endOfDay(record.deadline);
  const overdue = !isFinal(record.status) && (record.overdue || (running && Date.parse(dueAt) < now));
  return (
    <Box data-testid="request-deadline" data-overdue={overdue ? 'true' : 'false'}>
      <Chip
        size="small"
        label={formatDeadline(record.deadline, locale)}
        color={overdue ? 'error' : 'default'}
        variant={overdue ? 'filled' : 'outlined'}
        sx={{ fontWeight: overdue ? 600 : undefined }}
        title={overdue ? translate('liaison.request.overdue') : undefined}
      />
      {running ? (
        <Box sx={{ color: 'text.secondary', mt: 0.25 }}>
          <Countdown dueAt={dueAt} variant="caption" />
        </Box>
      ) : null}
    </Box>
  );
};

/** An authority by id: its official name linked to its page, and its country. */
export const AuthorityName = ({ source }: { source: string; label?: string; sortable?: boolean }) => (
  <ReferenceField source={source} reference="authorities" link="show" emptyText="—">
    <TextField source="officialName" />
    <Typography component="span" variant="caption" color="text.secondary" sx={{ ml: 0.5 }}>
      (<TextField source="countryCode" variant="caption" />)
    </Typography>
  </ReferenceField>
);

/** Sent by the viewer's authority, received by it, or seen as its coordinator. */
export const RequestSideField = (_props: { label?: string; source?: string; sortable?: boolean }) => {
  const record = useRecordContext<Pick<RequestListRow, 'side'>>();
  const translate = useTranslate();
  if (!record) return null;
  return (
    <Typography variant="inherit" component="span" data-side={record.side}>
      {translate(`liaison.request.side.${record.side}`)}
    </Typography>
  );
};

/** The other party — the responder of a sent request, the requester of a received one — under the direction. */
export const CounterpartField = (_props: { label?: string; sortable?: boolean }) => {
  const record = useRecordContext<RequestListRow>();
  if (!record) return null;
  return (
    <Box sx={{ minWidth: 160 }}>
      <Typography variant="caption" color="text.secondary" component="div">
        <RequestSideField />
      </Typography>
      <AuthorityName source={record.side === 'responder' ? 'requestingAuthorityId' : 'respondingAuthorityId'} />
    </Box>
  );
};

/** What the user must do now, in words (the action list's "expected" column). */
export const ExpectedActionField = (_props: { label?: string; sortable?: boolean }) => {
  const record = useRecordContext<RequestListRow>();
  const translate = useTranslate();
  if (!record) return null;
  return (
    <Box>
      {record.actions.map((action) => (
        <Typography key={action} variant="body2" data-action={action}>
          {translate(`liaison.request.expected.${action}`, { _: action })}
        </Typography>
      ))}
    </Box>
  );
};

/** The legislation area's name in the console's language. */
export const AreaField = ({ source = 'legislationArea' }: { source?: string; label?: string; sortable?: boolean }) => (
  <ReferenceField source={source} reference="legislation-areas" link={false}>
    <TextField source="name" />
  </ReferenceField>
);
