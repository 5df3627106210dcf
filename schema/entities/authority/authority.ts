import { defineEntity, p, type InferEntity } from '@mikro-orm/core';
import { Country } from '../reference/country';
import { Language } from '../reference/language';
import type { AuthorityKind, AuthorityStatus } from '../../authority';
import { authorityExactText, authoritySearchText } from '../../authorityDirectory';
import type { Translations } from '../reference/translations';

/**
 * A public authority taking part in Liaison (domain.md §3, IMI manual ch. 4.1): a competent
 * authority (CA) or an IMI coordinator (NIMIC, super-DIMIC, LIMIC, DIMIC). Its areas, workflows,
 * competences and linked coordinators live in their own tables beside it.
 */
export const Authority = defineEntity({
  name: 'Authority',
  tableName: 'authority',
  properties: {
    id: p.uuid().primary(),
    countryCode: () => p.manyToOne(Country).mapToPk().fieldName('country_code').index(),
    /** Its highest administrative role: `NIMIC`, `super-DIMIC`, `LIMIC`, `DIMIC` or `CA` (schema/authority.ts). */
    kind: p.string().$type<AuthorityKind>().length(20).index(),
    /** Only in countries with regions (`Country.hasRegions`); a super-DIMIC always has one. */
    region: p.string().length(120).nullable(),
    /** Changed only by the validating coordinator. */
    officialName: p.string().length(300),
    /** Short informal title per language (ISO 639-1 → text). */
    informalTitle: p.json<Translations>(),
    /** Short profile in the authority's own language; machine-translated on display. */
    description: p.text().nullable(),
    descriptionLanguage: () => p.manyToOne(Language).mapToPk().fieldName('description_language').nullable(),
    /** Languages understood (ISO 639-1 codes of `Language`). */
    languages: p.json<string[]>(),
    addressLines: p.json<string[]>(),
    postcode: p.string().length(20).nullable(),
    city: p.string().length(120),
    phone: p.string().length(40).nullable(),
    website: p.string().length(300).nullable(),
    /** Where Liaison sends the authority's system emails. */
    contactEmail: p.string().length(254).index(),
    /** Competent in all economic and policy areas of its territory; fixed true for NIMIC and super-DIMIC. */
    horizontalCompetence: p.boolean().default(false),
    /** `registration-requested`, `active`, `registration-rejected`, `suspended`, `inactive`. */
    status: p.string().$type<AuthorityStatus>().length(40).index(),
    /** The coordinator that registered or validated it and manages its general data and users. */
    validatingCoordinatorId: () => p.manyToOne(Authority).mapToPk().fieldName('validating_coordinator_id').nullable().deleteRule('set null'),
    /**
     * Official name, informal titles, description, city and region, lower-cased with accents
     * stripped (`authoritySearchText` in schema/authorityDirectory.ts); the accent-insensitive
     * all-words search matches each word in it. Kept current on every flush; a native insert or
     * upsert must pass it.
     */
    searchText: p.text().onCreate((a) => authoritySearchText(a)).onUpdate((a) => authoritySearchText(a)),
    /** Official name, informal titles and description, lower-cased (NFC) with accents kept: IMI's exact search matches in it. */
    exactText: p.text().onCreate((a) => authorityExactText(a)).onUpdate((a) => authorityExactText(a)),
    createdAt: p.datetime(),
    updatedAt: p.datetime(),
  },
});

export type IAuthority = InferEntity<typeof Authority>;
