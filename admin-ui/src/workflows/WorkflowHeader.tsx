import { Box, Link } from '@mui/material';
import { Link as RouterLink, useCreatePath, useLocaleState, useRecordContext, useTranslate } from 'react-admin';
import type { WorkflowDetailRecord } from '../dataProvider';
import { CopyableText } from '../fields/CopyableText';
import { Fact, FactGrid } from '../fields/Fact';
import { formatDateTime } from '../time/duration';
import { RelativeTime } from '../time/RelativeTime';
import { CaseStatusField, CaseTypeField } from './CaseFields';
import { workflowRunRecordId } from './workflowRecordId';
import { WorkflowStatusChip } from './WorkflowStatusField';

const formatBytes = (bytes: number, locale: string) =>
  new Intl.NumberFormat(locale, {
    style: 'unit',
    unit: bytes >= 1_048_576 ? 'megabyte' : bytes >= 1024 ? 'kilobyte' : 'byte',
    maximumFractionDigits: 1,
  }).format(bytes >= 1_048_576 ? bytes / 1_048_576 : bytes >= 1024 ? bytes / 1024 : bytes);

const searchAttribute = (record: WorkflowDetailRecord, name: string) => {
  const value = record.searchAttributes[name];
  return value === undefined ? '—' : Array.isArray(value) ? value.join(', ') : String(value);
};

/** The workflow's status and the facts an operator looks at first. */
export const WorkflowHeader = () => {
  const record = useRecordContext<WorkflowDetailRecord>();
  const translate = useTranslate();
  const [locale] = useLocaleState();
  const createPath = useCreatePath();
  if (!record) return null;
  const field = (name: string) => translate(`resources.workflows.fields.${name}`);
  return (
    <Box sx={{ px: 2, pt: 2, pb: 1 }} data-testid="workflow-header">
      <Box sx={{ display: 'flex', alignItems: 'center', gap: 1.5, flexWrap: 'wrap' }}>
        <WorkflowStatusChip status={record.status} size="medium" />
        <CopyableText value={record.workflowId} variant="h6" />
      </Box>
      <FactGrid>
        <Fact label={field('type')}>{record.type}</Fact>
        <Fact label={field('caseType')}>
          <CaseTypeField />
        </Fact>
        <Fact label={field('caseStatus')}>
          <CaseStatusField />
        </Fact>
        <Fact label={field('countryCode')}>{searchAttribute(record, 'CountryCode')}</Fact>
        <Fact label={field('startTime')}>
          {formatDateTime(record.startTime, locale)}
          <Box sx={{ color: 'text.secondary' }}>
            <RelativeTime value={record.startTime} variant="caption" />
          </Box>
        </Fact>
        <Fact label={field('closeTime')}>
          {record.closeTime ? (
            <>
              {formatDateTime(record.closeTime, locale)}
              <Box sx={{ color: 'text.secondary' }}>
                <RelativeTime value={record.closeTime} variant="caption" />
              </Box>
            </>
          ) : (
            '—'
          )}
        </Fact>
        <Fact label={field('historyLength')}>
          {record.historyLength.toLocaleString(locale)}
          {record.historySizeBytes !== null ? ` (${formatBytes(record.historySizeBytes, locale)})` : ''}
        </Fact>
        <Fact label={field('taskQueue')}>{record.taskQueue}</Fact>
        <Fact label={field('runId')}>
          <CopyableText value={record.runId} maxWidth={220} />
        </Fact>
        {record.parent ? (
          <Fact label={field('parent')}>
            <Link
              component={RouterLink}
              to={createPath({ resource: 'workflows', id: workflowRunRecordId(record.parent.workflowId, record.parent.runId), type: 'show' })}
            >
              {record.parent.workflowId}
            </Link>
          </Fact>
        ) : null}
        {record.pendingWorkflowTask ? (
          <Fact label={translate('liaison.workflow.timeline.kind.task')}>
            {translate('liaison.workflow.facts.workflow_task', {
              state: record.pendingWorkflowTask.state,
              attempt: record.pendingWorkflowTask.attempt,
            })}
          </Fact>
        ) : null}
      </FactGrid>
    </Box>
  );
};
