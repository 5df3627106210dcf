import { Typography } from '@mui/material';
import { useFieldValue, useLocaleState, useTranslate } from 'react-admin';
import { formatCompactDateTime, formatDateTime } from './duration';

interface DateTimeFieldProps {
  source: string;
  label?: string;
  sortable?: boolean;
  withSeconds?: boolean;
}

/**
 * A date-time in the console's language (react-admin's DateField follows the browser's), compact
 * in tables; the full date is in the tooltip.
 */
export const DateTimeField = ({ source, withSeconds = false }: DateTimeFieldProps) => {
  const value = useFieldValue({ source }) as string | null | undefined;
  const [locale] = useLocaleState();
  const translate = useTranslate();
  if (!value) return <Typography variant="body2" color="text.secondary">{translate('liaison.time.never')}</Typography>;
  return (
    <Typography component="span" variant="body2" title={formatDateTime(value, locale)} sx={{ whiteSpace: 'nowrap' }}>
      {withSeconds ? formatDateTime(value, locale, true) : formatCompactDateTime(value, locale)}
    </Typography>
  );
};
