/**
 * Text in several languages, keyed by ISO 639-1 code (`{ en: 'Yes', da: 'Ja', … }`). Stored as JSON so
 * a language can be added to the seed files without a migration.
 */
export type Translations = Record<string, string>;

/** The languages every translated text of the reference data must have; more are welcome. */
export const requiredTranslationLanguages = ['en', 'da', 'de', 'fr'] as const;
