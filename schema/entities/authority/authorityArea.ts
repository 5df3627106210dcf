import { defineEntity, p, type InferEntity } from '@mikro-orm/core';
import { LegislationArea } from '../reference/legislationArea';
import type { AccessStatus, AuthorityKind, WorkflowFlags } from '../../authority';
import { Authority } from './authority';

/**
 * An authority's access to one legislation area (ch. 4.1.3.1, 9.1.5.2): its status, the access
 * coordinator that manages it, its role in the area, the area keywords describing its competence
 * (≥1; NIMIC and super-DIMIC have all) and the workflow flags of the area (ch. 9.1.4; only the
 * access coordinator changes them).
 */
export const AuthorityArea = defineEntity({
  name: 'AuthorityArea',
  tableName: 'authority_area',
  properties: {
    authorityId: () => p.manyToOne(Authority).mapToPk().fieldName('authority_id').primary().deleteRule('cascade'),
    areaCode: () => p.manyToOne(LegislationArea).mapToPk().fieldName('area_code').primary().index(),
    /** `requested`, `active`, `suspended`, `suspended-reactivation-requested`, `revoked`, `revoked-reactivation-requested`. */
    accessStatus: p.string().$type<AccessStatus>().length(40),
    /** Where a refused reactivation returns to. */
    previousAccessStatus: p.string().$type<AccessStatus>().length(40).nullable(),
    /** Its administrative role in this area (a LIMIC of one area may be a CA in another); changed only while the area is suspended or requested. */
    role: p.string().$type<AuthorityKind>().length(20),
    accessCoordinatorId: () => p.manyToOne(Authority).mapToPk().fieldName('access_coordinator_id').nullable().deleteRule('set null'),
    /** Codes of `AreaKeyword`s of this area. */
    keywords: p.json<string[]>(),
    /**
     * The area's workflow flags in the shape of `workflowFlagsSchema` (schema/authority.ts): CA and
     * coordinator request flags, alert final approval. Read through the schema, so missing ones
     * take the manual's defaults.
     */
    flags: p.json<StoredWorkflowFlags>(),
  },
});

/** Flags as stored: only those set, grouped like `WorkflowFlags`. */
export type StoredWorkflowFlags = { [G in keyof WorkflowFlags]?: Partial<WorkflowFlags[G]> };

export type IAuthorityArea = InferEntity<typeof AuthorityArea>;
