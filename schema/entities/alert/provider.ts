import { defineEntity, p, type InferEntity } from '@mikro-orm/core';
import { Alert } from './alert';

/**
 * The service provider an alert is about (domain.md §6 "Initiate"): personal data, kept outside
 * Temporal, seen only by the authorities taking part (never the Commission or coordinators'
 * summary views), and not at all once the alert is closed or withdrawn (reduced view). Deleted 6
 * months after closure (§8); `blockedAt` exists for retention's shared contract (alerts have no
 * blocking step, so it stays null unless blocked by hand).
 */
export const AlertProvider = defineEntity({
  name: 'AlertProvider',
  tableName: 'alert_provider',
  properties: {
    alertId: () => p.oneToOne(Alert).mapToPk().fieldName('alert_id').primary().deleteRule('cascade'),
    /** `person` (a self-employed provider) or `business`. */
    providerKind: p.string().$type<'person' | 'business'>().length(10),
    name: p.string().length(300),
    /** Trading or other names. */
    otherNames: p.json<string[]>(),
    /** `{ street, postcode, city, country }`. */
    address: p.json<Record<string, string>>(),
    /** e.g. `{ vat: …, registrationNumber: …, licence: … }`. */
    registrationNumbers: p.json<Record<string, string>>(),
    /** Further provider fields (birth date, website, e-mail, phone, activity …). */
    fields: p.json<Record<string, unknown>>(),
    updatedAt: p.datetime(),
    blockedAt: p.datetime().nullable(),
  },
});

export type IAlertProvider = InferEntity<typeof AlertProvider>;
