/**
 * The authority directory through the real HTTP API on the migrated database: the demo
 * authorities are loaded, then found by IMI's exact free text, by Liaison's all-words free text
 * and by every filter, page by page; one is read with all its data.
 */
import type { MikroORM } from '@mikro-orm/postgresql';
import type { AuthorityDetail, AuthorityList } from '../schema/authorityDirectory';
import { demoAuthorityIds as ids, loadDemoAuthorities } from '../schema/demoAuthorities';
import { openTestOrm, startTestApi } from './stack';

interface ErrorBody {
  error: { code: string; message: string; fields?: Record<string, string[]> };
}

let api: Awaited<ReturnType<typeof startTestApi>>;
let orm: MikroORM;

beforeAll(async () => {
  orm = await openTestOrm();
  await loadDemoAuthorities(orm);
  api = await startTestApi({ withWorker: false });
}, 60_000);

afterAll(async () => {
  await api?.close();
  await orm?.close();
});

async function get<T>(route: string, token: string | null = api.token): Promise<{ status: number; body: T & Partial<ErrorBody> }> {
  const response = await fetch(`${api.url}${route}`, { headers: token === null ? {} : { authorization: `Bearer ${token}` } });
  return { status: response.status, body: (await response.json()) as T & Partial<ErrorBody> };
}

/** Ids found by a search (all on one page). */
async function found(query: string): Promise<string[]> {
  const { status, body } = await get<AuthorityList>(`/api/authorities?perPage=100&${query}`);
  expect(status).toBe(200);
  return body.data.map((a) => a.id);
}

describe('the authority directory', () => {
  it('loads the demo authorities idempotently', async () => {
    expect(await loadDemoAuthorities(orm)).toEqual({ inserted: 0, existing: 16 });
  });

  it('exact mode is IMI\'s: case-insensitive but accent-sensitive', async () => {
    expect(await found(`mode=exact&q=${encodeURIComponent('préfecture')}`)).toContain(ids.prefecturePolice);
    expect(await found(`mode=exact&q=${encodeURIComponent('PRÉFECTURE DE POLICE')}`)).toContain(ids.prefecturePolice);
    expect(await found('mode=exact&q=prefecture')).not.toContain(ids.prefecturePolice);
    // A phrase must occur as typed, not word by word.
    expect(await found('mode=exact&q=police%20paris')).not.toContain(ids.prefecturePolice);
  });

  it('exact mode searches informal titles in every language and the description', async () => {
    expect(await found('mode=exact&q=Federal%20Network%20Agency')).toEqual([ids.bundesnetzagentur]);
    expect(await found(`mode=exact&q=${encodeURIComponent('transport de fonds')}`)).toEqual([ids.prefecturePolice]);
  });

  it('words mode ignores accents and case and wants every word somewhere, in any language', async () => {
    expect(await found('q=prefecture%20paris')).toContain(ids.prefecturePolice);
    expect(await found('q=prefecture%20berlin')).toEqual([]);
    expect(await found('q=lansstyrelsen%20STOCKHOLM')).toEqual([ids.lansstyrelsenStockholm]);
    // German name, English informal title: the words come from different languages.
    expect(await found(`q=${encodeURIComponent('Elektrizität agency')}`)).toEqual([ids.bundesnetzagentur]);
    expect(await found('q=bundesnetzagentur%20fur%20eisenbahnen')).toEqual([ids.bundesnetzagentur]);
  });

  it('filters by country, area, keyword and status', async () => {
    const france = await found('country=FR');
    expect(france).toEqual(expect.arrayContaining([ids.frNimic, ids.frLimicServices, ids.prefecturePolice, ids.dgccrf]));
    expect(france).not.toContain(ids.erhvervsstyrelsen);

    const euroCash = await found('area=euro-cash-transport');
    expect(euroCash).toEqual(expect.arrayContaining([ids.prefecturePolice, ids.dkNimic, ids.deNimic]));
    expect(euroCash).not.toContain(ids.dgccrf);

    const security = await found('keyword=services-private-security&kind=CA');
    expect(security).toEqual(expect.arrayContaining([ids.prefecturePolice, ids.laboBerlin, ids.lansstyrelsenStockholm]));
    expect(security).not.toContain(ids.erhvervsstyrelsen);
    expect(await found('keyword=pq-doctors&keyword=services-consumer-protection&kind=CA')).toEqual(
      expect.arrayContaining([ids.patientsikkerhed, ids.socialstyrelsen, ids.dgccrf]),
    );

    expect(await found('country=SE&status=registration-requested')).toEqual([ids.socialstyrelsen]);
  });

  it('a NACE section finds authorities registered on one of its divisions, and horizontal ones unless excluded', async () => {
    // Section G (trade); the Berlin office is registered on division 47 (retail), Erhvervsstyrelsen on G itself.
    const trade = await found('nace=G&includeHorizontal=false');
    expect(trade).toEqual(expect.arrayContaining([ids.laboBerlin, ids.erhvervsstyrelsen, ids.dgccrf]));
    expect(trade).not.toContain(ids.bundesnetzagentur);
    expect(trade).not.toContain(ids.lansstyrelsenStockholm);
    expect(await found('nace=G')).toEqual(expect.arrayContaining([ids.lansstyrelsenStockholm, ids.dkNimic]));
    // A division finds those registered on its section.
    expect(await found('nace=47&country=DK&includeHorizontal=false')).toEqual(expect.arrayContaining([ids.erhvervsstyrelsen]));
    expect(await found('nace=61&includeHorizontal=false')).toEqual([ids.bundesnetzagentur]);
  });

  it('filters by policy area, its sub-areas included', async () => {
    const consumers = await found('policyArea=consumers&includeHorizontal=false');
    expect(consumers).toContain(ids.dgccrf); // registered on the sub-area product-safety
    expect(consumers).not.toContain(ids.prefecturePolice);
    expect(await found('policyArea=energy&country=DE&includeHorizontal=false')).toEqual([ids.bundesnetzagentur]);
  });

  it('pages and sorts, with the total on every page', async () => {
    const all = await get<AuthorityList>('/api/authorities?country=DE&perPage=100');
    const first = await get<AuthorityList>('/api/authorities?country=DE&perPage=2&page=1');
    const second = await get<AuthorityList>('/api/authorities?country=DE&perPage=2&page=2');
    expect(all.body.total).toBeGreaterThanOrEqual(4);
    expect(first.body.total).toBe(all.body.total);
    expect(second.body.total).toBe(all.body.total);
    expect([...first.body.data, ...second.body.data].map((a) => a.id)).toEqual(all.body.data.slice(0, 4).map((a) => a.id));
    const demoIds = new Set<string>(Object.values(ids));
    const names = all.body.data.filter((a) => demoIds.has(a.id)).map((a) => a.officialName);
    expect(names).toEqual([
      'Bundesministerium für Wirtschaft und Energie — Koordinator Dienstleistungsrichtlinie (LIMIC)',
      'Bundesministerium für Wirtschaft und Energie — nationaler IMI-Koordinator (NIMIC)',
      'Bundesnetzagentur für Elektrizität, Gas, Telekommunikation, Post und Eisenbahnen',
      'Landesamt für Bürger- und Ordnungsangelegenheiten Berlin',
    ]);

    const byCountry = await get<AuthorityList>('/api/authorities?kind=NIMIC&sort=country&order=DESC&perPage=100');
    const countries = byCountry.body.data.map((a) => a.countryCode);
    expect(countries).toEqual([...countries].sort().reverse());
    expect(byCountry.body.data.find((a) => a.id === ids.seNimic)).toMatchObject({ kind: 'NIMIC', horizontalCompetence: true, status: 'active' });

    const beyond = await get<AuthorityList>(`/api/authorities?country=DE&perPage=100&page=9`);
    expect(beyond.body).toEqual({ data: [], total: all.body.total });
  });

  it('answers a search with summaries', async () => {
    const { body } = await get<AuthorityList>('/api/authorities?mode=exact&q=Landesamt');
    expect(body.data.find((a) => a.id === ids.laboBerlin)).toEqual({
      id: ids.laboBerlin,
      countryCode: 'DE',
      kind: 'CA',
      region: 'Berlin',
      officialName: 'Landesamt für Bürger- und Ordnungsangelegenheiten Berlin',
      informalTitle: expect.objectContaining({ de: 'Gewerbeamt Berlin', en: 'Berlin trade licensing office' }),
      city: 'Berlin',
      status: 'active',
      horizontalCompetence: false,
      areas: ['services'],
    });
  });

  it('reads one authority with its areas, workflows, flags (defaults filled in), competences and linked coordinators', async () => {
    const { status, body } = await get<AuthorityDetail>(`/api/authorities/${ids.prefecturePolice}`);
    expect(status).toBe(200);
    expect(body).toMatchObject({
      officialName: 'Préfecture de police de Paris',
      countryCode: 'FR',
      kind: 'CA',
      descriptionLanguage: 'fr',
      contactEmail: 'contact@prefpolice.example.fr',
      validatingCoordinator: { id: ids.frLimicServices, kind: 'LIMIC' },
      competence: { naceCodes: ['80'], policyAreaCodes: ['borders-security', 'justice-rights'] },
    });
    expect(body.areas.map((a) => a.area)).toEqual(['services', 'euro-cash-transport']);
    const [services, euroCash] = body.areas;
    expect(services).toMatchObject({ status: 'active', role: 'CA', keywords: ['services-private-security'], accessCoordinator: { id: ids.frLimicServices } });
    // Only approvalRequired is stored; every other flag has the manual's default.
    expect(services.flags).toEqual({
      ca: { approvalRequired: true, mayRejectForCountry: false, mayAcceptFromOtherCountries: true },
      coordinator: { takesPartInReferrals: true, approvesRequests: false, approvesAnswers: false, usesAllocation: false },
      alerts: { finalApproval: false },
    });
    expect(services.workflows).toEqual([
      { workflow: 'requests', status: 'active', previousStatus: null, roles: ['authority'], linkedCoordinators: [expect.objectContaining({ id: ids.frLimicServices })] },
      { workflow: 'alerts', status: 'active', previousStatus: null, roles: ['alert-authority'], linkedCoordinators: [expect.objectContaining({ id: ids.frLimicServices })] },
    ]);
    expect(euroCash.flags.ca).toEqual({ approvalRequired: false, mayRejectForCountry: false, mayAcceptFromOtherCountries: true });
    expect(euroCash.workflows[0].linkedCoordinators.map((c) => c.id)).toEqual([ids.frNimic]);
  });

  it('gives a NIMIC every area, every keyword and horizontal competence', async () => {
    const { body } = await get<AuthorityDetail>(`/api/authorities/${ids.dkNimic}`);
    expect(body.horizontalCompetence).toBe(true);
    expect(body.areas.map((a) => a.area)).toEqual(['services', 'professional-qualifications', 'posting-of-workers', 'patients-rights', 'euro-cash-transport', 'solvit']);
    expect(body.areas[0].keywords).toContain('services-tourism');
    expect(body.areas[0].workflows.map((w) => [w.workflow, w.roles])).toEqual([
      ['requests', ['request-coordinator']],
      ['alerts', ['alert-coordinator', 'alert-mailbox']],
    ]);
  });

  it('answers 404 for an unknown id and 400 for a malformed one', async () => {
    const unknown = await get(`/api/authorities/00000000-0000-4000-8000-000000000000`);
    expect(unknown.status).toBe(404);
    expect(unknown.body.error?.code).toBe('not_found');
    const malformed = await get(`/api/authorities/not-a-uuid`);
    expect(malformed.status).toBe(400);
    expect(malformed.body.error?.fields).toEqual({ id: ['must be an authority id (uuid)'] });
  });

  it('answers 400 with a message per field for bad query values', async () => {
    const malformed = await get('/api/authorities?country=france&nace=G47&mode=fuzzy&perPage=1000&q=%21%21');
    expect(malformed.status).toBe(400);
    expect(malformed.body.error).toMatchObject({ code: 'validation_failed' });
    expect(Object.keys(malformed.body.error!.fields!).sort()).toEqual(['country', 'mode', 'nace', 'perPage']);
    expect(malformed.body.error!.fields!.country).toEqual(['must be a two-letter country code such as DK']);

    const noWords = await get('/api/authorities?q=%21%21');
    expect(noWords.body.error?.fields).toEqual({ q: ['must contain at least one letter or digit'] });

    const unknownCodes = await get('/api/authorities?country=XX&area=tax-law&keyword=services-tourism,nope&nace=04&policyArea=space');
    expect(unknownCodes.status).toBe(400);
    expect(Object.keys(unknownCodes.body.error!.fields!).sort()).toEqual(['area', 'country', 'keyword', 'nace', 'policyArea']);
  });

  it('is described in the OpenAPI document', async () => {
    const doc = await get<{ paths: Record<string, unknown>; components: { schemas: Record<string, unknown> } }>('/api/openapi.json');
    expect(Object.keys(doc.body.paths)).toEqual(expect.arrayContaining(['/api/authorities', '/api/authorities/{id}']));
    expect(Object.keys(doc.body.components.schemas)).toEqual(expect.arrayContaining(['AuthorityList', 'AuthorityDetail', 'WorkflowFlags']));
  });

  it('is behind authentication', async () => {
    expect((await get('/api/authorities', null)).status).toBe(401);
  });
});
