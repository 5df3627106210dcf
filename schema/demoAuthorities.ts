import type { MikroORM } from '@mikro-orm/postgresql';
import type { AccessStatus, AuthorityKind, AuthorityStatus, ContentRole, Workflow } from './authority';
import { authorityExactText, authoritySearchText } from './authorityDirectory';
import { Authority, AuthorityArea, AuthorityCompetence, AuthorityWorkflow, LinkedCoordinator } from './entities/authority';
import type { StoredWorkflowFlags } from './entities/authority/authorityArea';
import { AreaKeyword, LegislationArea } from './entities/reference';

/**
 * Demo authorities so a fresh `npm start` has a directory to search: per country (DK, DE, FR, SE)
 * a NIMIC, a LIMIC for Services and competent authorities with accented names and informal
 * titles in several languages. Fixed ids make loading idempotent: an authority already there is
 * left as it is.
 */

interface DemoArea {
  area: string;
  role: AuthorityKind;
  status?: AccessStatus;
  /** Keyword codes; `'all'` for every keyword of the area (NIMIC). */
  keywords: string[] | 'all';
  flags?: StoredWorkflowFlags;
  workflows: { workflow: Workflow; roles: ContentRole[]; status?: AccessStatus; linkedTo?: string[] }[];
  accessCoordinator?: string;
}

interface DemoAuthority {
  id: string;
  countryCode: string;
  kind: AuthorityKind;
  region?: string;
  officialName: string;
  informalTitle: Record<string, string>;
  description?: string;
  descriptionLanguage?: string;
  languages: string[];
  addressLines: string[];
  postcode: string;
  city: string;
  phone?: string;
  website?: string;
  contactEmail: string;
  horizontalCompetence?: boolean;
  status?: AuthorityStatus;
  validatingCoordinator?: string;
  nace?: string[];
  policyAreas?: string[];
  areas: DemoArea[] | 'all';
}

/** `7d1e0000-0000-4000-8000-<country><n>`: readable, fixed, valid v4-shaped uuids. */
const countryNumbers: Record<string, string> = { DK: '45', DE: '49', FR: '33', SE: '46' };
export const demoAuthorityId = (country: string, n: number) => `7d1e0000-0000-4000-8000-0000${countryNumbers[country]}${String(n).padStart(6, '0')}`;
const id = demoAuthorityId;

/** Ids of the demo authorities the tests and the console refer to. */
export const demoAuthorityIds = {
  dkNimic: id('DK', 1),
  dkLimicServices: id('DK', 2),
  erhvervsstyrelsen: id('DK', 3),
  patientsikkerhed: id('DK', 4),
  deNimic: id('DE', 1),
  deLimicServices: id('DE', 2),
  bundesnetzagentur: id('DE', 3),
  laboBerlin: id('DE', 4),
  frNimic: id('FR', 1),
  frLimicServices: id('FR', 2),
  prefecturePolice: id('FR', 3),
  dgccrf: id('FR', 4),
  seNimic: id('SE', 1),
  seLimicServices: id('SE', 2),
  lansstyrelsenStockholm: id('SE', 3),
  socialstyrelsen: id('SE', 4),
} as const;

const servicesLimic = (country: string, name: string, informalTitle: Record<string, string>, extra: Pick<DemoAuthority, 'languages' | 'addressLines' | 'postcode' | 'city' | 'contactEmail' | 'website'>): DemoAuthority => ({
  id: id(country, 2),
  countryCode: country,
  kind: 'LIMIC',
  officialName: name,
  informalTitle,
  validatingCoordinator: id(country, 1),
  nace: ['G', 'N'],
  policyAreas: ['services-and-establishment'],
  areas: [
    {
      area: 'services',
      role: 'LIMIC',
      keywords: ['services-business-registration', 'services-authorisation-schemes'],
      accessCoordinator: id(country, 1),
      workflows: [
        { workflow: 'requests', roles: ['request-coordinator'] },
        { workflow: 'alerts', roles: ['alert-coordinator', 'alert-mailbox'] },
      ],
    },
  ],
  ...extra,
});

/** A CA's Services access: requests and alerts, linked to the country's Services LIMIC. */
const servicesAsCa = (country: string, keywords: string[], flags?: DemoArea['flags']): DemoArea => ({
  area: 'services',
  role: 'CA',
  keywords,
  flags,
  accessCoordinator: id(country, 2),
  workflows: [
    { workflow: 'requests', roles: ['authority'], linkedTo: [id(country, 2)] },
    { workflow: 'alerts', roles: ['alert-authority'], linkedTo: [id(country, 2)] },
  ],
});

/** A CA's access to a requests-only area, linked to the NIMIC as request coordinator. */
const requestsAsCa = (country: string, area: string, keywords: string[], status: AccessStatus = 'active'): DemoArea => ({
  area,
  role: 'CA',
  status,
  keywords,
  accessCoordinator: id(country, 1),
  workflows: [{ workflow: 'requests', roles: ['authority'], status, linkedTo: [id(country, 1)] }],
});

export const demoAuthorities: DemoAuthority[] = [
  // Denmark
  {
    id: id('DK', 1), countryCode: 'DK', kind: 'NIMIC', officialName: 'Erhvervsministeriet — national IMI-koordinator (NIMIC)',
    informalTitle: { da: 'Dansk IMI-koordinator', en: 'Danish IMI coordinator', de: 'Dänischer IMI-Koordinator', fr: 'Coordinateur IMI danois' },
    languages: ['da', 'en'], addressLines: ['Slotsholmsgade 10-12'], postcode: '1216', city: 'København K', contactEmail: 'imi@em.example.dk', website: 'https://em.example.dk', areas: 'all',
  },
  servicesLimic('DK', 'Erhvervsstyrelsen — koordinator for servicedirektivet (LIMIC)', { da: 'Servicedirektivets koordinator', en: 'Services Directive coordinator (Denmark)' }, {
    languages: ['da', 'en'], addressLines: ['Langelinie Allé 17'], postcode: '2100', city: 'København Ø', contactEmail: 'imi-services@erst.example.dk', website: 'https://erst.example.dk',
  }),
  {
    id: id('DK', 3), countryCode: 'DK', kind: 'CA', officialName: 'Erhvervsstyrelsen',
    informalTitle: { da: 'Erhvervsstyrelsen', en: 'Danish Business Authority', de: 'Dänische Behörde für Unternehmen', fr: 'Autorité danoise des entreprises', sv: 'Danska näringslivsstyrelsen' },
    description: 'Styrelse under Erhvervsministeriet: virksomhedsregistrering, tilladelser og tilsyn med erhvervslivet.', descriptionLanguage: 'da',
    languages: ['da', 'en', 'de'], addressLines: ['Langelinie Allé 17'], postcode: '2100', city: 'København Ø', phone: '+45 35 29 10 00', website: 'https://erst.example.dk', contactEmail: 'kontakt@erst.example.dk',
    validatingCoordinator: id('DK', 2), nace: ['G', '69'], policyAreas: ['single-market', 'company-law'],
    areas: [servicesAsCa('DK', ['services-business-registration', 'services-retail-trade'])],
  },
  {
    id: id('DK', 4), countryCode: 'DK', kind: 'CA', officialName: 'Styrelsen for Patientsikkerhed',
    informalTitle: { da: 'Patientsikkerhed', en: 'Danish Patient Safety Authority', de: 'Dänische Behörde für Patientensicherheit', fr: 'Autorité danoise de sécurité des patients' },
    description: 'Autorisation af sundhedspersoner og tilsyn med behandlingssteder.', descriptionLanguage: 'da',
    languages: ['da', 'en'], addressLines: ['Islands Brygge 67'], postcode: '2300', city: 'København S', contactEmail: 'stps@stps.example.dk',
    validatingCoordinator: id('DK', 1), nace: ['86'], policyAreas: ['cross-border-healthcare'],
    areas: [requestsAsCa('DK', 'professional-qualifications', ['pq-doctors', 'pq-nurses', 'pq-dentists']), requestsAsCa('DK', 'patients-rights', ['pr-right-to-practise'])],
  },
  // Germany
  {
    id: id('DE', 1), countryCode: 'DE', kind: 'NIMIC', officialName: 'Bundesministerium für Wirtschaft und Energie — nationaler IMI-Koordinator (NIMIC)',
    informalTitle: { de: 'Deutscher IMI-Koordinator', en: 'German IMI coordinator', fr: 'Coordinateur IMI allemand', da: 'Tysk IMI-koordinator' },
    languages: ['de', 'en'], addressLines: ['Scharnhorststraße 34-37'], postcode: '10115', city: 'Berlin', contactEmail: 'imi@bmwe.example.de', areas: 'all',
  },
  servicesLimic('DE', 'Bundesministerium für Wirtschaft und Energie — Koordinator Dienstleistungsrichtlinie (LIMIC)', { de: 'Koordinator Dienstleistungsrichtlinie', en: 'Services Directive coordinator (Germany)' }, {
    languages: ['de', 'en'], addressLines: ['Scharnhorststraße 34-37'], postcode: '10115', city: 'Berlin', contactEmail: 'imi-dienstleistungen@bmwe.example.de', website: 'https://bmwe.example.de',
  }),
  {
    id: id('DE', 3), countryCode: 'DE', kind: 'CA', officialName: 'Bundesnetzagentur für Elektrizität, Gas, Telekommunikation, Post und Eisenbahnen',
    informalTitle: { de: 'Bundesnetzagentur', en: 'Federal Network Agency', fr: 'Agence fédérale des réseaux', da: 'Det tyske forbundsnetagentur' },
    description: 'Regulierungsbehörde für Energie, Telekommunikation, Post und Eisenbahnen; Aufsicht über den Wettbewerb in den Netzmärkten.', descriptionLanguage: 'de',
    languages: ['de', 'en', 'fr'], addressLines: ['Tulpenfeld 4'], postcode: '53113', city: 'Bonn', phone: '+49 228 14-0', website: 'https://bnetza.example.de', contactEmail: 'kontakt@bnetza.example.de',
    validatingCoordinator: id('DE', 1), nace: ['35', '53', '61'], policyAreas: ['energy', 'digital', 'transport'],
    areas: [servicesAsCa('DE', ['services-authorisation-schemes'])],
  },
  {
    id: id('DE', 4), countryCode: 'DE', kind: 'CA', region: 'Berlin', officialName: 'Landesamt für Bürger- und Ordnungsangelegenheiten Berlin',
    informalTitle: { de: 'Gewerbeamt Berlin', en: 'Berlin trade licensing office', fr: 'Office des métiers de Berlin', da: 'Erhvervskontoret i Berlin' },
    description: 'Gewerbeanmeldungen, Erlaubnisse für Bewachungsgewerbe und Einzelhandel im Land Berlin.', descriptionLanguage: 'de',
    languages: ['de', 'en'], addressLines: ['Friedrichstraße 219'], postcode: '10969', city: 'Berlin', contactEmail: 'gewerbe@labo.example.de',
    validatingCoordinator: id('DE', 2), nace: ['47', '80'], policyAreas: ['services-and-establishment'],
    areas: [servicesAsCa('DE', ['services-retail-trade', 'services-private-security'])],
  },
  // France
  {
    id: id('FR', 1), countryCode: 'FR', kind: 'NIMIC', officialName: 'Secrétariat général des affaires européennes — coordinateur national IMI (NIMIC)',
    informalTitle: { fr: 'Coordinateur IMI français', en: 'French IMI coordinator', de: 'Französischer IMI-Koordinator', da: 'Fransk IMI-koordinator' },
    languages: ['fr', 'en'], addressLines: ['68, rue de Bellechasse'], postcode: '75007', city: 'Paris', contactEmail: 'imi@sgae.example.fr', areas: 'all',
  },
  servicesLimic('FR', 'Direction générale des entreprises — coordinateur directive services (LIMIC)', { fr: 'Coordinateur directive services', en: 'Services Directive coordinator (France)' }, {
    languages: ['fr', 'en'], addressLines: ['61, boulevard Vincent Auriol'], postcode: '75013', city: 'Paris', contactEmail: 'imi-services@dge.example.fr', website: 'https://dge.example.fr',
  }),
  {
    id: id('FR', 3), countryCode: 'FR', kind: 'CA', officialName: 'Préfecture de police de Paris',
    informalTitle: { fr: 'Préfecture de police', en: 'Paris police headquarters', de: 'Polizeipräfektur Paris', da: 'Politipræfekturet i Paris', sv: 'Polisprefekturen i Paris' },
    description: 'Délivre les autorisations des activités privées de sécurité et de transport de fonds à Paris et dans la petite couronne.', descriptionLanguage: 'fr',
    languages: ['fr', 'en'], addressLines: ['9, boulevard du Palais'], postcode: '75004', city: 'Paris', phone: '+33 1 53 71 53 71', website: 'https://prefecturedepolice.example.fr', contactEmail: 'contact@prefpolice.example.fr',
    validatingCoordinator: id('FR', 2), nace: ['80'], policyAreas: ['borders-security', 'justice-rights'],
    areas: [
      servicesAsCa('FR', ['services-private-security'], { ca: { approvalRequired: true } }),
      requestsAsCa('FR', 'euro-cash-transport', ['ect-licences', 'ect-security-staff']),
    ],
  },
  {
    id: id('FR', 4), countryCode: 'FR', kind: 'CA', officialName: 'Direction générale de la concurrence, de la consommation et de la répression des fraudes',
    informalTitle: { fr: 'DGCCRF', en: 'Directorate-General for Competition, Consumer Affairs and Fraud Control', de: 'Generaldirektion für Wettbewerb, Verbraucherschutz und Betrugsbekämpfung', da: 'Det franske forbrugerdirektorat' },
    description: 'Veille au bon fonctionnement des marchés, à la protection économique et à la sécurité des consommateurs.', descriptionLanguage: 'fr',
    languages: ['fr', 'en'], addressLines: ['59, boulevard Vincent Auriol'], postcode: '75013', city: 'Paris', contactEmail: 'contact@dgccrf.example.fr',
    validatingCoordinator: id('FR', 2), nace: ['G'], policyAreas: ['product-safety', 'competition'],
    areas: [servicesAsCa('FR', ['services-consumer-protection'])],
  },
  // Sweden
  {
    id: id('SE', 1), countryCode: 'SE', kind: 'NIMIC', officialName: 'Kommerskollegium — nationell IMI-samordnare (NIMIC)',
    informalTitle: { sv: 'Svensk IMI-samordnare', en: 'Swedish IMI coordinator', de: 'Schwedischer IMI-Koordinator', fr: 'Coordinateur IMI suédois' },
    languages: ['sv', 'en'], addressLines: ['Drottninggatan 89'], postcode: '113 60', city: 'Stockholm', contactEmail: 'imi@kommerskollegium.example.se', areas: 'all',
  },
  servicesLimic('SE', 'Kommerskollegium — samordnare för tjänstedirektivet (LIMIC)', { sv: 'Samordnare tjänstedirektivet', en: 'Services Directive coordinator (Sweden)' }, {
    languages: ['sv', 'en'], addressLines: ['Drottninggatan 89'], postcode: '113 60', city: 'Stockholm', contactEmail: 'imi-tjanster@kommerskollegium.example.se', website: 'https://kommerskollegium.example.se',
  }),
  {
    id: id('SE', 3), countryCode: 'SE', kind: 'CA', officialName: 'Länsstyrelsen i Stockholms län',
    informalTitle: { sv: 'Länsstyrelsen Stockholm', en: 'Stockholm County Administrative Board', de: 'Provinzialregierung Stockholm', fr: 'Préfecture du comté de Stockholm', da: 'Länsstyrelsen i Stockholm' },
    description: 'Statlig myndighet i länet med tillstånd för bevakningsföretag, serveringstillstånd och tillsyn.', descriptionLanguage: 'sv',
    languages: ['sv', 'en'], addressLines: ['Hantverkargatan 29'], postcode: '112 21', city: 'Stockholm', contactEmail: 'stockholm@lansstyrelsen.example.se',
    horizontalCompetence: true, validatingCoordinator: id('SE', 2),
    areas: [servicesAsCa('SE', ['services-private-security', 'services-food-catering'])],
  },
  {
    id: id('SE', 4), countryCode: 'SE', kind: 'CA', officialName: 'Socialstyrelsen', status: 'registration-requested',
    informalTitle: { sv: 'Socialstyrelsen', en: 'National Board of Health and Welfare', de: 'Schwedisches Zentralamt für Gesundheits- und Sozialwesen', fr: 'Direction nationale de la santé et des affaires sociales' },
    description: 'Legitimation av hälso- och sjukvårdspersonal och erkännande av utländska yrkeskvalifikationer.', descriptionLanguage: 'sv',
    languages: ['sv', 'en'], addressLines: ['Rålambsvägen 3'], postcode: '106 30', city: 'Stockholm', contactEmail: 'socialstyrelsen@socialstyrelsen.example.se',
    validatingCoordinator: id('SE', 1), nace: ['86'], policyAreas: ['public-health'],
    areas: [requestsAsCa('SE', 'professional-qualifications', ['pq-doctors', 'pq-nurses'], 'requested')],
  },
];

/** Every area, every keyword, coordinator of requests (and the alert mailbox for Services): what a NIMIC has. */
function nimicAreas(areas: { code: string; workflows: Workflow[] }[], keywordsByArea: Map<string, string[]>): DemoArea[] {
  return areas.map((area) => ({
    area: area.code,
    role: 'NIMIC',
    keywords: keywordsByArea.get(area.code) ?? [],
    workflows: area.workflows.map((workflow) => ({ workflow, roles: workflow === 'requests' ? ['request-coordinator'] : ['alert-coordinator', 'alert-mailbox'] })),
  }));
}

/** Inserts the demo authorities that are not there yet, in one transaction. */
export async function loadDemoAuthorities(orm: MikroORM): Promise<{ inserted: number; existing: number }> {
  return orm.em.fork().transactional(async (em) => {
    await em.execute(`select pg_advisory_xact_lock(hashtext('liaison.demo-authorities'))`);
    const present = new Set((await em.find(Authority, { id: { $in: demoAuthorities.map((a) => a.id) } }, { fields: ['id'] })).map((a) => a.id));
    const legislationAreas = await em.find(LegislationArea, { retired: false }, { orderBy: { position: 'asc' } });
    const keywords = await em.find(AreaKeyword, { retired: false }, { orderBy: { position: 'asc' }, fields: ['code', 'area'] });
    const keywordsByArea = new Map<string, string[]>();
    for (const k of keywords) (keywordsByArea.get(k.area.code) ?? keywordsByArea.set(k.area.code, []).get(k.area.code)!).push(k.code);

    let inserted = 0;
    const now = new Date();
    for (const demo of demoAuthorities) {
      if (present.has(demo.id)) continue;
      const horizontal = demo.kind === 'NIMIC' || demo.kind === 'super-DIMIC' || !!demo.horizontalCompetence;
      const searchable = { officialName: demo.officialName, informalTitle: demo.informalTitle, description: demo.description, city: demo.city, region: demo.region };
      await em.insert(Authority, {
        id: demo.id,
        countryCode: demo.countryCode,
        kind: demo.kind,
        region: demo.region ?? null,
        officialName: demo.officialName,
        informalTitle: demo.informalTitle,
        description: demo.description ?? null,
        descriptionLanguage: demo.descriptionLanguage ?? null,
        languages: demo.languages,
        addressLines: demo.addressLines,
        postcode: demo.postcode,
        city: demo.city,
        phone: demo.phone ?? null,
        website: demo.website ?? null,
        contactEmail: demo.contactEmail,
        horizontalCompetence: horizontal,
        status: demo.status ?? 'active',
        validatingCoordinatorId: demo.validatingCoordinator ?? null,
        searchText: authoritySearchText(searchable),
        exactText: authorityExactText(searchable),
        createdAt: now,
        updatedAt: now,
      });
      const areas = demo.areas === 'all' ? nimicAreas(legislationAreas.map((a) => ({ code: a.code, workflows: a.workflows })), keywordsByArea) : demo.areas;
      const areaStatus = (area: DemoArea) => area.status ?? 'active';
      if (areas.length) {
        await em.insertMany(
          AuthorityArea,
          areas.map((area) => ({
            authorityId: demo.id,
            areaCode: area.area,
            accessStatus: areaStatus(area),
            previousAccessStatus: null,
            role: area.role,
            accessCoordinatorId: area.accessCoordinator ?? demo.validatingCoordinator ?? null,
            keywords: area.keywords === 'all' ? (keywordsByArea.get(area.area) ?? []) : area.keywords,
            flags: area.flags ?? {},
          })),
        );
      }
      const workflows = areas.flatMap((area) => area.workflows.map((w) => ({ area, ...w })));
      if (workflows.length) {
        await em.insertMany(
          AuthorityWorkflow,
          workflows.map((w) => ({ authorityId: demo.id, areaCode: w.area.area, workflow: w.workflow, accessStatus: w.status ?? areaStatus(w.area), previousAccessStatus: null, roles: w.roles })),
        );
      }
      const links = workflows.flatMap((w) => (w.linkedTo ?? []).map((coordinatorId) => ({ authorityId: demo.id, areaCode: w.area.area, workflow: w.workflow, coordinatorId })));
      if (links.length) await em.insertMany(LinkedCoordinator, links);
      const competences = [
        ...(demo.nace ?? []).map((naceCode) => ({ authorityId: demo.id, naceCode, policyAreaCode: null })),
        ...(demo.policyAreas ?? []).map((policyAreaCode) => ({ authorityId: demo.id, naceCode: null, policyAreaCode })),
      ];
      if (competences.length) await em.insertMany(AuthorityCompetence, competences);
      inserted++;
    }
    return { inserted, existing: present.size };
  });
}
