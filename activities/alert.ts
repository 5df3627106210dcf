import { ApplicationFailure } from '@temporalio/common';
import type { EntityManager, MikroORM } from '@mikro-orm/postgresql';
import type { AlertActivities } from '../workflows/alert/definitions';
import type { AlertAudience } from '../workflows/alert/commands';
import type { AlertEvent, AlertSnapshot } from '../workflows/alert/snapshot';
import { projectAlertSnapshot } from '../schema/alertReadModel';
import '../schema/alertPersonalDataStore';
import { alertEmail } from './emails/alertEmails';
import { sendCaseEmails, userRecipients, usersWithRole, type CaseUserRow } from './caseNotifications';
import type { Mailer } from './mailer';

export interface AlertActivityDeps {
  orm: MikroORM;
  mailer: Mailer;
  /** Base URL of the console, for the links in emails. */
  publicUrl: string;
}

/** The Commission's side of an alert is the helpdesk: active users with the global `system-admin` role. */
async function helpdeskUsers(tx: EntityManager): Promise<CaseUserRow[]> {
  return tx.execute<CaseUserRow[]>(
    `select id, email, preferred_language from app_user
      where status = 'active' and exists (select 1 from jsonb_array_elements(roles::jsonb) r where r->>'role' = 'system-admin')
      order by created_at`,
  );
}

/**
 * I/O of AlertWorkflow (workflows/alert/definitions.ts `AlertActivities`). Idempotent: the
 * projection keeps the highest version; each email is recorded in `sent_email` per (alert,
 * version, kind, user), so a retry sends only what was not sent yet, and a user named in two
 * audiences of one step gets one email.
 */
export function alertActivities({ orm, mailer, publicUrl }: AlertActivityDeps): AlertActivities {
  /** Exactly the people the machine names: users holding one of the roles at each authority (or the helpdesk for the Commission). */
  async function audienceUsers(tx: EntityManager, audience: AlertAudience, area: string): Promise<CaseUserRow[]> {
    if ('commission' in audience) return helpdeskUsers(tx);
    const users: CaseUserRow[] = [];
    for (const authorityId of audience.authorityIds) for (const role of audience.roles) users.push(...(await usersWithRole(tx, authorityId, role, area)));
    return users;
  }

  return {
    async projectAlert(snapshot: AlertSnapshot, event: AlertEvent): Promise<void> {
      if (!snapshot?.alertId || !event?.action) throw ApplicationFailure.nonRetryable('A projection needs the snapshot and the event that caused it.', 'InvalidProjection');
      await orm.em.fork().transactional((tx) => projectAlertSnapshot(tx, snapshot, event));
    },

    async notifyAlertParties(input) {
      const em = orm.em.fork();
      const [alert] = await em.execute<{ number: string; legislation_area: string; version: number }[]>('select number, legislation_area, version from alert where id = ?', [input.alertId]);
      if (!alert || alert.version < 1) throw ApplicationFailure.retryable(`Alert ${input.alertId} is not projected yet.`, 'NotProjected');
      const users = await audienceUsers(em, input.audience, alert.legislation_area);
      const link = `${publicUrl}/#/alerts/${input.alertId}/show`;
      const sent = await sendCaseEmails(em, mailer, {
        keyBase: `alert:${input.alertId}:${input.version}:${input.kind}`,
        template: `alert.${input.kind}`,
        recipients: userRecipients(users),
        content: (language) => alertEmail(input.kind, language, { number: alert.number, link }),
      });
      return { sent };
    },
  };
}
