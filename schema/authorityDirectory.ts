import { z } from '@hono/zod-openapi';
import {
  accessStatusSchema,
  authorityKinds,
  authorityKindSchema,
  authorityStatuses,
  authorityStatusSchema,
  contentRoleSchema,
  workflowFlagsSchema,
  workflowSchema,
} from './authority';

/**
 * The authority directory: how authorities are found (domain.md §3 "Search", IMI manual ch. 5.3.1)
 * and what a search answers. Shared by API and console; no I/O here.
 *
 * Free text has two modes:
 * - `exact` — IMI's: the text must occur as typed, ignoring case but not accents ("préfecture"
 *   does not find "prefecture"), in the official name, an informal title (any language) or the
 *   description.
 * - `words` *(beyond IMI)* — every word must occur somewhere in those texts (or the city or
 *   region), ignoring case and accents, in any language: "prefecture paris" finds
 *   "Préfecture de police de Paris".
 */

/** Letters NFD does not take apart, folded to what a keyboard without them types. */
const foldedLetters: Record<string, string> = { æ: 'ae', ø: 'o', å: 'a', œ: 'oe', ß: 'ss', ł: 'l', đ: 'd', ð: 'd', þ: 'th', ħ: 'h', ı: 'i' };
const foldedLetterPattern = new RegExp(`[${Object.keys(foldedLetters).join('')}]`, 'g');

/**
 * Text as the `words` mode compares it: lower case, accents and other combining marks removed
 * (NFD), letters like ø and ß folded, every run of other characters one space.
 */
export function normaliseForWords(text: string): string {
  return text
    .normalize('NFD')
    .replace(/\p{M}+/gu, '')
    .toLowerCase()
    .replace(foldedLetterPattern, (ch) => foldedLetters[ch])
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim();
}

/** The words of a `words`-mode query, normalised, without repeats. */
export function queryWords(query: string): string[] {
  return [...new Set(normaliseForWords(query).split(' ').filter(Boolean))];
}

/** Text as the `exact` mode compares it: composed (NFC) and lower case, accents kept. */
export function normaliseForExact(text: string): string {
  return text.normalize('NFC').toLowerCase();
}

/** What the directory's free text searches of an authority. */
export interface AuthoritySearchable {
  officialName: string;
  informalTitle: Record<string, string>;
  description?: string | null;
  city?: string | null;
  region?: string | null;
}

/** Separates the texts in the stored columns so that no match spans two of them. */
const fieldSeparator = '\n';

/** The `searchText` column: every searchable text, normalised for the `words` mode. */
export function authoritySearchText(a: AuthoritySearchable): string {
  return [a.officialName, ...Object.values(a.informalTitle ?? {}), a.description, a.city, a.region]
    .filter((t): t is string => !!t)
    .map(normaliseForWords)
    .join(fieldSeparator);
}

/** The `exactText` column: official name, informal titles and description, normalised for the `exact` mode. */
export function authorityExactText(a: AuthoritySearchable): string {
  return [a.officialName, ...Object.values(a.informalTitle ?? {}), a.description]
    .filter((t): t is string => !!t)
    .map((t) => normaliseForExact(t).replace(/\s*\n\s*/g, ' '))
    .join(fieldSeparator);
}

// ---------------------------------------------------------------------------------------------
// The search query and its answers
// ---------------------------------------------------------------------------------------------

export const searchModes = ['exact', 'words'] as const;
export const searchModeSchema = z.enum(searchModes).openapi('AuthoritySearchMode');
export type SearchMode = z.infer<typeof searchModeSchema>;

export const authoritySortFields = ['name', 'country'] as const;

const code = (pattern: RegExp, message: string) => z.string().trim().regex(pattern, message);
const countryCode = code(/^[A-Z]{2}$/, 'must be a two-letter country code such as DK');
const areaCode = code(/^[a-z0-9-]{1,60}$/, 'must be a legislation area code such as services');
const keywordCode = code(/^[a-z0-9-]{1,80}$/, 'must be an area keyword code such as services-tourism');
const naceCode = code(/^([A-U]|\d{2}(\.\d{1,2})?)$/, 'must be a NACE code: a section letter A–U or a division such as 47');
const policyAreaCode = code(/^[a-z0-9-]{1,60}$/, 'must be a policy area code such as single-market');

/** A repeated query parameter (`?keyword=a&keyword=b`) or a comma-separated one (`?keyword=a,b`). */
const listOf = <T extends z.ZodTypeAny>(item: T) =>
  z.preprocess(
    (value) => (value === undefined ? undefined : (Array.isArray(value) ? value : [value]).flatMap((v) => String(v).split(',')).map((v) => v.trim()).filter(Boolean)),
    z.array(item).min(1).max(20),
  );

export const authoritySearchQuerySchema = z
  .object({
    q: z.string().trim().min(1).max(200).optional().openapi({ description: 'Free text, searched as `mode` says.', example: 'prefecture paris' }),
    mode: searchModeSchema.default('words').openapi({
      description:
        '`exact` (as IMI): the text as typed, case-insensitive but accent-sensitive, in official name, informal titles and description. `words`: every word, ignoring case and accents, anywhere in those (and city, region), in any language.',
    }),
    country: countryCode.optional().openapi({ example: 'FR' }),
    area: areaCode.optional().openapi({ description: 'Has access to this legislation area.', example: 'services' }),
    keyword: listOf(keywordCode).optional().openapi({ description: 'Has at least one of these area keywords (repeat or comma-separate).', example: ['services-tourism'] }),
    nace: naceCode.optional().openapi({ description: 'Competent for this NACE activity: registered on it, on one below it (a division of a section) or on the one above it.', example: 'G' }),
    policyArea: policyAreaCode.optional().openapi({ description: 'Competent for this EU policy area, its sub-areas or its parent.', example: 'single-market' }),
    includeHorizontal: z.enum(['true', 'false']).default('true').openapi({ description: 'Whether authorities with general horizontal competence match any `nace` and `policyArea`.' }),
    status: z.enum(authorityStatuses).optional(),
    kind: z.enum(authorityKinds).optional(),
    sort: z.enum(authoritySortFields).default('name'),
    order: z.enum(['ASC', 'DESC']).default('ASC'),
    page: z.coerce.number().int().min(1).max(10_000).default(1),
    perPage: z.coerce.number().int().min(1).max(100).default(25),
  })
  .superRefine((query, ctx) => {
    if (query.q !== undefined && query.mode === 'words' && queryWords(query.q).length === 0) {
      ctx.addIssue({ code: 'custom', path: ['q'], message: 'must contain at least one letter or digit' });
    }
  });
export type AuthoritySearchQuery = z.infer<typeof authoritySearchQuerySchema>;

const translationsSchema = z.record(z.string(), z.string()).openapi({ example: { fr: 'Préfecture de police', en: 'Paris police prefecture' } });

export const authoritySummarySchema = z
  .object({
    id: z.string().uuid(),
    countryCode: z.string(),
    kind: authorityKindSchema,
    region: z.string().nullable(),
    officialName: z.string(),
    informalTitle: translationsSchema,
    city: z.string(),
    status: authorityStatusSchema,
    horizontalCompetence: z.boolean(),
    /** Codes of the legislation areas it has access to (any access status). */
    areas: z.array(z.string()),
  })
  .openapi('AuthoritySummary');
export type AuthoritySummary = z.infer<typeof authoritySummarySchema>;

export const authorityListSchema = z
  .object({ data: z.array(authoritySummarySchema), total: z.number().int() })
  .openapi('AuthorityList');
export type AuthorityList = z.infer<typeof authorityListSchema>;

const authorityRefSchema = z
  .object({ id: z.string().uuid(), officialName: z.string(), countryCode: z.string(), kind: authorityKindSchema })
  .openapi('AuthorityRef');
export type AuthorityRef = z.infer<typeof authorityRefSchema>;

export const authorityWorkflowViewSchema = z
  .object({
    workflow: workflowSchema,
    status: accessStatusSchema,
    previousStatus: accessStatusSchema.nullable(),
    roles: z.array(contentRoleSchema),
    /** Request coordinators (requests) or alert coordinators (alerts) it is linked to. */
    linkedCoordinators: z.array(authorityRefSchema),
  })
  .openapi('AuthorityWorkflowAccess');

export const authorityAreaViewSchema = z
  .object({
    area: z.string(),
    status: accessStatusSchema,
    previousStatus: accessStatusSchema.nullable(),
    role: authorityKindSchema,
    accessCoordinator: authorityRefSchema.nullable(),
    keywords: z.array(z.string()),
    /** Every flag, the stored ones and the manual's defaults for the rest. */
    flags: workflowFlagsSchema,
    workflows: z.array(authorityWorkflowViewSchema),
  })
  .openapi('AuthorityAreaAccess');

export const authorityDetailSchema = authoritySummarySchema
  .omit({ areas: true })
  .extend({
    description: z.string().nullable(),
    descriptionLanguage: z.string().nullable(),
    languages: z.array(z.string()),
    addressLines: z.array(z.string()),
    postcode: z.string().nullable(),
    phone: z.string().nullable(),
    website: z.string().nullable(),
    contactEmail: z.string(),
    validatingCoordinator: authorityRefSchema.nullable(),
    competence: z.object({ naceCodes: z.array(z.string()), policyAreaCodes: z.array(z.string()) }),
    areas: z.array(authorityAreaViewSchema),
    createdAt: z.string().datetime(),
    updatedAt: z.string().datetime(),
  })
  .openapi('AuthorityDetail');
export type AuthorityDetail = z.infer<typeof authorityDetailSchema>;

/** What an authority's local data administrators (and its validating coordinator) may change. */
export const authorityDataUpdateSchema = z
  .object({
    officialName: z.string().trim().min(2).max(300),
    informalTitle: z.record(z.string().regex(/^[a-z]{2}$/, 'language codes like da'), z.string().trim().min(1).max(200)),
    description: z.string().trim().max(4000).nullable(),
    descriptionLanguage: z.string().regex(/^[a-z]{2}$/, 'a language code like da').nullable(),
    languages: z.array(z.string().regex(/^[a-z]{2}$/, 'language codes like da')).min(1).max(30),
    addressLines: z.array(z.string().trim().min(1).max(200)).max(5),
    postcode: z.string().trim().max(20).nullable(),
    city: z.string().trim().min(1).max(120),
    phone: z.string().trim().max(40).nullable(),
    website: z.string().trim().url().max(300).nullable(),
    contactEmail: z.string().trim().email().max(254),
  })
  .partial()
  .strict()
  .refine((v) => Object.keys(v).length > 0, 'change at least one field')
  .openapi('AuthorityDataUpdate');
