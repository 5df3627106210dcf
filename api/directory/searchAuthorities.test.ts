import { authoritySearchQuerySchema } from '../../schema/authorityDirectory';
import { buildAuthoritySearch, escapeLike, searchConditions } from './searchAuthorities';

const query = (q: Record<string, unknown>) => authoritySearchQuerySchema.parse(q);
const placeholderCount = (sql: string) => (sql.match(/\?/g) ?? []).length;

describe('building the directory search', () => {
  it('without criteria matches every authority', () => {
    expect(searchConditions(query({}))).toEqual({ sql: 'true', params: [] });
  });

  it('ANDs the simple criteria', () => {
    expect(searchConditions(query({ country: 'FR', status: 'active', kind: 'CA' }))).toEqual({
      sql: 'a.country_code = ? and a.status = ? and a.kind = ?',
      params: ['FR', 'active', 'CA'],
    });
  });

  it('exact mode: one LIKE on the lower-cased, accented text, wildcards escaped', () => {
    const { sql, params } = searchConditions(query({ q: 'PRÉFECTURE 50%', mode: 'exact' }));
    expect(sql).toBe('a.exact_text like ?');
    expect(params).toEqual(['%préfecture 50\\%%']);
  });

  it('words mode: one LIKE per distinct word on the accent-free text', () => {
    const { sql, params } = searchConditions(query({ q: 'Préfecture  Paris préfecture' }));
    expect(sql).toBe('a.search_text like ? and a.search_text like ?');
    expect(params).toEqual(['%prefecture%', '%paris%']);
  });

  it('keywords: any of them in any area', () => {
    const { sql, params } = searchConditions(query({ keyword: 'services-tourism,services-retail-trade' }));
    expect(sql).toContain('k.code in (?, ?)');
    expect(params).toEqual(['services-tourism', 'services-retail-trade']);
  });

  it('NACE and policy area: the code, those below and above it, and horizontal competence unless excluded', () => {
    const withHorizontal = searchConditions(query({ nace: 'G' }));
    expect(withHorizontal.sql).toMatch(/^\(a\.horizontal_competence or exists \(select 1 from authority_competence ac where ac\.authority_id = a\.id and ac\.nace_code in \(with recursive below/);
    expect(withHorizontal.params).toEqual(['G', 'G']);
    const without = searchConditions(query({ policyArea: 'single-market', includeHorizontal: 'false' }));
    expect(without.sql).not.toContain('horizontal_competence');
    expect(without.sql).toContain('ac.policy_area_code in (with recursive below(code) as (select ?::varchar union select t.code from ref_policy_area t');
  });

  it('every criterion together keeps placeholders and parameters in step', () => {
    const { sql, params } = searchConditions(
      query({ q: 'a b c', country: 'DE', area: 'services', keyword: ['x', 'y'], nace: '47', policyArea: 'energy', status: 'active', kind: 'CA' }),
    );
    expect(placeholderCount(sql)).toBe(params.length);
  });

  it('pages and sorts: by name, or by country then name; the count has no paging', () => {
    const byName = buildAuthoritySearch(query({ country: 'DK', page: 3, perPage: 10, order: 'DESC' }));
    expect(byName.page.sql).toMatch(/order by a\.official_name desc, a\.id asc limit \? offset \?$/);
    expect(byName.page.params).toEqual(['DK', 10, 20]);
    expect(byName.count).toEqual({ sql: 'select count(*)::int as total from authority a where a.country_code = ?', params: ['DK'] });
    expect(buildAuthoritySearch(query({ sort: 'country' })).page.sql).toContain('order by a.country_code asc, a.official_name asc, a.id asc');
  });

  it('escapes LIKE wildcards and the escape character', () => {
    expect(escapeLike('50%_a\\b')).toBe('50\\%\\_a\\\\b');
  });
});
