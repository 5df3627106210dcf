import MailOutlineIcon from '@mui/icons-material/MailOutlined';
import { InvitationCreate, InvitationEdit } from './InvitationForm';
import { InvitationList } from './InvitationList';
import { InvitationShow } from './InvitationShow';

export default {
  list: InvitationList,
  show: InvitationShow,
  create: InvitationCreate,
  edit: InvitationEdit,
  icon: MailOutlineIcon,
  recordRepresentation: 'name',
};
