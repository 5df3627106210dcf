import AccountTreeIcon from '@mui/icons-material/AccountTree';
import { WorkflowList } from './WorkflowList';
import { WorkflowShow } from './WorkflowShow';

export default {
  list: WorkflowList,
  show: WorkflowShow,
  icon: AccountTreeIcon,
  recordRepresentation: 'workflowId',
};
