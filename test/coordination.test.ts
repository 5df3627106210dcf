/**
 * Coordinators at work through the real HTTP API (IMI manual ch. 9.1): registering an authority
 * directly with its superuser (allowed and refused by the table of ch. 9.1.1), changing its
 * status and access through its lifecycle workflow (allowed and refused with the machine's
 * reason), and finding an authority by a user's email.
 */
import { randomUUID } from 'node:crypto';
import { demoAuthorityId, loadDemoAuthorities } from '../schema/demoAuthorities';
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

const command = (who: Caller, authorityId: string, body: unknown) => call('POST', `/api/coordination/authorities/${authorityId}/commands`, who, body);

describe('coordinators register authorities', () => {
  let nimic: Awaited<ReturnType<typeof registered>>;
  let dimic: Awaited<ReturnType<typeof registered>>;
  beforeAll(async () => {
    nimic = await registered(operator(), anAuthority('NIMIC'));
    dimic = await registered(nimic.session, anAuthority('DIMIC'));
  }, 60_000);

  it('registers an authority directly: active at once, its superuser an LDA with the roles it needs, username shown once and never emailed', async () => {
    const body = anAuthority('CA');
    const answer = await call('POST', '/api/coordination/authorities', dimic.session, body);
    expect(answer.status).toBe(201);
    expect(answer.body).toMatchObject({ status: 'active', workflowId: `authority-${answer.body.id}`, superuser: { username: expect.any(String) } });

    const em = api.deps.orm.em.fork();
    const [row] = await em.getConnection().execute(`select status, validating_coordinator_id from authority where id = ?`, [answer.body.id]);
    expect(row).toEqual({ status: 'active', validating_coordinator_id: dimic.id });
    const [user] = await em.getConnection().execute(`select roles from app_user where authority_id = ?`, [answer.body.id]);
    expect(user.roles.map((r: { role: string }) => r.role).sort()).toEqual(['allocator', 'case-handler', 'local-data-administrator', 'ordinary-user']);
    const [audit] = await em.getConnection().execute(`select action, version from audit_event where subject_type = 'authority' and subject_id = ?`, [answer.body.id]);
    expect(audit).toEqual({ action: 'registered', version: 1 });

    const mails = await waitFor(async () => {
      const all = await caughtEmails(body.superuser.email);
      return all.length >= 2 && all;
    }, 'both emails to the superuser');
    for (const m of mails) expect(m.text + m.html).not.toContain(answer.body.superuser.username);
  });

  it("refuses a DIMIC registering a LIMIC, with the table's reason (403)", async () => {
    const answer = await call('POST', '/api/coordination/authorities', dimic.session, anAuthority('LIMIC'));
    expect(answer.status).toBe(403);
    expect(answer.body.error.message).toBe('A DIMIC cannot register an LIMIC: a coordinator registering a coordinator must rank higher (ch. 9.1.1).');
  });

  it('refuses a competent authority, and the helpdesk registering anything but a NIMIC', async () => {
    const ca = await registered(dimic.session, anAuthority('CA'));
    const byCa = await call('POST', '/api/coordination/authorities', ca.session, anAuthority('CA'));
    expect(byCa.status).toBe(403);
    const byHelpdesk = await call('POST', '/api/coordination/authorities', operator(), anAuthority('CA'));
    expect(byHelpdesk.status).toBe(403);
    expect(byHelpdesk.body.error.message).toMatch(/helpdesk only registers NIMICs/);
  });

  it('answers 400 with field messages for an unknown area and a bad email', async () => {
    const answer = await call('POST', '/api/coordination/authorities', dimic.session, anAuthority('CA', 'CA', { contactEmail: 'nope', areas: [{ area: 'no-such-area', role: 'CA' }] }));
    expect(answer.status).toBe(400);
    expect(answer.body.error.fields.contactEmail).toEqual(['must be an email address']);
  });

  describe('status and access commands', () => {
    let ca: Awaited<ReturnType<typeof registered>>;
    beforeAll(async () => {
      ca = await registered(dimic.session, anAuthority('CA'));
    }, 30_000);

    it('suspends and reactivates the authority once its accesses are suspended; refuses out of order with the reason (409)', async () => {
      const early = await command(dimic.session, ca.id, { type: 'suspendAuthority' });
      expect(early.status).toBe(409);
      expect(early.body.error.message).toMatch(/^Suspend or revoke every area and workflow access first; still open: services \(active\), services\/requests/);

      expect((await command(dimic.session, ca.id, { type: 'suspendAccess', target: { area: 'services', workflow: 'requests' } })).status).toBe(200);
      expect((await command(dimic.session, ca.id, { type: 'suspendAccess', target: { area: 'services' } })).status).toBe(200);
      const suspended = await command(dimic.session, ca.id, { type: 'suspendAuthority' });
      expect(suspended.status).toBe(200);
      expect(suspended.body).toMatchObject({ status: 'suspended', areas: { services: { status: 'suspended', workflows: { requests: { status: 'suspended' } } } }, timer: null });

      const em = api.deps.orm.em.fork();
      const [row] = await em.getConnection().execute(`select status from authority where id = ?`, [ca.id]);
      expect(row.status).toBe('suspended');
      const [area] = await em.getConnection().execute(`select access_status, previous_access_status from authority_area where authority_id = ?`, [ca.id]);
      expect(area).toEqual({ access_status: 'suspended', previous_access_status: 'active' });

      const reactivated = await command(dimic.session, ca.id, { type: 'reactivateAuthority' });
      expect(reactivated.status).toBe(200);
      expect(reactivated.body.status).toBe('active');
    });

    it("refuses someone who is not the validating coordinator, with the machine's reason (403)", async () => {
      const byItsOwnLda = await command(ca.session, ca.id, { type: 'suspendAuthority' });
      expect(byItsOwnLda.status).toBe(403);
      expect(byItsOwnLda.body.error.message).toBe("Only a data administrator of the authority's validating coordinator can change the authority's status.");
    });

    it('takes over an authority registered before its workflow existed (demo data) for the helpdesk', async () => {
      await loadDemoAuthorities(api.deps.orm);
      const validate = await command(operator(), demoAuthorityId('DK', 4), { type: 'validateRegistration' });
      expect(validate.status).toBe(403);
      expect(validate.body.error.message).toBe('The helpdesk only validates NIMICs; the country\'s coordinators validate a competent authority.');
      const suspend = await command(operator(), demoAuthorityId('DK', 4), { type: 'suspendAuthority' });
      expect(suspend.status).toBe(409);
      expect(suspend.body.error.message).toMatch(/^Suspend or revoke every area and workflow access first/);
      const [{ status }] = await api.deps.orm.em.fork().getConnection().execute(`select status from authority where id = ?`, [demoAuthorityId('DK', 4)]);
      expect(status).toBe('active');
    });

    it('answers 404 for an unknown authority and 400 for an unknown command', async () => {
      expect((await command(dimic.session, randomUUID(), { type: 'suspendAuthority' })).status).toBe(404);
      expect((await command(dimic.session, ca.id, { type: 'explode' })).status).toBe(400);
    });
  });

  it("finds an authority by one of its users' email and by its own", async () => {
    const body = anAuthority('CA');
    const ca = await registered(dimic.session, body);
    const byUser = await call('GET', `/api/coordination/authorities/by-email?email=${encodeURIComponent(body.superuser.email.toUpperCase())}`, dimic.session);
    expect(byUser.status).toBe(200);
    expect(byUser.body.data).toEqual([expect.objectContaining({ id: ca.id, matchedOn: 'user', status: 'active' })]);
    const byOwn = await call('GET', `/api/coordination/authorities/by-email?email=${encodeURIComponent(body.contactEmail)}`, operator());
    expect(byOwn.body.data).toEqual([expect.objectContaining({ id: ca.id, matchedOn: 'authority' })]);
    const byCa = await call('GET', `/api/coordination/authorities/by-email?email=${encodeURIComponent(body.contactEmail)}`, ca.session);
    expect(byCa.status).toBe(403);
  });

  it('sends a predefined, edited email to each coordinated authority at its contact email, in its language; refuses an authority it does not coordinate', async () => {
    const danish = anAuthority('CA', 'CA', { languages: ['da', 'en'] });
    const english = anAuthority('CA');
    const a = await call('POST', '/api/coordination/authorities', dimic.session, danish);
    const b = await call('POST', '/api/coordination/authorities', dimic.session, english);
    const templates = await call('GET', '/api/coordination/email-templates', dimic.session);
    expect(templates.status).toBe(200);
    expect(templates.body.data.map((t: { code: string }) => t.code)).toContain('check-authority-data');

    const sent = await call('POST', '/api/coordination/mass-email', dimic.session, {
      templateId: 'check-authority-data',
      authorityIds: [a.body.id, b.body.id],
      overrides: { en: { subject: 'Spring check of your data' } },
    });
    expect(sent.status).toBe(200);
    expect(sent.body.sent).toHaveLength(2);
    const toDanish = await waitFor(async () => (await caughtEmails(danish.contactEmail))[0], 'the Danish email');
    expect(toDanish.subject).toBe('Kontrollér venligst jeres myndighedsdata i Liaison');
    expect(toDanish.text).toContain(`Kære ${danish.officialName},`);
    const toEnglish = await waitFor(async () => (await caughtEmails(english.contactEmail))[0], 'the English email');
    expect(toEnglish.subject).toBe('Spring check of your data');

    const notMine = await call('POST', '/api/coordination/mass-email', dimic.session, { templateId: 'check-authority-data', authorityIds: [nimic.id] });
    expect(notMine.status).toBe(403);
    const unknownTemplate = await call('POST', '/api/coordination/mass-email', dimic.session, { templateId: 'nope', authorityIds: [a.body.id] });
    expect(unknownTemplate.status).toBe(400);
  });

  describe('editable email templates', () => {
    const predefinedEn = async (who: Caller) => {
      const list = await call('GET', '/api/coordination/email-templates', who);
      expect(list.status).toBe(200);
      return list.body.data.find((t: { code: string; language: string; predefined: boolean }) => t.code === 'check-authority-data' && t.language === 'en' && t.predefined);
    };

    it("edits a predefined template into the coordinator's own version, which its mass email uses; another coordinator neither sees nor edits it", async () => {
      const predefined = await predefinedEn(dimic.session);
      expect(predefined).toMatchObject({ predefined: true, ownerAuthorityId: null, subject: 'Please check your authority data in Liaison' });

      const edit = { subject: 'Edited: check the data of {authority}', heading: 'Edited heading', body: 'Dear {authority},\n\nThis edited paragraph asks for a check.\n\nRegards, {coordinator}' };
      const edited = await call('PUT', `/api/coordination/email-templates/${predefined.id}`, dimic.session, edit);
      expect(edited.status).toBe(200);
      expect(edited.body).toMatchObject({ ...edit, code: 'check-authority-data', language: 'en', predefined: false, ownerAuthorityId: dimic.id, updatedBy: expect.any(String) });
      expect(edited.body.id).not.toBe(predefined.id);
      // editing the predefined one again updates the same own version; the predefined one is unchanged
      const again = await call('PUT', `/api/coordination/email-templates/${predefined.id}`, dimic.session, edit);
      expect(again.body.id).toBe(edited.body.id);
      const mine = await call('GET', '/api/coordination/email-templates', dimic.session);
      expect(mine.body.data).toEqual(expect.arrayContaining([expect.objectContaining({ id: edited.body.id }), expect.objectContaining({ id: predefined.id, subject: predefined.subject })]));

      const english = anAuthority('CA');
      const target = await call('POST', '/api/coordination/authorities', dimic.session, english);
      expect(target.status).toBe(201);
      const sent = await call('POST', '/api/coordination/mass-email', dimic.session, { templateId: edited.body.id, authorityIds: [target.body.id] });
      expect(sent.status).toBe(200);
      const mail = await waitFor(async () => (await caughtEmails(english.contactEmail))[0], 'the edited email');
      expect(mail.subject).toBe(`Edited: check the data of ${english.officialName}`);
      expect(mail.text).toContain('Edited heading');
      expect(mail.text).toContain('This edited paragraph asks for a check.');
      expect(mail.text).toContain(`Dear ${english.officialName},`);
      expect(mail.html).toContain('This edited paragraph asks for a check.');

      // another coordinator: does not see it, cannot edit, delete or send it; still gets the predefined one
      const theirs = await call('GET', '/api/coordination/email-templates', nimic.session);
      expect(theirs.body.data.map((t: { id: string }) => t.id)).not.toContain(edited.body.id);
      expect((await predefinedEn(nimic.session)).subject).toBe('Please check your authority data in Liaison');
      expect((await call('PUT', `/api/coordination/email-templates/${edited.body.id}`, nimic.session, edit)).status).toBe(403);
      expect((await call('DELETE', `/api/coordination/email-templates/${edited.body.id}`, nimic.session)).status).toBe(403);
      expect((await call('POST', '/api/coordination/mass-email', nimic.session, { templateId: edited.body.id, authorityIds: [dimic.id] })).status).toBe(400);
      expect((await call('PUT', `/api/coordination/email-templates/${randomUUID()}`, dimic.session, edit)).status).toBe(404);
    });

    it('creates and deletes own templates; refuses deleting a predefined one, the helpdesk and a competent authority editing', async () => {
      const created = await call('POST', '/api/coordination/email-templates', dimic.session, { name: 'Training', language: 'da', subject: 'Kursus', heading: 'Kursus i Liaison', body: 'Kære {authority},\n\nkom på kursus.' });
      expect(created.status).toBe(201);
      expect(created.body).toMatchObject({ name: 'Training', language: 'da', predefined: false, ownerAuthorityId: dimic.id, code: expect.stringMatching(/^own-/) });
      expect((await call('POST', '/api/coordination/email-templates', dimic.session, { name: 'Again', language: 'da', code: created.body.code, subject: 's', heading: 'h', body: 'b' })).status).toBe(409);
      expect((await call('DELETE', `/api/coordination/email-templates/${created.body.id}`, dimic.session)).status).toBe(204);
      const list = await call('GET', '/api/coordination/email-templates', dimic.session);
      expect(list.body.data.map((t: { id: string }) => t.id)).not.toContain(created.body.id);

      const predefined = await predefinedEn(dimic.session);
      expect((await call('DELETE', `/api/coordination/email-templates/${predefined.id}`, dimic.session)).status).toBe(403);
      expect((await call('PUT', `/api/coordination/email-templates/${predefined.id}`, operator(), { subject: 's', heading: 'h', body: 'b' })).status).toBe(403);
      const ca = await registered(dimic.session, anAuthority('CA'));
      expect((await call('PUT', `/api/coordination/email-templates/${predefined.id}`, ca.session, { subject: 's', heading: 'h', body: 'b' })).status).toBe(403);
    });

    it('answers 400 with field messages for bad input', async () => {
      const predefined = await predefinedEn(dimic.session);
      const edit = await call('PUT', `/api/coordination/email-templates/${predefined.id}`, dimic.session, { subject: '  ', heading: 'x'.repeat(201) });
      expect(edit.status).toBe(400);
      expect(edit.body.error.fields).toEqual({ subject: ['must not be empty'], heading: ['must be at most 200 characters'], body: ['Required'] });
      const create = await call('POST', '/api/coordination/email-templates', dimic.session, { name: 'N', language: 'xx', code: 'Bad Code', subject: 's', heading: 'h', body: 'b' });
      expect(create.status).toBe(400);
      expect(create.body.error.fields).toEqual({ language: ['must be en or da'], code: ['must be lower-case letters, digits and dashes (at most 80)'] });
      expect((await call('PUT', '/api/coordination/email-templates/not-a-uuid', dimic.session, { subject: 's', heading: 'h', body: 'b' })).body.error.fields).toEqual({ id: ['must be an email template id (uuid)'] });
    });
  });
});
