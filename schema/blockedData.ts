import { z } from '@hono/zod-openapi';
import { contestKinds, retentionCaseTypes, retentionStatuses } from '../workflows/retention/machine';

/** Shapes of the retention status and the helpdesk's retrieval of blocked data (domain.md §8). */

export const retentionCaseParams = z.object({
  caseType: z.enum(retentionCaseTypes).openapi({ param: { name: 'caseType', in: 'path' }, example: 'request' }),
  caseId: z.string().trim().min(1, 'is required').max(120).openapi({ param: { name: 'caseId', in: 'path' }, example: '3f6c1d2e-0b7a-4c55-9a53-4f1b8c0d9e21' }),
});

export const retrievalLegalBases = ['consent', 'proof-of-exchange'] as const;

export const blockedDataRetrievalRequestSchema = z
  .object({
    reason: z.string().trim().min(1, 'is required').max(2000).openapi({ description: 'Why the helpdesk retrieves the blocked data; kept in the audit trail', example: 'Special request HD-2026-118 of the Danish Business Authority' }),
    legalBasis: z.enum(retrievalLegalBases).openapi({ description: "`consent`: a special request with the data subject's consent; `proof-of-exchange`: to prove that an exchange took place" }),
    consentReference: z.string().trim().min(1).max(200).optional().openapi({ description: "Where the data subject's consent is kept; required with legalBasis consent", example: 'DK-consent-2026-17' }),
  })
  .superRefine((value, ctx) => {
    if (value.legalBasis === 'consent' && !value.consentReference) {
      ctx.addIssue({ code: 'custom', path: ['consentReference'], message: "is required when the legal basis is the data subject's consent" });
    }
  })
  .openapi('BlockedDataRetrievalRequest');

export const blockedDataRetrievalSchema = z
  .object({
    caseType: z.enum(retentionCaseTypes),
    caseId: z.string(),
    blockedAt: z.string().datetime(),
    eraseAt: z.string().datetime(),
    retrievedAt: z.string().datetime(),
    legalBasis: z.enum(retrievalLegalBases),
    /** The case type's blocked personal data, as its store gives it. */
    data: z.record(z.string(), z.unknown()),
  })
  .openapi('BlockedDataRetrieval');

export const contestSchema = z.object({
  kind: z.enum(contestKinds),
  reference: z.string(),
  recordedAt: z.string().datetime(),
  recordedBy: z.string(),
});

export const newContestSchema = z
  .object({
    kind: z.enum(contestKinds).openapi({ description: 'What the data subject contests' }),
    reference: z.string().trim().min(1, 'is required').max(200).openapi({ description: 'Where the contest itself is kept (e.g. the helpdesk ticket); never its content', example: 'HD-2026-201' }),
  })
  .openapi('NewRetentionContest');

export const earlyErasureRequestSchema = z
  .object({
    reason: z.string().trim().min(1, 'is required').max(2000).openapi({ description: 'Why the data is erased before the end of the period; kept with the retention and in the audit trail', example: 'The data subject asked for erasure' }),
    consentReference: z.string().trim().min(1, 'is required').max(200).openapi({ description: "Where the data subject's consent is kept", example: 'DK-consent-2026-17' }),
  })
  .openapi('EarlyErasureRequest');

export const retentionStatusSchema = z
  .object({
    caseType: z.enum(retentionCaseTypes),
    caseId: z.string(),
    status: z.enum(retentionStatuses),
    version: z.number().int(),
    closedAt: z.string().datetime(),
    blockAt: z.string().datetime().nullable(),
    eraseAt: z.string().datetime(),
    blockedAt: z.string().datetime().nullable(),
    erasedAt: z.string().datetime().nullable(),
    earlyErasure: z.object({ reason: z.string(), consentReference: z.string(), requestedBy: z.string() }).nullable(),
    contests: z.array(contestSchema),
  })
  .openapi('RetentionStatus');

export type RetentionStatusView = z.infer<typeof retentionStatusSchema>;

/** The helpdesk finds a case by its number (`REQ-…` or `ALR-…`) on the blocked-data screen. */
export const caseNumberParams = z.object({
  number: z
    .string()
    .trim()
    .toUpperCase()
    .regex(/^(REQ|ALR)-\d{4}-\d{6,}$/, 'must be a request number (REQ-2026-000123) or an alert number (ALR-2026-000123)'),
});
export const caseByNumberSchema = z
  .object({ caseType: z.enum(retentionCaseTypes), caseId: z.string().uuid(), number: z.string() })
  .openapi('CaseByNumber');
