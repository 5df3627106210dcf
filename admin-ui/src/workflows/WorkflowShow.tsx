import { Show, TabbedShowLayout, useRecordContext, useTranslate } from 'react-admin';
import { detailView, type WorkflowDetailRecord } from '../dataProvider';
import { EarlierRunNotice } from './EarlierRunNotice';
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
 * Opened from the list it shows that row's run (history and actions use its run id); opened by
 * plain workflow id (links from cases, the audit, parents and children) the latest run.
 */
export const WorkflowShow = () => (
  // `meta` keeps react-admin from showing the list's summary row as if it were the full detail.
  <Show title={<WorkflowTitle />} actions={<WorkflowActions />} queryOptions={{ meta: detailView }}>
    <EarlierRunNotice />
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
