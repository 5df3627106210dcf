import { useRecordContext } from 'react-admin';
import type { RequestDetailRecord } from './requestApi';

/** The show page's record, once its detail (not a list row from the cache) has arrived. */
export const useRequestDetail = (): RequestDetailRecord | undefined => {
  const record = useRecordContext<RequestDetailRecord>();
  return record?.detail ? record : undefined;
};
