import { DateTimeInput, SelectInput, TextInput } from 'react-admin';
import { workflowStatusChoices } from './workflowStatus';

/** The workflow list's filters; each maps to one filter of GET /api/ops/workflows. */
export const workflowFilters = [
  <TextInput key="workflowIdPrefix" source="workflowIdPrefix" alwaysOn resettable sx={{ minWidth: 280 }} />,
  <SelectInput key="status" source="status" choices={workflowStatusChoices} />,
  <TextInput key="type" source="type" />,
  <TextInput key="caseType" source="caseType" />,
  <TextInput key="caseStatus" source="caseStatus" />,
  <TextInput key="countryCode" source="countryCode" sx={{ width: 120 }} />,
  <DateTimeInput key="startedFrom" source="startedFrom" />,
  <DateTimeInput key="startedTo" source="startedTo" />,
  <TextInput
    key="query"
    source="query"
    multiline
    minRows={1}
    sx={{ minWidth: 480, '& textarea': { fontFamily: 'ui-monospace, Menlo, Consolas, monospace' } }}
    helperText="liaison.workflow.list.query_help"
  />,
];
