/**
 * Retention of a closed case's personal data through the real stack (domain.md §8):
 * RetentionWorkflow on the dev server blocks and erases through a personal data store registered
 * here, projects case_retention, and the helpdesk alone retrieves blocked data with a reason and a
 * legal basis (audited); a contest is recorded beside blocked data; early erasure on a participating
 * authority's request with consent (or by the helpdesk) ends it.
 *
 * The store is this test's own (a table it creates), registered for the `alert` case type unless
 * another store is, which it then replaces for the duration of the file. Blocking is due 5 s after
 * "closure" so the real timer fires within the test; workflows/retention/workflow.test.ts proves
 * the 6/18-month and 3-year periods by time skipping.
 */
import type { EntityManager } from '@mikro-orm/postgresql';
import { randomUUID } from 'node:crypto';
import { newToken } from '../api/auth/credentials';
import { createUser } from '../api/auth/users';
import { demoAuthorityIds, loadDemoAuthorities } from '../schema/demoAuthorities';
import { ApiToken } from '../schema/entities/identity/apiToken';
import { personalDataStoreOf, registerPersonalDataStore, unregisterPersonalDataStore, type PersonalDataStore } from '../schema/personalDataStores';
import { retentionWorkflowId, retentionWorkflowType, type RetentionInput } from '../workflows/retention/definitions';
import type { RetentionWorkflow } from '../workflows/retention/workflow';
import { apiClient, type Caller } from './apiClient';
import { startTestApi, waitFor } from './stack';

let api: Awaited<ReturnType<typeof startTestApi>>;
const { call } = apiClient(() => api.url);
const helpdesk = (): Caller => ({ bearer: api.token });
let caseHandler: Caller;
let caseHandlerId: string;
const caseType = 'alert' as const;
const subjectName = 'Ada Testperson-Retention';

/** A store keeping one row of "personal data" per case, in a table of this test. */
const testStore: PersonalDataStore = {
  async block(tx: EntityManager, caseId: string, at: Date) {
    await tx.execute('update retention_test_subject set blocked_at = coalesce(blocked_at, ?) where case_id = ?', [at, caseId]);
  },
  async erase(tx: EntityManager, caseId: string) {
    await tx.execute('delete from retention_test_subject where case_id = ?', [caseId]);
  },
  async retrieveBlocked(tx: EntityManager, caseId: string) {
    const [row] = await tx.execute<{ name: string }[]>('select name from retention_test_subject where case_id = ? and blocked_at is not null', [caseId]);
    return row ? { subject: { name: row.name } } : null;
  },
  async participantAuthorityIds(tx: EntityManager, caseId: string) {
    const [row] = await tx.execute<{ authority_id: string }[]>('select authority_id from retention_test_subject where case_id = ?', [caseId]);
    return row ? [row.authority_id] : [];
  },
};
let replaced: PersonalDataStore | undefined;

beforeAll(async () => {
  api = await startTestApi();
  await api.deps.orm.em.fork().execute('create table if not exists retention_test_subject (case_id text primary key, authority_id text not null, name text not null, blocked_at timestamptz null)');
  replaced = personalDataStoreOf(caseType);
  if (replaced) unregisterPersonalDataStore(caseType, replaced);
  registerPersonalDataStore(caseType, testStore);

  await loadDemoAuthorities(api.deps.orm);
  const user = await createUser(api.deps.orm.em.fork(), api.deps.mailer, {
    firstName: 'Case',
    lastName: 'Handler',
    email: `handler-${randomUUID()}@em.example.dk`,
    authorityId: demoAuthorityIds.dkNimic,
    roles: [{ role: 'case-handler' }, { role: 'local-data-administrator' }] as never,
    loginUrl: 'http://localhost/login',
  });
  const { token, hash } = newToken('lsn_');
  await api.deps.orm.em.fork().insert(ApiToken, { id: randomUUID(), userId: user.id, name: 'test', tokenHash: hash, prefix: token.slice(0, 12), createdAt: new Date(), lastUsedAt: null, revokedAt: null });
  caseHandler = { bearer: token };
  caseHandlerId = user.id;
}, 90_000);

afterAll(async () => {
  unregisterPersonalDataStore(caseType, testStore);
  if (replaced) registerPersonalDataStore(caseType, replaced);
  await api?.deps.orm.em.fork().execute('drop table if exists retention_test_subject');
  await api?.close();
});

/** A closed case with personal data in the test store, whose retention has just started. */
async function aClosedCase(blockAfterMs: number | null, eraseAfterMs = 3_600_000, authorityId: string = demoAuthorityIds.dkNimic) {
  const caseId = randomUUID();
  await api.deps.orm.em.fork().execute('insert into retention_test_subject (case_id, authority_id, name) values (?, ?, ?)', [caseId, authorityId, subjectName]);
  const input: RetentionInput = { caseType, caseId, blockAfterMs, eraseAfterMs };
  const handle = await api.deps.temporal.workflow.start<typeof RetentionWorkflow>(retentionWorkflowType, {
    workflowId: retentionWorkflowId(caseType, caseId),
    taskQueue: api.deps.config.TEMPORAL_TASK_QUEUE,
    args: [input],
  });
  return { caseId, handle };
}

const statusOf = (caseId: string) => call('GET', `/api/retention/${caseType}/${caseId}`, helpdesk());
const retrieve = (caseId: string, who: Caller, json: unknown = { reason: 'Special request HD-2026-118', legalBasis: 'proof-of-exchange' }) =>
  call('POST', `/api/blocked-data/${caseType}/${caseId}/retrievals`, who, json);
const storedRow = async (caseId: string) =>
  (await api.deps.orm.em.fork().execute<{ name: string; blocked_at: Date | null }[]>('select name, blocked_at from retention_test_subject where case_id = ?', [caseId]))[0];

describe('retention of closed cases', () => {
  it('blocks on time; the helpdesk alone retrieves blocked data, audited with reason and legal basis; early erasure deletes it', async () => {
    const { caseId, handle } = await aClosedCase(5_000);
    try {
      // Active: projected at once, and nothing to retrieve yet.
      const active = await waitFor(async () => {
        const r = await statusOf(caseId);
        return r.status === 200 && r.body;
      }, 'the retention to be projected');
      expect(active).toMatchObject({ caseType, caseId, status: 'active', blockedAt: null, erasedAt: null, contests: [] });
      expect(Date.parse(active.blockAt) - Date.parse(active.closedAt)).toBe(5_000);
      expect(Date.parse(active.eraseAt) - Date.parse(active.closedAt)).toBe(3_600_000);
      const early = await retrieve(caseId, helpdesk());
      expect(early.status).toBe(409);
      expect(early.body.error.message).toMatch(/not blocked/);

      // Blocked by the durable timer through the store, in the store's own table.
      const blocked = await waitFor(async () => {
        const r = await statusOf(caseId);
        return r.body.status === 'blocked' && r.body;
      }, 'the personal data to be blocked');
      expect(blocked.blockedAt).not.toBeNull();
      expect((await storedRow(caseId))?.blocked_at).not.toBeNull();

      // Not the helpdesk: 403, for the status as well.
      const refused = await retrieve(caseId, caseHandler);
      expect(refused.status).toBe(403);
      expect(refused.body.error.message).toMatch(/helpdesk/);
      expect((await call('GET', `/api/retention/${caseType}/${caseId}`, caseHandler)).status).toBe(403);
      // No credentials: 401.
      expect((await retrieve(caseId, {})).status).toBe(401);

      // Bad input: 400 with the field.
      const noReason = await retrieve(caseId, helpdesk(), { legalBasis: 'consent', consentReference: 'C-1' });
      expect(noReason.status).toBe(400);
      expect(noReason.body.error.fields).toHaveProperty('reason');
      const badBasis = await retrieve(caseId, helpdesk(), { reason: 'x', legalBasis: 'curiosity' });
      expect(badBasis.status).toBe(400);
      expect(badBasis.body.error.fields).toHaveProperty('legalBasis');
      const consentWithoutReference = await retrieve(caseId, helpdesk(), { reason: 'Data subject asked', legalBasis: 'consent' });
      expect(consentWithoutReference.status).toBe(400);
      expect(consentWithoutReference.body.error.fields).toHaveProperty('consentReference');

      // Unknown case: 404.
      expect((await retrieve(randomUUID(), helpdesk())).status).toBe(404);
      expect((await statusOf(randomUUID())).status).toBe(404);

      // The helpdesk: the blocked data, and an audit row with reason and legal basis.
      const retrieved = await retrieve(caseId, helpdesk(), { reason: 'Data subject asked for a copy (HD-7)', legalBasis: 'consent', consentReference: 'DK-consent-17' });
      expect(retrieved.status).toBe(200);
      expect(retrieved.body).toMatchObject({ caseType, caseId, legalBasis: 'consent', data: { subject: { name: subjectName } }, blockedAt: blocked.blockedAt });
      const audit = await api.deps.orm.em.fork().execute<{ action: string; actor: string; reason: string; details: Record<string, unknown> }[]>(
        `select action, actor, reason, details from audit_event where subject_type = ? and subject_id = ? order by id`,
        [caseType, caseId],
      );
      expect(audit.map((a) => a.action)).toEqual(['retention.started', 'retention.blocked', 'retention.blocked-data-retrieved']);
      expect(audit[2]).toMatchObject({ actor: 'operator', reason: 'Data subject asked for a copy (HD-7)', details: { legalBasis: 'consent', consentReference: 'DK-consent-17' } });

      // A contest is recorded beside the blocked data, which stays as it was.
      const contest = await call('POST', `/api/retention/${caseType}/${caseId}/contests`, helpdesk(), { kind: 'rectification', reference: 'HD-9' });
      expect(contest.status).toBe(200);
      expect(contest.body).toMatchObject({ status: 'blocked', contests: [{ kind: 'rectification', reference: 'HD-9', recordedBy: 'operator' }] });
      expect((await statusOf(caseId)).body.contests).toHaveLength(1);
      expect((await storedRow(caseId))?.name).toBe(subjectName);
      expect((await call('POST', `/api/retention/${caseType}/${caseId}/contests`, caseHandler, { kind: 'erasure', reference: 'HD-10' })).status).toBe(403);

      // Early erasure on the CA's request with consent: the data is deleted; nothing to retrieve.
      const earlyErasure = (who: Caller, json: unknown) => call('POST', `/api/retention/${caseType}/${caseId}/early-erasure`, who, json);
      const withoutConsent = await earlyErasure(caseHandler, { reason: 'Data subject asked' });
      expect(withoutConsent.status).toBe(400);
      expect(withoutConsent.body.error.fields).toHaveProperty('consentReference');
      const erased = await earlyErasure(caseHandler, { reason: 'Data subject withdrew consent', consentReference: 'DK-consent-18' });
      expect(erased.status).toBe(200);
      expect(erased.body).toMatchObject({ status: 'erased', earlyErasure: { reason: 'Data subject withdrew consent', consentReference: 'DK-consent-18', requestedBy: `user:${caseHandlerId}` } });
      expect(await storedRow(caseId)).toBeUndefined();
      expect((await statusOf(caseId)).body).toMatchObject({ status: 'erased', earlyErasure: { consentReference: 'DK-consent-18' } });
      expect((await earlyErasure(caseHandler, { reason: 'again', consentReference: 'DK-consent-18' })).status).toBe(409);
      const afterErasure = await retrieve(caseId, helpdesk());
      expect(afterErasure.status).toBe(409);
      expect(afterErasure.body.error.message).toMatch(/erased/);
      const lateContest = await call('POST', `/api/retention/${caseType}/${caseId}/contests`, helpdesk(), { kind: 'erasure', reference: 'HD-11' });
      expect(lateContest.status).toBe(409);

      // Temporal kept no personal data of the case.
      const history = JSON.stringify(await handle.fetchHistory());
      expect(history).not.toContain(subjectName);
    } finally {
      await handle.terminate().catch(() => undefined);
    }
  }, 60_000);

  it('early erasure: refused to a user of an authority not taking part; the helpdesk may', async () => {
    const { caseId, handle } = await aClosedCase(null, 3_600_000, randomUUID());
    try {
      await waitFor(async () => (await statusOf(caseId)).status === 200, 'the retention to be projected');
      const json = { reason: 'Data subject asked', consentReference: 'SE-consent-3' };
      const refused = await call('POST', `/api/retention/${caseType}/${caseId}/early-erasure`, caseHandler, json);
      expect(refused.status).toBe(403);
      expect(refused.body.error.message).toMatch(/taking part/);
      expect((await storedRow(caseId))?.name).toBe(subjectName);
      const byHelpdesk = await call('POST', `/api/retention/${caseType}/${caseId}/early-erasure`, helpdesk(), json);
      expect(byHelpdesk.status).toBe(200);
      expect(byHelpdesk.body).toMatchObject({ status: 'erased', earlyErasure: { requestedBy: 'operator' } });
      expect(await storedRow(caseId)).toBeUndefined();
      expect((await call('POST', `/api/retention/${caseType}/${randomUUID()}/early-erasure`, helpdesk(), json)).status).toBe(404);
    } finally {
      await handle.terminate().catch(() => undefined);
    }
  }, 60_000);

  it('an alert-style retention without a blocking step erases at the end of its period', async () => {
    const { caseId, handle } = await aClosedCase(null, 2_000);
    try {
      const erased = await waitFor(async () => {
        const r = await statusOf(caseId);
        return r.body?.status === 'erased' && r.body;
      }, 'the personal data to be erased');
      expect(erased).toMatchObject({ blockAt: null, blockedAt: null, earlyErasure: null });
      expect(await storedRow(caseId)).toBeUndefined();
      expect((await retrieve(caseId, helpdesk())).status).toBe(409);
    } finally {
      await handle.terminate().catch(() => undefined);
    }
  }, 60_000);
});
