import {
  authorityExactText,
  authoritySearchQuerySchema,
  authoritySearchText,
  normaliseForExact,
  normaliseForWords,
  queryWords,
} from '../../schema/authorityDirectory';

describe('normalising text for the all-words search', () => {
  it.each([
    ['Préfecture de police de Paris', 'prefecture de police de paris'],
    ['Länsstyrelsen i Stockholms län', 'lansstyrelsen i stockholms lan'],
    ['Bundesnetzagentur für Elektrizität, Gas, Telekommunikation', 'bundesnetzagentur fur elektrizitat gas telekommunikation'],
    ['Styrelsen for Patientsikkerhed — Ærø og Øresund', 'styrelsen for patientsikkerhed aero og oresund'],
    ['Straße', 'strasse'],
    ['Łódź', 'lodz'],
    ['Œuvre', 'oeuvre'],
    ['Ελληνική Δημοκρατία', 'ελληνικη δημοκρατια'],
    ['  e-mail: kontakt@erst.dk  ', 'e mail kontakt erst dk'],
  ])('%s → %s', (text, expected) => {
    expect(normaliseForWords(text)).toBe(expected);
  });

  it('treats a decomposed accent (as some keyboards send it) like a composed one', () => {
    expect(normaliseForWords('Pre\u0301fecture')).toBe(normaliseForWords('Préfecture'));
  });

  it('splits a query into distinct normalised words', () => {
    expect(queryWords('  Préfecture, PARIS  prefecture ')).toEqual(['prefecture', 'paris']);
    expect(queryWords('!!! —')).toEqual([]);
  });
});

describe('normalising text for the exact search', () => {
  it('ignores case but keeps accents', () => {
    expect(normaliseForExact('PRÉFECTURE')).toBe('préfecture');
    expect(normaliseForExact('Préfecture')).not.toBe(normaliseForExact('Prefecture'));
  });

  it('composes a decomposed accent, so the same letter matches however it was typed', () => {
    expect(normaliseForExact('Pre\u0301fecture')).toBe('préfecture');
  });
});

describe('the stored search columns of an authority', () => {
  const paris = {
    officialName: 'Préfecture de police de Paris',
    informalTitle: { fr: 'Préfecture de police', en: 'Paris police headquarters', de: 'Polizeipräfektur Paris' },
    description: 'Délivre les autorisations\ndes activités privées de sécurité.',
    city: 'Paris',
    region: null,
  };

  it('searchText holds every text, accent-free, one per line so that no match spans two', () => {
    expect(authoritySearchText(paris).split('\n')).toEqual([
      'prefecture de police de paris',
      'prefecture de police',
      'paris police headquarters',
      'polizeiprafektur paris',
      'delivre les autorisations des activites privees de securite',
      'paris',
    ]);
  });

  it('exactText holds name, titles and description lower-cased with accents, one per line', () => {
    expect(authorityExactText(paris).split('\n')).toEqual([
      'préfecture de police de paris',
      'préfecture de police',
      'paris police headquarters',
      'polizeipräfektur paris',
      'délivre les autorisations des activités privées de sécurité.',
    ]);
  });
});

describe('the search query', () => {
  const parse = (query: Record<string, unknown>) => authoritySearchQuerySchema.safeParse(query);
  const fieldErrors = (query: Record<string, unknown>) => {
    const result = parse(query);
    if (result.success) throw new Error('expected the query to be refused');
    return Object.fromEntries(result.error.issues.map((i) => [i.path.join('.'), i.message]));
  };

  it('has defaults: all-words mode, by name ascending, first page of 25', () => {
    expect(parse({}).data).toEqual({ mode: 'words', includeHorizontal: 'true', sort: 'name', order: 'ASC', page: 1, perPage: 25 });
  });

  it('takes keywords repeated or comma-separated', () => {
    expect(parse({ keyword: ['services-tourism', 'pq-doctors,pq-nurses'] }).data?.keyword).toEqual(['services-tourism', 'pq-doctors', 'pq-nurses']);
    expect(parse({ keyword: 'services-tourism' }).data?.keyword).toEqual(['services-tourism']);
  });

  it('refuses malformed values with a message per field', () => {
    expect(fieldErrors({ country: 'dk', nace: 'G47', mode: 'fuzzy', perPage: '500', kind: 'mayor' })).toEqual({
      country: 'must be a two-letter country code such as DK',
      nace: 'must be a NACE code: a section letter A–U or a division such as 47',
      mode: expect.any(String),
      perPage: expect.any(String),
      kind: expect.any(String),
    });
  });

  it('refuses a words query without a single letter or digit', () => {
    expect(fieldErrors({ q: '!!!' })).toEqual({ q: 'must contain at least one letter or digit' });
    expect(parse({ q: '!!!', mode: 'exact' }).success).toBe(true);
  });
});
