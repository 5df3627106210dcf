import { useMemo } from 'react';
import { useGetList } from 'react-admin';
import type { ReferenceKind } from '../../../schema/referenceDataApi';
import type { ReferenceRecord } from './referenceDataProvider';

const nameOf = (row: ReferenceRecord): string => {
  const r = row as Record<string, unknown>;
  return String(r.name ?? r.nameEn ?? row.id);
};

/** code → name (in the console's language) of one kind of reference data. */
export function useReferenceNames(kind: ReferenceKind): Map<string, string> {
  const { data } = useGetList<ReferenceRecord>(kind, { pagination: { page: 1, perPage: 10_000 } });
  return useMemo(() => new Map((data ?? []).map((row) => [row.id, nameOf(row)])), [data]);
}
