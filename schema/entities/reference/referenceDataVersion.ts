import { defineEntity, p, type InferEntity } from '@mikro-orm/core';

/** Which version of each kind of reference data the database holds, so an older release never downgrades it. */
export const ReferenceDataVersion = defineEntity({
  name: 'ReferenceDataVersion',
  tableName: 'ref_data_version',
  properties: {
    /** e.g. `country`, `question`. */
    kind: p.string().length(40).primary(),
    version: p.integer(),
    /** When this version was last applied (only changes when something was written). */
    loadedAt: p.datetime(),
  },
});

export type IReferenceDataVersion = InferEntity<typeof ReferenceDataVersion>;
