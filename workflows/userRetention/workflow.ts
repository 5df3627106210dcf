import { proxyActivities, setHandler, sleep } from '@temporalio/workflow';
import type { UserRetentionActivities } from '../../activities/userRetention';
import { userRetentionSnapshot, userRetentionYears, type UserRetentionInput, type UserRetentionSnapshot } from './definitions';

const { blockUser, eraseUser } = proxyActivities<UserRetentionActivities>({
  startToCloseTimeout: '1 minute',
  retry: { initialInterval: '1 second', backoffCoefficient: 2, maximumInterval: '1 minute' },
});

/** Blocks a removed user's personal data now and erases it after 3 years by a durable timer. */
export async function UserRetentionWorkflow(input: UserRetentionInput): Promise<UserRetentionSnapshot> {
  const eraseAt = new Date(Date.parse(input.removedAt));
  eraseAt.setUTCFullYear(eraseAt.getUTCFullYear() + userRetentionYears);
  const state: UserRetentionSnapshot = { userId: input.userId, eraseAt: eraseAt.toISOString(), erasedAt: null };
  setHandler(userRetentionSnapshot, () => ({ ...state }));

  await blockUser({ userId: input.userId, removedBy: input.removedBy, removedAt: input.removedAt });
  const waitMs = eraseAt.getTime() - Date.now();
  if (waitMs > 0) await sleep(waitMs);
  await eraseUser({ userId: input.userId });
  state.erasedAt = new Date().toISOString();
  return { ...state };
}
