import { Tooltip, Typography, type TypographyProps } from '@mui/material';
import { useLocaleState, useTranslate } from 'react-admin';
import { formatDateTime, formatDuration } from './duration';
import { useNow } from './useNow';

interface RelativeTimeProps {
  value: string | null | undefined;
  /** Red when the time is in the past (a deadline, a retry that should have happened). */
  warnWhenPast?: boolean;
  variant?: TypographyProps['variant'];
}

/** "in 12 sec" / "5 min ago", ticking; the exact time on hover. */
export const RelativeTime = ({ value, warnWhenPast = false, variant = 'body2' }: RelativeTimeProps) => {
  const translate = useTranslate();
  const [locale] = useLocaleState();
  const now = useNow();
  if (!value) return <Typography variant={variant} color="text.secondary">{translate('liaison.time.never')}</Typography>;
  const diff = new Date(value).getTime() - now;
  const duration = formatDuration(diff, locale);
  const text =
    Math.abs(diff) < 1000
      ? translate('liaison.time.now')
      : diff > 0
        ? translate('liaison.time.in', { duration })
        : translate('liaison.time.ago', { duration });
  return (
    <Tooltip title={formatDateTime(value, locale)}>
      <Typography component="span" variant={variant} color={warnWhenPast && diff < 0 ? 'error' : 'inherit'}>
        {text}
      </Typography>
    </Tooltip>
  );
};
