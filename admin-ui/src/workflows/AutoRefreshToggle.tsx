import { FormControlLabel, Switch } from '@mui/material';
import { useEffect } from 'react';
import { useListContext, useStore, useTranslate } from 'react-admin';

export const autoRefreshStoreKey = 'workflows.list.autoRefresh';
export const autoRefreshMs = 10_000;

/** A switch that reloads the list every 10 seconds while it is on (remembered between visits). */
export const AutoRefreshToggle = () => {
  const translate = useTranslate();
  const [on, setOn] = useStore<boolean>(autoRefreshStoreKey, false);
  const { refetch } = useListContext();
  useEffect(() => {
    if (!on) return;
    const timer = window.setInterval(() => void refetch(), autoRefreshMs);
    return () => window.clearInterval(timer);
  }, [on, refetch]);
  return (
    <FormControlLabel
      control={<Switch size="small" checked={on} onChange={(e) => setOn(e.target.checked)} />}
      label={translate('liaison.workflow.list.auto_refresh')}
      slotProps={{ typography: { variant: 'body2' } }}
      sx={{ mr: 1 }}
    />
  );
};
