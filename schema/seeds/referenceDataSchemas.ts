import fs from 'node:fs';
import path from 'node:path';
import { z } from 'zod';
import { requiredTranslationLanguages } from '../entities/reference/translations';
import { workflows } from '../entities/reference/legislationArea';

/** Where the versioned reference-data seed files live (one JSON file per kind). */
export const referenceSeedsDir = path.join(__dirname, 'reference');

// Text must be non-empty and carry no stray spaces, so a diff of the seed file is a diff of the data.
const text = z
  .string()
  .min(1)
  .refine((s) => s.trim() === s, 'must not start or end with whitespace');
const languageCode = z.string().regex(/^[a-z]{2}$/, 'must be an ISO 639-1 code (two lower-case letters)');
/** Stable, human-readable identifiers: lower-case words joined by dashes. */
const slug = z.string().regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/, 'must be lower-case words joined by dashes').max(60);

function withLanguages(required: readonly string[]) {
  return z.record(languageCode, text).superRefine((map, ctx) => {
    for (const language of required) {
      if (!map[language]) ctx.addIssue({ code: 'custom', message: `missing the "${language}" translation`, path: [language] });
    }
  });
}
/** Texts users read in their own language: en, da, de and fr at least. */
export const translationsSchema = withLanguages(requiredTranslationLanguages);

/** `{ version, items }`, with unique `code`s (or another key) among the items. */
function seedFile<T extends z.ZodType>(item: T, key: (i: z.infer<T>) => string = (i) => (i as { code: string }).code) {
  return z
    .object({
      /** Raise it whenever the items change; the loader records it and never goes back to a lower one. */
      version: z.number().int().positive(),
      /** Where the data comes from, for the reader. */
      source: z.string().optional(),
      items: z.array(item).min(1),
    })
    .strict()
    .superRefine((file, ctx) => {
      const seen = new Set<string>();
      file.items.forEach((i, index) => {
        const k = key(i);
        if (seen.has(k)) ctx.addIssue({ code: 'custom', message: `duplicate code "${k}"`, path: ['items', index] });
        seen.add(k);
      });
    });
}

export const languagesFileSchema = seedFile(
  z.object({ code: languageCode, nameEn: text, nameNative: text, euOfficial: z.boolean() }).strict(),
);

export const countriesFileSchema = seedFile(
  z
    .object({
      code: z.string().regex(/^[A-Z]{2}$/, 'must be an ISO 3166-1 alpha-2 code'),
      nameEn: text,
      nameNative: text,
      euMember: z.boolean(),
      timeZone: z.string().refine(isIanaTimeZone, 'must be an IANA time zone known to this Node.js'),
      hasRegions: z.boolean(),
      languages: z.array(languageCode).min(1),
    })
    .strict(),
);

export const legislationAreasFileSchema = seedFile(
  z
    .object({
      code: slug,
      legalReference: text,
      names: translationsSchema,
      workflows: z.array(z.enum(workflows)).min(1),
      blockPersonalDataAfterMonths: z.number().int().min(1).max(36),
    })
    .strict(),
);

export const areaKeywordsFileSchema = seedFile(z.object({ code: slug, area: slug, labels: translationsSchema }).strict());

export const naceCodesFileSchema = seedFile(
  z
    .object({
      code: z.string().regex(/^(?:[A-U]|\d{2})$/, 'must be a NACE section letter (A–U) or a two-digit division'),
      parent: z.string().nullable(),
      names: withLanguages(['en']),
    })
    .strict()
    .refine((n) => (/^[A-U]$/.test(n.code) ? n.parent === null : n.parent !== null && /^[A-U]$/.test(n.parent)), {
      message: 'a section has no parent; a division has a section as parent',
    }),
);

export const policyAreasFileSchema = seedFile(
  z.object({ code: slug, parent: slug.nullable(), names: withLanguages(['en', 'da']) }).strict(),
);

const answerKey = slug;
const answerSchema = z.union([
  answerKey, // a key of `commonAnswers`
  z.object({ key: answerKey, texts: translationsSchema }).strict(),
]);
const questionSchema = z
  .object({
    key: slug,
    texts: translationsSchema,
    commentRequired: z.boolean().optional(),
    answers: z.array(answerSchema).min(2).max(5),
  })
  .strict();

export const questionSetsFileSchema = z
  .object({
    version: z.number().int().positive(),
    source: z.string().optional(),
    /** Answers many questions share ("Yes", "The information is not available" …), referenced by key. */
    commonAnswers: z.record(answerKey, translationsSchema),
    items: z
      .array(
        z
          .object({
            code: slug,
            area: slug,
            names: translationsSchema,
            instructions: translationsSchema.optional(),
            checklist: z.array(translationsSchema).min(1).optional(),
            questions: z.array(questionSchema).min(1).max(10),
          })
          .strict(),
      )
      .min(1),
  })
  .strict()
  .superRefine((file, ctx) => {
    const sets = new Set<string>();
    file.items.forEach((set, s) => {
      if (sets.has(set.code)) ctx.addIssue({ code: 'custom', message: `duplicate code "${set.code}"`, path: ['items', s] });
      sets.add(set.code);
      const questions = new Set<string>();
      set.questions.forEach((question, q) => {
        if (questions.has(question.key)) ctx.addIssue({ code: 'custom', message: `duplicate question "${question.key}"`, path: ['items', s, 'questions', q] });
        questions.add(question.key);
        const answers = new Set<string>();
        question.answers.forEach((answer, a) => {
          const key = typeof answer === 'string' ? answer : answer.key;
          const where = ['items', s, 'questions', q, 'answers', a];
          if (answers.has(key)) ctx.addIssue({ code: 'custom', message: `duplicate answer "${key}"`, path: where });
          answers.add(key);
          if (typeof answer === 'string' && !file.commonAnswers[answer]) {
            ctx.addIssue({ code: 'custom', message: `"${answer}" is not one of commonAnswers`, path: where });
          }
        });
      });
    });
  });

/** Each kind's file name and schema; the loader applies them in this order (referenced before referencing). */
export const referenceSeedFiles = {
  languages: { file: 'languages.json', schema: languagesFileSchema },
  countries: { file: 'countries.json', schema: countriesFileSchema },
  legislationAreas: { file: 'legislation-areas.json', schema: legislationAreasFileSchema },
  areaKeywords: { file: 'area-keywords.json', schema: areaKeywordsFileSchema },
  naceCodes: { file: 'nace-codes.json', schema: naceCodesFileSchema },
  policyAreas: { file: 'policy-areas.json', schema: policyAreasFileSchema },
  questionSets: { file: 'question-sets.json', schema: questionSetsFileSchema },
} as const;

export type ReferenceSeeds = { [K in keyof typeof referenceSeedFiles]: z.infer<(typeof referenceSeedFiles)[K]['schema']> };

export class ReferenceSeedError extends Error {
  constructor(readonly problems: string[]) {
    super(`Invalid reference data seeds:\n- ${problems.join('\n- ')}`);
    this.name = 'ReferenceSeedError';
  }
}

/** Reads every seed file, checks it against its schema and the files against each other; throws ReferenceSeedError. */
export function readReferenceSeeds(dir: string = referenceSeedsDir): ReferenceSeeds {
  const problems: string[] = [];
  const seeds: Partial<Record<keyof ReferenceSeeds, unknown>> = {};
  for (const [kind, { file, schema }] of Object.entries(referenceSeedFiles) as [keyof ReferenceSeeds, (typeof referenceSeedFiles)[keyof ReferenceSeeds]][]) {
    let json: unknown;
    try {
      json = JSON.parse(fs.readFileSync(path.join(dir, file), 'utf8'));
    } catch (error) {
      problems.push(`${file}: ${error instanceof Error ? error.message : String(error)}`);
      continue;
    }
    const parsed = schema.safeParse(json);
    if (parsed.success) seeds[kind] = parsed.data;
    else problems.push(`${file}:\n${z.prettifyError(parsed.error)}`);
  }
  if (problems.length > 0) throw new ReferenceSeedError(problems);
  const all = seeds as ReferenceSeeds;
  const crossProblems = crossCheckReferenceSeeds(all);
  if (crossProblems.length > 0) throw new ReferenceSeedError(crossProblems);
  return all;
}

/** What one file cannot check alone: references between files, hierarchies, languages of translations. */
export function crossCheckReferenceSeeds(seeds: ReferenceSeeds): string[] {
  const problems: string[] = [];
  const languages = new Set(seeds.languages.items.map((l) => l.code));
  const areas = new Map(seeds.legislationAreas.items.map((a) => [a.code, a]));
  const checkLanguages = (where: string, map: Record<string, string>) => {
    for (const language of Object.keys(map)) if (!languages.has(language)) problems.push(`${where}: unknown language "${language}"`);
  };

  for (const country of seeds.countries.items) {
    for (const language of country.languages) {
      if (!languages.has(language)) problems.push(`countries.json ${country.code}: unknown language "${language}"`);
    }
  }
  for (const area of seeds.legislationAreas.items) {
    checkLanguages(`legislation-areas.json ${area.code}`, area.names);
    if (!seeds.areaKeywords.items.some((k) => k.area === area.code)) problems.push(`legislation area "${area.code}" has no keywords`);
  }
  for (const keyword of seeds.areaKeywords.items) {
    if (!areas.has(keyword.area)) problems.push(`area-keywords.json ${keyword.code}: unknown legislation area "${keyword.area}"`);
    checkLanguages(`area-keywords.json ${keyword.code}`, keyword.labels);
  }
  problems.push(...checkHierarchy('nace-codes.json', seeds.naceCodes.items));
  problems.push(...checkHierarchy('policy-areas.json', seeds.policyAreas.items));
  for (const item of [...seeds.naceCodes.items, ...seeds.policyAreas.items]) checkLanguages(`${item.code}`, item.names);

  for (const [key, texts] of Object.entries(seeds.questionSets.commonAnswers)) checkLanguages(`question-sets.json commonAnswers.${key}`, texts);
  for (const set of seeds.questionSets.items) {
    const area = areas.get(set.area);
    if (!area) problems.push(`question-sets.json ${set.code}: unknown legislation area "${set.area}"`);
    else if (!area.workflows.includes('requests')) problems.push(`question-sets.json ${set.code}: area "${set.area}" has no requests workflow`);
    checkLanguages(`question-sets.json ${set.code}`, set.names);
    if (set.instructions) checkLanguages(`question-sets.json ${set.code} instructions`, set.instructions);
    set.checklist?.forEach((step, i) => checkLanguages(`question-sets.json ${set.code} checklist ${i + 1}`, step));
    for (const question of set.questions) {
      checkLanguages(`question-sets.json ${set.code}/${question.key}`, question.texts);
      for (const answer of question.answers) {
        if (typeof answer !== 'string') checkLanguages(`question-sets.json ${set.code}/${question.key}/${answer.key}`, answer.texts);
      }
    }
  }
  return problems;
}

/** Every parent exists and comes earlier in the file, so the hierarchy has no cycles and loads top-down. */
function checkHierarchy(file: string, items: { code: string; parent: string | null }[]): string[] {
  const problems: string[] = [];
  const earlier = new Set<string>();
  const all = new Set(items.map((i) => i.code));
  for (const item of items) {
    if (item.parent !== null && !earlier.has(item.parent)) {
      problems.push(
        all.has(item.parent)
          ? `${file} ${item.code}: parent "${item.parent}" must come before it`
          : `${file} ${item.code}: unknown parent "${item.parent}"`,
      );
    }
    earlier.add(item.code);
  }
  return problems;
}

function isIanaTimeZone(timeZone: string): boolean {
  try {
    new Intl.DateTimeFormat(undefined, { timeZone });
    return timeZone.includes('/'); // rejects abbreviations like "CET" that Intl also accepts
  } catch {
    return false;
  }
}
