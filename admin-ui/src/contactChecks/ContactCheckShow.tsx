import { Box, Card, CardContent, Link, Typography } from '@mui/material';
import {
  Link as RouterLink,
  Show,
  useCreatePath,
  useLocaleState,
  useRecordContext,
  useTranslate,
} from 'react-admin';
import { detailView, type ContactCheckRecord } from '../dataProvider';
import { CopyableText } from '../fields/CopyableText';
import { Fact, FactGrid } from '../fields/Fact';
import { SectionTitle } from '../fields/SectionTitle';
import { Countdown } from '../time/Countdown';
import { formatDateTime } from '../time/duration';
import { CaseEventTimeline } from './CaseEventTimeline';
import { ContactCheckActions } from './ContactCheckActions';
import { ContactCheckStatusField } from './ContactCheckStatusField';
import { isAwaitingAnswer } from './contactCheckStatus';

const ContactCheckTitle = () => {
  const record = useRecordContext<ContactCheckRecord>();
  const translate = useTranslate();
  return <span>{record ? translate('liaison.contactCheck.title', { authority: record.authorityRef }) : ''}</span>;
};

/** The deadline as a countdown while the check waits for an answer. */
const DeadlinePanel = () => {
  const record = useRecordContext<ContactCheckRecord>();
  const translate = useTranslate();
  const [locale] = useLocaleState();
  if (!record) return null;
  return (
    <Card variant="outlined" sx={{ minWidth: 240 }} data-testid="deadline">
      <CardContent>
        <Typography variant="overline" color="text.secondary">
          {translate('liaison.contactCheck.deadline')}
        </Typography>
        <Typography variant="h6">{formatDateTime(record.dueAt, locale, false)}</Typography>
        {isAwaitingAnswer(record.status) ? (
          <Countdown dueAt={record.dueAt} variant="body1" />
        ) : (
          <ContactCheckStatusField />
        )}
      </CardContent>
    </Card>
  );
};

const ContactCheckFacts = () => {
  const record = useRecordContext<ContactCheckRecord>();
  const translate = useTranslate();
  const [locale] = useLocaleState();
  const createPath = useCreatePath();
  if (!record) return null;
  const field = (name: string) => translate(`resources.contact-checks.fields.${name}`);
  const time = (iso: string | null) => (iso ? formatDateTime(iso, locale) : '—');
  return (
    <Box sx={{ p: 2 }}>
      <Box sx={{ display: 'flex', gap: 3, flexWrap: 'wrap', alignItems: 'flex-start' }}>
        <Box sx={{ flex: 1, minWidth: 320 }}>
          <Box sx={{ display: 'flex', alignItems: 'center', gap: 1.5 }}>
            <Typography variant="h5" component="h1">
              {record.authorityRef}
            </Typography>
            <ContactCheckStatusField />
          </Box>
          <FactGrid>
            <Fact label={field('countryCode')}>{record.countryCode}</Fact>
            <Fact label={field('contactEmail')}>{record.contactEmail ?? '—'}</Fact>
            <Fact label={field('language')}>{translate(`liaison.language.${record.language}`, { _: record.language })}</Fact>
            <Fact label={field('openedAt')}>{time(record.openedAt)}</Fact>
            <Fact label={field('remindedAt')}>{time(record.remindedAt)}</Fact>
            <Fact label={field('closedAt')}>{time(record.closedAt)}</Fact>
            <Fact label={field('version')}>{record.version}</Fact>
            <Fact label={field('workflowId')}>
              <Link component={RouterLink} to={createPath({ resource: 'workflows', id: record.workflowId, type: 'show' })}>
                {translate('liaison.action.open_workflow')}
              </Link>
              <Box>
                <CopyableText value={record.workflowId} maxWidth={260} />
              </Box>
            </Fact>
          </FactGrid>
        </Box>
        <DeadlinePanel />
      </Box>
      <SectionTitle>{translate('liaison.contactCheck.timeline')}</SectionTitle>
      <CaseEventTimeline />
    </Box>
  );
};

/** One contact check: its facts, the deadline counting down, its business timeline and the answers. */
export const ContactCheckShow = () => (
  <Show title={<ContactCheckTitle />} actions={<ContactCheckActions />} queryOptions={{ meta: detailView }}>
    <ContactCheckFacts />
  </Show>
);
