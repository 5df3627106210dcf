import { Box, Typography } from '@mui/material';
import { RecordContextProvider, ReferenceField, TextField, useRecordContext, useTranslate } from 'react-admin';
import { DeadlineField } from '../contactChecks/DeadlineField';
import { StatusChip } from '../fields/StatusChip';
import type { RequestListRow } from './requestApi';
import { isFinal, requestStatusColours } from './requestStatus';

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

/**
 * The indicative deadline with the time left, red once overdue: the shared DeadlineField, fed the
 * request's deadline. `overdue` is the workflow's verdict (its timer), so a request the responder
 * answered late is not shown as overdue after closing.
 */
export const RequestDeadlineField = (_props: { label?: string; source?: string; sortable?: boolean }) => {
  const record = useRecordContext<Pick<RequestListRow, 'id' | 'status' | 'deadline' | 'overdue'>>();
  const translate = useTranslate();
  if (!record) return null;
  if (!record.deadline)
    return (
      <Typography variant="body2" color="text.secondary">
        {translate('liaison.request.no_deadline')}
      </Typography>
    );
  const final = isFinal(record.status);
  const status = final ? 'confirmed' : record.overdue ? 'overdue' : 'open';
  return (
    <Box data-testid="request-deadline">
      <RecordContextProvider value={{ id: record.id, status, dueAt: endOfDay(record.deadline) }}>
        <DeadlineField />
      </RecordContextProvider>
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
    <Typography variant="body2" component="span" data-side={record.side}>
      {translate(`liaison.request.side.${record.side}`)}
    </Typography>
  );
};

/** The other party: the responder of a sent request, the requester of a received one. */
export const CounterpartField = (_props: { label?: string; sortable?: boolean }) => {
  const record = useRecordContext<RequestListRow>();
  if (!record) return null;
  return <AuthorityName source={record.side === 'responder' ? 'requestingAuthorityId' : 'respondingAuthorityId'} />;
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
