import { Box, Typography } from '@mui/material';
import { useLocaleState, useRecordContext, useTranslate } from 'react-admin';
import type { ContactCheckRecord } from '../dataProvider';
import { actorLabel } from '../fields/ActorField';
import { EmptyNote } from '../fields/EmptyNote';
import { formatDateTime } from '../time/duration';

const eventColour = (action: string) =>
  /withdr|fail|cancel/i.test(action)
    ? 'grey.500'
    : /overdue|remind/i.test(action)
      ? 'warning.main'
      : /confirm|clos|complet/i.test(action)
        ? 'success.main'
        : 'primary.main';

/** The case's (or an invitation's: `eventKey`) business timeline (audit events from the read model): what happened, when, by whom, why. */
export const CaseEventTimeline = ({ eventKey = 'liaison.contactCheck.event' }: { eventKey?: string }) => {
  const record = useRecordContext<Pick<ContactCheckRecord, 'events'>>();
  const translate = useTranslate();
  const [locale] = useLocaleState();
  const events = record?.events ?? [];
  if (events.length === 0) return <EmptyNote>{translate('liaison.contactCheck.no_events')}</EmptyNote>;
  return (
    <Box component="ol" sx={{ m: 0, p: 0 }} data-testid="case-timeline">
      {events.map((event, index) => (
        <Box
          component="li"
          key={event.id}
          sx={{ display: 'grid', gridTemplateColumns: '24px 1fr', listStyle: 'none' }}
        >
          <Box sx={{ position: 'relative', display: 'flex', justifyContent: 'center' }}>
            {index < events.length - 1 ? (
              <Box sx={{ position: 'absolute', top: 14, bottom: 0, width: 2, bgcolor: 'divider' }} aria-hidden />
            ) : null}
            <Box
              aria-hidden
              sx={{ mt: 0.75, width: 12, height: 12, borderRadius: '50%', bgcolor: eventColour(event.action), zIndex: 1 }}
            />
          </Box>
          <Box sx={{ pb: 2, pl: 1 }}>
            <Typography variant="body2" sx={{ fontWeight: 600 }}>
              {translate(`${eventKey}.${event.action}`, { _: event.action })}
              <Typography component="span" variant="body2" color="text.secondary" sx={{ ml: 1, fontWeight: 400 }}>
                {translate('liaison.contactCheck.by', { actor: actorLabel(event.actor, translate) })}
              </Typography>
            </Typography>
            <Typography variant="caption" color="text.secondary" title={event.at}>
              {formatDateTime(event.at, locale)}
              {event.version !== null ? ` · v${event.version}` : ''}
            </Typography>
            {event.reason ? (
              <Typography variant="body2" sx={{ mt: 0.5, fontStyle: 'italic' }}>
                “{event.reason}”
              </Typography>
            ) : null}
          </Box>
        </Box>
      ))}
    </Box>
  );
};
