import { defineEntity, p, type InferEntity } from '@mikro-orm/core';
import type { Translations } from './translations';

/** An EU policy area (politikområde), the second way besides NACE for an authority to state its competence. */
export const PolicyArea = defineEntity({
  name: 'PolicyArea',
  tableName: 'ref_policy_area',
  properties: {
    code: p.string().length(60).primary(),
    /** 1 top level; 2 a sub-area of `parent`. */
    level: p.integer(),
    parent: () => p.manyToOne(PolicyArea).nullable(),
    names: p.json<Translations>(),
    /** Display order among its siblings. */
    position: p.integer(),
    retired: p.boolean().default(false),
  },
});

export type IPolicyArea = InferEntity<typeof PolicyArea>;
