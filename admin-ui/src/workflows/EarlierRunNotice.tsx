import { Alert, Button } from '@mui/material';
import { Link as RouterLink, useCreatePath, useGetOne, useRecordContext, useTranslate } from 'react-admin';
import { detailView, type WorkflowDetailRecord } from '../dataProvider';
import { workflowStatusLabel } from './workflowStatus';
import { isRunRecordId } from './workflowRecordId';

/**
 * On a page opened as one particular run (from the list): when that run is not the workflow's
 * latest (it was reset or continued as new), says so and links to the current run. A page opened
 * by plain workflow id shows the latest run already and asks nothing.
 */
export const EarlierRunNotice = () => {
  const record = useRecordContext<WorkflowDetailRecord>();
  const translate = useTranslate();
  const createPath = useCreatePath();
  const pinned = isRunRecordId(record?.id);
  const { data: latest } = useGetOne<WorkflowDetailRecord>(
    'workflows',
    { id: record?.workflowId ?? '', meta: detailView },
    { enabled: Boolean(record) && pinned, retry: false },
  );
  if (!record || !pinned || !latest || latest.runId === record.runId) return null;
  return (
    <Alert
      severity="info"
      data-testid="earlier-run-notice"
      sx={{ mx: 2, mt: 2 }}
      action={
        <Button
          component={RouterLink}
          to={createPath({ resource: 'workflows', id: record.workflowId, type: 'show' })}
          color="inherit"
          size="small"
        >
          {translate('liaison.workflow.run.open_current')}
        </Button>
      }
    >
      {translate('liaison.workflow.run.earlier_notice', {
        runId: latest.runId,
        status: translate(workflowStatusLabel(latest.status), { _: latest.status }),
      })}
    </Alert>
  );
};
