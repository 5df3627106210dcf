import AccountBalanceIcon from '@mui/icons-material/AccountBalance';
import { AuthorityList } from './AuthorityList';
import { AuthorityShow } from './AuthorityShow';

export default {
  list: AuthorityList,
  show: AuthorityShow,
  icon: AccountBalanceIcon,
  recordRepresentation: 'officialName',
};
