import { z } from '@hono/zod-openapi';

/**
 * What GET /api/reference/{kind} answers: the reference data tables (schema/entities/reference)
 * as read-only lists, translated texts picked in the requested language (English where that
 * language has none). Shared by API and console; no I/O here.
 */

export const referenceKinds = ['countries', 'languages', 'legislation-areas', 'nace-codes', 'policy-areas', 'question-sets'] as const;
export const referenceKindSchema = z.enum(referenceKinds).openapi('ReferenceKind');
export type ReferenceKind = z.infer<typeof referenceKindSchema>;

export const referenceQuerySchema = z.object({
  lang: z
    .string()
    .trim()
    .regex(/^[a-z]{2}$/, 'must be a two-letter language code such as da')
    .default('en')
    .openapi({ description: 'Language of the translated texts; English where a text has no translation in it.', example: 'da' }),
});

export const countryViewSchema = z
  .object({
    code: z.string(),
    nameEn: z.string(),
    nameNative: z.string(),
    euMember: z.boolean(),
    hasRegions: z.boolean(),
    timeZone: z.string(),
    languages: z.array(z.string()),
    retired: z.boolean(),
  })
  .openapi('ReferenceCountry');

export const languageViewSchema = z
  .object({ code: z.string(), nameEn: z.string(), nameNative: z.string(), euOfficial: z.boolean(), retired: z.boolean() })
  .openapi('ReferenceLanguage');

export const areaKeywordViewSchema = z.object({ code: z.string(), label: z.string(), retired: z.boolean() }).openapi('ReferenceAreaKeyword');

export const legislationAreaViewSchema = z
  .object({
    code: z.string(),
    name: z.string(),
    legalReference: z.string(),
    workflows: z.array(z.enum(['requests', 'alerts'])),
    blockPersonalDataAfterMonths: z.number().int(),
    position: z.number().int(),
    keywords: z.array(areaKeywordViewSchema),
    retired: z.boolean(),
  })
  .openapi('ReferenceLegislationArea');

export const naceCodeViewSchema = z
  .object({ code: z.string(), level: z.number().int(), parent: z.string().nullable(), name: z.string(), retired: z.boolean() })
  .openapi('ReferenceNaceCode');

export const policyAreaViewSchema = z
  .object({ code: z.string(), level: z.number().int(), parent: z.string().nullable(), name: z.string(), position: z.number().int(), retired: z.boolean() })
  .openapi('ReferencePolicyArea');

export const predefinedAnswerViewSchema = z.object({ code: z.string(), text: z.string(), retired: z.boolean() }).openapi('ReferencePredefinedAnswer');

export const questionViewSchema = z
  .object({ code: z.string(), position: z.number().int(), text: z.string(), commentRequired: z.boolean(), answers: z.array(predefinedAnswerViewSchema), retired: z.boolean() })
  .openapi('ReferenceQuestion');

export const questionSetViewSchema = z
  .object({
    code: z.string(),
    area: z.string(),
    name: z.string(),
    instructions: z.string().nullable(),
    checklist: z.array(z.string()),
    position: z.number().int(),
    questions: z.array(questionViewSchema),
    retired: z.boolean(),
  })
  .openapi('ReferenceQuestionSet');

const listOf = <T extends z.ZodTypeAny>(item: T, name: string) => z.object({ data: z.array(item), total: z.number().int() }).openapi(name);

export const referenceListSchemas = {
  countries: listOf(countryViewSchema, 'ReferenceCountryList'),
  languages: listOf(languageViewSchema, 'ReferenceLanguageList'),
  'legislation-areas': listOf(legislationAreaViewSchema, 'ReferenceLegislationAreaList'),
  'nace-codes': listOf(naceCodeViewSchema, 'ReferenceNaceCodeList'),
  'policy-areas': listOf(policyAreaViewSchema, 'ReferencePolicyAreaList'),
  'question-sets': listOf(questionSetViewSchema, 'ReferenceQuestionSetList'),
} as const satisfies Record<ReferenceKind, z.ZodTypeAny>;

export type CountryView = z.infer<typeof countryViewSchema>;
export type LanguageView = z.infer<typeof languageViewSchema>;
export type LegislationAreaView = z.infer<typeof legislationAreaViewSchema>;
export type NaceCodeView = z.infer<typeof naceCodeViewSchema>;
export type PolicyAreaView = z.infer<typeof policyAreaViewSchema>;
export type QuestionSetView = z.infer<typeof questionSetViewSchema>;
export type ReferenceView = {
  countries: CountryView;
  languages: LanguageView;
  'legislation-areas': LegislationAreaView;
  'nace-codes': NaceCodeView;
  'policy-areas': PolicyAreaView;
  'question-sets': QuestionSetView;
};

/** A translated text in `lang`, else English, else any. */
export function pickTranslation(texts: Record<string, string> | null | undefined, lang: string): string {
  if (!texts) return '';
  return texts[lang] ?? texts.en ?? Object.values(texts)[0] ?? '';
}
