import { ApplicationFailure } from '@temporalio/common';
import type { MikroORM } from '@mikro-orm/postgresql';
import type { ContactCheckSnapshot } from '../workflows/contactCheck/definitions';
import type { ContactCheckState } from '../workflows/contactCheck/machine';
import { contactCheckEmail, type ContactCheckEmailKind } from './emails/contactCheckEmails';
import { renderEmail } from './emails/layout';
import type { Mailer } from './mailer';

export interface ContactCheckActivityDeps {
  orm: MikroORM;
  mailer: Mailer;
  /** Base URL of the console, for the link in emails. */
  publicUrl: string;
}

/**
 * I/O of the contact-check workflow. Idempotent: the projection keeps the highest version and the
 * audit row is unique per (case, action, version); an email is sent once per (case, kind).
 */
export function contactCheckActivities({ orm, mailer, publicUrl }: ContactCheckActivityDeps) {
  return {
    async projectContactCheck(state: ContactCheckSnapshot & Partial<Pick<ContactCheckState, 'lastEvent'>>): Promise<void> {
      if (!state.lastEvent) throw ApplicationFailure.nonRetryable('A projection needs the event that caused it.', 'InvalidProjection');
      const em = orm.em.fork();
      await em.transactional(async (tx) => {
        const conn = tx; // tx.execute runs in the transaction; tx.getConnection().execute would not
        await conn.execute(
          `insert into contact_check (id, workflow_id, authority_ref, country_code, status, version, opened_at, due_at, reminded_at, closed_at, updated_at)
           values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, now())
           on conflict (id) do update set status = excluded.status, version = excluded.version, reminded_at = excluded.reminded_at,
             closed_at = excluded.closed_at, due_at = excluded.due_at, updated_at = now()
           where contact_check.version < excluded.version`,
          [state.checkId, `contact-check-${state.checkId}`, state.authorityRef, state.countryCode, state.status, state.version, state.openedAt, state.dueAt, state.remindedAt, state.closedAt],
        );
        await conn.execute(
          `insert into audit_event (at, subject_type, subject_id, action, actor, reason, version)
           values (?, 'contact-check', ?, ?, ?, ?, ?) on conflict do nothing`,
          [state.lastEvent!.at, state.checkId, state.lastEvent!.action, state.lastEvent!.actor, state.lastEvent!.reason, state.version],
        );
      });
    },

    async sendContactCheckEmail(input: { checkId: string; kind: ContactCheckEmailKind; version: number }): Promise<{ sent: boolean }> {
      const key = `contact-check:${input.checkId}:${input.kind}`;
      const conn = orm.em.fork().getConnection();
      const already = await conn.execute('select 1 from sent_email where key = ?', [key]);
      if (already.length > 0) return { sent: false };
      const contact = await conn.execute<{ email: string; language: string }[]>(
        'select email, language from contact_check_contact where check_id = ?',
        [input.checkId],
      );
      // Erased or never stored: nobody to tell, and retrying will not change that.
      if (contact.length === 0) throw ApplicationFailure.nonRetryable(`No contact stored for check ${input.checkId}.`, 'RecipientMissing');
      const { email, language } = contact[0];
      const rendered = await renderEmail(contactCheckEmail(input.kind, language, `${publicUrl}/#/contact-checks/${input.checkId}/show`));
      await mailer.send({ to: email, ...rendered });
      await conn.execute('insert into sent_email (key, template, language, sent_at) values (?, ?, ?, now()) on conflict do nothing', [key, `contact-check.${input.kind}`, language]);
      return { sent: true };
    },
  };
}

export type ContactCheckActivities = ReturnType<typeof contactCheckActivities>;
