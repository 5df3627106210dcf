import { defineEntity, p, type InferEntity } from '@mikro-orm/core';

/**
 * Read model of a closed case's retention (domain.md §8): whether its personal data is still
 * active, blocked or erased, and when each step is due. Projected by RetentionWorkflow's
 * activities, guarded by version. No personal data: the early-erasure reason and consent
 * reference and the contests' references are facts about the handling, not about the person.
 */
export const CaseRetention = defineEntity({
  name: 'CaseRetention',
  tableName: 'case_retention',
  properties: {
    /** `request` or `alert`. */
    caseType: p.string().length(20).primary(),
    caseId: p.string().length(120).primary(),
    workflowId: p.string().length(200).unique(),
    status: p.string().length(20).index(),
    version: p.integer(),
    closedAt: p.datetime(),
    blockAt: p.datetime().nullable(),
    eraseAt: p.datetime().index(),
    blockedAt: p.datetime().nullable(),
    erasedAt: p.datetime().nullable(),
    earlyErasure: p.json<{ reason: string; consentReference: string; requestedBy: string }>().nullable(),
    contests: p.json<{ kind: string; reference: string; recordedAt: string; recordedBy: string }[]>(),
    updatedAt: p.datetime(),
  },
});

export type ICaseRetention = InferEntity<typeof CaseRetention>;
