import type { MikroORM } from '@mikro-orm/postgresql';

export interface UserRetentionActivityDeps {
  orm: MikroORM;
}

/** The placeholders an erased user keeps: unique, and derived from the id only. */
export const erasedUsername = (userId: string) => `erased-${userId}`;
export const erasedEmail = (userId: string) => `erased-${userId}@erased.invalid`;

/**
 * I/O of UserRetentionWorkflow. Both steps are idempotent. Blocking marks the user removed and ends
 * every way in (sessions, login steps, API tokens); erasing overwrites every personal field and
 * hash but keeps the id, so history that names the user by id stays whole.
 */
export function userRetentionActivities({ orm }: UserRetentionActivityDeps) {
  return {
    async blockUser(input: { userId: string; removedBy: string; removedAt: string }): Promise<void> {
      await orm.em.fork().transactional(async (tx) => {
        const conn = tx; // tx.execute runs in the transaction; tx.getConnection().execute would not
        await conn.execute(`update app_user set status = 'removed', removed_at = coalesce(removed_at, ?) where id = ?`, [input.removedAt, input.userId]);
        await conn.execute('delete from user_session where user_id = ?', [input.userId]);
        await conn.execute('delete from login_challenge where user_id = ?', [input.userId]);
        await conn.execute('update api_token set revoked_at = coalesce(revoked_at, now()) where user_id = ?', [input.userId]);
        await conn.execute(
          `insert into audit_event (at, subject_type, subject_id, action, actor, version) values (?, 'user', ?, 'removed', ?, 1) on conflict do nothing`,
          [input.removedAt, input.userId, input.removedBy],
        );
      });
    },

    async eraseUser(input: { userId: string }): Promise<void> {
      await orm.em.fork().transactional(async (tx) => {
        const conn = tx; // tx.execute runs in the transaction; tx.getConnection().execute would not
        await conn.execute(
          `update app_user set username = ?, first_name = '', last_name = '', email = ?, phone = null, password_hash = '',
             security_code_hashes = null, last_login_at = null where id = ?`,
          [erasedUsername(input.userId), erasedEmail(input.userId), input.userId],
        );
        await conn.execute('delete from api_token where user_id = ?', [input.userId]);
        await conn.execute(
          `insert into audit_event (at, subject_type, subject_id, action, actor, version) values (now(), 'user', ?, 'personal-data-erased', 'system', 2) on conflict do nothing`,
          [input.userId],
        );
      });
    },
  };
}

export type UserRetentionActivities = ReturnType<typeof userRetentionActivities>;
