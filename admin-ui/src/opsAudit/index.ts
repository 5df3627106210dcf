import HistoryEduIcon from '@mui/icons-material/HistoryEdu';
import { OpsAuditList } from './OpsAuditList';

export default {
  list: OpsAuditList,
  icon: HistoryEduIcon,
};
