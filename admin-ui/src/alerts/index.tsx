import CampaignIcon from '@mui/icons-material/Campaign';
import NotificationImportantIcon from '@mui/icons-material/NotificationImportant';
import { AlertActionList, AlertList } from './AlertList';
import { AlertShow } from './AlertShow';
import { AlertCreate, AlertEdit } from './AlertWizard';

export { withAlerts } from './alertApi';

export default {
  list: AlertList,
  show: AlertShow,
  create: AlertCreate,
  edit: AlertEdit,
  icon: CampaignIcon,
  recordRepresentation: 'number',
};

/** The alert action list as a resource of its own (its menu entry); its rows open the alert. */
export const alertActions = {
  list: AlertActionList,
  icon: NotificationImportantIcon,
};
