import { Show, TabbedShowLayout, useRecordContext, useTranslate } from 'react-admin';
import type { WorkflowDetailRecord } from '../dataProvider';
import { HistoryTimeline } from './HistoryTimeline';
import { PendingActivitiesTable } from './PendingActivitiesTable';
import { PendingChildrenTable } from './PendingChildrenTable';
import { PendingTimersTable } from './PendingTimersTable';
import { SearchAttributesTable } from './SearchAttributesTable';
import { WorkflowActions } from './WorkflowActions';
import { WorkflowAudit } from './WorkflowAudit';
import { WorkflowHeader } from './WorkflowHeader';

const WorkflowTitle = () => {
  const record = useRecordContext<WorkflowDetailRecord>();
  const translate = useTranslate();
  return <span>{record ? translate('liaison.workflow.facts.title', { id: record.workflowId }) : ''}</span>;
};

/**
 * One workflow as an operator needs it: status and facts, what it waits for (activities with
 * their retries, timers, children), its history as a timeline, and what operators did to it.
 */
export const WorkflowShow = () => (
  <Show title={<WorkflowTitle />} actions={<WorkflowActions />}>
    <WorkflowHeader />
    <TabbedShowLayout>
      <TabbedShowLayout.Tab label="liaison.workflow.tabs.overview">
        <PendingActivitiesTable />
        <PendingTimersTable />
        <PendingChildrenTable />
        <SearchAttributesTable />
      </TabbedShowLayout.Tab>
      <TabbedShowLayout.Tab label="liaison.workflow.tabs.history" path="history">
        <HistoryTimeline />
      </TabbedShowLayout.Tab>
      <TabbedShowLayout.Tab label="liaison.workflow.tabs.audit" path="audit">
        <WorkflowAudit />
      </TabbedShowLayout.Tab>
    </TabbedShowLayout>
  </Show>
);
