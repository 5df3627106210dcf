import { defineEntity, p, type InferEntity } from '@mikro-orm/core';
import { LegislationArea } from './legislationArea';
import type { Translations } from './translations';

/** A keyword of a legislation area; authorities pick them to state their competence and are searched by them. */
export const AreaKeyword = defineEntity({
  name: 'AreaKeyword',
  tableName: 'ref_area_keyword',
  properties: {
    code: p.string().length(80).primary(),
    area: () => p.manyToOne(LegislationArea),
    labels: p.json<Translations>(),
    /** Display order within the area. */
    position: p.integer(),
    retired: p.boolean().default(false),
  },
});

export type IAreaKeyword = InferEntity<typeof AreaKeyword>;
