import { Table, TableBody, TableCell, TableHead, TableRow, Typography } from '@mui/material';
import { useRecordContext, useTranslate } from 'react-admin';
import type { OpsPendingActivity } from '../../../schema/ops';
import type { WorkflowDetailRecord } from '../dataProvider';
import { EmptyNote } from '../fields/EmptyNote';
import { SectionTitle } from '../fields/SectionTitle';
import { RelativeTime } from '../time/RelativeTime';

const Attempt = ({ activity }: { activity: OpsPendingActivity }) => {
  const translate = useTranslate();
  return (
    <Typography
      variant="body2"
      component="span"
      color={activity.attempt > 1 ? 'warning.main' : 'inherit'}
      sx={{ fontVariantNumeric: 'tabular-nums', fontWeight: activity.attempt > 1 ? 600 : undefined }}
    >
      {translate('liaison.workflow.activities.attempt_of', {
        attempt: activity.attempt,
        maximum: activity.maximumAttempts ?? '∞',
      })}
    </Typography>
  );
};

const LastFailure = ({ activity }: { activity: OpsPendingActivity }) =>
  activity.lastFailure ? (
    <Typography variant="body2" color="error" sx={{ wordBreak: 'break-word' }}>
      {activity.lastFailure.type ? <strong>{activity.lastFailure.type}: </strong> : null}
      {activity.lastFailure.message}
    </Typography>
  ) : (
    <Typography variant="body2" color="text.secondary">—</Typography>
  );

/** Activities the workflow waits for, with their retries: the first place to look when a case is stuck. */
export const PendingActivitiesTable = () => {
  const record = useRecordContext<WorkflowDetailRecord>();
  const translate = useTranslate();
  if (!record) return null;
  const t = (key: string) => translate(`liaison.workflow.activities.${key}`);
  return (
    <>
      <SectionTitle>{t('title')}</SectionTitle>
      {record.pendingActivities.length === 0 ? (
        <EmptyNote>{t('none')}</EmptyNote>
      ) : (
        <Table size="small" data-testid="pending-activities" sx={{ '& .nowrap': { whiteSpace: 'nowrap' } }}>
          <TableHead>
            <TableRow>
              <TableCell>{t('activityType')}</TableCell>
              <TableCell>{t('state')}</TableCell>
              <TableCell>{t('attempt')}</TableCell>
              <TableCell sx={{ minWidth: 240 }}>{t('lastFailure')}</TableCell>
              <TableCell>{t('nextRetry')}</TableCell>
              <TableCell>{t('lastHeartbeat')}</TableCell>
              <TableCell>{t('worker')}</TableCell>
            </TableRow>
          </TableHead>
          <TableBody>
            {record.pendingActivities.map((activity) => (
              <TableRow key={activity.activityId}>
                <TableCell>
                  <strong>{activity.activityType}</strong>
                  <Typography variant="caption" color="text.secondary" component="div">
                    #{activity.activityId}
                  </Typography>
                </TableCell>
                <TableCell>{t(`state_${activity.paused ? 'Paused' : activity.state}`)}</TableCell>
                <TableCell className="nowrap">
                  <Attempt activity={activity} />
                </TableCell>
                <TableCell>
                  <LastFailure activity={activity} />
                </TableCell>
                <TableCell className="nowrap">
                  {activity.nextAttemptScheduleTime ? <RelativeTime value={activity.nextAttemptScheduleTime} /> : '—'}
                </TableCell>
                <TableCell className="nowrap">
                  {activity.lastHeartbeatTime ? <RelativeTime value={activity.lastHeartbeatTime} /> : '—'}
                </TableCell>
                <TableCell>
                  <Typography variant="caption" color="text.secondary">
                    {activity.lastWorkerIdentity ?? '—'}
                  </Typography>
                </TableCell>
              </TableRow>
            ))}
          </TableBody>
        </Table>
      )}
    </>
  );
};
