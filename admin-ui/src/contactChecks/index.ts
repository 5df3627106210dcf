import ContactMailIcon from '@mui/icons-material/ContactMail';
import { ContactCheckCreate } from './ContactCheckCreate';
import { ContactCheckList } from './ContactCheckList';
import { ContactCheckShow } from './ContactCheckShow';

export default {
  list: ContactCheckList,
  show: ContactCheckShow,
  create: ContactCheckCreate,
  icon: ContactMailIcon,
  recordRepresentation: 'authorityRef',
};
