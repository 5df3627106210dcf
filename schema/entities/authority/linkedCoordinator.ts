import { defineEntity, p, type InferEntity } from '@mikro-orm/core';
import { LegislationArea } from '../reference/legislationArea';
import type { Workflow } from '../../authority';
import { Authority } from './authority';

/**
 * A content coordinator an authority is linked to in one workflow of an area (ch. 4.1.3.3): a
 * request coordinator for authorities with the Authority role, an alert coordinator for alert
 * authorities. Several per workflow are allowed.
 */
export const LinkedCoordinator = defineEntity({
  name: 'LinkedCoordinator',
  tableName: 'authority_linked_coordinator',
  properties: {
    authorityId: () => p.manyToOne(Authority).mapToPk().fieldName('authority_id').primary().deleteRule('cascade'),
    areaCode: () => p.manyToOne(LegislationArea).mapToPk().fieldName('area_code').primary(),
    workflow: p.string().$type<Workflow>().length(20).primary(),
    coordinatorId: () => p.manyToOne(Authority).mapToPk().fieldName('coordinator_id').primary().index().deleteRule('cascade'),
  },
});

export type ILinkedCoordinator = InferEntity<typeof LinkedCoordinator>;
