/**
 * The alert read model against real PostgreSQL: the version-guarded projection of AlertSnapshot
 * with its recipients, pending actions and audit events, the recorded ends of the closure periods,
 * alert numbers, and retention's erasure of an alert's personal data (domain.md §6, §8).
 */
import type { MikroORM } from '@mikro-orm/postgresql';
import { randomUUID } from 'node:crypto';
import { alertPeriodEnds, alertPersonalData, alertRecipientRows, nextAlertNumber, projectAlertSnapshot } from '../schema/alertReadModel';
import { alertPersonalDataStore } from '../schema/alertPersonalDataStore';
import { personalDataStoreOf } from '../schema/personalDataStores';
import type { AlertCountry, AlertEvent, AlertSnapshot } from '../workflows/alert/snapshot';
import { openTestOrm } from './stack';

let orm: MikroORM;
beforeAll(async () => {
  orm = (await openTestOrm()) as MikroORM;
});
afterAll(async () => {
  await orm?.close();
});

const originator = randomUUID();
const coordinatorDk = randomUUID();
const mailboxDk = randomUUID();
const mailboxSe = randomUUID();
const seAuthority1 = randomUUID();
const seAuthority2 = randomUUID();

function aDraftAlert(overrides: Partial<AlertSnapshot> = {}): AlertSnapshot {
  const alertId = overrides.alertId ?? randomUUID();
  return {
    alertId,
    number: `ALR-2026-T${alertId.slice(0, 8)}`,
    legislationArea: 'services',
    status: 'draft',
    version: 1,
    originatingAuthorityId: originator,
    originatingCountry: 'DK',
    createdByUserId: randomUUID(),
    alertCoordinatorId: coordinatorDk,
    alertCoordinatorFinalApproval: false,
    broadcastingCoordinatorId: null,
    establishmentCountry: 'SE',
    targetCountries: ['SE'],
    countries: [],
    commissionReceivedAt: null,
    items: [],
    closure: null,
    commentPeriodEndsAt: null,
    objectionPeriodEndsAt: null,
    createdAt: '2026-11-25T10:00:00.000Z',
    submittedAt: null,
    broadcastAt: null,
    withdrawnAt: null,
    closedAt: null,
    deletedAt: null,
    reducedView: false,
    history: [],
    pendingActions: [{ authorityId: originator, role: 'alert-handler', action: 'submit', itemId: null }],
    ...overrides,
  };
}

const event = (action: string, at = '2026-11-25T10:00:00.000Z', actor = 'user:u1'): AlertEvent => ({ action, actor, authorityId: null, country: null, subjectId: null, targets: [], at });

async function project(snapshot: AlertSnapshot, e: AlertEvent, recordedAt?: Date) {
  return orm.em.fork().transactional((tx) => projectAlertSnapshot(tx, snapshot, e, recordedAt));
}

async function stored(alertId: string) {
  const em = orm.em.fork();
  const [row] = await em.execute<{ status: string; version: number; establishment_country: string | null; target_countries: string[]; snapshot: { status: string }; reduced_view: boolean }[]>(
    'select status, version, establishment_country, target_countries, snapshot, reduced_view from alert where id = ?',
    [alertId],
  );
  const actions = await em.execute<{ authority_id: string; role: string; action: string; item_id: string | null }[]>(
    'select authority_id, role, action, item_id from alert_pending_action where alert_id = ? order by action, authority_id',
    [alertId],
  );
  const recipients = await em.execute<{ authority_id: string; country: string; kind: string; removed_at: Date | null; acted_at: Date | null }[]>(
    'select authority_id, country, kind, removed_at, acted_at from alert_recipient where alert_id = ? order by country, kind, authority_id',
    [alertId],
  );
  const audit = await em.execute<{ action: string; version: number }[]>(`select action, version from audit_event where subject_type = 'alert' and subject_id = ? order by version`, [alertId]);
  return { row, actions, recipients, audit };
}

const iso = (d: Date | string | null) => (d === null ? null : new Date(d).toISOString());

const broadcastCountries = (at: string): AlertCountry[] => [
  { country: 'SE', kind: 'target', mailboxIds: [mailboxSe], mailboxState: 'awaiting-acceptance', receivedAt: at, acknowledgedAt: null, acknowledgedByAuthorityId: null, acknowledgedByUserId: null, recipients: [] },
  { country: 'DK', kind: 'origin', mailboxIds: [mailboxDk], mailboxState: 'copy', receivedAt: at, acknowledgedAt: null, acknowledgedByAuthorityId: null, acknowledgedByUserId: null, recipients: [] },
];

describe('projectAlertSnapshot', () => {
  it('keeps the highest version when snapshots arrive out of order, and audits each step once', async () => {
    const draft = aDraftAlert();
    const submitted = { ...draft, status: 'submitted' as const, version: 2, submittedAt: '2026-11-25T11:00:00.000Z', pendingActions: [{ authorityId: coordinatorDk, role: 'alert-broadcaster' as const, action: 'accept-or-pass', itemId: null }] };
    const accepted = { ...submitted, status: 'not-yet-broadcast' as const, version: 3, pendingActions: [{ authorityId: coordinatorDk, role: 'alert-broadcaster' as const, action: 'broadcast', itemId: null }] };

    expect(await project(accepted, event('accepted'))).toEqual({ applied: true });
    expect(await project(draft, event('created'))).toEqual({ applied: false });
    expect(await project(submitted, event('submitted'))).toEqual({ applied: false });
    expect(await project(accepted, event('accepted'))).toEqual({ applied: false }); // a retried activity

    const { row, actions, audit } = await stored(draft.alertId);
    expect(row).toMatchObject({ status: 'not-yet-broadcast', version: 3, establishment_country: 'SE', target_countries: ['SE'], reduced_view: false });
    expect(row!.snapshot.status).toBe('not-yet-broadcast');
    expect(actions).toEqual([{ authority_id: coordinatorDk, role: 'alert-broadcaster', action: 'broadcast', item_id: null }]);
    expect(audit).toEqual([
      { action: 'created', version: 1 },
      { action: 'submitted', version: 2 },
      { action: 'accepted', version: 3 },
    ]);
  });

  it('replaces recipients per country with each newer snapshot: mailboxes, the origin copy, forwarded and removed recipients', async () => {
    const at = '2026-11-26T08:00:00.000Z';
    const draft = aDraftAlert();
    await project(draft, event('created'));
    const broadcast = { ...draft, status: 'broadcast' as const, version: 2, broadcastAt: at, commissionReceivedAt: at, countries: broadcastCountries(at), pendingActions: [{ authorityId: mailboxSe, role: 'alert-broadcaster' as const, action: 'acknowledge', itemId: null }] };
    await project(broadcast, event('broadcast', at));
    expect((await stored(draft.alertId)).recipients).toEqual([
      { authority_id: mailboxDk, country: 'DK', kind: 'origin-mailbox', removed_at: null, acted_at: null },
      { authority_id: mailboxSe, country: 'SE', kind: 'mailbox', removed_at: null, acted_at: null },
    ]);

    const later = '2026-11-27T08:00:00.000Z';
    const se: AlertCountry = {
      ...broadcast.countries[0]!,
      mailboxState: 'acknowledged',
      acknowledgedAt: later,
      acknowledgedByAuthorityId: mailboxSe,
      acknowledgedByUserId: randomUUID(),
      recipients: [
        { authorityId: seAuthority1, isAlertCoordinator: false, addedByAuthorityId: mailboxSe, addedAt: later, actedAt: null, removedAt: later, removedByAuthorityId: mailboxSe },
        { authorityId: seAuthority2, isAlertCoordinator: true, addedByAuthorityId: mailboxSe, addedAt: later, actedAt: later, removedAt: null, removedByAuthorityId: null },
      ],
    };
    await project({ ...broadcast, version: 3, countries: [se, broadcast.countries[1]!], pendingActions: [] }, event('forwarded', later));
    const { recipients, actions } = await stored(draft.alertId);
    expect(actions).toEqual([]);
    expect(recipients.map((r) => [r.authority_id, r.country, r.kind, iso(r.removed_at), iso(r.acted_at)])).toEqual([
      [mailboxDk, 'DK', 'origin-mailbox', null, null],
      [seAuthority1, 'SE', 'authority', later, null],
      [seAuthority2, 'SE', 'coordinator', null, later],
      [mailboxSe, 'SE', 'mailbox', null, later],
    ]);
  });

  it('an authority that appears twice in a snapshot gets one recipient row (its first role)', () => {
    const at = '2026-11-26T08:00:00.000Z';
    const countries = broadcastCountries(at);
    countries[0]!.recipients.push({ authorityId: mailboxSe, isAlertCoordinator: true, addedByAuthorityId: mailboxSe, addedAt: at, actedAt: null, removedAt: null, removedByAuthorityId: null });
    expect(alertRecipientRows(aDraftAlert({ countries })).map((r) => [r.authorityId, r.kind])).toEqual([
      [mailboxSe, 'mailbox'],
      [mailboxDk, 'origin-mailbox'],
    ]);
  });

  it('records when each closure period was due and when it ended, for the timeline and the timer-lateness bench', async () => {
    const draft = aDraftAlert();
    const commentEnd = '2026-12-01T10:00:00.000Z';
    const objectionEnd = '2026-12-15T10:00:00.000Z';
    const open = { ...draft, status: 'closure-open-for-comments' as const, version: 5, commentPeriodEndsAt: commentEnd };
    await project(open, event('closure-proposed', '2026-11-24T10:00:00.000Z'));
    // Only the timer's transition (actor system) marks a period's end.
    await project({ ...open, status: 'closure-pending-broadcast', version: 6 }, event('comment-period-over', '2026-12-01T10:00:01.250Z', 'system'), new Date('2026-12-01T10:00:01.400Z'));
    await project({ ...open, status: 'closure-open-for-objections', version: 7, objectionPeriodEndsAt: objectionEnd }, event('closure-proposal-broadcast', '2026-12-02T10:00:00.000Z'));
    await project({ ...open, status: 'closure-pending-decision', version: 8, objectionPeriodEndsAt: objectionEnd }, event('objection-period-over', '2026-12-15T10:00:00.300Z', 'system'), new Date('2026-12-15T10:00:00.500Z'));

    const ends = await alertPeriodEnds(orm.em.fork(), { alertIds: [draft.alertId] });
    expect(ends).toEqual([
      { alertId: draft.alertId, period: 'comment', scheduledAt: new Date(commentEnd), firedAt: new Date('2026-12-01T10:00:01.250Z'), recordedAt: new Date('2026-12-01T10:00:01.400Z'), latenessMs: 1250 },
      { alertId: draft.alertId, period: 'objection', scheduledAt: new Date(objectionEnd), firedAt: new Date('2026-12-15T10:00:00.300Z'), recordedAt: new Date('2026-12-15T10:00:00.500Z'), latenessMs: 300 },
    ]);
    expect(await alertPeriodEnds(orm.em.fork(), { alertIds: [draft.alertId], since: new Date('2026-12-10T00:00:00Z') })).toHaveLength(1);
    expect(await alertPeriodEnds(orm.em.fork(), { alertIds: [] })).toEqual([]);
  });
});

describe('nextAlertNumber', () => {
  it('gives ALR-<year>-<6 digits>, increasing', async () => {
    const em = orm.em.fork();
    const a = await nextAlertNumber(em, new Date('2026-03-01T00:00:00Z'));
    const b = await nextAlertNumber(em, new Date('2026-03-01T00:00:00Z'));
    expect(a).toMatch(/^ALR-2026-\d{6,}$/);
    expect(Number(b.slice(9))).toBe(Number(a.slice(9)) + 1);
  });
});

describe('alert personal data', () => {
  async function anAlertWithPersonalData() {
    const alertId = randomUUID();
    const textId = randomUUID();
    await orm.em.fork().transactional(async (tx) => {
      await alertPersonalData.insertProvisionalAlert(tx, { alertId, number: await nextAlertNumber(tx), legislationArea: 'services', originatingAuthorityId: originator, originatingCountry: 'DK', criteria: { seriousRisk: true } });
      await alertPersonalData.writeProvider(tx, alertId, {
        providerKind: 'person',
        name: 'Jens Hansen',
        otherNames: ['JH Byg'],
        address: { street: 'Nørregade 1', city: 'Odense', country: 'DK' },
        registrationNumbers: { cvr: '12345678' },
        fields: { activity: 'construction' },
      });
      await alertPersonalData.writeText(tx, alertId, { id: textId, kind: 'description', authorityId: originator, userId: null, text: 'Jens Hansen endangers workers', language: 'da' });
      await alertPersonalData.addFile(tx, alertId, { id: randomUUID(), textId, authorityId: originator, fileName: 'evidence.pdf', mimeType: 'application/pdf', content: Buffer.from('%PDF'), uploadedBy: null });
    });
    return { alertId, textId };
  }

  const counts = async (alertId: string) => {
    const [row] = await orm.em.fork().execute<Record<string, string>[]>(
      `select (select count(*) from alert_provider where alert_id = ?) as provider, (select count(*) from alert_text where alert_id = ?) as texts,
              (select count(*) from alert_file where alert_id = ?) as files, (select count(*) from alert where id = ?) as alert`,
      [alertId, alertId, alertId, alertId],
    );
    return Object.fromEntries(Object.entries(row!).map(([k, v]) => [k, Number(v)]));
  };

  it('is registered for retention, and its erasure deletes provider, texts and files but keeps the alert row, its criteria and its projection', async () => {
    expect(personalDataStoreOf('alert')).toBe(alertPersonalDataStore);
    const { alertId } = await anAlertWithPersonalData();
    const other = await anAlertWithPersonalData();
    await project(aDraftAlert({ alertId, number: `ALR-2026-E${alertId.slice(0, 8)}` }), event('created'));
    expect(await counts(alertId)).toEqual({ provider: 1, texts: 1, files: 1, alert: 1 });

    await orm.em.fork().transactional((tx) => alertPersonalDataStore.erase(tx, alertId));
    await orm.em.fork().transactional((tx) => alertPersonalDataStore.erase(tx, alertId)); // a retried activity
    expect(await counts(alertId)).toEqual({ provider: 0, texts: 0, files: 0, alert: 1 });
    expect(await counts(other.alertId)).toEqual({ provider: 1, texts: 1, files: 1, alert: 1 });
    const [row] = await orm.em.fork().execute<{ criteria: Record<string, boolean>; version: number }[]>('select criteria, version from alert where id = ?', [alertId]);
    expect(row).toEqual({ criteria: { seriousRisk: true }, version: 1 });
  });

  it('a rewritten text keeps its id; blocked data is given back for the helpdesk only once blocked', async () => {
    const { alertId, textId } = await anAlertWithPersonalData();
    await alertPersonalData.writeText(orm.em.fork(), alertId, { id: textId, kind: 'description', authorityId: originator, userId: null, text: 'Edited', language: 'en' });
    const [text] = await orm.em.fork().execute<{ text: string; language: string }[]>('select text, language from alert_text where id = ?', [textId]);
    expect(text).toEqual({ text: 'Edited', language: 'en' });
    expect(await orm.em.fork().transactional((tx) => alertPersonalDataStore.retrieveBlocked(tx, alertId))).toBeNull();
    await orm.em.fork().transactional((tx) => alertPersonalDataStore.block(tx, alertId, new Date('2027-01-01T00:00:00Z')));
    const blocked = await orm.em.fork().transactional((tx) => alertPersonalDataStore.retrieveBlocked(tx, alertId));
    expect(blocked).toMatchObject({ provider: { name: 'Jens Hansen' }, texts: [{ id: textId, text: 'Edited' }], files: [{ file_name: 'evidence.pdf' }] });
  });

  it('early erasure may be asked by the originating authority and the recipients not removed', async () => {
    const draft = aDraftAlert();
    const at = '2026-11-26T08:00:00.000Z';
    const countries = broadcastCountries(at);
    countries[0]!.recipients.push(
      { authorityId: seAuthority1, isAlertCoordinator: false, addedByAuthorityId: mailboxSe, addedAt: at, actedAt: null, removedAt: at, removedByAuthorityId: mailboxSe },
      { authorityId: seAuthority2, isAlertCoordinator: false, addedByAuthorityId: mailboxSe, addedAt: at, actedAt: null, removedAt: null, removedByAuthorityId: null },
    );
    await project({ ...draft, status: 'broadcast', countries }, event('broadcast'));
    const ids = await orm.em.fork().transactional((tx) => alertPersonalDataStore.participantAuthorityIds!(tx, draft.alertId));
    expect(ids.sort()).toEqual([originator, mailboxSe, mailboxDk, seAuthority2].sort());
  });
});
