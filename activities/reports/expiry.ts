import type { MikroORM } from '@mikro-orm/postgresql';

export interface ReportExpiryActivityDeps {
  orm: MikroORM;
}

/** I/O of ReportExpiryWorkflow. Idempotent: deleting a deleted report changes nothing. */
export function reportExpiryActivities({ orm }: ReportExpiryActivityDeps) {
  return {
    async deleteExpiredReport(input: { reportId: string }): Promise<{ deleted: boolean }> {
      return orm.em.fork().transactional(async (tx) => {
        // tx.execute runs in the transaction; tx.getConnection().execute would not
        const deleted = await tx.execute<{ id: string }[]>('delete from report where id = ? returning id', [input.reportId]);
        if (deleted.length > 0) {
          await tx.execute(
            `insert into audit_event (at, subject_type, subject_id, action, actor, version) values (now(), 'report', ?, 'expired-deleted', 'system', 2) on conflict do nothing`,
            [input.reportId],
          );
        }
        return { deleted: deleted.length > 0 };
      });
    },
  };
}

export type ReportExpiryActivities = ReturnType<typeof reportExpiryActivities>;
