import type { z } from '@hono/zod-openapi';
import type { GetListParams, GetListResult, HttpError } from 'react-admin';
import type { AuthorityDetail, authorityDataUpdateSchema, AuthorityList, AuthoritySummary } from '../../../schema/authorityDirectory';
import { liaisonApi } from '../liaisonApi';

export type AuthorityRecord = AuthoritySummary;
export type AuthorityDetailRecord = AuthorityDetail;
export type AuthorityDataUpdate = z.infer<typeof authorityDataUpdateSchema>;

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

const blankToNull = (value: unknown): string | null => {
  const text = typeof value === 'string' ? value.trim() : '';
  return text === '' ? null : text;
};

/**
 * The edit form's values as PATCH /api/authorities/{id} takes them: only the schema's fields
 * (it is strict), blank optional texts as null, empty address lines and titles left out. The
 * official name only when the viewer may change it, so a local data administrator's save never
 * trips over it.
 */
export function toAuthorityDataUpdate(data: Record<string, unknown>, withOfficialName: boolean): AuthorityDataUpdate {
  const titles = Object.entries((data.informalTitle ?? {}) as Record<string, unknown>)
    .map(([language, title]) => [language, typeof title === 'string' ? title.trim() : ''] as const)
    .filter(([, title]) => title !== '');
  const update: AuthorityDataUpdate = {
    informalTitle: Object.fromEntries(titles),
    description: blankToNull(data.description),
    descriptionLanguage: blankToNull(data.descriptionLanguage),
    languages: Array.isArray(data.languages) ? (data.languages as string[]) : [],
    addressLines: Array.isArray(data.addressLines) ? (data.addressLines as unknown[]).map((l) => String(l ?? '').trim()).filter(Boolean) : [],
    postcode: blankToNull(data.postcode),
    city: typeof data.city === 'string' ? data.city.trim() : '',
    phone: blankToNull(data.phone),
    website: blankToNull(data.website),
    contactEmail: typeof data.contactEmail === 'string' ? data.contactEmail.trim() : '',
  };
  // a description without text has no language
  if (update.description === null) update.descriptionLanguage = null;
  if (withOfficialName && typeof data.officialName === 'string') update.officialName = data.officialName.trim();
  return update;
}

/** Lists edited in one input: the API's `addressLines.1` or `languages.0` message belongs under that input. */
const listInputs = new Set(['addressLines', 'languages']);

export async function updateAuthority(id: string, update: AuthorityDataUpdate): Promise<AuthorityDetailRecord> {
  try {
    return await liaisonApi<AuthorityDetailRecord>(`/authorities/${encodeURIComponent(id)}`, { method: 'PATCH', body: update });
  } catch (error) {
    const errors = (error as HttpError).body?.errors as Record<string, unknown> | undefined;
    if (errors) {
      for (const [key, message] of Object.entries(errors)) {
        const [input, index] = key.split('.');
        if (!input || index === undefined || !listInputs.has(input) || typeof message !== 'string') continue;
        delete errors[key];
        errors[input] = typeof errors[input] === 'string' ? `${errors[input]} ${message}` : message;
      }
    }
    throw error;
  }
}
