import ExpandLessIcon from '@mui/icons-material/ExpandLess';
import ExpandMoreIcon from '@mui/icons-material/ExpandMore';
import {
  Alert,
  Box,
  Chip,
  Collapse,
  FormControlLabel,
  IconButton,
  LinearProgress,
  Switch,
  Table,
  TableBody,
  TableCell,
  TableRow,
  Tooltip,
  Typography,
} from '@mui/material';
import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { useDataProvider, useLocaleState, useRecordContext, useStore, useTranslate } from 'react-admin';
import type { OpsTimelineEntry, OpsTimelineStatus } from '../../../schema/ops';
import type { LiaisonDataProvider, WorkflowDetailRecord } from '../dataProvider';
import { EmptyNote } from '../fields/EmptyNote';
import { JsonBlock } from '../fields/JsonBlock';
import { dateLocale } from '../time/duration';

/** The dot on the rail: green done, blue waiting, red failed, grey information. */
const dotColour: Record<OpsTimelineStatus, string> = {
  ok: 'success.main',
  pending: 'info.main',
  failed: 'error.main',
  info: 'grey.500',
};

type RawEvent = Record<string, unknown>;

const rawEventId = (event: RawEvent) => Number(event.eventId ?? event.event_id);

const timeOfDay = (iso: string, locale: string) =>
  new Intl.DateTimeFormat(dateLocale(locale), { hour: '2-digit', minute: '2-digit', second: '2-digit', fractionalSecondDigits: 3 }).format(
    new Date(iso),
  );
const dayOf = (iso: string, locale: string) => new Intl.DateTimeFormat(dateLocale(locale), { dateStyle: 'medium' }).format(new Date(iso));

const DetailValue = ({ value }: { value: unknown }) =>
  value !== null && typeof value === 'object' ? (
    <JsonBlock value={value} maxHeight={200} />
  ) : (
    <Box component="span" sx={{ wordBreak: 'break-word' }}>
      {String(value)}
    </Box>
  );

const EntryDetails = ({ entry, rawEvents }: { entry: OpsTimelineEntry; rawEvents: RawEvent[] | null }) => {
  const translate = useTranslate();
  const details = Object.entries(entry.details);
  return (
    <Box sx={{ mt: 1, mb: 1 }}>
      {details.length > 0 ? (
        <Table size="small" sx={{ maxWidth: 880, '& td': { borderBottom: 'none', py: 0.25, verticalAlign: 'top' } }}>
          <TableBody>
            {details.map(([key, value]) => (
              <TableRow key={key}>
                <TableCell sx={{ color: 'text.secondary', width: 180, pl: 0 }}>{key}</TableCell>
                <TableCell>
                  <DetailValue value={value} />
                </TableCell>
              </TableRow>
            ))}
            {entry.relatedEventIds.length > 0 ? (
              <TableRow>
                <TableCell sx={{ color: 'text.secondary', width: 180, pl: 0 }}>
                  {translate('liaison.workflow.timeline.related')}
                </TableCell>
                <TableCell>{entry.relatedEventIds.map((id) => `#${id}`).join(', ')}</TableCell>
              </TableRow>
            ) : null}
          </TableBody>
        </Table>
      ) : null}
      {rawEvents
        ? rawEvents.map((event) => (
            <Box key={rawEventId(event)} sx={{ mt: 1 }}>
              <Typography variant="caption" color="text.secondary">
                {translate('liaison.workflow.timeline.raw_event')} #{rawEventId(event)}
              </Typography>
              <JsonBlock value={event} />
            </Box>
          ))
        : null}
    </Box>
  );
};

const TimelineEntry = ({
  entry,
  rawEvents,
  isLast,
  showDay,
}: {
  entry: OpsTimelineEntry;
  rawEvents: RawEvent[] | null;
  isLast: boolean;
  /** The date is written on the first entry of each day only. */
  showDay: boolean;
}) => {
  const translate = useTranslate();
  const [locale] = useLocaleState();
  const [open, setOpen] = useState(false);
  const expandable = Object.keys(entry.details).length > 0 || entry.relatedEventIds.length > 0 || rawEvents !== null;
  return (
    <Box
      component="li"
      data-testid="timeline-entry"
      data-status={entry.status}
      sx={{ display: 'grid', gridTemplateColumns: '108px 28px 1fr', listStyle: 'none' }}
    >
      <Box sx={{ textAlign: 'right', pr: 1.5, pt: 0.25 }} title={entry.at}>
        <Typography variant="body2" sx={{ fontVariantNumeric: 'tabular-nums' }}>
          {timeOfDay(entry.at, locale)}
        </Typography>
        {showDay ? (
          <Typography variant="caption" color="text.secondary">
            {dayOf(entry.at, locale)}
          </Typography>
        ) : null}
      </Box>
      <Box sx={{ position: 'relative', display: 'flex', justifyContent: 'center' }}>
        {!isLast ? (
          <Box sx={{ position: 'absolute', top: 14, bottom: 0, width: 2, bgcolor: 'divider' }} aria-hidden />
        ) : null}
        <Box
          aria-hidden
          sx={{
            mt: 0.75,
            width: 12,
            height: 12,
            borderRadius: '50%',
            bgcolor: dotColour[entry.status],
            boxShadow: (theme) => `0 0 0 3px ${theme.palette.background.paper}`,
            zIndex: 1,
          }}
        />
      </Box>
      <Box sx={{ pb: 2, pl: 1, minWidth: 0 }}>
        <Box sx={{ display: 'flex', alignItems: 'flex-start', gap: 1 }}>
          <Typography
            variant="body2"
            sx={{ fontWeight: entry.status === 'failed' ? 600 : 500, flex: 1, pt: 0.25 }}
            color={entry.status === 'failed' ? 'error' : 'text.primary'}
          >
            {entry.title}
          </Typography>
          <Chip size="small" variant="outlined" label={translate(`liaison.workflow.timeline.kind.${entry.kind}`, { _: entry.kind })} />
          <Tooltip title={entry.eventType}>
            <Typography variant="caption" color="text.secondary" sx={{ pt: 0.5, minWidth: 36, textAlign: 'right' }}>
              #{entry.eventId}
            </Typography>
          </Tooltip>
          {expandable ? (
            <IconButton
              size="small"
              onClick={() => setOpen(!open)}
              aria-expanded={open}
              aria-label={translate(open ? 'liaison.action.collapse' : 'liaison.action.expand')}
              sx={{ p: 0.25 }}
            >
              {open ? <ExpandLessIcon fontSize="small" /> : <ExpandMoreIcon fontSize="small" />}
            </IconButton>
          ) : (
            <Box sx={{ width: 26 }} />
          )}
        </Box>
        <Collapse in={open} unmountOnExit>
          <EntryDetails entry={entry} rawEvents={rawEvents} />
        </Collapse>
      </Box>
    </Box>
  );
};

/**
 * The workflow's history as a story: one entry per thing that happened, paired events collapsed
 * (scheduled → started → completed), routine workflow tasks hidden unless asked for.
 */
export const HistoryTimeline = () => {
  const record = useRecordContext<WorkflowDetailRecord>();
  const translate = useTranslate();
  const dataProvider = useDataProvider<LiaisonDataProvider>();
  const [showTasks, setShowTasks] = useStore<boolean>('workflows.timeline.showTasks', false);
  const [showRaw, setShowRaw] = useStore<boolean>('workflows.timeline.showRaw', false);
  const workflowId = record?.workflowId;
  const runId = record?.runId;
  const { data, error, isPending, isFetching } = useQuery({
    queryKey: ['workflows', 'history', workflowId, runId, showRaw],
    queryFn: () => dataProvider.workflowHistory(workflowId!, { runId, raw: showRaw }),
    enabled: Boolean(workflowId),
    placeholderData: (previous) => previous,
  });
  if (!record) return null;

  const entries = data?.entries ?? [];
  const visible = showTasks ? entries : entries.filter((entry) => entry.kind !== 'task');
  const hidden = entries.length - visible.length;
  const rawById = new Map<number, RawEvent>((data?.raw ?? []).map((event) => [rawEventId(event), event]));
  const rawFor = (entry: OpsTimelineEntry): RawEvent[] | null =>
    showRaw && data?.raw
      ? [entry.eventId, ...entry.relatedEventIds]
          .sort((a, b) => a - b)
          .map((id) => rawById.get(id))
          .filter((event): event is RawEvent => event !== undefined)
      : null;

  return (
    <Box sx={{ pt: 1 }} data-testid="history-timeline">
      <Box sx={{ display: 'flex', alignItems: 'center', gap: 2, flexWrap: 'wrap', mb: 2 }}>
        <FormControlLabel
          control={<Switch size="small" checked={showTasks} onChange={(e) => setShowTasks(e.target.checked)} />}
          label={translate('liaison.workflow.timeline.show_tasks')}
          slotProps={{ typography: { variant: 'body2' } }}
        />
        <FormControlLabel
          control={<Switch size="small" checked={showRaw} onChange={(e) => setShowRaw(e.target.checked)} />}
          label={translate('liaison.workflow.timeline.show_raw')}
          slotProps={{ typography: { variant: 'body2' } }}
        />
        <Typography variant="caption" color="text.secondary">
          {translate('liaison.workflow.timeline.entries', { smart_count: visible.length })}
          {hidden > 0 ? ` · ${translate('liaison.workflow.timeline.hidden_tasks', { smart_count: hidden })}` : ''}
        </Typography>
      </Box>
      {isFetching ? <LinearProgress sx={{ mb: 1 }} /> : <Box sx={{ height: 4, mb: 1 }} />}
      {error ? <Alert severity="error">{translate((error as Error).message, { _: (error as Error).message })}</Alert> : null}
      {!isPending && !error && visible.length === 0 ? <EmptyNote>{translate('liaison.workflow.timeline.empty')}</EmptyNote> : null}
      <Box component="ol" sx={{ m: 0, p: 0 }}>
        {visible.map((entry, index) => (
          <TimelineEntry
            key={`${entry.eventId}-${entry.kind}`}
            entry={entry}
            rawEvents={rawFor(entry)}
            isLast={index === visible.length - 1}
            showDay={index === 0 || entry.at.slice(0, 10) !== visible[index - 1].at.slice(0, 10)}
          />
        ))}
      </Box>
    </Box>
  );
};
