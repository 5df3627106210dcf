import AttachFileIcon from '@mui/icons-material/AttachFile';
import CheckBoxIcon from '@mui/icons-material/CheckBox';
import CheckBoxOutlineBlankIcon from '@mui/icons-material/CheckBoxOutlineBlank';
import LockIcon from '@mui/icons-material/Lock';
import VisibilityOffIcon from '@mui/icons-material/VisibilityOff';
import {
  Alert,
  Box,
  Card,
  CardContent,
  Chip,
  Grid,
  List,
  ListItem,
  ListItemIcon,
  ListItemText,
  Paper,
  Table,
  TableBody,
  TableCell,
  TableHead,
  TableRow,
  Tooltip,
  Typography,
} from '@mui/material';
import { Fragment } from 'react';
import { Show, useLocaleState, useNotify, useTranslate } from 'react-admin';
import { detailView } from '../dataProvider';
import { serverErrors } from '../dialogs/serverErrors';
import { actorLabel } from '../fields/ActorField';
import { EmptyNote } from '../fields/EmptyNote';
import { Fact, FactGrid } from '../fields/Fact';
import { SectionTitle } from '../fields/SectionTitle';
import { StatusChip } from '../fields/StatusChip';
import { formatCompactDateTime, formatDateTime } from '../time/duration';
import { AlertActions } from './AlertActions';
import { AlertPrint } from './AlertPrint';
import { downloadAlertFile, type AlertCountryView, type AlertDetail, type AlertDetailRecord } from './alertApi';
import { alertCriterionCodes } from './alertCriteria';
import { AlertStatusField, AuthorityById, CountryCode, PeriodCountdown } from './AlertFields';
import { useAlertDetail } from './useAlertDetail';


const when = (iso: string | null | undefined, locale: string) => (iso ? formatDateTime(iso, locale, false) : '—');
/** A table cell's date: short, on one line. */
const cell = (iso: string | null | undefined, locale: string) => (iso ? formatCompactDateTime(iso, locale) : '—');

/** Names of the authorities the detail itself names (recipients), so the tables need no extra call. */
const namesOf = (detail: AlertDetail) => {
  const names = new Map<string, string>();
  for (const c of detail.countries) for (const r of c.recipients) if (r.authorityName) names.set(r.authorityId, r.authorityName);
  return names;
};

/** Number, status, the parties and the dates. */
const AlertHeader = ({ record }: { record: AlertDetailRecord }) => {
  const translate = useTranslate();
  const [locale] = useLocaleState();
  const f = (key: string) => translate(`resources.alerts.fields.${key}`);
  return (
    <>
      <Box sx={{ display: 'flex', alignItems: 'center', gap: 2, flexWrap: 'wrap' }}>
        <Typography variant="h5" component="h1" data-testid="alert-number">
          {record.number}
        </Typography>
        <AlertStatusField />
        {record.reducedView ? <Chip size="small" label={translate('liaison.alert.reduced_view')} data-testid="alert-reduced" /> : null}
        <Typography variant="body2" color="text.secondary" data-testid="alert-viewer-side" data-side={record.detail.viewerSide}>
          {translate(`liaison.alert.side.${record.detail.viewerSide}`)}
        </Typography>
      </Box>
      <FactGrid>
        <Fact label={f('originatingAuthorityId')}>
          <AuthorityById id={record.originatingAuthorityId} />
        </Fact>
        <Fact label={f('establishmentCountry')}>
          <CountryCode code={record.establishmentCountry} />
        </Fact>
        <Fact label={f('closingCountry')}>
          <CountryCode code={record.closingCountry} />
        </Fact>
        <Fact label={f('alertCoordinatorId')}>
          <AuthorityById id={record.alertCoordinatorId} />
          {record.alertCoordinatorId ? (
            <Typography variant="caption" color="text.secondary" component="div">
              {translate(record.alertCoordinatorFinalApproval ? 'liaison.alert.final_approval_yes' : 'liaison.alert.final_approval_no')}
            </Typography>
          ) : null}
        </Fact>
        {record.broadcastingCoordinatorId && record.broadcastingCoordinatorId !== record.alertCoordinatorId ? (
          <Fact label={f('broadcastingCoordinatorId')}>
            <AuthorityById id={record.broadcastingCoordinatorId} />
          </Fact>
        ) : null}
        <Fact label={f('targetCountries')}>
          <Box sx={{ display: 'flex', gap: 0.5, flexWrap: 'wrap' }} data-testid="alert-target-countries">
            {record.targetCountries.length ? record.targetCountries.map((c) => <CountryCode key={c} code={c} />) : '—'}
          </Box>
        </Fact>
        {(['createdAt', 'submittedAt', 'broadcastAt', 'commissionReceivedAt', 'withdrawnAt', 'closedAt', 'deletedAt'] as const)
          .filter((d) => record[d])
          .map((d) => (
            <Fact key={d} label={f(d)}>
              {when(record[d], locale)}
            </Fact>
          ))}
      </FactGrid>
    </>
  );
};

/** While a period runs, and just after it (the decision it leads to): the statuses each is shown in. */
const commentStatuses = new Set(['closure-open-for-comments', 'closure-pending-broadcast']);
const objectionStatuses = new Set(['closure-open-for-objections', 'closure-pending-decision']);

/** The comment and objection periods, ticking; "over" once ended, until the next step. */
const Periods = ({ record }: { record: AlertDetailRecord }) => {
  const translate = useTranslate();
  const comment = record.commentPeriodEndsAt && commentStatuses.has(record.status) ? record.commentPeriodEndsAt : null;
  const objection = record.objectionPeriodEndsAt && objectionStatuses.has(record.status) ? record.objectionPeriodEndsAt : null;
  if (!comment && !objection) return null;
  return (
    <Box sx={{ display: 'flex', gap: 2, flexWrap: 'wrap', mt: 2 }} data-testid="alert-periods">
      {comment ? <PeriodCountdown label={translate('liaison.alert.comment_period')} endsAt={comment} testId="comment-period" /> : null}
      {objection ? <PeriodCountdown label={translate('liaison.alert.objection_period')} endsAt={objection} testId="objection-period" /> : null}
    </Box>
  );
};

/** Why the provider, texts and files are not shown: the reduced view, or the API's reason. */
const HiddenContent = ({ record }: { record: AlertDetailRecord }) => {
  const translate = useTranslate();
  const { detail } = record;
  if (record.reducedView)
    return (
      <Alert severity="info" icon={<VisibilityOffIcon />} data-testid="personal-data-hidden" data-reason="reduced">
        {translate(record.status === 'withdrawn' ? 'liaison.alert.reduced_withdrawn' : 'liaison.alert.reduced_closed')}
      </Alert>
    );
  const reason = detail.personalDataHiddenReason;
  const key = detail.viewerSide === 'commission' ? 'commission' : reason && /block/i.test(reason) ? 'blocked' : null;
  return (
    <Alert severity="info" icon={<VisibilityOffIcon />} data-testid="personal-data-hidden" data-reason={key ?? 'other'}>
      {translate('liaison.alert.personal_data_hidden')} {key ? translate(`liaison.alert.hidden_reason.${key}`) : (reason ?? '')}
    </Alert>
  );
};

/** The provider, description, suggested authorities and the checklist (personal data: only when the API sent it). */
const Content = ({ record }: { record: AlertDetailRecord }) => {
  const translate = useTranslate();
  const { detail } = record;
  const p = (key: string) => translate(`liaison.alert.provider.${key}`);
  const checklist = (
    <Box component="ul" sx={{ m: 0, pl: 0, listStyle: 'none' }} data-testid="alert-criteria">
      {alertCriterionCodes.map((code) => (
        <Box component="li" key={code} sx={{ display: 'flex', gap: 1, alignItems: 'flex-start', mb: 0.5 }} data-met={detail.criteria[code] ? 'true' : 'false'}>
          {detail.criteria[code] ? <CheckBoxIcon fontSize="small" color="success" /> : <CheckBoxOutlineBlankIcon fontSize="small" color="disabled" />}
          <Typography variant="body2">{translate(`liaison.alert.criteria.${code}`)}</Typography>
        </Box>
      ))}
    </Box>
  );
  if (!detail.personalDataVisible || !detail.provider)
    return (
      <>
        <HiddenContent record={record} />
        {!record.reducedView ? (
          <>
            <SectionTitle>{translate('liaison.alert.section.criteria')}</SectionTitle>
            {checklist}
          </>
        ) : null}
      </>
    );
  const { provider } = detail;
  return (
    <Box data-testid="alert-content">
      <FactGrid>
        <Fact label={p('kind')}>{p(`kind_${provider.providerKind}`)}</Fact>
        <Fact label={p('name')}>
          <span data-testid="alert-provider-name">{provider.name}</span>
        </Fact>
        {provider.otherNames.length ? <Fact label={p('other_names')}>{provider.otherNames.join(', ')}</Fact> : null}
        {Object.entries(provider.registrationNumbers).map(([k, v]) => (
          <Fact key={k} label={translate(`liaison.alert.provider.registration_${k}`, { _: k })}>
            {v}
          </Fact>
        ))}
        {Object.entries(provider.address).map(([k, v]) => (
          <Fact key={k} label={translate(`liaison.alert.provider.address_${k}`, { _: k })}>
            {v}
          </Fact>
        ))}
        {Object.entries(provider.fields)
          .filter(([, v]) => v !== null && v !== '')
          .map(([k, v]) => (
            <Fact key={k} label={translate(`liaison.alert.provider.field_${k}`, { _: k })}>
              {String(v)}
            </Fact>
          ))}
      </FactGrid>
      <SectionTitle>{translate('liaison.alert.section.description')}</SectionTitle>
      {detail.description ? (
        <Typography variant="body2" sx={{ whiteSpace: 'pre-wrap' }} data-testid="alert-description">
          {detail.descriptionLanguage ? <Chip size="small" variant="outlined" label={detail.descriptionLanguage.toUpperCase()} sx={{ mr: 1 }} /> : null}
          {detail.description}
        </Typography>
      ) : (
        <EmptyNote>{translate('liaison.alert.no_description')}</EmptyNote>
      )}
      {detail.suggestedAuthorities ? (
        <>
          <SectionTitle>{translate('liaison.alert.section.suggested')}</SectionTitle>
          <Typography variant="body2" sx={{ whiteSpace: 'pre-wrap' }} data-testid="alert-suggested-authorities">
            {detail.suggestedAuthorities}
          </Typography>
        </>
      ) : null}
      <SectionTitle>{translate('liaison.alert.section.criteria')}</SectionTitle>
      {checklist}
    </Box>
  );
};

const sizeOf = (bytes: number) => (bytes < 1024 ? `${bytes} B` : bytes < 1024 * 1024 ? `${(bytes / 1024).toFixed(0)} kB` : `${(bytes / 1024 / 1024).toFixed(1)} MB`);

const Files = ({ record }: { record: AlertDetailRecord }) => {
  const translate = useTranslate();
  const notify = useNotify();
  const [locale] = useLocaleState();
  const { files } = record.detail;
  if (files.length === 0) return <EmptyNote>{translate('liaison.alert.no_files')}</EmptyNote>;
  const download = (file: (typeof files)[number]) =>
    downloadAlertFile(record.id, file).catch((e) => notify(serverErrors(e).message ?? 'ra.notification.http_error', { type: 'error' }));
  return (
    <List dense disablePadding data-testid="alert-files">
      {files.map((file) => (
        <ListItem
          key={file.id}
          disableGutters
          data-locked={file.locked ? 'true' : 'false'}
          secondaryAction={
            file.locked ? (
              <Tooltip title={translate('liaison.alert.file_locked')}>
                <LockIcon color="disabled" aria-label={translate('liaison.alert.file_locked')} />
              </Tooltip>
            ) : null
          }
        >
          <ListItemIcon sx={{ minWidth: 32 }}>
            <AttachFileIcon fontSize="small" />
          </ListItemIcon>
          <ListItemText
            primary={
              file.locked ? (
                file.fileName
              ) : (
                <Box component="button" type="button" onClick={() => void download(file)} sx={{ all: 'unset', cursor: 'pointer', color: 'primary.main', textDecoration: 'underline' }}>
                  {file.fileName}
                </Box>
              )
            }
            secondary={`${sizeOf(file.sizeBytes)} · ${formatDateTime(file.uploadedAt, locale, false)}${file.textId ? ` · ${translate('liaison.alert.file_of_item')}` : ''}`}
          />
        </ListItem>
      ))}
    </List>
  );
};

const mailboxColours: Record<AlertCountryView['mailboxState'], string> = { 'awaiting-acceptance': '#ef6c00', acknowledged: '#2e7d32', copy: '#607d8b' };

/**
 * Per receiving country: its mailbox (awaiting acceptance or acknowledged, when and by whom), then
 * every recipient it forwarded to — who forwarded, when it received, whether and when it acted,
 * and whether it was removed.
 */
const RecipientTable = ({ record }: { record: AlertDetailRecord }) => {
  const translate = useTranslate();
  const [locale] = useLocaleState();
  const { countries } = record.detail;
  const names = namesOf(record.detail);
  if (countries.length === 0) return <EmptyNote>{translate('liaison.alert.no_recipients')}</EmptyNote>;
  const name = (id: string | null) => (id ? (names.get(id) ?? id.slice(0, 8)) : '—');
  return (
    <Box sx={{ display: 'grid', gridTemplateColumns: 'minmax(0, 1fr)', gap: 2 }} data-testid="alert-recipients">
      {countries.map((c) => (
        <Paper key={`${c.country}-${c.kind}`} variant="outlined" sx={{ minWidth: 0, overflow: 'hidden' }} data-testid="alert-country" data-country={c.country} data-mailbox-state={c.mailboxState}>
          <Box sx={{ display: 'flex', gap: 1.5, alignItems: 'center', flexWrap: 'wrap', px: 2, pt: 1.5 }}>
            <Typography variant="subtitle1" sx={{ fontWeight: 700 }}>
              {c.country}
            </Typography>
            <Typography variant="body2" color="text.secondary">
              {translate(`liaison.alert.country_kind.${c.kind}`)}
            </Typography>
            <StatusChip label={translate(`liaison.alert.mailbox_state.${c.mailboxState}`)} colour={mailboxColours[c.mailboxState]} data-status={c.mailboxState} />
            <Typography variant="caption" color="text.secondary">
              {translate('liaison.alert.received_at', { at: when(c.receivedAt, locale) })}
              {c.acknowledgedAt ? ` · ${translate('liaison.alert.acknowledged_at', { at: when(c.acknowledgedAt, locale) })}` : ''}
            </Typography>
          </Box>
          <Box sx={{ overflowX: 'auto' }}>
          <Table size="small" sx={{ mt: 1, '& td, & th': { px: 1 }, '& td.date': { whiteSpace: 'nowrap' } }}>
            <TableHead>
              <TableRow>
                <TableCell>{translate('liaison.alert.recipient.authority')}</TableCell>
                <TableCell>{translate('liaison.alert.recipient.kind')}</TableCell>
                <TableCell>{translate('liaison.alert.recipient.forwarded_by')}</TableCell>
                <TableCell>{translate('liaison.alert.recipient.received')}</TableCell>
                <TableCell>{translate('liaison.alert.recipient.acknowledged')}</TableCell>
                <TableCell>{translate('liaison.alert.recipient.acted')}</TableCell>
                <TableCell>{translate('liaison.alert.recipient.removed')}</TableCell>
              </TableRow>
            </TableHead>
            <TableBody>
              {c.recipients.map((r) => (
                <TableRow
                  key={`${r.kind}-${r.authorityId}`}
                  data-testid="alert-recipient"
                  data-authority={r.authorityId}
                  data-removed={r.removedAt ? 'true' : 'false'}
                  data-acted={r.actedAt ? 'true' : 'false'}
                  sx={r.removedAt ? { '& td': { color: 'text.disabled', textDecoration: 'line-through' } } : undefined}
                >
                  <TableCell>{r.authorityName ?? name(r.authorityId)}</TableCell>
                  <TableCell>{translate(`liaison.alert.recipient_kind.${r.kind}`)}</TableCell>
                  <TableCell>{r.forwardedByAuthorityId ? name(r.forwardedByAuthorityId) : '—'}</TableCell>
                  <TableCell className="date">{cell(r.receivedAt, locale)}</TableCell>
                  <TableCell className="date">{cell(r.acknowledgedAt, locale)}</TableCell>
                  <TableCell className="date">{r.actedAt ? cell(r.actedAt, locale) : translate('liaison.alert.recipient.not_yet')}</TableCell>
                  <TableCell>{r.removedAt ? `${cell(r.removedAt, locale)} (${name(r.removedByAuthorityId)})` : '—'}</TableCell>
                </TableRow>
              ))}
            </TableBody>
          </Table>
          </Box>
        </Paper>
      ))}
      {record.commissionReceivedAt ? (
        <Typography variant="body2" color="text.secondary" data-testid="alert-commission">
          {translate('liaison.alert.commission_received', { at: when(record.commissionReceivedAt, locale) })}
        </Typography>
      ) : null}
    </Box>
  );
};

const itemColours: Record<AlertDetail['items'][number]['status'], string> = { submitted: '#6a1b9a', broadcast: '#1565c0', declined: '#c62828', deleted: '#9e9e9e' };

/** Additional information, clarification requests, objections, suggestions to close and the withdrawal: each with its two-step state. */
const Items = ({ record }: { record: AlertDetailRecord }) => {
  const translate = useTranslate();
  const [locale] = useLocaleState();
  const items = record.detail.items.filter((i) => i.status !== 'deleted');
  if (items.length === 0) return <EmptyNote>{translate('liaison.alert.no_items')}</EmptyNote>;
  return (
    <Box sx={{ display: 'grid', gap: 1.5 }} data-testid="alert-items">
      {items.map((item) => (
        <Paper key={item.id} variant="outlined" sx={{ p: 1.5 }} data-testid="alert-item" data-kind={item.kind} data-status={item.status}>
          <Box sx={{ display: 'flex', gap: 1, alignItems: 'center', flexWrap: 'wrap' }}>
            <Typography variant="subtitle2">{translate(`liaison.alert.item_kind.${item.kind}`)}</Typography>
            <StatusChip label={translate(`liaison.alert.item_status.${item.status}`)} colour={itemColours[item.status]} data-status={item.status} />
            <Typography variant="caption" color="text.secondary">
              {translate('liaison.alert.item_from', { country: item.country, at: when(item.submittedAt, locale) })}
              {item.decidedAt ? ` · ${translate('liaison.alert.item_decided', { at: when(item.decidedAt, locale) })}` : ''}
              {item.addressedToCountry ? ` · ${translate('liaison.alert.item_to_country', { country: item.addressedToCountry })}` : ''}
            </Typography>
          </Box>
          <Box sx={{ display: 'flex', gap: 3, flexWrap: 'wrap', mt: 0.5 }}>
            <Typography variant="caption" component="div">
              {translate('liaison.alert.item_submitted_by')} <AuthorityById id={item.submittedByAuthorityId} />
            </Typography>
            <Typography variant="caption" component="div">
              {translate('liaison.alert.item_coordinator')} <AuthorityById id={item.coordinatorId} />
            </Typography>
          </Box>
          {item.text !== null ? (
            <Typography variant="body2" sx={{ mt: 1, whiteSpace: 'pre-wrap' }} data-testid="alert-item-text">
              {item.language ? <Chip size="small" variant="outlined" label={item.language.toUpperCase()} sx={{ mr: 1 }} /> : null}
              {item.text}
            </Typography>
          ) : null}
        </Paper>
      ))}
    </Box>
  );
};

/** The closure proposal (its text only where personal data is shown), its comments and whether they were attached. */
const Closure = ({ record }: { record: AlertDetailRecord }) => {
  const translate = useTranslate();
  const [locale] = useLocaleState();
  const closure = record.detail.closure;
  if (!closure) return null;
  return (
    <Paper variant="outlined" sx={{ p: 2 }} data-testid="alert-closure">
      <FactGrid>
        <Fact label={translate('liaison.alert.closure.proposed_by')}>
          <AuthorityById id={closure.proposedByAuthorityId} />
        </Fact>
        <Fact label={translate('liaison.alert.closure.coordinator')}>
          <AuthorityById id={closure.closureCoordinatorId} />
        </Fact>
        <Fact label={translate('liaison.alert.closure.proposed_at')}>{when(closure.proposedAt, locale)}</Fact>
        <Fact label={translate('liaison.alert.closure.broadcast_at')}>{closure.broadcastAt ? when(closure.broadcastAt, locale) : translate('liaison.alert.closure.not_broadcast')}</Fact>
      </FactGrid>
      {closure.proposal !== null ? (
        <Typography variant="body2" sx={{ mt: 2, whiteSpace: 'pre-wrap' }} data-testid="alert-closure-proposal">
          {closure.proposal}
        </Typography>
      ) : null}
      <Typography variant="subtitle2" sx={{ mt: 2 }}>
        {translate('liaison.alert.closure.comments', { count: closure.comments.length })}
      </Typography>
      {closure.comments.map((c) => (
        <Box key={c.id} sx={{ borderLeft: 3, borderColor: c.attached ? 'primary.main' : 'divider', pl: 1.5, mt: 1 }} data-testid="alert-closure-comment" data-attached={c.attached ? 'true' : 'false'}>
          <Typography variant="caption" color="text.secondary" component="div">
            <AuthorityById id={c.authorityId} /> · {when(c.at, locale)}
            {c.attached ? ` · ${translate('liaison.alert.closure.attached')}` : ''}
          </Typography>
          {c.text !== null ? (
            <Typography variant="body2" sx={{ whiteSpace: 'pre-wrap' }}>
              {c.text}
            </Typography>
          ) : null}
        </Box>
      ))}
    </Paper>
  );
};

/**
 * Events whose targets are authorities: one the detail does not name (a coordinator passed to, an
 * item's coordinator) is looked up in the directory rather than shown as a bare id.
 */
const authorityTargets = new Set(['submitted', 'passed', 'forwarded', 'recipient-removed', 'closure-proposed', 'item-submitted']);

/** Every step so far: what, when, which authority of which country, and whom it concerned. */
const Timeline = ({ record }: { record: AlertDetailRecord }) => {
  const translate = useTranslate();
  const [locale] = useLocaleState();
  const names = namesOf(record.detail);
  // In the order things happened (events without a version, e.g. retention's, come first from the API).
  const entries = [...record.detail.timeline].sort((a, b) => Date.parse(a.at) - Date.parse(b.at));
  if (entries.length === 0) return <EmptyNote>{translate('liaison.alert.no_events')}</EmptyNote>;
  const targetName = (t: string) => (/^[A-Z]{2}$/.test(t) ? t : (names.get(t) ?? t.slice(0, 8)));
  return (
    <Box component="ol" sx={{ m: 0, p: 0 }} data-testid="alert-timeline">
      {entries.map((e, index) => (
        <Box component="li" key={`${e.version ?? 'x'}-${index}`} sx={{ display: 'grid', gridTemplateColumns: '24px 1fr', listStyle: 'none' }} data-action={e.action}>
          <Box sx={{ position: 'relative', display: 'flex', justifyContent: 'center' }}>
            {index < entries.length - 1 ? <Box sx={{ position: 'absolute', top: 14, bottom: 0, width: 2, bgcolor: 'divider' }} aria-hidden /> : null}
            <Box aria-hidden sx={{ mt: 0.75, width: 12, height: 12, borderRadius: '50%', bgcolor: /withdr|remov|declin|cancel|delet/.test(e.action) ? 'grey.500' : /clos/.test(e.action) ? 'success.main' : /period/.test(e.action) ? 'warning.main' : 'primary.main', zIndex: 1 }} />
          </Box>
          <Box sx={{ pb: 2, pl: 1 }}>
            <Typography variant="body2" sx={{ fontWeight: 600 }}>
              {translate(`liaison.alert.event.${e.action}`, { _: e.action })}
            </Typography>
            <Typography variant="caption" color="text.secondary" component="div">
              {formatDateTime(e.at, locale)}
              {' · '}
              {/* A name from the recipients with its country; otherwise the directory's link, which shows the country itself. */}
              {e.authorityId && names.has(e.authorityId) ? `${names.get(e.authorityId)}${e.country ? ` (${e.country})` : ''}` : null}
              {e.authorityId && !names.has(e.authorityId) ? <AuthorityById id={e.authorityId} /> : null}
              {!e.authorityId ? actorLabel(e.actor, translate) : null}
            </Typography>
            {e.targets.length ? (
              <Typography variant="caption" component="div">
                →{' '}
                {e.targets.map((t, i) => (
                  <Fragment key={`${t}-${i}`}>
                    {i ? ', ' : null}
                    {authorityTargets.has(e.action) && !/^[A-Z]{2}$/.test(t) && !names.has(t) ? <AuthorityById id={t} /> : targetName(t)}
                  </Fragment>
                ))}
              </Typography>
            ) : null}
          </Box>
        </Box>
      ))}
    </Box>
  );
};

const AlertDetails = () => {
  const record = useAlertDetail();
  const translate = useTranslate();
  if (!record) return null;
  const s = (key: string) => translate(`liaison.alert.section.${key}`);
  return (
    <CardContent>
      <AlertHeader record={record} />
      <Periods record={record} />
      <Box sx={{ mt: 2 }}>
        <AlertActions />
      </Box>
      <Grid container spacing={3} sx={{ mt: 1 }}>
        {/* minWidth 0: a wide recipient table scrolls inside its card instead of pushing into the timeline. */}
        <Grid size={{ xs: 12, lg: 8 }} sx={{ minWidth: 0 }}>
          <SectionTitle>{s('provider')}</SectionTitle>
          <Content record={record} />
          <SectionTitle>{s('recipients')}</SectionTitle>
          <RecipientTable record={record} />
          <SectionTitle>{s('items')}</SectionTitle>
          <Items record={record} />
          {record.detail.closure ? (
            <>
              <SectionTitle>{s('closure')}</SectionTitle>
              <Closure record={record} />
            </>
          ) : null}
        </Grid>
        <Grid size={{ xs: 12, lg: 4 }}>
          {!record.reducedView ? (
            <>
              <SectionTitle>{s('files')}</SectionTitle>
              <Files record={record} />
            </>
          ) : null}
          <SectionTitle>{s('timeline')}</SectionTitle>
          <Timeline record={record} />
          <SectionTitle>{s('print')}</SectionTitle>
          <AlertPrint record={record} />
        </Grid>
      </Grid>
    </CardContent>
  );
};

/** One alert: header, periods, the user's commands, content (or why it is hidden), recipients per country, items, closure and timeline. */
export const AlertShow = () => (
  <Show resource="alerts" queryOptions={{ meta: detailView }} component={Card} actions={false}>
    <AlertDetails />
  </Show>
);
