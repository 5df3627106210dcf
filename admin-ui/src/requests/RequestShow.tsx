import LockIcon from '@mui/icons-material/Lock';
import VisibilityOffIcon from '@mui/icons-material/VisibilityOff';
import AttachFileIcon from '@mui/icons-material/AttachFile';
import { Alert, Box, Card, CardContent, Chip, Grid, List, ListItem, ListItemIcon, ListItemText, Tooltip, Typography } from '@mui/material';
import { useMemo } from 'react';
import { RecordContextProvider, Show, useGetIdentity, useLocaleState, useNotify, useTranslate } from 'react-admin';
import { CaseEventTimeline } from '../contactChecks/CaseEventTimeline';
import { detailView } from '../dataProvider';
import { EmptyNote } from '../fields/EmptyNote';
import { Fact, FactGrid } from '../fields/Fact';
import { SectionTitle } from '../fields/SectionTitle';
import { formatDateTime } from '../time/duration';
import { serverErrors } from '../dialogs/serverErrors';
import { AnswerForm } from './AnswerForm';
import { MessageThread } from './MessageThread';
import { downloadAttachment, type RequestDetailRecord } from './requestApi';
import { RequestActions } from './RequestActions';
import { RequestReports } from './RequestReports';
import { RequestRetention } from './RequestRetention';
import { isFinal } from './requestStatus';
import { AreaField, AuthorityName, formatDeadline, RequestDeadlineField, RequestStatusField } from './RequestFields';
import { useRequestDetail } from './useRequestDetail';


/** Number, status, parties, deadline (red when overdue) and the proposed one. */
const RequestHeader = ({ record }: { record: RequestDetailRecord }) => {
  const translate = useTranslate();
  const [locale] = useLocaleState();
  return (
    <>
      <Box sx={{ display: 'flex', alignItems: 'center', gap: 2, flexWrap: 'wrap' }}>
        <Typography variant="h5" component="h1" data-testid="request-number">
          {record.number}
        </Typography>
        <RequestStatusField />
        {record.urgent ? <Chip size="small" color="warning" label={translate('liaison.request.urgent')} /> : null}
      </Box>
      <FactGrid>
        <Fact label={translate('resources.requests.fields.requestingAuthorityId')}>
          <AuthorityName source="requestingAuthorityId" />
        </Fact>
        <Fact label={translate('resources.requests.fields.respondingAuthorityId')}>
          <AuthorityName source="respondingAuthorityId" />
        </Fact>
        <Fact label={translate('resources.requests.fields.legislationArea')}>
          <AreaField />
        </Fact>
        <Fact label={translate('resources.requests.fields.deadline')}>
          <RequestDeadlineField />
        </Fact>
        {record.proposedDeadline ? (
          <Fact label={translate('resources.requests.fields.proposedDeadline')}>
            <Typography variant="body2" color="warning.main" sx={{ fontWeight: 600 }} data-testid="proposed-deadline">
              {formatDeadline(record.proposedDeadline, locale)}
            </Typography>
          </Fact>
        ) : null}
        {record.requesterCoordinatorId ? (
          <Fact label={translate('resources.requests.fields.requesterCoordinatorId')}>
            <AuthorityName source="requesterCoordinatorId" />
          </Fact>
        ) : null}
        {record.responderCoordinatorId ? (
          <Fact label={translate('resources.requests.fields.responderCoordinatorId')}>
            <AuthorityName source="responderCoordinatorId" />
          </Fact>
        ) : null}
        {(['createdAt', 'sentAt', 'acceptedAt', 'answeredAt', 'closedAt'] as const)
          .filter((d) => record[d])
          .map((d) => (
            <Fact key={d} label={translate(`resources.requests.fields.${d}`)}>
              {formatDateTime(record[d]!, locale)}
            </Fact>
          ))}
        {record.relatedRequestNumber ? <Fact label={translate('resources.requests.fields.relatedRequestNumber')}>{record.relatedRequestNumber}</Fact> : null}
      </FactGrid>
    </>
  );
};

/** The API's reasons (api/policy/requestAccess.ts) as keys, so they read in the console's language. */
const hiddenReasonKey = (reason: string): string | null =>
  /blocked/i.test(reason)
    ? 'blocked'
    : /taking part/i.test(reason)
      ? 'not_party'
      : /accepted/i.test(reason)
        ? 'before_acceptance'
        : /case handlers/i.test(reason)
          ? 'case_handlers_only'
          : null;

/** "Hidden: you may not see personal data", with the API's reason. */
export const HiddenPersonalData = ({ reason }: { reason: string | null }) => {
  const translate = useTranslate();
  const key = reason ? hiddenReasonKey(reason) : null;
  return (
    <Alert severity="info" icon={<VisibilityOffIcon />} data-testid="personal-data-hidden">
      {translate('liaison.request.personal_data_hidden')}
      {reason ? ` ${key ? translate(`liaison.request.hidden_reason.${key}`) : reason}` : ''}
    </Alert>
  );
};

/** The case data (personal data), only when the API sent it. */
const CaseDataSection = ({ record }: { record: RequestDetailRecord }) => {
  const translate = useTranslate();
  const { detail } = record;
  if (!detail.personalDataVisible || !detail.caseData) return <HiddenPersonalData reason={detail.personalDataHiddenReason} />;
  const { caseData } = detail;
  const extra = Object.entries(caseData.fields ?? {}).filter(([, v]) => v !== null && v !== '');
  return (
    <Box data-testid="case-data">
      <FactGrid>
        <Fact label={translate('liaison.request.case.subjectKind')}>{translate(`liaison.request.case.kind_${caseData.subjectKind}`)}</Fact>
        <Fact label={translate('liaison.request.case.name')}>{caseData.name}</Fact>
        {Object.entries(caseData.identifiers ?? {}).map(([k, v]) => (
          <Fact key={k} label={translate(`liaison.request.case.identifier_${k}`, { _: k })}>
            {v}
          </Fact>
        ))}
        {extra.map(([k, v]) => (
          <Fact key={k} label={translate(`liaison.request.case.field_${k}`, { _: k })}>
            {String(v)}
          </Fact>
        ))}
      </FactGrid>
      {caseData.reason ? (
        <Box sx={{ mt: 2 }}>
          <Fact label={translate('liaison.request.case.reason')}>
            <Typography variant="body2" sx={{ whiteSpace: 'pre-wrap' }}>
              {caseData.reason}
            </Typography>
          </Fact>
        </Box>
      ) : null}
    </Box>
  );
};

const sizeOf = (bytes: number) => (bytes < 1024 ? `${bytes} B` : bytes < 1024 * 1024 ? `${(bytes / 1024).toFixed(0)} kB` : `${(bytes / 1024 / 1024).toFixed(1)} MB`);

/** Every attachment; locked ones (a responder before acceptance) show a lock instead of a download. */
const Attachments = ({ record }: { record: RequestDetailRecord }) => {
  const translate = useTranslate();
  const notify = useNotify();
  const [locale] = useLocaleState();
  const { attachments } = record.detail;
  if (attachments.length === 0) return <EmptyNote>{translate('liaison.request.no_attachments')}</EmptyNote>;
  const download = (a: (typeof attachments)[number]) =>
    downloadAttachment(record.id, a).catch((e) => notify(serverErrors(e).message ?? 'ra.notification.http_error', { type: 'error' }));
  return (
    <List dense disablePadding data-testid="attachments">
      {attachments.map((a) => (
        <ListItem
          key={a.id}
          disableGutters
          data-locked={a.locked ? 'true' : 'false'}
          secondaryAction={
            a.locked ? (
              <Tooltip title={translate('liaison.request.attachment_locked')}>
                <LockIcon color="disabled" aria-label={translate('liaison.request.attachment_locked')} />
              </Tooltip>
            ) : null
          }
        >
          <ListItemIcon sx={{ minWidth: 32 }}>
            <AttachFileIcon fontSize="small" />
          </ListItemIcon>
          <ListItemText
            primary={
              a.locked ? (
                a.fileName
              ) : (
                <Box component="button" type="button" onClick={() => void download(a)} sx={{ all: 'unset', cursor: 'pointer', color: 'primary.main', textDecoration: 'underline' }}>
                  {a.fileName}
                </Box>
              )
            }
            secondary={`${sizeOf(a.sizeBytes)} · ${translate(`liaison.request.party.${a.side}`)} · ${formatDateTime(a.uploadedAt, locale)}`}
          />
        </ListItem>
      ))}
    </List>
  );
};

/**
 * The timeline's actors in words a case handler knows: "you", or the side whose case handler it
 * was; the shared CaseEventTimeline shows other actors (system, operator) as it always does.
 */
const useReadableEvents = (record: RequestDetailRecord | undefined): RequestDetailRecord | undefined => {
  const translate = useTranslate();
  const { identity } = useGetIdentity();
  return useMemo(() => {
    if (!record) return record;
    const name = (actor: string) => {
      const id = actor.startsWith('user:') ? actor.slice(5) : null;
      if (!id) return actor;
      if (id === identity?.id) return translate('liaison.request.actor.you');
      if (record.requesterHandlerIds.includes(id)) return translate('liaison.request.actor.requester_handler');
      if (record.responderHandlerIds.includes(id)) return translate('liaison.request.actor.responder_handler');
      return actor;
    };
    return { ...record, events: record.events.map((e) => ({ ...e, actor: name(e.actor) })) };
  }, [record, identity?.id, translate]);
};

const RequestDetails = () => {
  const record = useReadableEvents(useRequestDetail());
  const translate = useTranslate();
  if (!record) return null;
  return (
    <CardContent>
      <RequestHeader record={record} />
      <Box sx={{ mt: 2 }}>
        <RequestActions />
      </Box>
      <Grid container spacing={3} sx={{ mt: 1 }}>
        <Grid size={{ xs: 12, lg: 8 }}>
          <SectionTitle>{translate('liaison.request.section.case_data')}</SectionTitle>
          <CaseDataSection record={record} />
          <SectionTitle>{translate('liaison.request.section.questions')}</SectionTitle>
          <AnswerForm record={record} />
          <SectionTitle>{translate('liaison.request.section.messages')}</SectionTitle>
          <MessageThread record={record} />
        </Grid>
        <Grid size={{ xs: 12, lg: 4 }}>
          <SectionTitle>{translate('liaison.request.section.attachments')}</SectionTitle>
          <Attachments record={record} />
          <SectionTitle>{translate('liaison.request.section.timeline')}</SectionTitle>
          <RecordContextProvider value={record}>
            <CaseEventTimeline eventKey="liaison.request.event" />
          </RecordContextProvider>
          {isFinal(record.status) ? (
            <>
              <SectionTitle>{translate('liaison.retention.title')}</SectionTitle>
              <RequestRetention record={record} />
            </>
          ) : null}
          <SectionTitle>{translate('liaison.report.title')}</SectionTitle>
          <RequestReports record={record} />
        </Grid>
      </Grid>
    </CardContent>
  );
};

/** One request: header, case data, questions beside their answers, messages, attachments, timeline and the user's commands. */
export const RequestShow = () => (
  <Show queryOptions={{ meta: detailView }} component={Card} actions={false}>
    <RequestDetails />
  </Show>
);

