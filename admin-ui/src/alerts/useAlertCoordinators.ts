import { useQuery } from '@tanstack/react-query';
import { getAuthority } from '../authorities/authorityApi';
import { whoAmI } from './alertApi';

export interface CoordinatorChoice {
  id: string;
  officialName: string;
  countryCode: string;
}

/**
 * The alert coordinators the user's authority may send to (submit, items, closure proposals): those
 * linked to it in the Services area's alerts workflow, and the authority itself when it is one.
 */
export function useAlertCoordinators() {
  return useQuery({
    queryKey: ['alerts', 'my-coordinators'],
    queryFn: async (): Promise<{ authorityId: string | null; country: string | null; coordinators: CoordinatorChoice[] }> => {
      const me = await whoAmI();
      const authorityId = me.user?.authorityId ?? null;
      if (!authorityId) return { authorityId: null, country: null, coordinators: [] };
      const authority = await getAuthority(authorityId);
      const alerts = authority.areas.find((a) => a.area === 'services')?.workflows.find((w) => w.workflow === 'alerts');
      const coordinators: CoordinatorChoice[] = (alerts?.linkedCoordinators ?? []).map((c) => ({ id: c.id, officialName: c.officialName, countryCode: c.countryCode }));
      const itself = alerts?.roles.some((r) => r === 'alert-coordinator' || r === 'alert-mailbox');
      if (itself && !coordinators.some((c) => c.id === authority.id)) coordinators.unshift({ id: authority.id, officialName: authority.officialName, countryCode: authority.countryCode });
      return { authorityId, country: authority.countryCode, coordinators };
    },
    staleTime: 60_000,
  });
}
