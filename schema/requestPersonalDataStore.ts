import type { EntityManager } from '@mikro-orm/postgresql';
import { registerPersonalDataStore, type PersonalDataStore } from './personalDataStores';
import { requestPersonalData } from './requestReadModel';

/**
 * The `request` case type's personal data store for retention (domain.md §8): case data, question
 * comments, answers, messages (with reasons and remarks) and attachments, all keyed by request id.
 * Registered on import; the worker (activities/request.ts) and the API (api/routes/requests.ts)
 * import this module.
 */
export const requestPersonalDataStore: PersonalDataStore = {
  async block(tx: EntityManager, caseId: string, at: Date) {
    await requestPersonalData.block(tx, caseId, at);
  },
  async erase(tx: EntityManager, caseId: string) {
    await requestPersonalData.erase(tx, caseId);
  },
  async retrieveBlocked(tx: EntityManager, caseId: string) {
    const [caseData] = await tx.execute<Record<string, unknown>[]>(
      'select subject_kind, name, identifiers, fields, reason, blocked_at from request_case_data where request_id = ? and blocked_at is not null',
      [caseId],
    );
    const questions = await tx.execute('select id, question_code, comment, comment_language from request_question where request_id = ? and blocked_at is not null order by position', [caseId]);
    const answers = await tx.execute('select question_id, round, predefined_answer, text, language, state from request_answer where request_id = ? and blocked_at is not null', [caseId]);
    const messages = await tx.execute(
      'select id, from_side, authority_id, comment_code, text, language, sent_at from request_message where request_id = ? and blocked_at is not null order by sent_at',
      [caseId],
    );
    const attachments = await tx.execute('select id, file_name, mime_type, size_bytes, side from request_attachment where request_id = ? and blocked_at is not null', [caseId]);
    if (!caseData && questions.length + answers.length + messages.length + attachments.length === 0) return null;
    return { caseData: caseData ?? null, questions, answers, messages, attachments };
  },
  /** Early erasure may be asked by the two authorities of the exchange (not the coordinators). */
  async participantAuthorityIds(tx: EntityManager, caseId: string) {
    const [row] = await tx.execute<{ requesting_authority_id: string; responding_authority_id: string }[]>(
      'select requesting_authority_id, responding_authority_id from request where id = ?',
      [caseId],
    );
    return row ? [...new Set([row.requesting_authority_id, row.responding_authority_id])] : [];
  },
};

registerPersonalDataStore('request', requestPersonalDataStore);
