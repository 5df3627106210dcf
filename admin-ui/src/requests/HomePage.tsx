import { usePermissions } from 'react-admin';
import { Dashboard } from '../dashboard/Dashboard';
import { ActionList } from './ActionList';

/** Roles that act on requests (schema/authority.ts userRoles): they start from their action list. */
const requestRoles = new Set(['case-handler', 'allocator', 'referral-handler']);

/**
 * The home page: the action list for case handlers, allocators and referral handlers (5.3.9.1),
 * the operations dashboard for everyone else (the helpdesk and operators).
 */
export const HomePage = () => {
  const { permissions, isPending } = usePermissions<{ role: string; workflow?: string }[]>();
  if (isPending) return null;
  const handlesRequests = Array.isArray(permissions) && permissions.some((p) => requestRoles.has(p.role) && (p.workflow === undefined || p.workflow === 'requests'));
  return handlesRequests ? <ActionList title="liaison.request.action_list" /> : <Dashboard />;
};
