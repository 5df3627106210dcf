/**
 * Projections run their statements inside their own transaction. When they took a second pooled
 * connection instead (tx.getConnection().execute), as many concurrent projections as the pool has
 * connections deadlocked it: every BEGIN held one and waited for another.
 */
import type { MikroORM } from '@mikro-orm/postgresql';
import { randomUUID } from 'node:crypto';
import { contactCheckActivities } from '../activities/contactCheck';
import { createMailer } from '../activities/mailer';
import { openOrm } from '../schema/orm';
import { testConfig } from './stack';

let orm: MikroORM;
beforeAll(async () => {
  orm = await openOrm(testConfig().DATABASE_URL!, { pool: { min: 0, max: 3, acquireTimeoutMillis: 10_000 } as never });
});
afterAll(async () => {
  await orm?.close();
});

it('projects 30 cases at once through a pool of 3 connections', async () => {
  const mailer = createMailer(testConfig().SMTP_URL!, 'test@liaison.local');
  const { projectContactCheck } = contactCheckActivities({ orm, mailer, publicUrl: 'http://localhost' });
  const now = new Date().toISOString();
  const ids = Array.from({ length: 30 }, () => randomUUID());
  await Promise.all(
    ids.map((checkId) =>
      projectContactCheck({ checkId, authorityRef: 'DK-TEST', countryCode: 'DK', status: 'open', version: 1, openedAt: now, dueAt: now, remindedAt: null, closedAt: null, lastEvent: { action: 'opened', actor: 'system', reason: null, at: now } }),
    ),
  );
  const rows = await orm.em.fork().getConnection().execute<{ n: string }[]>(`select count(*) as n from contact_check where id in (${ids.map(() => '?').join(',')})`, ids);
  expect(Number(rows[0]!.n)).toBe(30);
  mailer.close();
}, 30_000);
