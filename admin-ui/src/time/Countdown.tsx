import { Typography, type TypographyProps } from '@mui/material';
import { useLocaleState, useTranslate } from 'react-admin';
import { formatDateTime, formatDuration } from './duration';
import { useNow } from './useNow';

interface CountdownProps {
  dueAt: string;
  variant?: TypographyProps['variant'];
  /** Show the exact due time after the countdown. */
  showDate?: boolean;
}

/** The time left until a deadline or a timer, ticking each second; red once it has passed. */
export const Countdown = ({ dueAt, variant = 'body2', showDate = false }: CountdownProps) => {
  const translate = useTranslate();
  const [locale] = useLocaleState();
  const now = useNow();
  const diff = new Date(dueAt).getTime() - now;
  const duration = formatDuration(diff, locale);
  const overdue = diff < 0;
  return (
    <Typography
      component="span"
      variant={variant}
      color={overdue ? 'error' : 'inherit'}
      sx={{ fontWeight: overdue ? 600 : undefined, fontVariantNumeric: 'tabular-nums' }}
      title={formatDateTime(dueAt, locale)}
    >
      {overdue ? translate('liaison.time.overdue_by', { duration }) : translate('liaison.time.in', { duration })}
      {showDate ? (
        <Typography component="span" variant={variant} color="text.secondary" sx={{ ml: 1 }}>
          ({formatDateTime(dueAt, locale, false)})
        </Typography>
      ) : null}
    </Typography>
  );
};
