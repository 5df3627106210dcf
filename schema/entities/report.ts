import { defineEntity, p, type InferEntity } from '@mikro-orm/core';

/**
 * A generated report (domain.md §5 "Reports"): the PDF as made, kept downloadable for 30 days and
 * then deleted by its ReportExpiryWorkflow. Holds personal data when `personalData` is set, so
 * the bytes are loaded only when downloaded (lazy).
 */
export const Report = defineEntity({
  name: 'Report',
  tableName: 'report',
  properties: {
    id: p.uuid().primary(),
    /** `request` or `alert`. */
    caseType: p.string().length(20),
    caseId: p.string().length(100),
    kind: p.string().length(40),
    language: p.string().length(5),
    signed: p.boolean(),
    personalData: p.boolean(),
    /** User id, or `operator`. */
    createdBy: p.string().length(120),
    /** The authority the creating user acted for; only its users (and the helpdesk) may download. */
    authorityId: p.uuid().nullable().index(),
    createdAt: p.datetime(),
    expiresAt: p.datetime().index(),
    sizeBytes: p.integer(),
    sha256: p.string().length(64),
    bytes: p.blob().lazy(),
  },
  indexes: [{ properties: ['caseType', 'caseId'] }],
});

export type IReport = InferEntity<typeof Report>;
