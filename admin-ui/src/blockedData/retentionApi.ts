import type { z } from '@hono/zod-openapi';
import type {
  blockedDataRetrievalRequestSchema,
  blockedDataRetrievalSchema,
  earlyErasureRequestSchema,
  newContestSchema,
  RetentionStatusView,
} from '../../../schema/blockedData';
import { liaisonApi } from '../liaisonApi';

/**
 * The console's calls of the retention and blocked-data API (api/routes/blockedData.ts, domain.md
 * §8). Shapes are the API's zod schemas inferred; the API decides who may do what (403 with its
 * reason), the console shows its answers.
 */

export type { RetentionStatusView };
export type RetentionCaseType = RetentionStatusView['caseType'];
export type BlockedDataRetrieval = z.infer<typeof blockedDataRetrievalSchema>;
export type RetrievalRequest = z.input<typeof blockedDataRetrievalRequestSchema>;
export type LegalBasis = RetrievalRequest['legalBasis'];
export type NewContest = z.input<typeof newContestSchema>;
export type ContestKind = NewContest['kind'];
export type EarlyErasureRequest = z.input<typeof earlyErasureRequestSchema>;

export const retentionCaseTypes = ['request', 'alert'] as const satisfies readonly RetentionCaseType[];
export const legalBases = ['consent', 'proof-of-exchange'] as const satisfies readonly LegalBasis[];
export const contestKinds = ['rectification', 'erasure'] as const satisfies readonly ContestKind[];

const casePath = (caseType: RetentionCaseType, caseId: string) => `${caseType}/${encodeURIComponent(caseId)}`;

/** GET /api/retention/{caseType}/{caseId}: active, blocked or erased, with the due dates and contests. */
export const getRetention = (caseType: RetentionCaseType, caseId: string, signal?: AbortSignal) =>
  liaisonApi<RetentionStatusView>(`/retention/${casePath(caseType, caseId)}`, { signal });

/** POST /api/blocked-data/{caseType}/{caseId}/retrievals: the blocked personal data, audited with the reason. */
export const retrieveBlockedData = (caseType: RetentionCaseType, caseId: string, body: RetrievalRequest) =>
  liaisonApi<BlockedDataRetrieval>(`/blocked-data/${casePath(caseType, caseId)}/retrievals`, { method: 'POST', body });

/** POST /api/retention/{caseType}/{caseId}/contests: a rectification or erasure contest beside blocked data. */
export const recordContest = (caseType: RetentionCaseType, caseId: string, body: NewContest) =>
  liaisonApi<RetentionStatusView>(`/retention/${casePath(caseType, caseId)}/contests`, { method: 'POST', body });

/** POST /api/retention/{caseType}/{caseId}/early-erasure: erase now, on a CA's request with consent. */
export const eraseEarly = (caseType: RetentionCaseType, caseId: string, body: EarlyErasureRequest) =>
  liaisonApi<RetentionStatusView>(`/retention/${casePath(caseType, caseId)}/early-erasure`, { method: 'POST', body });
