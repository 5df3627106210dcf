import { ApplicationFailure } from '@temporalio/common';
import type { EntityManager, MikroORM } from '@mikro-orm/postgresql';
import { randomUUID } from 'node:crypto';
import type { RequestActivities } from '../workflows/request/definitions';
import type { RequestEvent, RequestNotificationKind, RequestParty } from '../workflows/request/machine';
import type { RequestSnapshot } from '../workflows/request/snapshot';
import { projectRequestSnapshot, projectionEventOf } from '../schema/requestReadModel';
import '../schema/requestPersonalDataStore';
import { requestEmail } from './emails/requestEmails';
import type { Mailer } from './mailer';
import { contactRecipient, sendCaseEmails, userRecipients, usersById, usersWithRole, type CaseEmailRecipient, type CaseUserRow } from './caseNotifications';

export interface RequestActivityDeps {
  orm: MikroORM;
  mailer: Mailer;
  /** Base URL of the console, for the links in emails. */
  publicUrl: string;
}

const handlerColumn: Record<RequestParty, string> = {
  requester: 'requester_handler_ids',
  responder: 'responder_handler_ids',
  'requester-coordinator': 'requester_coordinator_handler_ids',
  'responder-coordinator': 'responder_coordinator_handler_ids',
};

/** A new request arrives at the responder: every case handler (or allocator) is told, not only the last involved. */
const arrivalKinds: readonly RequestNotificationKind[] = ['request-received', 'measures-notified'];

type UserRow = CaseUserRow;

/** The user of the authority who acted last on the request (its audit trail), if any. */
async function lastInvolved(tx: EntityManager, requestId: string, authorityId: string): Promise<UserRow[]> {
  const rows = await tx.execute<UserRow[]>(
    `select u.id, u.email, u.preferred_language from audit_event e
       join app_user u on e.actor = 'user:' || u.id::text
      where e.subject_type = 'request' and e.subject_id::text = ? and u.authority_id = ? and u.status = 'active'
      order by e.version desc nulls last, e.at desc limit 1`,
    [requestId, authorityId],
  );
  return rows;
}

/**
 * I/O of RequestWorkflow (workflows/request/definitions.ts `RequestActivities`). Idempotent: the
 * projection keeps the highest version; each email is recorded in `sent_email` per (request,
 * version, kind, party, recipient), so a retry sends only what was not sent yet.
 */
export function requestActivities({ orm, mailer, publicUrl }: RequestActivityDeps): RequestActivities {
  /** Who is emailed about `kind` for `party` (domain.md §5 "Automatic emails", 5.3.9.3). */
  async function recipients(tx: EntityManager, input: { requestId: string; kind: RequestNotificationKind; party: RequestParty; authorityId: string }) {
    const [request] = await tx.execute<{ number: string; legislation_area: string; handlers: string[] }[]>(
      `select number, legislation_area, ${handlerColumn[input.party]} as handlers from request where id = ?`,
      [input.requestId],
    );
    if (!request) throw ApplicationFailure.retryable(`Request ${input.requestId} is not projected yet.`, 'NotProjected');
    const [authority] = await tx.execute<{ contact_email: string; languages: string[]; flags: { coordinator?: { usesAllocation?: boolean } } | null }[]>(
      `select a.contact_email, a.languages, aa.flags from authority a left join authority_area aa on aa.authority_id = a.id and aa.area_code = ? where a.id = ?`,
      [request.legislation_area, input.authorityId],
    );
    if (!authority) throw ApplicationFailure.nonRetryable(`Authority ${input.authorityId} does not exist.`, 'RecipientMissing');
    const area = request.legislation_area;
    const assigned = await usersById(tx, input.authorityId, request.handlers ?? []);
    const isCoordinatorParty = input.party.endsWith('coordinator');
    let users: UserRow[];
    let contact = true;
    if (input.kind === 'allocated') {
      users = assigned;
      contact = false;
    } else if (input.kind === 'message') {
      users = assigned.length ? assigned : await lastInvolved(tx, input.requestId, input.authorityId);
      if (users.length === 0) users = await usersWithRole(tx, input.authorityId, 'case-handler', area);
      contact = false;
    } else if (!isCoordinatorParty && arrivalKinds.includes(input.kind)) {
      if (assigned.length) users = assigned;
      else {
        const [allocating] = await tx.execute(`select 1 from request_pending_action where request_id = ? and authority_id = ? and role = 'allocator' limit 1`, [input.requestId, input.authorityId]);
        users = await usersWithRole(tx, input.authorityId, allocating ? 'allocator' : 'case-handler', area);
      }
    } else {
      users = assigned.length ? assigned : await lastInvolved(tx, input.requestId, input.authorityId);
      // First referral or approval at a coordinator: its contact address, or its allocators when it allocates.
      if (users.length === 0 && isCoordinatorParty && authority.flags?.coordinator?.usesAllocation) {
        users = await usersWithRole(tx, input.authorityId, 'allocator', area);
        contact = false;
      }
    }
    const list: CaseEmailRecipient[] = userRecipients(users);
    const contactAddress = contact ? contactRecipient(authority.contact_email, authority.languages) : null;
    if (contactAddress) list.push(contactAddress);
    return { number: request.number, list };
  }

  return {
    async projectRequest(snapshot: RequestSnapshot, event: RequestEvent): Promise<void> {
      if (!snapshot?.requestId || !event?.action) throw ApplicationFailure.nonRetryable('A projection needs the snapshot and the event that caused it.', 'InvalidProjection');
      await orm.em.fork().transactional(async (tx) => {
        const { applied } = await projectRequestSnapshot(tx, snapshot, projectionEventOf(event));
        // The answer becomes the requester's to read once sent (after approval, if required).
        if (applied && snapshot.status === 'answered' && (event.action === 'answered' || event.action === 'answer-approved')) {
          await tx.execute(`update request_answer set state = 'sent', sent_at = ? where request_id = ? and state = 'draft'`, [event.at, snapshot.requestId]);
        }
      });
    },

    async notifyRequestParties(input) {
      const em = orm.em.fork();
      const { number, list } = await recipients(em, input);
      const base = `request:${input.requestId}:${input.version}:${input.kind}:${input.party}`;
      const link = `${publicUrl}/#/requests/${input.requestId}/show`;
      const sent = await sendCaseEmails(em, mailer, {
        keyBase: base,
        template: `request.${input.kind}`,
        recipients: list,
        content: (language) => requestEmail(input.kind, language, { number, link }),
      });
      return { sent };
    },

    async discardDraftAnswers({ requestId }) {
      return orm.em.fork().transactional(async (tx) => {
        const answers = await tx.execute<{ affectedRows?: number }>(`delete from request_answer where request_id = ? and state = 'draft'`, [requestId], 'run');
        // The draft's attachments: the responder's, outside messages, added after its last sent answer.
        await tx.execute(
          `delete from request_attachment where request_id = ? and side = 'responder' and message_id is null
             and uploaded_at > coalesce((select max(sent_at) from request_answer where request_id = ? and state = 'sent'), 'epoch'::timestamptz)`,
          [requestId, requestId],
          'run',
        );
        return { discarded: answers.affectedRows ?? 0 };
      });
    },

    async copySplitContent({ fromRequestId, toRequestId, questionIds }) {
      await orm.em.fork().transactional(async (tx) => {
        const [target] = await tx.execute('select 1 from request where id = ?', [toRequestId]);
        // The API writes the new request's provisional row (id, number) before the split; without it the rows have nowhere to go.
        if (!target) throw ApplicationFailure.retryable(`The split request ${toRequestId} has no row yet.`, 'NotProjected');
        await tx.execute(
          `insert into request_case_data (request_id, subject_kind, name, identifiers, fields, reason, updated_at, blocked_at)
           select ?, subject_kind, name, identifiers, fields, reason, now(), null from request_case_data where request_id = ?
           on conflict (request_id) do nothing`,
          [toRequestId, fromRequestId],
        );
        if (questionIds.length > 0) {
          const marks = questionIds.map(() => '?').join(', ');
          // The moved questions go with their own attachments; their draft answers stay behind (deleted).
          await tx.execute(`delete from request_answer where request_id = ? and question_id in (${marks}) and state = 'draft'`, [fromRequestId, ...questionIds]);
          await tx.execute(`update request_attachment set request_id = ? where request_id = ? and question_id in (${marks})`, [toRequestId, fromRequestId, ...questionIds]);
          await tx.execute(`update request_question set request_id = ? where request_id = ? and id in (${marks})`, [toRequestId, fromRequestId, ...questionIds]);
        }
        // Copies of the requester's attachments about the whole request (once: a retry finds them).
        const general = await tx.execute<{ id: string; file_name: string; uploaded_at: Date }[]>(
          `select id, file_name, uploaded_at from request_attachment where request_id = ? and side = 'requester' and question_id is null and message_id is null`,
          [fromRequestId],
        );
        for (const a of general) {
          const [copied] = await tx.execute('select 1 from request_attachment where request_id = ? and file_name = ? and uploaded_at = ?', [toRequestId, a.file_name, a.uploaded_at]);
          if (copied) continue;
          await tx.execute(
            `insert into request_attachment (id, request_id, question_id, message_id, side, file_name, mime_type, size_bytes, content, storage_path, uploaded_by, uploaded_at, blocked_at)
             select ?, ?, null, null, side, file_name, mime_type, size_bytes, content, storage_path, uploaded_by, uploaded_at, null from request_attachment where id = ?`,
            [randomUUID(), toRequestId, a.id],
          );
        }
      });
    },
  };
}
