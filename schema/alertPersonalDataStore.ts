import type { EntityManager } from '@mikro-orm/postgresql';
import { alertPersonalData } from './alertReadModel';
import { registerPersonalDataStore, type PersonalDataStore } from './personalDataStores';

/**
 * The `alert` case type's personal data store for retention (domain.md §8: an alert's personal
 * data is deleted 6 months after closure, with no blocking step before): the provider, every text
 * (description, information, comments, objections, proposals) and the files, keyed by alert id.
 * Registered on import; the worker (activities/alert.ts) and the API import this module.
 */
export const alertPersonalDataStore: PersonalDataStore = {
  async block(tx: EntityManager, caseId: string, at: Date) {
    await alertPersonalData.block(tx, caseId, at);
  },
  async erase(tx: EntityManager, caseId: string) {
    await alertPersonalData.erase(tx, caseId);
  },
  async retrieveBlocked(tx: EntityManager, caseId: string) {
    const [provider] = await tx.execute<Record<string, unknown>[]>(
      'select provider_kind, name, other_names, address, registration_numbers, fields, blocked_at from alert_provider where alert_id = ? and blocked_at is not null',
      [caseId],
    );
    const texts = await tx.execute('select id, kind, authority_id, text, language, created_at from alert_text where alert_id = ? and blocked_at is not null order by created_at', [caseId]);
    const files = await tx.execute('select id, text_id, file_name, mime_type, size_bytes from alert_file where alert_id = ? and blocked_at is not null', [caseId]);
    if (!provider && texts.length + files.length === 0) return null;
    return { provider: provider ?? null, texts, files };
  },
  /** Early erasure may be asked by the originating authority and every authority that received the alert (not the Commission). */
  async participantAuthorityIds(tx: EntityManager, caseId: string) {
    const rows = await tx.execute<{ id: string }[]>(
      `select originating_authority_id as id from alert where id = ?
       union select authority_id as id from alert_recipient where alert_id = ? and removed_at is null`,
      [caseId, caseId],
    );
    return [...new Set(rows.map((r) => r.id))];
  },
};

registerPersonalDataStore('alert', alertPersonalDataStore);
