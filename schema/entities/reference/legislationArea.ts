import { defineEntity, p, type InferEntity } from '@mikro-orm/core';
import { AreaKeyword } from './areaKeyword';
import type { Translations } from './translations';

export const workflows = ['requests', 'alerts'] as const;
export type Workflow = (typeof workflows)[number];

/** A body of internal-market law Liaison supports (lovgivningsområde), with the workflows it has. */
export const LegislationArea = defineEntity({
  name: 'LegislationArea',
  tableName: 'ref_legislation_area',
  properties: {
    code: p.string().length(60).primary(),
    /** e.g. "Directive 2006/123/EC". */
    legalReference: p.string().length(200),
    names: p.json<Translations>(),
    workflows: p.json<Workflow[]>(),
    /** Personal data of a closed request is blocked after this many months (6; SOLVIT 18). */
    blockPersonalDataAfterMonths: p.integer(),
    /** Display order. */
    position: p.integer(),
    keywords: () => p.oneToMany(AreaKeyword).mappedBy('area'),
    retired: p.boolean().default(false),
  },
});

export type ILegislationArea = InferEntity<typeof LegislationArea>;
