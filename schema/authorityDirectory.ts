import { z } from '@hono/zod-openapi';

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
