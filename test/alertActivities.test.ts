/**
 * The alert activities against real PostgreSQL (activities/alert.ts): emails go to exactly the
 * audience the machine names — active users holding one of the named roles at the named
 * authorities (the helpdesk for the Commission) — each in their language, once per step, with the
 * number and a link and no case content (6.4.1, domain.md §8).
 */
import type { MikroORM } from '@mikro-orm/postgresql';
import { ApplicationFailure } from '@temporalio/common';
import { randomUUID } from 'node:crypto';
import { alertActivities } from '../activities/alert';
import type { Mailer, OutgoingEmail } from '../activities/mailer';
import { alertPersonalData, projectAlertSnapshot } from '../schema/alertReadModel';
import { User } from '../schema/entities/identity/user';
import type { AlertSnapshot } from '../workflows/alert/snapshot';
import { openTestOrm } from './stack';

let orm: MikroORM;
beforeAll(async () => {
  orm = (await openTestOrm()) as MikroORM;
});
afterAll(async () => {
  await orm?.close();
});

function recordingMailer() {
  const sent: OutgoingEmail[] = [];
  const mailer: Mailer = {
    async send(email) {
      sent.push(email);
    },
    async verify() {},
    close() {},
  };
  return { sent, mailer };
}

async function aUser(authorityId: string | null, roles: { role: string; area?: string }[], language: string, status = 'active') {
  const id = randomUUID();
  const email = `alert-${id.slice(0, 8)}@authority.example.eu`;
  await orm.em.fork().insert(User, {
    id,
    username: `alert-${id.slice(0, 12)}`,
    authorityId,
    firstName: 'Test',
    lastName: 'Alert',
    email,
    phone: null,
    preferredLanguage: language,
    roles,
    status,
    passwordHash: 'not-a-hash',
    passwordIsTemporary: true,
    passwordChangedAt: new Date(),
    securityCodeHashes: null,
    failedAttempts: 0,
    lockedAt: null,
    lastLoginAt: null,
    createdAt: new Date(),
    removedAt: null,
  });
  return email;
}

const services = (role: string) => ({ role, area: 'services' });
const providerName = 'Qwertz Ølstrup-Hansen ApS';

async function anAlert(): Promise<AlertSnapshot> {
  const alertId = randomUUID();
  const snapshot = {
    alertId,
    number: `ALR-2026-A${alertId.slice(0, 8)}`,
    legislationArea: 'services',
    status: 'submitted',
    version: 2,
    originatingAuthorityId: randomUUID(),
    originatingCountry: 'DK',
    createdByUserId: null,
    alertCoordinatorId: randomUUID(),
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
    createdAt: new Date().toISOString(),
    submittedAt: new Date().toISOString(),
    broadcastAt: null,
    withdrawnAt: null,
    closedAt: null,
    deletedAt: null,
    reducedView: false,
    history: [],
    pendingActions: [],
  } satisfies AlertSnapshot;
  await orm.em.fork().transactional(async (tx) => {
    await alertPersonalData.insertProvisionalAlert(tx, { alertId, number: snapshot.number, legislationArea: 'services', originatingAuthorityId: snapshot.originatingAuthorityId, originatingCountry: 'DK', criteria: {} });
    await alertPersonalData.writeProvider(tx, alertId, { providerKind: 'business', name: providerName, otherNames: [], address: {}, registrationNumbers: {}, fields: {} });
    await projectAlertSnapshot(tx, snapshot, { action: 'submitted', actor: 'user:u', authorityId: null, country: null, subjectId: null, targets: [], at: snapshot.submittedAt });
  });
  return snapshot;
}

describe('notifyAlertParties', () => {
  it('emails exactly the users holding a named role at a named authority, each in their language, once', async () => {
    const [a, b, other] = [randomUUID(), randomUUID(), randomUUID()];
    const aBroadcaster = await aUser(a, [services('alert-broadcaster')], 'de');
    const aHandler = await aUser(a, [services('alert-handler')], 'da');
    const aObserver = await aUser(a, [services('alert-observer')], 'en');
    const bBoth = await aUser(b, [services('alert-handler'), services('alert-broadcaster')], 'fr');
    const bOtherArea = await aUser(b, [{ role: 'alert-broadcaster', area: 'professional-qualifications' }], 'en');
    const bLocked = await aUser(b, [services('alert-broadcaster')], 'en', 'locked');
    const otherBroadcaster = await aUser(other, [services('alert-broadcaster')], 'en');
    const alert = await anAlert();
    const { sent, mailer } = recordingMailer();
    const activities = alertActivities({ orm, mailer, publicUrl: 'https://liaison.example.eu' });

    const input = { alertId: alert.alertId, kind: 'alert-submitted' as const, audience: { authorityIds: [a, b], roles: ['alert-broadcaster' as const] }, version: 2 };
    expect(await activities.notifyAlertParties(input)).toEqual({ sent: 2 });
    expect(sent.map((e) => e.to).sort()).toEqual([aBroadcaster, bBoth].sort());
    for (const absent of [aHandler, aObserver, bOtherArea, bLocked, otherBroadcaster]) expect(sent.map((e) => e.to)).not.toContain(absent);
    const german = sent.find((e) => e.to === aBroadcaster)!;
    expect(german.subject).toBe(`Vorwarnung ${alert.number}`);
    expect(sent.find((e) => e.to === bBoth)!.subject).toBe(`Alerte ${alert.number}`);
    expect(german.text).toContain(`https://liaison.example.eu/#/alerts/${alert.alertId}/show`);
    for (const e of sent) expect(`${e.subject} ${e.text} ${e.html}`).not.toContain('Qwertz');

    // A retried activity sends nothing again; a user named twice in one step (two roles) gets one email.
    expect(await activities.notifyAlertParties(input)).toEqual({ sent: 0 });
    const both = await activities.notifyAlertParties({ ...input, kind: 'item-broadcast', audience: { authorityIds: [b], roles: ['alert-handler', 'alert-broadcaster'] } });
    expect(both).toEqual({ sent: 1 });
    expect(sent.filter((e) => e.to === bBoth)).toHaveLength(2);
  });

  it('emails the helpdesk for the Commission', async () => {
    const helpdesk = await aUser(null, [{ role: 'system-admin' }], 'fr');
    const alert = await anAlert();
    const { sent, mailer } = recordingMailer();
    const activities = alertActivities({ orm, mailer, publicUrl: 'https://liaison.example.eu' });
    await activities.notifyAlertParties({ alertId: alert.alertId, kind: 'alert-received', audience: { commission: true }, version: 2 });
    expect(sent.find((e) => e.to === helpdesk)?.subject).toBe(`Alerte ${alert.number}`);
  });

  it('waits for the projection before emailing (retryable), and refuses a projection without its event', async () => {
    const { mailer } = recordingMailer();
    const activities = alertActivities({ orm, mailer, publicUrl: 'https://liaison.example.eu' });
    const error = await activities.notifyAlertParties({ alertId: randomUUID(), kind: 'alert-closed', audience: { authorityIds: [randomUUID()], roles: ['alert-handler'] }, version: 9 }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ApplicationFailure);
    expect(error).toMatchObject({ type: 'NotProjected', nonRetryable: false });
    const alert = await anAlert();
    const refused = await activities.projectAlert(alert, undefined as never).catch((e: unknown) => e);
    expect(refused).toMatchObject({ type: 'InvalidProjection', nonRetryable: true });
  });
});
