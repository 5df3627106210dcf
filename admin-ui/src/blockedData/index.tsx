import LockPersonIcon from '@mui/icons-material/LockPerson';
import { Menu, usePermissions, useTranslate } from 'react-admin';
import { Route } from 'react-router-dom';
import { BlockedDataPage } from './BlockedDataPage';

/** The helpdesk's blocked-data screen: its routes (inside <CustomRoutes>) and its menu entry. */
export const blockedDataRoutes = [
  <Route key="blocked-data" path="/blocked-data" element={<BlockedDataPage />} />,
  <Route key="blocked-data-case" path="/blocked-data/:caseType/:caseId" element={<BlockedDataPage />} />,
];

/** Shown to the helpdesk only (system-admin, or the operator token); the API refuses everyone else. */
export const BlockedDataMenuItem = () => {
  const translate = useTranslate();
  const { permissions } = usePermissions<{ role: string }[]>();
  if (!Array.isArray(permissions) || !permissions.some((p) => p.role === 'system-admin')) return null;
  return <Menu.Item to="/blocked-data" primaryText={translate('liaison.blocked_data.title')} leftIcon={<LockPersonIcon />} />;
};
