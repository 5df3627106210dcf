import type { EntityManager } from '@mikro-orm/postgresql';
import type { RetentionCaseType } from '../workflows/retention/machine';

/**
 * Where a case type keeps its personal data, as retention (domain.md §8) needs to see it: block it
 * (the normal interface stops showing it), erase it (real deletes), and give blocked data back to
 * the helpdesk. Each case type registers its store once, at import of the module that owns its
 * tables (requests: schema/entities/request); the worker and the API both import that module.
 *
 * Every method runs inside the caller's transaction `tx` (run SQL with `tx.execute`, never
 * `tx.getConnection()`, which would take a second pooled connection outside the transaction) and
 * must be idempotent: activities are retried.
 */
export interface PersonalDataStore {
  /** Hides the case's personal data from the normal interface from `at` on; keeps it. */
  block(tx: EntityManager, caseId: string, at: Date): Promise<void>;
  /** Deletes the case's personal data; the case's non-personal facts stay. */
  erase(tx: EntityManager, caseId: string): Promise<void>;
  /** The blocked personal data, for the helpdesk's retrieval only; null when the store has none for the case. */
  retrieveBlocked(tx: EntityManager, caseId: string): Promise<Record<string, unknown> | null>;
  /**
   * Ids of the authorities taking part in the case: their users may ask for early erasure (with
   * the data subject's consent). Without it, only the helpdesk may.
   */
  participantAuthorityIds?(tx: EntityManager, caseId: string): Promise<string[]>;
}

const stores = new Map<RetentionCaseType, PersonalDataStore>();

/** Registers the store of a case type; registering another store for the same type is a mistake. */
export function registerPersonalDataStore(caseType: RetentionCaseType, store: PersonalDataStore): void {
  const existing = stores.get(caseType);
  if (existing && existing !== store) throw new Error(`A personal data store for ${caseType} cases is registered already.`);
  stores.set(caseType, store);
}

/** The registered store of a case type, or undefined when none is registered (yet). */
export function personalDataStoreOf(caseType: RetentionCaseType): PersonalDataStore | undefined {
  return stores.get(caseType);
}

/** Removes a registration; for tests that register a store of their own. */
export function unregisterPersonalDataStore(caseType: RetentionCaseType, store: PersonalDataStore): void {
  if (stores.get(caseType) === store) stores.delete(caseType);
}
