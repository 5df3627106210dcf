import { Alert, Box, Chip, Skeleton, Typography } from '@mui/material';
import { useListContext, useStore, useTranslate } from 'react-admin';
import { toWorkflowFilter } from '../dataProvider';
import { StatusChip } from '../fields/StatusChip';
import { useWorkflowCounts } from './useWorkflowCounts';
import { workflowStatusColours, workflowStatusLabel, workflowStatuses } from './workflowStatus';
import { autoRefreshStoreKey, autoRefreshMs } from './AutoRefreshToggle';

/**
 * How many workflows match the other filters, per status, as chips above the list; a click sets
 * (or clears) the status filter.
 */
export const StatusCountChips = () => {
  const translate = useTranslate();
  const { filterValues, setFilters, displayedFilters } = useListContext();
  const [autoRefresh] = useStore<boolean>(autoRefreshStoreKey, false);
  const { status: selected, ...otherFilters } = filterValues ?? {};
  const { data: counts, isPending, error } = useWorkflowCounts(toWorkflowFilter(otherFilters), autoRefresh ? autoRefreshMs : false);

  const select = (status: string | undefined) => {
    const { status: _dropped, ...rest } = filterValues ?? {};
    setFilters(status ? { ...rest, status } : rest, { ...displayedFilters, status: Boolean(status) });
  };

  if (error) {
    // Usually a visibility query Temporal refuses: say why where the operator is looking.
    const message = (error as Error).message;
    return (
      <Alert severity="warning" sx={{ mx: 2, my: 1.5 }}>
        {translate(message, { _: message })}
      </Alert>
    );
  }
  if (isPending) {
    return (
      <Box sx={{ display: 'flex', gap: 1, px: 2, py: 1.5 }}>
        {workflowStatuses.map((s) => (
          <Skeleton key={s} variant="rounded" width={96} height={24} />
        ))}
      </Box>
    );
  }
  return (
    <Box sx={{ display: 'flex', flexWrap: 'wrap', alignItems: 'center', gap: 1, px: 2, py: 1.5 }} data-testid="workflow-status-counts">
      <Chip
        size="small"
        label={`${translate('liaison.workflow.list.all')} · ${counts?.total ?? '–'}`}
        variant={selected ? 'outlined' : 'filled'}
        color={selected ? 'default' : 'primary'}
        onClick={() => select(undefined)}
        sx={{ fontWeight: 600 }}
      />
      {workflowStatuses.map((status) => (
        <StatusChip
          key={status}
          data-status={status}
          label={`${translate(workflowStatusLabel(status))} · ${counts?.byStatus[status] ?? '–'}`}
          colour={workflowStatusColours[status]}
          outlined={selected !== status}
          onClick={() => select(selected === status ? undefined : status)}
        />
      ))}
      <Typography variant="caption" color="text.secondary" sx={{ ml: 'auto' }}>
        {translate('liaison.workflow.list.newest_first')}
      </Typography>
    </Box>
  );
};
