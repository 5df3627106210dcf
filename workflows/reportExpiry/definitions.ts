import { defineQuery } from '@temporalio/workflow';

/**
 * A generated report stays downloadable for a fixed number of days (5.3.10: 30) and is then
 * deleted: one workflow per report with a durable timer, no scan. The input is ids and times only.
 */
export interface ReportExpiryInput {
  reportId: string;
  createdAt: string;
  /** From reportPolicy at start, so the history is deterministic. */
  keepDays: number;
}

export interface ReportExpirySnapshot {
  reportId: string;
  expiresAt: string;
  deletedAt: string | null;
}

export const reportExpirySnapshot = defineQuery<ReportExpirySnapshot>('snapshot');
export const reportExpiryWorkflowId = (reportId: string) => `report-expiry-${reportId}`;

/** When a report made at `createdAt` stops being downloadable. */
export function reportExpiresAt(createdAt: Date, keepDays: number): Date {
  return new Date(createdAt.getTime() + keepDays * 86_400_000);
}
