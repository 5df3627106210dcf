import { defineQuery } from '@temporalio/workflow';

/**
 * A removed user's personal data: blocked at once (the API shows nothing of it), erased 3 years
 * later (domain.md §2 and §"Retention": "Users' own data: blocked when they stop using the system,
 * deleted 3 years later"). The input is ids and times only.
 */
export interface UserRetentionInput {
  userId: string;
  /** Who removed the user (`user:<id>`, `operator`); an id, never a name. */
  removedBy: string;
  removedAt: string;
}

export interface UserRetentionSnapshot {
  userId: string;
  eraseAt: string;
  erasedAt: string | null;
}

export const userRetentionSnapshot = defineQuery<UserRetentionSnapshot>('snapshot');
export const userRetentionWorkflowId = (userId: string) => `user-retention-${userId}`;
export const userRetentionYears = 3;
