import AccountBalanceIcon from '@mui/icons-material/AccountBalance';
import { AuthorityEdit } from './AuthorityEdit';
import { AuthorityList } from './AuthorityList';
import { AuthorityShow } from './AuthorityShow';

export default {
  list: AuthorityList,
  show: AuthorityShow,
  edit: AuthorityEdit,
  icon: AccountBalanceIcon,
  recordRepresentation: 'officialName',
};
