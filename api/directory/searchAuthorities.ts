import type { EntityManager } from '@mikro-orm/postgresql';
import type { AuthorityKind, AuthorityStatus } from '../../schema/authority';
import {
  normaliseForExact,
  queryWords,
  type AuthorityList,
  type AuthoritySearchQuery,
  type AuthoritySummary,
} from '../../schema/authorityDirectory';

/** One SQL statement with `?` placeholders, as MikroORM's `execute` takes it. */
export interface SqlStatement {
  sql: string;
  params: unknown[];
}

/** `%`, `_` and `\` match literally inside a LIKE pattern. */
export const escapeLike = (text: string) => text.replace(/[\\%_]/g, (ch) => '\\' + ch);

const placeholders = (values: readonly unknown[]) => values.map(() => '?').join(', ');

/**
 * Codes of a hierarchical reference table that count as the same competence as `?`: itself, all
 * below it and all above it (an authority registered on a division is found by its section, and
 * one registered on a section by any of its divisions).
 */
const relatedCodes = (table: 'ref_nace_code' | 'ref_policy_area') =>
  `with recursive below(code) as (select ?::varchar union select t.code from ${table} t join below b on t.parent_code = b.code),` +
  ` above(code) as (select ?::varchar union select t.parent_code from ${table} t join above u on t.code = u.code where t.parent_code is not null)` +
  ` select code from below union select code from above`;

/** Who is searching, as far as visibility goes. */
export interface DirectoryViewer {
  seesAllRegistrations: boolean;
  /** The viewer's authority when the viewer is one of its data administrators. */
  validatingCoordinatorId?: string;
}
const everything: DirectoryViewer = { seesAllRegistrations: true };

/** The WHERE conditions of a search, every one of which must hold. */
export function searchConditions(query: AuthoritySearchQuery, viewer: DirectoryViewer = everything): SqlStatement {
  const conditions: string[] = [];
  const params: unknown[] = [];
  const add = (sql: string, ...values: unknown[]) => {
    conditions.push(sql);
    params.push(...values);
  };

  if (!viewer.seesAllRegistrations) {
    // A registration awaiting validation (or rejected) is visible only to the data
    // administrators of the coordinator that invited it (domain §3).
    if (viewer.validatingCoordinatorId) add(`(a.status not in ('registration-requested', 'registration-rejected') or a.validating_coordinator_id = ?)`, viewer.validatingCoordinatorId);
    else add(`a.status not in ('registration-requested', 'registration-rejected')`);
  }

  if (query.country) add('a.country_code = ?', query.country);
  if (query.status) add('a.status = ?', query.status);
  if (query.kind) add('a.kind = ?', query.kind);
  if (query.area) add('exists (select 1 from authority_area aa where aa.authority_id = a.id and aa.area_code = ?)', query.area);
  if (query.keyword?.length) {
    add(
      `exists (select 1 from authority_area aa cross join jsonb_array_elements_text(aa.keywords) as k(code) where aa.authority_id = a.id and k.code in (${placeholders(query.keyword)}))`,
      ...query.keyword,
    );
  }
  const horizontal = query.includeHorizontal === 'true' ? 'a.horizontal_competence or ' : '';
  if (query.nace) {
    add(`(${horizontal}exists (select 1 from authority_competence ac where ac.authority_id = a.id and ac.nace_code in (${relatedCodes('ref_nace_code')})))`, query.nace, query.nace);
  }
  if (query.policyArea) {
    add(
      `(${horizontal}exists (select 1 from authority_competence ac where ac.authority_id = a.id and ac.policy_area_code in (${relatedCodes('ref_policy_area')})))`,
      query.policyArea,
      query.policyArea,
    );
  }
  if (query.q !== undefined) {
    if (query.mode === 'exact') {
      // exact_text is lower-cased with accents kept, so LIKE on the lower-cased query is IMI's
      // case-insensitive, accent-sensitive match whatever the database's locale.
      add('a.exact_text like ?', `%${escapeLike(normaliseForExact(query.q))}%`);
    } else {
      for (const word of queryWords(query.q)) add('a.search_text like ?', `%${escapeLike(word)}%`);
    }
  }
  return { sql: conditions.length ? conditions.join(' and ') : 'true', params };
}

const orderBy = (query: AuthoritySearchQuery) => {
  const direction = query.order === 'DESC' ? 'desc' : 'asc';
  return query.sort === 'country' ? `a.country_code ${direction}, a.official_name asc, a.id asc` : `a.official_name ${direction}, a.id asc`;
};

/** The statements of one search: a page of authorities and the total count. */
export function buildAuthoritySearch(query: AuthoritySearchQuery, viewer: DirectoryViewer = everything): { page: SqlStatement; count: SqlStatement } {
  const where = searchConditions(query, viewer);
  return {
    page: {
      sql:
        'select a.id, a.country_code, a.kind, a.region, a.official_name, a.informal_title, a.city, a.status, a.horizontal_competence' +
        ` from authority a where ${where.sql} order by ${orderBy(query)} limit ? offset ?`,
      params: [...where.params, query.perPage, (query.page - 1) * query.perPage],
    },
    count: { sql: `select count(*)::int as total from authority a where ${where.sql}`, params: where.params },
  };
}

interface AuthorityRow {
  id: string;
  country_code: string;
  kind: AuthorityKind;
  region: string | null;
  official_name: string;
  informal_title: Record<string, string>;
  city: string;
  status: AuthorityStatus;
  horizontal_competence: boolean;
}

/** Runs a search against PostgreSQL: one page of summaries and the total. */
export async function searchAuthorities(em: EntityManager, query: AuthoritySearchQuery, viewer: DirectoryViewer = everything): Promise<AuthorityList> {
  const { page, count } = buildAuthoritySearch(query, viewer);
  const connection = em.getConnection();
  const [rows, [{ total }]] = await Promise.all([
    connection.execute<AuthorityRow[]>(page.sql, page.params),
    connection.execute<{ total: number }[]>(count.sql, count.params),
  ]);
  const areas = new Map<string, string[]>();
  if (rows.length > 0) {
    const areaRows = await connection.execute<{ authority_id: string; area_code: string }[]>(
      `select aa.authority_id, aa.area_code from authority_area aa join ref_legislation_area la on la.code = aa.area_code where aa.authority_id in (${placeholders(rows)}) order by la.position, la.code`,
      rows.map((r) => r.id),
    );
    for (const r of areaRows) (areas.get(r.authority_id) ?? areas.set(r.authority_id, []).get(r.authority_id)!).push(r.area_code);
  }
  const data: AuthoritySummary[] = rows.map((r) => ({
    id: r.id,
    countryCode: r.country_code,
    kind: r.kind,
    region: r.region,
    officialName: r.official_name,
    informalTitle: r.informal_title,
    city: r.city,
    status: r.status,
    horizontalCompetence: r.horizontal_competence,
    areas: areas.get(r.id) ?? [],
  }));
  return { data, total };
}
