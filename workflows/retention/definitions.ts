import { defineQuery, defineUpdate } from '@temporalio/workflow';
import type { Actor } from '../actor';
import type { ContestKind, RetentionCaseType, RetentionState } from './machine';

/**
 * Start input of RetentionWorkflow, started by a case workflow at closure as an abandoned child
 * (workflow id `retention-<caseType>-<caseId>`). Ids and durations only; closure is the start time.
 * `blockAfterMs: null` means no blocking step (alerts: erased 6 months after closure).
 */
export interface RetentionInput {
  caseType: RetentionCaseType;
  caseId: string;
  blockAfterMs: number | null;
  eraseAfterMs: number;
}

/** What the API gets back from every update and the query: the state, without the last event. */
export type RetentionSnapshot = Omit<RetentionState, 'lastEvent'>;

/** A CA's explicit request (with the data subject's consent) to erase before the period ends; the API supplies the case's authorities. */
export const eraseEarly = defineUpdate<RetentionSnapshot, [{ actor: Actor; reason: string; consentReference: string; caseAuthorityIds: string[] }]>('eraseEarly');
/** A rectification or erasure contest of blocked data, recorded beside it through the helpdesk. */
export const recordContest = defineUpdate<RetentionSnapshot, [{ actor: Actor; kind: ContestKind; reference: string }]>('recordContest');
export const retentionSnapshot = defineQuery<RetentionSnapshot>('snapshot');

export const retentionWorkflowType = 'RetentionWorkflow';
export const retentionWorkflowId = (caseType: RetentionCaseType, caseId: string) => `retention-${caseType}-${caseId}`;
