import type { EntityManager } from '@mikro-orm/postgresql';
import { emailLanguageOf } from './emails/caseEmail';
import type { EmailContent } from './emails/layout';
import { renderEmail } from './emails/layout';
import type { Mailer } from './mailer';

/**
 * The email machinery shared by the case workflows' notification activities (requests, alerts):
 * who holds a user role at an authority, and sending one standard email per recipient at most
 * once, recorded in `sent_email` (which holds no address or content).
 */

export interface CaseEmailRecipient {
  /** `user:<id>` or `contact`: part of the idempotency key (sent_email holds no address). */
  key: string;
  email: string;
  language: string;
}

export type CaseUserRow = { id: string; email: string; preferred_language: string };

/** Active users of an authority holding `role` in the area (a role without area counts everywhere). */
export async function usersWithRole(tx: EntityManager, authorityId: string, role: string, area: string): Promise<CaseUserRow[]> {
  return tx.execute<CaseUserRow[]>(
    `select id, email, preferred_language from app_user
      where authority_id = ? and status = 'active'
        and exists (select 1 from jsonb_array_elements(roles::jsonb) r where r->>'role' = ? and (r->>'area' is null or r->>'area' = ?))
      order by created_at`,
    [authorityId, role, area],
  );
}

/** Active users of an authority among `ids`. */
export async function usersById(tx: EntityManager, authorityId: string, ids: string[]): Promise<CaseUserRow[]> {
  if (ids.length === 0) return [];
  return tx.execute<CaseUserRow[]>(`select id, email, preferred_language from app_user where authority_id = ? and status = 'active' and id in (${ids.map(() => '?').join(', ')})`, [
    authorityId,
    ...ids,
  ]);
}

/** Users as recipients, each once, in their own language. */
export function userRecipients(users: readonly CaseUserRow[]): CaseEmailRecipient[] {
  return [...new Map(users.map((u) => [u.id, { key: `user:${u.id}`, email: u.email, language: u.preferred_language }])).values()];
}

/** The authority's contact address as a recipient, in the first of its languages Liaison writes (else English). */
export function contactRecipient(contactEmail: string | null, languages: readonly string[]): CaseEmailRecipient | null {
  if (!contactEmail) return null;
  const language = languages.find((l) => emailLanguageOf(l) === l) ?? 'en';
  return { key: 'contact', email: contactEmail, language };
}

/**
 * Sends `content(language)` to each recipient unless `sent_email` already has `<keyBase>:<recipient
 * key>` (a retried activity sends only what was not sent yet). Returns how many were sent now.
 */
export async function sendCaseEmails(
  em: EntityManager,
  mailer: Mailer,
  input: { keyBase: string; template: string; recipients: readonly CaseEmailRecipient[]; content: (language: string) => EmailContent },
): Promise<number> {
  let sent = 0;
  for (const recipient of input.recipients) {
    const key = `${input.keyBase}:${recipient.key}`;
    const already = await em.execute('select 1 from sent_email where key = ?', [key]);
    if (already.length > 0) continue;
    const rendered = await renderEmail(input.content(recipient.language));
    await mailer.send({ to: recipient.email, ...rendered });
    await em.execute('insert into sent_email (key, template, language, sent_at) values (?, ?, ?, now()) on conflict do nothing', [key, input.template, emailLanguageOf(recipient.language)]);
    sent += 1;
  }
  return sent;
}
