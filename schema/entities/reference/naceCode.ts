import { defineEntity, p, type InferEntity } from '@mikro-orm/core';
import type { Translations } from './translations';

/** A NACE Rev. 2 economic activity: a section (A–U, level 1) or a division (01–99, level 2); authority competence. */
export const NaceCode = defineEntity({
  name: 'NaceCode',
  tableName: 'ref_nace_code',
  properties: {
    code: p.string().length(8).primary(),
    /** 1 section, 2 division (3 group and 4 class if they are ever loaded). */
    level: p.integer(),
    parent: () => p.manyToOne(NaceCode).nullable(),
    /** Official titles; en always, da from Danmarks Statistik's DB07 (identical to NACE at these levels). */
    names: p.json<Translations>(),
    retired: p.boolean().default(false),
  },
});

export type INaceCode = InferEntity<typeof NaceCode>;
