import { Box, Typography } from '@mui/material';
import {
  Datagrid,
  FilterButton,
  List,
  Pagination,
  TextField,
  TopToolbar,
  useTranslate,
} from 'react-admin';
import { DateTimeField } from '../time/DateTimeField';
import { AutoRefreshToggle } from './AutoRefreshToggle';
import { CaseStatusField, CaseTypeField } from './CaseFields';
import { HistoryLengthField } from './HistoryLengthField';
import { StatusCountChips } from './StatusCountChips';
import { workflowFilters } from './workflowFilters';
import { WorkflowIdAndTypeField } from './WorkflowIdField';
import { WorkflowStatusField } from './WorkflowStatusField';

const WorkflowListActions = () => (
  <TopToolbar sx={{ alignItems: 'center' }}>
    <AutoRefreshToggle />
    <FilterButton />
  </TopToolbar>
);

const NoWorkflows = () => {
  const translate = useTranslate();
  return (
    <Box sx={{ p: 3 }}>
      <Typography color="text.secondary">{translate('liaison.workflow.list.empty')}</Typography>
    </Box>
  );
};

/**
 * Case workflows in Temporal, newest first. Temporal pages with tokens, so the pagination says
 * "1–20 of more than 20" rather than a total; the counts above give the totals per status.
 * Columns are not sortable: Temporal lists by start time only.
 */
export const WorkflowList = () => (
  <List
    filters={workflowFilters}
    actions={<WorkflowListActions />}
    sort={{ field: 'startTime', order: 'DESC' }}
    perPage={20}
    pagination={<Pagination rowsPerPageOptions={[10, 20, 50, 100]} />}
    empty={false}
  >
    <StatusCountChips />
    <Datagrid
      rowClick="show"
      bulkActionButtons={false}
      empty={<NoWorkflows />}
      size="small"
      sx={{
        '& .RaDatagrid-tableWrapper': { overflowX: 'auto' },
        '& .RaDatagrid-rowCell, & .RaDatagrid-headerCell': { whiteSpace: 'nowrap', px: 0.75 },
        '& .RaDatagrid-rowCell:first-of-type, & .RaDatagrid-headerCell:first-of-type': { pl: 2 },
      }}
    >
      <WorkflowIdAndTypeField source="workflowId" label="liaison.workflow.list.workflow" sortable={false} />
      <WorkflowStatusField source="status" label="resources.workflows.fields.status" sortable={false} />
      <CaseTypeField source="searchAttributes.CaseType" label="resources.workflows.fields.caseType" sortable={false} />
      <CaseStatusField source="searchAttributes.CaseStatus" label="resources.workflows.fields.caseStatus" sortable={false} />
      <TextField source="searchAttributes.CountryCode" label="resources.workflows.fields.countryCode" sortable={false} emptyText="—" />
      <DateTimeField source="startTime" label="resources.workflows.fields.startTime" sortable={false} />
      <DateTimeField source="closeTime" label="resources.workflows.fields.closeTime" sortable={false} />
      <HistoryLengthField source="historyLength" label="liaison.workflow.list.events" sortable={false} />
    </Datagrid>
  </List>
);
