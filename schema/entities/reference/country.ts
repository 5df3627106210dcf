import { defineEntity, p, type InferEntity } from '@mikro-orm/core';

/** An EEA country taking part in Liaison (EU27 + IS, LI, NO), keyed by its ISO 3166-1 alpha-2 code. */
export const Country = defineEntity({
  name: 'Country',
  tableName: 'ref_country',
  properties: {
    code: p.string().length(2).primary(),
    nameEn: p.string().length(80),
    /** In the country's own language(s); several separated by " / " where there are several. */
    nameNative: p.string().length(120),
    /** false for the EEA-EFTA countries Iceland, Liechtenstein and Norway. */
    euMember: p.boolean(),
    /** IANA zone of the capital; the invitation dispatch cut-off (10:00) is read in it. */
    timeZone: p.string().length(64),
    /** Regions with their own legislative powers: allows super-DIMICs and regional register coverage. */
    hasRegions: p.boolean(),
    /** Official languages at national level (ISO 639-1 codes of `Language`). */
    languages: p.json<string[]>(),
    retired: p.boolean().default(false),
  },
});

export type ICountry = InferEntity<typeof Country>;
