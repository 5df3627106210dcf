import { useQuery } from '@tanstack/react-query';
import { usePermissions } from 'react-admin';
import { Dashboard } from '../dashboard/Dashboard';
import { liaisonApi } from '../liaisonApi';
import type { CurrentUser } from '../session';
import { ActionList } from './ActionList';

/** Roles that act on requests (schema/authority.ts userRoles): they start from their action list. */
const requestRoles = new Set(['case-handler', 'allocator', 'referral-handler']);

const handlesRequests = (roles: readonly { role: string; workflow?: string }[] | undefined) =>
  Array.isArray(roles) && roles.some((r) => requestRoles.has(r.role) && (r.workflow === undefined || r.workflow === 'requests'));

/**
 * The home page: the action list for case handlers, allocators and referral handlers (5.3.9.1),
 * the operations dashboard for everyone else (the helpdesk and operators). After a reload the
 * permissions may be asked before the session is recovered, so an empty answer is checked
 * against the user's own record (GET /api/auth/me).
 */
export const HomePage = () => {
  const { permissions, isPending } = usePermissions<{ role: string; workflow?: string }[]>();
  const known = handlesRequests(permissions);
  const me = useQuery({
    queryKey: ['auth', 'me', 'roles'],
    queryFn: () => liaisonApi<{ user: CurrentUser | null }>('/auth/me'),
    enabled: !isPending && !known,
    staleTime: 60_000,
  });
  if (isPending || (!known && me.isPending)) return null;
  return known || handlesRequests(me.data?.user?.roles) ? <ActionList title="liaison.request.action_list" /> : <Dashboard />;
};
