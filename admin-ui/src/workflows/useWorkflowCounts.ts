import { useQuery } from '@tanstack/react-query';
import { useDataProvider } from 'react-admin';
import type { OpsWorkflowFilter } from '../../../schema/ops';
import type { LiaisonDataProvider } from '../dataProvider';

/** Workflows per status for a filter (the counts route), optionally refreshed on an interval. */
export function useWorkflowCounts(filter: OpsWorkflowFilter, refetchInterval: number | false = false) {
  const dataProvider = useDataProvider<LiaisonDataProvider>();
  return useQuery({
    queryKey: ['workflows', 'counts', filter],
    queryFn: () => dataProvider.workflowCounts(filter),
    refetchInterval,
    placeholderData: (previous) => previous,
  });
}
