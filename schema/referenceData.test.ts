import fs from 'node:fs';
import path from 'node:path';
import { planReferenceData, readReferenceSeeds } from './referenceData';
import {
  countriesFileSchema,
  crossCheckReferenceSeeds,
  naceCodesFileSchema,
  referenceSeedFiles,
  referenceSeedsDir,
  translationsSchema,
  type ReferenceSeeds,
} from './seeds/referenceDataSchemas';

const seeds = readReferenceSeeds();
const translated = ['en', 'da', 'de', 'fr'] as const;

const EU27 = ['AT', 'BE', 'BG', 'HR', 'CY', 'CZ', 'DK', 'EE', 'FI', 'FR', 'DE', 'GR', 'HU', 'IE', 'IT', 'LV', 'LT', 'LU', 'MT', 'NL', 'PL', 'PT', 'RO', 'SK', 'SI', 'ES', 'SE'];
const EEA_EFTA = ['IS', 'LI', 'NO'];
const EU_LANGUAGES = ['bg', 'cs', 'da', 'de', 'el', 'en', 'es', 'et', 'fi', 'fr', 'ga', 'hr', 'hu', 'it', 'lt', 'lv', 'mt', 'nl', 'pl', 'pt', 'ro', 'sk', 'sl', 'sv'];
// NACE Rev. 2 divisions: 01–99 without 04, 34, 40, 44, 48, 54, 57, 67, 76, 83, 89.
const NACE_DIVISIONS = Array.from({ length: 99 }, (_, i) => String(i + 1).padStart(2, '0')).filter(
  (d) => !['04', '34', '40', '44', '48', '54', '57', '67', '76', '83', '89'].includes(d),
);

describe('reference data seed files', () => {
  it.each(Object.entries(referenceSeedFiles))('%s passes its schema', (_kind, { file, schema }) => {
    const result = schema.safeParse(JSON.parse(fs.readFileSync(path.join(referenceSeedsDir, file), 'utf8')));
    expect(result.error?.issues ?? []).toEqual([]);
  });

  it('agree with each other (languages, areas, parents)', () => {
    expect(crossCheckReferenceSeeds(seeds)).toEqual([]);
  });

  it('every file in the folder is one the loader knows', () => {
    const known = Object.values(referenceSeedFiles).map((f) => f.file).sort();
    expect(fs.readdirSync(referenceSeedsDir).filter((f) => f.endsWith('.json')).sort()).toEqual(known);
  });
});

describe('countries', () => {
  const countries = seeds.countries.items;

  it('are exactly the 30 EEA countries: EU27 members plus Iceland, Liechtenstein and Norway', () => {
    expect(countries.map((c) => c.code).sort()).toEqual([...EU27, ...EEA_EFTA].sort());
    expect(countries.filter((c) => c.euMember).map((c) => c.code).sort()).toEqual([...EU27].sort());
  });

  it('each have a valid IANA time zone, in Europe’s range of offsets', () => {
    const january = new Date('2025-01-15T12:00:00Z');
    for (const { code, timeZone } of countries) {
      expect(() => new Intl.DateTimeFormat(undefined, { timeZone })).not.toThrow();
      const offset = new Intl.DateTimeFormat('en-GB', { timeZone, timeZoneName: 'shortOffset' })
        .formatToParts(january)
        .find((p) => p.type === 'timeZoneName')!.value;
      expect({ code, offset }).toEqual({ code, offset: expect.stringMatching(/^GMT(\+[0-2])?$/) });
    }
  });

  it('have regions only where regions hold legislative powers (federal and regionalised states)', () => {
    expect(countries.filter((c) => c.hasRegions).map((c) => c.code).sort()).toEqual(['AT', 'BE', 'DE', 'ES', 'IT']);
  });

  it('list their official languages, which are all known', () => {
    const known = new Set(seeds.languages.items.map((l) => l.code));
    const byCode = Object.fromEntries(countries.map((c) => [c.code, c.languages]));
    expect(byCode).toMatchObject({ BE: ['nl', 'fr', 'de'], FI: ['fi', 'sv'], IE: ['ga', 'en'], MT: ['mt', 'en'], DK: ['da'], NO: ['no'] });
    for (const c of countries) for (const l of c.languages) expect(known).toContain(l);
  });
});

describe('languages', () => {
  it('are the 24 official EU languages plus Icelandic and Norwegian (and other national languages, not EU-official)', () => {
    const languages = seeds.languages.items;
    expect(languages.filter((l) => l.euOfficial).map((l) => l.code).sort()).toEqual(EU_LANGUAGES);
    expect(languages.map((l) => l.code)).toEqual(expect.arrayContaining(['is', 'no']));
    expect(languages.find((l) => l.code === 'is')?.euOfficial).toBe(false);
  });
});

describe('legislation areas', () => {
  const areas = Object.fromEntries(seeds.legislationAreas.items.map((a) => [a.code, a]));

  it('are the six of the domain', () => {
    expect(Object.keys(areas).sort()).toEqual(
      ['euro-cash-transport', 'patients-rights', 'posting-of-workers', 'professional-qualifications', 'services', 'solvit'].sort(),
    );
  });

  it('block personal data after 18 months for SOLVIT and 6 for every other area', () => {
    for (const area of Object.values(areas)) expect([area.code, area.blockPersonalDataAfterMonths]).toEqual([area.code, area.code === 'solvit' ? 18 : 6]);
  });

  it('give Services both workflows and every other area requests only', () => {
    expect(areas.services.workflows).toEqual(['requests', 'alerts']);
    for (const area of Object.values(areas).filter((a) => a.code !== 'services')) expect(area.workflows).toEqual(['requests']);
  });

  it('each have several keywords with labels in en, da, de and fr', () => {
    for (const code of Object.keys(areas)) {
      const keywords = seeds.areaKeywords.items.filter((k) => k.area === code);
      expect({ code, enough: keywords.length >= 4 }).toEqual({ code, enough: true });
    }
    for (const k of seeds.areaKeywords.items) expectRealTranslations(k.code, k.labels);
  });
});

describe('NACE codes', () => {
  const nace = seeds.naceCodes.items;

  it('hold the 21 sections A–U and all 88 divisions, each division under a section', () => {
    expect(nace.filter((n) => n.parent === null).map((n) => n.code)).toEqual('ABCDEFGHIJKLMNOPQRSTU'.split(''));
    expect(nace.filter((n) => n.parent !== null).map((n) => n.code).sort()).toEqual(NACE_DIVISIONS);
    expect(NACE_DIVISIONS).toHaveLength(88);
  });

  it('put divisions under the right sections', () => {
    const parentOf = Object.fromEntries(nace.map((n) => [n.code, n.parent]));
    expect(parentOf).toMatchObject({ '01': 'A', '05': 'B', '10': 'C', '33': 'C', '35': 'D', '43': 'F', '47': 'G', '56': 'I', '62': 'J', '68': 'L', '75': 'M', '84': 'O', '85': 'P', '88': 'Q', '99': 'U' });
  });

  it('are named in English and Danish', () => {
    for (const n of nace) expect([n.code, Boolean(n.names.en && n.names.da)]).toEqual([n.code, true]);
  });
});

describe('policy areas', () => {
  it('have about thirty top-level areas, named in en and da, with sub-areas under existing parents', () => {
    const top = seeds.policyAreas.items.filter((p) => p.parent === null);
    expect(top.length).toBeGreaterThanOrEqual(30);
    expect(top.map((p) => p.code)).toEqual(expect.arrayContaining(['single-market', 'public-health', 'employment-social', 'transport']));
    for (const p of seeds.policyAreas.items) expect([p.code, Boolean(p.names.en && p.names.da)]).toEqual([p.code, true]);
  });
});

describe('question sets', () => {
  const sets = seeds.questionSets.items;
  const common = seeds.questionSets.commonAnswers;

  it('exist for every legislation area', () => {
    for (const area of seeds.legislationAreas.items) expect([area.code, sets.some((s) => s.area === area.code)]).toEqual([area.code, true]);
  });

  it('include the Services sets, with both individual-derogation sets of chapter 7', () => {
    expect(sets.filter((s) => s.area === 'services').map((s) => s.code)).toEqual([
      'services-establishment',
      'services-authorisation',
      'services-derogation-request',
      'services-derogation-notification',
    ]);
    const request = sets.find((s) => s.code === 'services-derogation-request')!;
    expect(request.checklist).toHaveLength(10); // "a checklist with 10 steps"
    expect(request.questions.some((q) => q.commentRequired)).toBe(true); // mandatory free text
    const notification = sets.find((s) => s.code === 'services-derogation-notification')!;
    expect(notification.instructions?.en).toMatch(/15 days/);
    expect(notification.questions.some((q) => q.commentRequired)).toBe(true);
  });

  it('have 3–8 questions, each with 2–5 predefined answers', () => {
    for (const set of sets) {
      expect([set.code, set.questions.length >= 3 && set.questions.length <= 8]).toEqual([set.code, true]);
      for (const q of set.questions) expect([`${set.code}/${q.key}`, q.answers.length >= 2 && q.answers.length <= 5]).toEqual([`${set.code}/${q.key}`, true]);
    }
  });

  it('are translated into en, da, de and fr: names, instructions, checklists, every question and every answer', () => {
    for (const [key, texts] of Object.entries(common)) expectRealTranslations(`commonAnswers.${key}`, texts);
    for (const set of sets) {
      expectRealTranslations(set.code, set.names);
      if (set.instructions) expectRealTranslations(`${set.code} instructions`, set.instructions);
      set.checklist?.forEach((step, i) => expectRealTranslations(`${set.code} checklist ${i + 1}`, step));
      for (const q of set.questions) {
        expectRealTranslations(`${set.code}/${q.key}`, q.texts);
        for (const a of q.answers) {
          if (typeof a !== 'string') expectRealTranslations(`${set.code}/${q.key}/${a.key}`, a.texts);
        }
      }
    }
  });
});

describe('planReferenceData', () => {
  const plans = planReferenceData(seeds);
  const rowsOf = (kind: string) => plans.find((p) => p.kind === kind)!.rows;

  it('loads what is referenced before what refers to it', () => {
    expect(plans.map((p) => p.kind)).toEqual(['language', 'country', 'legislation-area', 'area-keyword', 'nace-code', 'policy-area', 'question-set', 'question', 'predefined-answer']);
  });

  it('gives every row a unique, readable code', () => {
    for (const plan of plans) expect(new Set(plan.rows.map((r) => r.code)).size).toBe(plan.rows.length);
    expect(rowsOf('question').map((r) => r.code)).toContain('pq-diploma/authentic');
    expect(rowsOf('predefined-answer').map((r) => r.code)).toContain('pq-diploma/authentic/yes');
  });

  it('expands shared answers into each question with their translations, in order', () => {
    const answers = rowsOf('predefined-answer').filter((r) => r.question === 'services-establishment/established');
    expect(answers.map((a) => [a.position, a.texts])).toEqual([
      [1, { en: 'Yes', da: 'Ja', de: 'Ja', fr: 'Oui' }],
      [2, { en: 'No', da: 'Nej', de: 'Nein', fr: 'Non' }],
      [3, seeds.questionSets.commonAnswers['not-available']],
      [4, seeds.questionSets.commonAnswers['not-competent']],
    ]);
  });

  it('derives hierarchy levels and positions', () => {
    expect(rowsOf('nace-code').find((r) => r.code === 'G')).toMatchObject({ level: 1, parent: null });
    expect(rowsOf('nace-code').find((r) => r.code === '47')).toMatchObject({ level: 2, parent: 'G' });
    const pqKeywords = rowsOf('area-keyword').filter((r) => r.area === 'professional-qualifications');
    expect(pqKeywords.map((r) => r.position)).toEqual(pqKeywords.map((_, i) => i + 1));
  });
});

describe('the seed schemas reject bad data', () => {
  it('a translation map without fr', () => {
    expect(translationsSchema.safeParse({ en: 'Yes', da: 'Ja', de: 'Ja' }).success).toBe(false);
    expect(translationsSchema.safeParse({ en: 'Yes', da: 'Ja', de: 'Ja', fr: 'Oui' }).success).toBe(true);
  });

  it('a country with an unknown time zone or a duplicate code', () => {
    const at = seeds.countries.items.find((c) => c.code === 'AT')!;
    expect(countriesFileSchema.safeParse({ version: 1, items: [{ ...at, timeZone: 'Europe/Vienne' }] }).success).toBe(false);
    expect(countriesFileSchema.safeParse({ version: 1, items: [{ ...at, timeZone: 'CET' }] }).success).toBe(false);
    expect(countriesFileSchema.safeParse({ version: 1, items: [at, at] }).success).toBe(false);
  });

  it('a NACE division without a section', () => {
    expect(naceCodesFileSchema.safeParse({ version: 1, items: [{ code: '47', parent: null, names: { en: 'Retail trade' } }] }).success).toBe(false);
  });

  it('references that do not exist in the other files', () => {
    const broken: ReferenceSeeds = structuredClone(seeds);
    broken.policyAreas.items.push({ code: 'orphan', parent: 'no-such-area', names: { en: 'Orphan', da: 'Forældreløs' } });
    broken.areaKeywords.items.push({ code: 'stray', area: 'no-such-area', labels: { en: 'a', da: 'b', de: 'c', fr: 'd' } });
    broken.countries.items[0] = { ...broken.countries.items[0], languages: ['xx'] };
    expect(crossCheckReferenceSeeds(broken)).toEqual([
      'countries.json AT: unknown language "xx"',
      'area-keywords.json stray: unknown legislation area "no-such-area"',
      'policy-areas.json orphan: unknown parent "no-such-area"',
    ]);
  });
});

/** Present in en, da, de and fr, and really translated: not a copy of the English text or a placeholder. */
function expectRealTranslations(where: string, texts: Record<string, string>) {
  for (const language of translated) {
    const value = texts[language];
    expect({ where, language, present: typeof value === 'string' && value.trim().length > 0 }).toEqual({ where, language, present: true });
    expect({ where, language, placeholder: /TODO|TBD|xxx|^\[|lorem/i.test(value) }).toEqual({ where, language, placeholder: false });
    if (language !== 'en' && !/^SOLVIT/.test(texts.en)) {
      expect({ where, language, copiedFromEnglish: value === texts.en }).toEqual({ where, language, copiedFromEnglish: false });
    }
  }
}
