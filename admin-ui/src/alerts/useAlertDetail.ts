import { useRecordContext } from 'react-admin';
import type { AlertDetailRecord } from './alertApi';

/** The show page's record once its detail (not a list row from the cache) has arrived. */
export const useAlertDetail = (): AlertDetailRecord | undefined => {
  const record = useRecordContext<AlertDetailRecord>();
  return record?.detail ? record : undefined;
};
