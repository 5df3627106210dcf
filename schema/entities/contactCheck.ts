import { defineEntity, p, type InferEntity } from '@mikro-orm/core';

/**
 * Read model of the demo workflow: a check that an authority's contact data is still current
 * (the IMI leaflet asks authorities to keep it so). Projected by activities, guarded by version.
 */
export const ContactCheck = defineEntity({
  name: 'ContactCheck',
  tableName: 'contact_check',
  properties: {
    id: p.uuid().primary(),
    workflowId: p.string().length(200).unique(),
    authorityRef: p.string().length(120).index(),
    countryCode: p.string().length(2),
    status: p.string().length(30).index(),
    version: p.integer(),
    openedAt: p.datetime(),
    dueAt: p.datetime(),
    remindedAt: p.datetime().nullable(),
    closedAt: p.datetime().nullable(),
    updatedAt: p.datetime(),
  },
});

export type IContactCheck = InferEntity<typeof ContactCheck>;
