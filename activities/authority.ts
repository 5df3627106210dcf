import { ApplicationFailure } from '@temporalio/common';
import type { MikroORM } from '@mikro-orm/postgresql';
import type { AuthorityNotification, AuthorityStatusState, AuthorityTimerKind } from '../workflows/authority/statusMachine';

export interface AuthorityActivityDeps {
  orm: MikroORM;
}

/** What ends an authority, as the audit action the tombstone row carries. */
export const endActions: Record<AuthorityTimerKind, string> = {
  deleteRejectedRegistration: 'rejected-registration-deleted',
  removeInactive: 'inactive-authority-removed',
};

/**
 * I/O of AuthorityLifecycleWorkflow. Idempotent: a projection is applied only when its version is
 * higher than the last one recorded for the authority (audit rows are unique per authority, action
 * and version, and the authority row is locked while comparing), so retries and reordering are harmless.
 */
export function authorityActivities({ orm }: AuthorityActivityDeps) {
  return {
    async projectAuthority(state: AuthorityStatusState & { notifications: AuthorityNotification[] }): Promise<{ applied: boolean }> {
      if (!state.lastEvent) throw ApplicationFailure.nonRetryable('A projection needs the event that caused it.', 'InvalidProjection');
      return orm.em.fork().transactional(async (tx) => {
        const conn = tx; // tx.execute runs in the transaction; tx.getConnection().execute would not
        const rows = await conn.execute<{ id: string }[]>('select id from authority where id = ? for update', [state.authorityId]);
        if (rows.length === 0) throw ApplicationFailure.nonRetryable(`Authority ${state.authorityId} does not exist.`, 'InvalidProjection');
        const [{ max }] = await conn.execute<{ max: number | null }[]>(
          `select max(version) as max from audit_event where subject_type = 'authority' and subject_id = ?`,
          [state.authorityId],
        );
        if (max !== null && max >= state.version) return { applied: false };

        await conn.execute('update authority set status = ?, updated_at = now() where id = ?', [state.status, state.authorityId]);
        const areaCodes = Object.keys(state.areas);
        await conn.execute(
          `delete from authority_workflow where authority_id = ? and not (area_code = any(?::text[]))`,
          [state.authorityId, `{${areaCodes.join(',')}}`],
        );
        await conn.execute(`delete from authority_area where authority_id = ? and not (area_code = any(?::text[]))`, [state.authorityId, `{${areaCodes.join(',')}}`]);
        for (const [code, area] of Object.entries(state.areas)) {
          await conn.execute(
            `insert into authority_area (authority_id, area_code, access_status, previous_access_status, role, access_coordinator_id, keywords, flags)
             values (?, ?, ?, null, ?, null, '[]', '{}')
             on conflict (authority_id, area_code) do update set
               previous_access_status = case when authority_area.access_status <> excluded.access_status then authority_area.access_status else authority_area.previous_access_status end,
               access_status = excluded.access_status, role = excluded.role`,
            [state.authorityId, code, area.status, area.role],
          );
          const workflows = Object.entries(area.workflows).filter(([, w]) => w);
          await conn.execute(`delete from authority_workflow where authority_id = ? and area_code = ? and not (workflow = any(?::text[]))`, [
            state.authorityId,
            code,
            `{${workflows.map(([w]) => w).join(',')}}`,
          ]);
          for (const [workflow, access] of workflows) {
            await conn.execute(
              `insert into authority_workflow (authority_id, area_code, workflow, access_status, previous_access_status, roles)
               values (?, ?, ?, ?, null, ?::jsonb)
               on conflict (authority_id, area_code, workflow) do update set
                 previous_access_status = case when authority_workflow.access_status <> excluded.access_status then authority_workflow.access_status else authority_workflow.previous_access_status end,
                 access_status = excluded.access_status,
                 roles = case when jsonb_exists(authority_workflow.roles, excluded.roles->>0) then authority_workflow.roles else excluded.roles end`,
              [state.authorityId, code, workflow, access!.status, JSON.stringify([access!.role])],
            );
          }
        }
        await conn.execute(
          `insert into audit_event (at, subject_type, subject_id, action, actor, reason, details, version)
           values (?, 'authority', ?, ?, ?, ?, ?::jsonb, ?) on conflict do nothing`,
          [
            state.lastEvent.at,
            state.authorityId,
            state.lastEvent.action,
            state.lastEvent.actor,
            state.lastEvent.reason,
            JSON.stringify({ status: state.status, target: state.lastEvent.target, notifications: state.notifications }),
            state.version,
          ],
        );
        return { applied: true };
      });
    },

    /**
     * The timer fired: the authority, its areas, workflows, competences and links are deleted, and
     * so are its users with every login record (real deletes of personal data). What remains is
     * the audit trail, ending in a tombstone row that names only the id and what happened.
     */
    async endAuthority(input: { authorityId: string; kind: AuthorityTimerKind; version: number; actor: string }): Promise<{ users: number }> {
      return orm.em.fork().transactional(async (tx) => {
        const conn = tx; // tx.execute runs in the transaction; tx.getConnection().execute would not
        const users = await conn.execute<{ id: string }[]>('select id from app_user where authority_id = ?', [input.authorityId]);
        const ids = `{${users.map((u) => u.id).join(',')}}`;
        await conn.execute('delete from user_session where user_id = any(?::uuid[])', [ids]);
        await conn.execute('delete from login_challenge where user_id = any(?::uuid[])', [ids]);
        await conn.execute('delete from api_token where user_id = any(?::uuid[])', [ids]);
        await conn.execute('delete from app_user where authority_id = ?', [input.authorityId]);
        await conn.execute('delete from authority where id = ?', [input.authorityId]);
        await conn.execute(
          `insert into audit_event (at, subject_type, subject_id, action, actor, reason, details, version)
           values (now(), 'authority', ?, ?, ?, null, ?::jsonb, ?) on conflict do nothing`,
          [input.authorityId, endActions[input.kind], input.actor, JSON.stringify({ usersDeleted: users.length }), input.version],
        );
        return { users: users.length };
      });
    },
  };
}

export type AuthorityActivities = ReturnType<typeof authorityActivities>;
