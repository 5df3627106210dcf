import type { GetListParams, GetListResult } from 'react-admin';
import type { AuthorityDetail, AuthorityList, AuthoritySummary } from '../../../schema/authorityDirectory';
import { liaisonApi } from '../liaisonApi';

export type AuthorityRecord = AuthoritySummary;
export type AuthorityDetailRecord = AuthorityDetail;

const filterKeys = ['q', 'mode', 'country', 'area', 'keyword', 'nace', 'policyArea', 'status', 'kind'] as const;

/** The directory search (GET /api/authorities): react-admin's filter, sort and page as the API's query. */
export async function listAuthorities(params: GetListParams): Promise<GetListResult<AuthorityRecord>> {
  const filter = params.filter ?? {};
  const query: Record<string, string | number | undefined> = {};
  for (const key of filterKeys) {
    const value = filter[key];
    if (value === undefined || value === null || value === '' || (Array.isArray(value) && value.length === 0)) continue;
    query[key] = Array.isArray(value) ? value.join(',') : String(value).trim();
  }
  // the mode only matters with free text
  if (!query.q) delete query.mode;
  return liaisonApi<AuthorityList>('/authorities', {
    query: {
      ...query,
      sort: params.sort?.field === 'countryCode' ? 'country' : 'name',
      order: params.sort?.order === 'DESC' ? 'DESC' : 'ASC',
      page: params.pagination?.page ?? 1,
      perPage: params.pagination?.perPage ?? 25,
    },
    signal: params.signal,
  });
}

export const getAuthority = (id: string) => liaisonApi<AuthorityDetailRecord>(`/authorities/${encodeURIComponent(id)}`);
