import { defineEntity, p, type InferEntity } from '@mikro-orm/core';
import { LegislationArea } from '../reference/legislationArea';
import type { AccessStatus, ContentRole, Workflow } from '../../authority';
import { Authority } from './authority';

/**
 * An authority's access to one workflow (`requests`, `alerts`) of a legislation area
 * (ch. 4.1.3.2, 9.1.5.3): its status and content roles. The workflow flags are kept once per
 * area (`AuthorityArea.flags`, shaped like `workflowFlagsSchema`, grouped by workflow).
 */
export const AuthorityWorkflow = defineEntity({
  name: 'AuthorityWorkflow',
  tableName: 'authority_workflow',
  properties: {
    authorityId: () => p.manyToOne(Authority).mapToPk().fieldName('authority_id').primary().deleteRule('cascade'),
    areaCode: () => p.manyToOne(LegislationArea).mapToPk().fieldName('area_code').primary(),
    workflow: p.string().$type<Workflow>().length(20).primary(),
    accessStatus: p.string().$type<AccessStatus>().length(40),
    previousAccessStatus: p.string().$type<AccessStatus>().length(40).nullable(),
    /** Content roles in this workflow, e.g. `authority`, or `alert-coordinator` + `alert-mailbox` (schema/authority.ts). */
    roles: p.json<ContentRole[]>(),
  },
});

export type IAuthorityWorkflow = InferEntity<typeof AuthorityWorkflow>;
