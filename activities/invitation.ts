import { ApplicationFailure } from '@temporalio/common';
import type { MikroORM } from '@mikro-orm/postgresql';
import { randomBytes, randomInt, scrypt, timingSafeEqual } from 'node:crypto';
import { promisify } from 'node:util';
import type { InvitationSnapshot } from '../workflows/invitation/definitions';
import type { InvitationState } from '../workflows/invitation/machine';
import { invitationEmail, workflowLabel, type InvitationEmailKind, type RegistrationSummary } from './emails/invitationEmails';
import { renderEmail } from './emails/layout';
import type { Mailer } from './mailer';

export interface InvitationActivityDeps {
  orm: MikroORM;
  mailer: Mailer;
  /** Base URL of the console, for the links in emails. */
  publicUrl: string;
}

const scryptAsync = promisify(scrypt) as (password: string, salt: Buffer, keylen: number) => Promise<Buffer>;
/** No 0/O, 1/I/L: the code is typed from an email. 31 symbols × 12 ≈ 59 bits. */
const codeAlphabet = 'ABCDEFGHJKMNPQRSTUVWXYZ23456789';

/** A fresh 12-character registration code, shown as `ABCD-EFGH-JKMN`. */
export function generateRegistrationCode(): string {
  const raw = Array.from({ length: 12 }, () => codeAlphabet[randomInt(codeAlphabet.length)]).join('');
  return `${raw.slice(0, 4)}-${raw.slice(4, 8)}-${raw.slice(8)}`;
}

const normaliseCode = (code: string) => code.toUpperCase().replace(/[\s-]/g, '');

/** `scrypt$<salt b64>$<hash b64>` of the code without dashes or spaces, case-insensitive. */
export async function hashRegistrationCode(code: string): Promise<string> {
  const salt = randomBytes(16);
  const hash = await scryptAsync(normaliseCode(code), salt, 32);
  return `scrypt$${salt.toString('base64')}$${hash.toString('base64')}`;
}

/** For the API's self-registration security check. */
export async function verifyRegistrationCode(code: string, stored: string | null | undefined): Promise<boolean> {
  const [scheme, salt, hash] = (stored ?? '').split('$');
  if (scheme !== 'scrypt' || !salt || !hash) return false;
  const expected = Buffer.from(hash, 'base64');
  const actual = await scryptAsync(normaliseCode(code), Buffer.from(salt, 'base64'), expected.length);
  return timingSafeEqual(actual, expected);
}

export interface InvitationEmailInput {
  invitationId: string;
  kind: InvitationEmailKind;
  version: number;
  /** Who submitted it; the "please validate" email goes to this user. */
  senderUserId: string | null;
  codeExpiresAt: string | null;
  /** The coordinator's country's zone, to show the expiry date as a local date. */
  zone: string;
}

type Connection = ReturnType<ReturnType<MikroORM['em']['fork']>['getConnection']>;

/**
 * What a self-registered authority registered, for its confirmation email, read by the invitation's
 * id (personal data stays out of Temporal). The superuser's name, never the username nor a password.
 */
async function registrationSummary(conn: Connection, invitationId: string, language: string): Promise<RegistrationSummary> {
  const [authority] = await conn.execute<{ id: string; official_name: string; name_en: string; name_native: string; languages: string[] }[]>(
    `select a.id, a.official_name, c.name_en, c.name_native, c.languages from invitation i
       join authority a on a.id::text = i.registered_authority_id join ref_country c on c.code = a.country_code where i.id = ?`,
    [invitationId],
  );
  if (!authority) throw ApplicationFailure.retryable(`Invitation ${invitationId} has no registered authority projected yet.`, 'NotProjected');
  const areaName = (names: Record<string, string>) => names[language] ?? names.en ?? '';
  const areas = await conn.execute<{ code: string; names: Record<string, string> }[]>(
    `select l.code, l.names from authority_area aa join ref_legislation_area l on l.code = aa.area_code where aa.authority_id = ? order by l.position`,
    [authority.id],
  );
  const workflows = await conn.execute<{ area_code: string; workflow: string }[]>(
    'select area_code, workflow from authority_workflow where authority_id = ? order by area_code, workflow',
    [authority.id],
  );
  const [superuser] = await conn.execute<{ first_name: string; last_name: string }[]>(
    'select first_name, last_name from app_user where authority_id = ? order by created_at limit 1',
    [authority.id],
  );
  const names = new Map(areas.map((a) => [a.code, areaName(a.names)]));
  return {
    authorityName: authority.official_name,
    country: language !== 'en' && authority.languages.includes(language) ? authority.name_native : authority.name_en,
    areas: areas.map((a) => areaName(a.names)),
    workflows: workflows.map((w) => workflowLabel(language, names.get(w.area_code) ?? w.area_code, w.workflow)),
    superuserName: superuser ? `${superuser.first_name} ${superuser.last_name}` : '',
  };
}

/**
 * I/O of the invitation workflow. Idempotent: the projection keeps the highest version and the
 * audit row is unique per (case, action, version); an email is sent once per (case, kind, version).
 */
export function invitationActivities({ orm, mailer, publicUrl }: InvitationActivityDeps) {
  return {
    async projectInvitation(state: InvitationSnapshot & Partial<Pick<InvitationState, 'lastEvent'>>): Promise<void> {
      if (!state.lastEvent) throw ApplicationFailure.nonRetryable('A projection needs the event that caused it.', 'InvalidProjection');
      const em = orm.em.fork();
      await em.transactional(async (tx) => {
        // tx.execute runs inside the transaction; tx.getConnection().execute would take a second
        // pooled connection while BEGIN holds one (≥ pool-size concurrent projections deadlock).
        const conn = tx;
        await conn.execute(
          `insert into invitation (id, workflow_id, coordinator_authority_id, country_code, status, version, areas, workflows, sender_user_id,
             registered_authority_id, created_at, submitted_at, dispatch_at, sent_at, code_expires_at, reminded_at, registered_at, validated_at,
             closed_at, remove_at, removed_at, rejection_reason, updated_at)
           values (?, ?, ?, ?, ?, ?, ?::jsonb, ?::jsonb, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, now())
           on conflict (id) do update set status = excluded.status, version = excluded.version, areas = excluded.areas,
             workflows = excluded.workflows, sender_user_id = excluded.sender_user_id, registered_authority_id = excluded.registered_authority_id,
             submitted_at = excluded.submitted_at, dispatch_at = excluded.dispatch_at, sent_at = excluded.sent_at,
             code_expires_at = excluded.code_expires_at, reminded_at = excluded.reminded_at, registered_at = excluded.registered_at,
             validated_at = excluded.validated_at, closed_at = excluded.closed_at, remove_at = excluded.remove_at,
             removed_at = excluded.removed_at, rejection_reason = excluded.rejection_reason, updated_at = now()
           where invitation.version < excluded.version`,
          [
            state.invitationId,
            `invitation-${state.invitationId}`,
            state.coordinatorAuthorityId,
            state.countryCode,
            state.status,
            state.version,
            JSON.stringify(state.areas),
            JSON.stringify(state.workflows),
            state.senderUserId,
            state.registeredAuthorityId,
            state.createdAt,
            state.submittedAt,
            state.dispatchAt,
            state.sentAt,
            state.codeExpiresAt,
            state.remindedAt,
            state.registeredAt,
            state.validatedAt,
            state.closedAt,
            state.removeAt,
            state.removedAt,
            state.rejectionReason,
          ],
        );
        await conn.execute(
          `insert into audit_event (at, subject_type, subject_id, action, actor, reason, version)
           values (?, 'invitation', ?, ?, ?, ?, ?) on conflict do nothing`,
          [state.lastEvent!.at, state.invitationId, state.lastEvent!.action, state.lastEvent!.actor, state.lastEvent!.reason, state.version],
        );
      });
    },

    /**
     * Sends one invitation email. The invitation email generates the registration code here,
     * stores only its scrypt hash and emails the code in clear, so the code is never in Temporal
     * nor stored readable. A retry after a crash between sending and recording sends a new code
     * (the hash is replaced, so the latest email's code is the valid one).
     */
    async sendInvitationEmail(input: InvitationEmailInput): Promise<{ sent: boolean }> {
      const key = `invitation:${input.invitationId}:${input.kind}:${input.version}`;
      const conn = orm.em.fork().getConnection();
      const already = await conn.execute('select 1 from sent_email where key = ?', [key]);
      if (already.length > 0) return { sent: false };

      const contact = await conn.execute<{ email: string; language: string; message: string | null }[]>(
        'select email, language, message from invitation_contact where invitation_id = ?',
        [input.invitationId],
      );
      const expiresOn = input.codeExpiresAt
        ? new Intl.DateTimeFormat(contact[0]?.language ?? 'en', { dateStyle: 'long', timeZone: input.zone }).format(new Date(input.codeExpiresAt))
        : undefined;
      const registrationLink = `${publicUrl}/register?invitation=${input.invitationId}`;
      const consoleLink = `${publicUrl}/#/invitations/${input.invitationId}/show`;

      let to: string;
      let language: string;
      let facts: Parameters<typeof invitationEmail>[2];
      if (input.kind === 'please-validate') {
        const sender = input.senderUserId
          ? await conn.execute<{ email: string; preferred_language: string }[]>('select email, preferred_language from app_user where id = ?', [input.senderUserId])
          : [];
        if (sender.length === 0) throw ApplicationFailure.nonRetryable(`No coordinator ${input.senderUserId} to ask for validation of ${input.invitationId}.`, 'RecipientMissing');
        to = sender[0].email;
        language = sender[0].preferred_language;
        facts = { link: consoleLink };
      } else {
        // Deleted or never stored: nobody to tell, and retrying will not change that.
        if (contact.length === 0) throw ApplicationFailure.nonRetryable(`No contact stored for invitation ${input.invitationId}.`, 'RecipientMissing');
        to = contact[0].email;
        language = contact[0].language;
        facts = { link: input.kind === 'login-instructions' || input.kind === 'registration-confirmation' ? publicUrl : registrationLink, expiresOn };
        if (input.kind === 'invitation') {
          const code = generateRegistrationCode();
          await conn.execute('update invitation_contact set code_hash = ?, code_version = ? where invitation_id = ?', [await hashRegistrationCode(code), input.version, input.invitationId]);
          facts = { ...facts, code, message: contact[0].message };
        }
        if (input.kind === 'registration-confirmation') facts = { ...facts, summary: await registrationSummary(conn, input.invitationId, language) };
      }
      const rendered = await renderEmail(invitationEmail(input.kind, language, facts));
      await mailer.send({ to, ...rendered });
      await conn.execute('insert into sent_email (key, template, language, sent_at) values (?, ?, ?, now()) on conflict do nothing', [key, `invitation.${input.kind}`, language]);
      return { sent: true };
    },

    /** Deleting an invitation deletes its personal data for real (the read-model row stays, anonymous). */
    async eraseInvitationContact(input: { invitationId: string }): Promise<{ erased: boolean }> {
      const conn = orm.em.fork().getConnection();
      const result = await conn.execute<{ affectedRows?: number }>('delete from invitation_contact where invitation_id = ?', [input.invitationId], 'run');
      return { erased: (result.affectedRows ?? 0) > 0 };
    },
  };
}

export type InvitationActivities = ReturnType<typeof invitationActivities>;
