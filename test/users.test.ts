/**
 * A local data administrator manages its authority's users through the real HTTP API (IMI manual
 * ch. 4; domain.md §2): list, create (username shown once, temporary password by email), rights
 * per area and workflow with the minimum-role rules, password reset, and removal (blocked at once,
 * erased after 3 years by UserRetentionWorkflow).
 */
import { randomUUID } from 'node:crypto';
import { userRetentionWorkflowId } from '../workflows/userRetention/definitions';
import { anAuthority, apiClient, registerAuthority, temporaryPasswordSentTo, type Caller } from './apiClient';
import { caughtEmails, startTestApi, waitFor } from './stack';

let api: Awaited<ReturnType<typeof startTestApi>>;
beforeAll(async () => {
  api = await startTestApi();
}, 60_000);
afterAll(async () => {
  await api?.close();
});
beforeEach(() => api.deps.orm.em.fork().getConnection().execute('delete from login_throttle'));

const { call, firstLoginSession: sessionOf } = apiClient(() => api.url);
const operator = (): Caller => ({ bearer: api.token });

/** Registers an authority as `who` and logs its superuser in. */
const registered = (who: Caller, body: ReturnType<typeof anAuthority>) => registerAuthority(call, sessionOf, who, body);


describe('a local data administrator', () => {
  let lda: Caller;
  let authorityId: string;
  let superuserId: string;
  beforeAll(async () => {
    const nimic = await registered(operator(), anAuthority('NIMIC'));
    const ca = await registered(nimic.session, anAuthority('CA'));
    lda = ca.session;
    authorityId = ca.id;
    superuserId = ca.answer.body.superuser.id;
  }, 60_000);

  const users = async (who: Caller = lda) => call('GET', `/api/users?authorityId=${authorityId}`, who);

  it("updates its authority's data, but not the official name; the directory finds the new words", async () => {
    const changed = await call('PATCH', `/api/authorities/${authorityId}`, lda, { city: 'Sankt Pölten', informalTitle: { de: 'Gewerbeamt Niederösterreich', en: 'Lower Austria trade office' }, phone: '+43 1 234' });
    expect(changed.status).toBe(200);
    expect(changed.body).toMatchObject({ city: 'Sankt Pölten', phone: '+43 1 234', informalTitle: { de: 'Gewerbeamt Niederösterreich' } });
    const found = await call('GET', '/api/authorities?q=gewerbeamt%20niederosterreich&mode=words', lda);
    expect(found.body.data.map((a: { id: string }) => a.id)).toContain(authorityId);

    const renamed = await call('PATCH', `/api/authorities/${authorityId}`, lda, { officialName: 'Something else entirely' });
    expect(renamed).toMatchObject({ status: 403, body: { error: { message: 'Only the validating coordinator changes the official name.' } } });
    const invalid = await call('PATCH', `/api/authorities/${authorityId}`, lda, { contactEmail: 'not-an-email', unknownField: 1 });
    expect(invalid.status).toBe(400);
    expect(invalid.body.error.fields).toBeDefined();
    const other = await registered(operator(), anAuthority('NIMIC'));
    expect((await call('PATCH', `/api/authorities/${authorityId}`, other.session, { city: 'Graz' })).status).toBe(403);
    expect((await call('PATCH', `/api/authorities/${authorityId}`, operator(), { officialName: 'Renamed by the helpdesk' })).body.officialName).toBe('Renamed by the helpdesk');
  });

  it('creates a user: the username once in the answer, never in an email; the temporary password by email', async () => {
    const email = `case-handler-${randomUUID().slice(0, 8)}@authority.example.at`;
    const created = await call('POST', '/api/users', lda, {
      authorityId,
      firstName: 'Lukas',
      lastName: 'Huber',
      email,
      roles: [{ role: 'case-handler', area: 'services', workflow: 'requests' }],
    });
    expect(created.status).toBe(201);
    expect(created.body.username).toEqual(expect.any(String));
    expect(created.body.user).toMatchObject({ authorityId, email, status: 'active' });
    expect(created.body.user.roles).toEqual([{ role: 'case-handler', area: 'services', workflow: 'requests' }, { role: 'ordinary-user' }]);

    const mails = await waitFor(async () => {
      const all = await caughtEmails(email);
      return all.length >= 2 && all;
    }, 'both emails to the new user');
    for (const m of mails) expect(m.text + m.html).not.toContain(created.body.username);
    expect(await temporaryPasswordSentTo(email, /temporary/i)).toMatch(/^\w{16}$/);

    const list = await users();
    expect(list.status).toBe(200);
    expect(list.body.data.map((u: { id: string }) => u.id).sort()).toEqual([created.body.user.id, superuserId].sort());
  });

  it('refuses a role change or a removal that leaves no local data administrator (409 naming the rule); applies automatic roles', async () => {
    const email = `second-${randomUUID().slice(0, 8)}@authority.example.at`;
    const created = await call('POST', '/api/users', lda, { authorityId, firstName: 'Maria', lastName: 'Bauer', email, roles: [{ role: 'case-handler' }] });
    const id = created.body.user.id;

    const demote = await call('PATCH', `/api/users/${superuserId}/roles`, lda, { roles: [{ role: 'case-handler' }] });
    expect(demote.status).toBe(409);
    expect(demote.body.error.code).toBe('role_minimum:local-data-administrator');
    expect(demote.body.error.message).toBe('Every authority needs at least one local data administrator. (rule: local-data-administrator)');
    const remove = await call('DELETE', `/api/users/${superuserId}`, lda);
    expect(remove.status).toBe(409);
    expect(remove.body.error.message).toMatch(/local data administrator/);

    const promoted = await call('PATCH', `/api/users/${id}/roles`, lda, { roles: [{ role: 'local-data-administrator' }, { role: 'case-handler', area: 'services', workflow: 'requests' }] });
    expect(promoted.status).toBe(200);
    expect(promoted.body.roles.map((r: { role: string }) => r.role).sort()).toEqual(['allocator', 'case-handler', 'local-data-administrator', 'ordinary-user']);

    const notHere = await call('PATCH', `/api/users/${id}/roles`, lda, { roles: [{ role: 'data-administrator' }, { role: 'local-data-administrator' }] });
    expect(notHere.status).toBe(400);
    expect(notHere.body.error.fields.roles).toEqual(['data-administrator: Only a coordinator has data administrators.']);
  });

  it("resets a user's password: a new temporary password by email", async () => {
    const email = `reset-${randomUUID().slice(0, 8)}@authority.example.at`;
    const created = await call('POST', '/api/users', lda, { authorityId, firstName: 'Jakob', lastName: 'Wagner', email, roles: [{ role: 'case-handler' }] });
    const reset = await call('POST', `/api/users/${created.body.user.id}/reset-password`, lda);
    expect(reset.status).toBe(204);
    expect(await temporaryPasswordSentTo(email, /reset/i)).toMatch(/^\w{16}$/);
  });

  it('removes a user: blocked at once (no longer listed or changeable) and the 3-year erasure scheduled', async () => {
    const email = `leaver-${randomUUID().slice(0, 8)}@authority.example.at`;
    const created = await call('POST', '/api/users', lda, { authorityId, firstName: 'Sophie', lastName: 'Leitner', email, roles: [{ role: 'case-handler' }] });
    const id = created.body.user.id;
    const removed = await call('DELETE', `/api/users/${id}`, lda);
    expect(removed.status).toBe(200);
    expect(removed.body).toMatchObject({ id, status: 'removed' });
    expect(Date.parse(removed.body.eraseAt) - Date.now()).toBeGreaterThan(3 * 365 * 86_400_000 - 86_400_000);

    expect((await users()).body.data.map((u: { id: string }) => u.id)).not.toContain(id);
    expect((await call('PATCH', `/api/users/${id}/roles`, lda, { roles: [] })).status).toBe(404);
    expect((await call('DELETE', `/api/users/${id}`, lda)).status).toBe(404);
    const description = await api.deps.temporal.workflow.getHandle(userRetentionWorkflowId(id)).describe();
    expect(description.status.name).toBe('RUNNING');
    const [row] = await waitFor(async () => {
      const rows = await api.deps.orm.em.fork().getConnection().execute(`select status from app_user where id = ?`, [id]);
      return rows[0]?.status === 'removed' && rows;
    }, 'the user blocked');
    expect(row.status).toBe('removed');
  });

  it("refuses a user who is not this authority's local data administrator (403), and bad input (400)", async () => {
    const email = `plain-${randomUUID().slice(0, 8)}@authority.example.at`;
    const created = await call('POST', '/api/users', lda, { authorityId, firstName: 'Paul', lastName: 'Moser', email, roles: [{ role: 'case-handler' }] });
    const plain = await sessionOf(created.body.username, email);
    const list = await users(plain);
    expect(list.status).toBe(403);
    expect(list.body.error.message).toMatch(/local data administrator/);
    const bad = await call('POST', '/api/users', lda, { authorityId, firstName: '', lastName: 'X', email: 'nope' });
    expect(bad.status).toBe(400);
    expect(Object.keys(bad.body.error.fields).sort()).toEqual(['email', 'firstName']);
    expect((await call('GET', `/api/users?authorityId=${randomUUID()}`, lda)).status).toBe(404);
    expect((await call('GET', `/api/users?authorityId=${authorityId}`, {})).status).toBe(401);
  });
});
