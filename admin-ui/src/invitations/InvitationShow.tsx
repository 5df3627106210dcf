import { Alert, Box, Card, CardContent, Chip, Grid, Typography } from '@mui/material';
import { Show, useRecordContext, useTranslate } from 'react-admin';
import { CaseEventTimeline } from '../contactChecks/CaseEventTimeline';
import { detailView } from '../dataProvider';
import { Fact } from '../fields/Fact';
import { SectionTitle } from '../fields/SectionTitle';
import { DateTimeField } from '../time/DateTimeField';
import { InvitationActions } from './InvitationActions';
import type { InvitationRecord } from './invitationApi';
import { InvitationStatusField } from './InvitationStatusField';

const dates = ['createdAt', 'submittedAt', 'dispatchAt', 'sentAt', 'codeExpiresAt', 'registeredAt', 'validatedAt', 'removeAt', 'updatedAt'] as const;

const InvitationDetails = () => {
  const record = useRecordContext<InvitationRecord>();
  const translate = useTranslate();
  if (!record || !record.events) return null;
  return (
    <CardContent>
      <Box sx={{ display: 'flex', alignItems: 'center', gap: 2, flexWrap: 'wrap', mb: 2 }}>
        <Typography variant="h5" sx={{ wordBreak: 'break-word' }}>
          {record.name ?? record.email}
        </Typography>
        <InvitationStatusField />
      </Box>
      <InvitationActions />
      {record.rejectionReason ? (
        <Alert severity="warning" sx={{ mt: 2 }}>
          {translate(`liaison.invitation.rejection.${record.rejectionReason}`, { _: record.rejectionReason })}
        </Alert>
      ) : null}
      <Grid container spacing={3} sx={{ mt: 1 }}>
        <Grid size={{ xs: 12, md: 6 }}>
          <SectionTitle>{translate('liaison.invitation.details')}</SectionTitle>
          <Fact label={translate('resources.invitations.fields.email')}>{record.email ?? '—'}</Fact>
          <Fact label={translate('resources.invitations.fields.language')}>{translate(`liaison.language.${record.language}`, { _: record.language })}</Fact>
          <Fact label={translate('resources.invitations.fields.areas')}>
            {record.areas.length ? record.areas.map((a) => <Chip key={a} size="small" label={a} sx={{ mr: 0.5 }} />) : '—'}
          </Fact>
          <Fact label={translate('resources.invitations.fields.workflows')}>
            {record.workflows.length ? record.workflows.map((w) => <Chip key={w} size="small" variant="outlined" label={w} sx={{ mr: 0.5 }} />) : translate('liaison.invitation.no_workflows')}
          </Fact>
          <Fact label={translate('resources.invitations.fields.message')}>
            <Typography variant="body2" sx={{ whiteSpace: 'pre-wrap' }}>
              {record.message ?? '—'}
            </Typography>
          </Fact>
          {dates
            .filter((d) => record[d])
            .map((d) => (
              <Fact key={d} label={translate(`resources.invitations.fields.${d}`)}>
                <DateTimeField source={d} />
              </Fact>
            ))}
        </Grid>
        <Grid size={{ xs: 12, md: 6 }}>
          <SectionTitle>{translate('liaison.invitation.timeline')}</SectionTitle>
          <CaseEventTimeline eventKey="liaison.invitation.event" />
        </Grid>
      </Grid>
    </CardContent>
  );
};

/** One invitation with its business timeline and the actions its status allows. */
export const InvitationShow = () => (
  <Show queryOptions={{ meta: detailView }} component={Card} actions={false}>
    <InvitationDetails />
  </Show>
);
