import { ApplicationFailure } from '@temporalio/common';
import type { MikroORM } from '@mikro-orm/postgresql';
import { personalDataStoreOf } from '../schema/personalDataStores';
import type { RetentionCaseType, RetentionState } from '../workflows/retention/machine';
import { retentionWorkflowId } from '../workflows/retention/definitions';

export interface RetentionActivityDeps {
  orm: MikroORM;
}

export interface RetentionCaseRef {
  caseType: RetentionCaseType;
  caseId: string;
}

function storeOf(caseType: RetentionCaseType) {
  const store = personalDataStoreOf(caseType);
  // Retryable: a worker built without the case type's store is a deployment mistake that a
  // corrected deployment fixes; the workflow waits for it rather than skipping a deletion.
  if (!store) throw ApplicationFailure.retryable(`No personal data store is registered for ${caseType} cases.`, 'NoPersonalDataStore');
  return store;
}

/**
 * I/O of RetentionWorkflow. Idempotent: blocking and erasing are idempotent in every store, the
 * projection keeps the highest version and the audit row is unique per (case, action, version).
 */
export function retentionActivities({ orm }: RetentionActivityDeps) {
  return {
    async blockPersonalData(input: RetentionCaseRef & { at: string }): Promise<void> {
      const store = storeOf(input.caseType);
      await orm.em.fork().transactional((tx) => store.block(tx, input.caseId, new Date(input.at)));
    },

    async erasePersonalData(input: RetentionCaseRef): Promise<void> {
      const store = storeOf(input.caseType);
      await orm.em.fork().transactional((tx) => store.erase(tx, input.caseId));
    },

    async projectRetention(state: RetentionState): Promise<void> {
      await orm.em.fork().transactional(async (tx) => {
        // tx.execute runs inside the transaction; tx.getConnection().execute would not.
        await tx.execute(
          `insert into case_retention (case_type, case_id, workflow_id, status, version, closed_at, block_at, erase_at, blocked_at, erased_at,
             early_erasure, contests, updated_at)
           values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?::jsonb, ?::jsonb, now())
           on conflict (case_type, case_id) do update set status = excluded.status, version = excluded.version,
             blocked_at = excluded.blocked_at, erased_at = excluded.erased_at, early_erasure = excluded.early_erasure,
             contests = excluded.contests, updated_at = now()
           where case_retention.version < excluded.version`,
          [
            state.caseType,
            state.caseId,
            retentionWorkflowId(state.caseType, state.caseId),
            state.status,
            state.version,
            state.closedAt,
            state.blockAt,
            state.eraseAt,
            state.blockedAt,
            state.erasedAt,
            state.earlyErasure ? JSON.stringify(state.earlyErasure) : null,
            JSON.stringify(state.contests),
          ],
        );
        await tx.execute(
          `insert into audit_event (at, subject_type, subject_id, action, actor, reason, version)
           values (?, ?, ?, ?, ?, ?, ?) on conflict do nothing`,
          [state.lastEvent.at, state.caseType, state.caseId, state.lastEvent.action, state.lastEvent.actor, state.lastEvent.reason, state.version],
        );
      });
    },
  };
}

export type RetentionActivities = ReturnType<typeof retentionActivities>;
