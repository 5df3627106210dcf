import { useQuery } from '@tanstack/react-query';
import { usePermissions } from 'react-admin';
import { Dashboard } from '../dashboard/Dashboard';
import { liaisonApi } from '../liaisonApi';
import type { CurrentUser } from '../session';
import { AlertActionList } from '../alerts/AlertList';
import { ActionList } from './ActionList';

/** Roles that act on requests and on alerts (schema/authority.ts userRoles): they start from their action lists. */
const requestRoles = new Set(['case-handler', 'allocator', 'referral-handler']);
const alertRoles = new Set(['alert-handler', 'alert-broadcaster']);
type Role = { role: string; workflow?: string };

const handlesRequests = (roles: readonly Role[] | undefined) =>
  Array.isArray(roles) && roles.some((r) => requestRoles.has(r.role) && (r.workflow === undefined || r.workflow === 'requests'));
const handlesAlerts = (roles: readonly Role[] | undefined) => Array.isArray(roles) && roles.some((r) => alertRoles.has(r.role));

/**
 * The home page: the action lists — requests (5.3.9.1) for case handlers, allocators and referral
 * handlers, alerts for alert handlers and broadcasters — and the operations dashboard for everyone
 * else (the helpdesk and operators). After a reload the permissions may be asked before the
 * session is recovered, so an empty answer is checked against the user's own record (GET /api/auth/me).
 */
export const HomePage = () => {
  const { permissions, isPending } = usePermissions<Role[]>();
  const known = handlesRequests(permissions) || handlesAlerts(permissions);
  const me = useQuery({
    queryKey: ['auth', 'me', 'roles'],
    queryFn: () => liaisonApi<{ user: CurrentUser | null }>('/auth/me'),
    enabled: !isPending && !known,
    staleTime: 60_000,
  });
  if (isPending || (!known && me.isPending)) return null;
  const roles = known ? permissions : me.data?.user?.roles;
  const requests = handlesRequests(roles);
  const alerts = handlesAlerts(roles);
  if (!requests && !alerts) return <Dashboard />;
  return (
    <>
      {requests ? <ActionList title="liaison.request.action_list" /> : null}
      {alerts ? <AlertActionList title="liaison.alert.action_list" /> : null}
    </>
  );
};
