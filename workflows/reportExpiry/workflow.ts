import { proxyActivities, setHandler, sleep } from '@temporalio/workflow';
import type { ReportExpiryActivities } from '../../activities/reports/expiry';
import { reportExpiresAt, reportExpirySnapshot, type ReportExpiryInput, type ReportExpirySnapshot } from './definitions';

const { deleteExpiredReport } = proxyActivities<ReportExpiryActivities>({
  startToCloseTimeout: '1 minute',
  retry: { initialInterval: '1 second', backoffCoefficient: 2, maximumInterval: '5 minutes' },
});

/** Waits until the report expires (durable timer), then deletes it. */
export async function ReportExpiryWorkflow(input: ReportExpiryInput): Promise<ReportExpirySnapshot> {
  const expiresAt = reportExpiresAt(new Date(Date.parse(input.createdAt)), input.keepDays);
  const state: ReportExpirySnapshot = { reportId: input.reportId, expiresAt: expiresAt.toISOString(), deletedAt: null };
  setHandler(reportExpirySnapshot, () => ({ ...state }));

  const waitMs = expiresAt.getTime() - Date.now();
  if (waitMs > 0) await sleep(waitMs);
  await deleteExpiredReport({ reportId: input.reportId });
  state.deletedAt = new Date().toISOString();
  return { ...state };
}
