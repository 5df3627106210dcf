import { Table, TableBody, TableCell, TableHead, TableRow } from '@mui/material';
import { useLocaleState, useRecordContext, useTranslate } from 'react-admin';
import type { WorkflowDetailRecord } from '../dataProvider';
import { EmptyNote } from '../fields/EmptyNote';
import { SectionTitle } from '../fields/SectionTitle';
import { Countdown } from '../time/Countdown';
import { formatDateTime, formatDuration } from '../time/duration';

/** Durable timers the workflow sleeps on, with a countdown that turns red once overdue. */
export const PendingTimersTable = () => {
  const record = useRecordContext<WorkflowDetailRecord>();
  const translate = useTranslate();
  const [locale] = useLocaleState();
  if (!record) return null;
  const t = (key: string) => translate(`liaison.workflow.timers.${key}`);
  return (
    <>
      <SectionTitle>{t('title')}</SectionTitle>
      {record.pendingTimers.length === 0 ? (
        <EmptyNote>{t('none')}</EmptyNote>
      ) : (
        <Table size="small" sx={{ maxWidth: 960 }} data-testid="pending-timers">
          <TableHead>
            <TableRow>
              <TableCell>{t('timerId')}</TableCell>
              <TableCell>{t('duration')}</TableCell>
              <TableCell>{t('startedAt')}</TableCell>
              <TableCell>{t('dueAt')}</TableCell>
              <TableCell>{t('countdown')}</TableCell>
            </TableRow>
          </TableHead>
          <TableBody>
            {record.pendingTimers.map((timer) => (
              <TableRow key={timer.timerId}>
                <TableCell>#{timer.timerId}</TableCell>
                <TableCell>{formatDuration(timer.durationMs, locale, { round: true })}</TableCell>
                <TableCell>{formatDateTime(timer.startedAt, locale)}</TableCell>
                <TableCell>{formatDateTime(timer.dueAt, locale)}</TableCell>
                <TableCell>
                  <Countdown dueAt={timer.dueAt} />
                </TableCell>
              </TableRow>
            ))}
          </TableBody>
        </Table>
      )}
    </>
  );
};
