import ForumIcon from '@mui/icons-material/Forum';
import PendingActionsIcon from '@mui/icons-material/PendingActions';
import { ActionList } from './ActionList';
import { RequestList } from './RequestList';
import { RequestShow } from './RequestShow';
import { RequestCreate, RequestEdit } from './RequestWizard';

export default {
  list: RequestList,
  show: RequestShow,
  create: RequestCreate,
  edit: RequestEdit,
  icon: ForumIcon,
  recordRepresentation: 'number',
};

/** The action list as a resource of its own (its menu entry); its rows open the request. */
export const requestActions = {
  list: () => <ActionList />,
  icon: PendingActionsIcon,
};
