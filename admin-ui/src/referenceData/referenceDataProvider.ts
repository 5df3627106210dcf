import type { GetListParams, GetListResult } from 'react-admin';
import type { ReferenceKind, ReferenceView } from '../../../schema/referenceDataApi';
import { i18nProvider } from '../i18n/i18nProvider';
import { liaisonApi } from '../liaisonApi';

export const referenceResources = ['countries', 'languages', 'legislation-areas', 'nace-codes', 'policy-areas', 'question-sets'] as const satisfies readonly ReferenceKind[];
export const isReferenceResource = (resource: string): resource is ReferenceKind => (referenceResources as readonly string[]).includes(resource);

/** A row as react-admin holds it: its code is its id. */
export type ReferenceRecord<K extends ReferenceKind = ReferenceKind> = ReferenceView[K] & { id: string };

/**
 * Reference data is small and rarely changes: each kind is fetched once per language (texts in the
 * console's language) and searched, sorted and paged here.
 */
const cache = new Map<string, Promise<ReferenceRecord[]>>();

function rows<K extends ReferenceKind>(kind: K): Promise<ReferenceRecord<K>[]> {
  const lang = i18nProvider.getLocale();
  const key = `${kind}/${lang}`;
  let hit = cache.get(key);
  if (!hit) {
    hit = liaisonApi<{ data: ReferenceView[K][] }>(`/reference/${kind}`, { query: { lang } }).then((r) =>
      r.data.map((row) => ({ ...row, id: row.code }) as ReferenceRecord),
    );
    hit.catch(() => cache.delete(key));
    cache.set(key, hit);
  }
  return hit as unknown as Promise<ReferenceRecord<K>[]>;
}

/** Every text of a row, for the free-text filter. */
const haystack = (row: ReferenceRecord): string =>
  JSON.stringify(row)
    .normalize('NFD')
    .replace(/\p{M}+/gu, '')
    .toLowerCase();
const fold = (text: string) => text.normalize('NFD').replace(/\p{M}+/gu, '').toLowerCase().trim();

export async function listReference(kind: ReferenceKind, params: GetListParams): Promise<GetListResult<ReferenceRecord>> {
  const all = await rows(kind);
  const filter = params.filter ?? {};
  let data = all.filter((row) => {
    for (const [field, value] of Object.entries(filter)) {
      if (value === undefined || value === null || value === '') continue;
      if (field === 'q') {
        if (!fold(String(value)).split(/\s+/).every((word) => haystack(row).includes(word))) return false;
      } else if (field === 'id') {
        const ids = (Array.isArray(value) ? value : [value]).map(String);
        if (!ids.includes(row.id)) return false;
      } else if (String((row as Record<string, unknown>)[field]) !== String(value)) {
        return false;
      }
    }
    return true;
  });
  const sortField = params.sort?.field;
  if (sortField && sortField !== 'id' && data.length && sortField in data[0]) {
    const direction = params.sort?.order === 'DESC' ? -1 : 1;
    data = [...data].sort((a, b) => {
      const x = (a as Record<string, unknown>)[sortField];
      const y = (b as Record<string, unknown>)[sortField];
      return (typeof x === 'number' && typeof y === 'number' ? x - y : String(x).localeCompare(String(y))) * direction;
    });
  }
  const page = params.pagination?.page ?? 1;
  const perPage = params.pagination?.perPage ?? 25;
  return { data: data.slice((page - 1) * perPage, page * perPage), total: data.length };
}

export async function getReference(kind: ReferenceKind, id: string): Promise<ReferenceRecord> {
  const row = (await rows(kind)).find((r) => r.id === id);
  if (!row) throw new Error('liaison.error.not_found');
  return row;
}

/** Every area keyword with its area, for the authorities' keyword filter. */
export async function areaKeywords(): Promise<{ id: string; name: string; area: string }[]> {
  const areas = await rows('legislation-areas');
  return areas.flatMap((a) => a.keywords.map((k) => ({ id: k.code, name: k.label, area: a.name })));
}
