import { Box, List, ListItem, ListItemText, Typography } from '@mui/material';
import { useLocaleState, useTranslate } from 'react-admin';
import { actorLabel } from '../fields/ActorField';
import { EmptyNote } from '../fields/EmptyNote';
import { StatusChip } from '../fields/StatusChip';
import { formatDateTime } from '../time/duration';
import { RelativeTime } from '../time/RelativeTime';
import type { RetentionStatusView } from './retentionApi';

const statusColours: Record<RetentionStatusView['status'], string> = { active: '#2e7d32', blocked: '#ef6c00', erased: '#616161' };

/** The retention status as a chip (data-status for tests and the eye). */
export const RetentionStatusChip = ({ status }: { status: RetentionStatusView['status'] }) => {
  const translate = useTranslate();
  return <StatusChip label={translate(`liaison.retention.status.${status}`)} colour={statusColours[status]} data-status={status} />;
};

interface Step {
  key: string;
  label: string;
  at: string;
  done: boolean;
}

/** Closed → blocked → erased, each with its date: done ones as they happened, the others as due (with a countdown). */
const stepsOf = (view: RetentionStatusView, translate: (key: string) => string): Step[] => {
  const steps: Step[] = [{ key: 'closed', label: translate('liaison.retention.step.closed'), at: view.closedAt, done: true }];
  if (view.blockedAt) steps.push({ key: 'blocked', label: translate('liaison.retention.step.blocked'), at: view.blockedAt, done: true });
  else if (view.blockAt && !view.erasedAt) steps.push({ key: 'block', label: translate('liaison.retention.step.block_due'), at: view.blockAt, done: false });
  if (view.erasedAt) steps.push({ key: 'erased', label: translate('liaison.retention.step.erased'), at: view.erasedAt, done: true });
  else steps.push({ key: 'erase', label: translate(view.blockAt ? 'liaison.retention.step.erase_due' : 'liaison.retention.step.no_blocking'), at: view.eraseAt, done: false });
  return steps;
};

/**
 * A closed case's retention (domain.md §8) as the API reports it: status, a timeline of closure,
 * blocking and erasure with their dates (due ones with a countdown), early erasure and contests.
 */
export const RetentionTimeline = ({ view, contests = true }: { view: RetentionStatusView; /** Show the contests here (the helpdesk's screen lists them beside its form). */ contests?: boolean }) => {
  const translate = useTranslate();
  const [locale] = useLocaleState();
  const steps = stepsOf(view, translate);
  return (
    <Box data-testid="retention" data-retention-status={view.status}>
      <RetentionStatusChip status={view.status} />
      <Box component="ol" sx={{ m: 0, mt: 1.5, p: 0 }} data-testid="retention-timeline">
        {steps.map((step, index) => (
          <Box component="li" key={step.key} data-step={step.key} data-done={step.done ? 'true' : 'false'} sx={{ display: 'grid', gridTemplateColumns: '24px 1fr', listStyle: 'none' }}>
            <Box sx={{ position: 'relative', display: 'flex', justifyContent: 'center' }}>
              {index < steps.length - 1 ? <Box sx={{ position: 'absolute', top: 14, bottom: 0, width: 2, bgcolor: 'divider' }} aria-hidden /> : null}
              <Box
                aria-hidden
                sx={{
                  mt: 0.75,
                  width: 12,
                  height: 12,
                  borderRadius: '50%',
                  zIndex: 1,
                  bgcolor: step.done ? (step.key === 'closed' ? 'success.main' : statusColours[step.key === 'erased' ? 'erased' : 'blocked']) : 'background.paper',
                  border: step.done ? undefined : '2px solid',
                  borderColor: 'text.disabled',
                }}
              />
            </Box>
            <Box sx={{ pb: 1.5, pl: 1 }}>
              <Typography variant="body2" sx={{ fontWeight: step.done ? 600 : 400 }}>
                {step.label}
              </Typography>
              <Typography variant="caption" color="text.secondary" component="div">
                {formatDateTime(step.at, locale, false)}
                {step.done ? null : (
                  <>
                    {' · '}
                    <RelativeTime value={step.at} variant="caption" />
                  </>
                )}
              </Typography>
            </Box>
          </Box>
        ))}
      </Box>
      {view.earlyErasure ? (
        <Box sx={{ mt: 1 }} data-testid="early-erasure">
          <Typography variant="body2" sx={{ fontWeight: 600 }}>
            {translate('liaison.retention.early_erasure')}
          </Typography>
          <Typography variant="caption" color="text.secondary">
            {translate('liaison.retention.early_erasure_detail', {
              reason: view.earlyErasure.reason,
              consent: view.earlyErasure.consentReference,
              by: actorLabel(view.earlyErasure.requestedBy, translate),
            })}
          </Typography>
        </Box>
      ) : null}
      {contests ? (
        <>
          <Typography variant="body2" sx={{ fontWeight: 600, mt: 1.5 }}>
            {translate('liaison.retention.contests')}
          </Typography>
          <ContestList view={view} />
        </>
      ) : null}
    </Box>
  );
};

/** The contests recorded beside the blocked data, oldest first. */
export const ContestList = ({ view }: { view: RetentionStatusView }) => {
  const translate = useTranslate();
  const [locale] = useLocaleState();
  if (view.contests.length === 0) return <EmptyNote>{translate('liaison.retention.no_contests')}</EmptyNote>;
  return (
    <List dense disablePadding data-testid="contests">
      {view.contests.map((c, index) => (
        <ListItem key={`${c.recordedAt}-${index}`} disableGutters>
          <ListItemText
            primary={`${translate(`liaison.retention.contest_kind.${c.kind}`)} · ${c.reference}`}
            secondary={translate('liaison.retention.contest_recorded_by', { at: formatDateTime(c.recordedAt, locale, false), by: actorLabel(c.recordedBy, translate) })}
          />
        </ListItem>
      ))}
    </List>
  );
};
