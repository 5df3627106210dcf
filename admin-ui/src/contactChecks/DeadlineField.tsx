import { Box, Typography } from '@mui/material';
import { useLocaleState, useRecordContext } from 'react-admin';
import type { ContactCheckRecord } from '../dataProvider';
import { formatDateTime } from '../time/duration';
import { Countdown } from '../time/Countdown';
import { useNow } from '../time/useNow';
import { isAwaitingAnswer, isOverdue } from './contactCheckStatus';

/** The deadline, red while the check is overdue, with the time left (or past) under it. */
export const DeadlineField = (_props: { label?: string; source?: string; sortable?: boolean }) => {
  const record = useRecordContext<ContactCheckRecord>();
  const [locale] = useLocaleState();
  const now = useNow(30_000);
  if (!record) return null;
  const overdue = isOverdue(record, now);
  return (
    <Box data-overdue={overdue ? 'true' : 'false'}>
      <Typography
        variant="body2"
        component="div"
        color={overdue ? 'error' : 'inherit'}
        sx={{ fontWeight: overdue ? 600 : undefined, whiteSpace: 'nowrap' }}
      >
        {formatDateTime(record.dueAt, locale, false)}
      </Typography>
      {isAwaitingAnswer(record.status) ? (
        <Box sx={{ color: 'text.secondary' }}>
          <Countdown dueAt={record.dueAt} variant="caption" />
        </Box>
      ) : null}
    </Box>
  );
};
