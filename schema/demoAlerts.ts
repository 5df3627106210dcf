import type { MikroORM } from '@mikro-orm/postgresql';
import type { Logger } from '../api/logger';
import { alertCriterionCodes } from './alerts';
import { demoAuthorityIds } from './demoAuthorities';
import { startDemoCases, type DemoCall, type DemoCasesStart } from './demoCases';

/**
 * Demo alerts, so the console's alert list is not empty on a fresh `npm start`. Alerts start at
 * Erhvervsstyrelsen (DK, an alert authority) and go through the Danish Services LIMIC (its alert
 * coordinator); the German Services LIMIC is one of Germany's alert mailboxes and the
 * Bundesnetzagentur a German alert authority linked to it. Four alerts: a draft, one submitted
 * (awaiting the coordinator), one broadcast to DE and FR and acknowledged by the German mailbox,
 * and one whose closure Germany (the establishment country) proposed, in its comment period (7
 * days by default, so it stays there). Made through the HTTP API in the background, once each
 * (demoCases.ts): a demo alert is known by its provider's name.
 */

export const demoAlertUsers = [
  { key: 'dkHandler', username: 'demo.alert.dk', email: 'demo.varsling@erst.example.dk', firstName: 'Sofie', lastName: 'Demo-Varsling', authorityId: demoAuthorityIds.erhvervsstyrelsen, preferredLanguage: 'da', role: 'alert-handler' },
  { key: 'dkCoordinator', username: 'demo.alert.dk-coord', email: 'demo.varslingskoordinator@erst.example.dk', firstName: 'Anders', lastName: 'Demo-Koordinator', authorityId: demoAuthorityIds.dkLimicServices, preferredLanguage: 'da', role: 'alert-broadcaster' },
  { key: 'deMailbox', username: 'demo.alert.de-mailbox', email: 'demo.warnmeldung@bnetza.example.de', firstName: 'Lena', lastName: 'Demo-Postfach', authorityId: demoAuthorityIds.deLimicServices, preferredLanguage: 'de', role: 'alert-broadcaster' },
  { key: 'deHandler', username: 'demo.alert.de', email: 'demo.vorwarnung@bnetza.example.de', firstName: 'Tobias', lastName: 'Demo-Vorwarnung', authorityId: demoAuthorityIds.bundesnetzagentur, preferredLanguage: 'de', role: 'alert-handler' },
] as const;
type UserKey = (typeof demoAlertUsers)[number]['key'];

/** How far each demo alert goes, in this order. */
type Stage = 'draft' | 'submitted' | 'broadcast' | 'acknowledged' | 'closure-proposed';
const stages: Stage[] = ['draft', 'submitted', 'broadcast', 'acknowledged', 'closure-proposed'];

interface DemoAlert {
  /** The provider's name: unique among the demo alerts, so a second start finds them. */
  provider: string;
  city: string;
  establishmentCountry: string;
  stage: Stage;
  description: string;
}

export const demoAlerts: DemoAlert[] = [
  { provider: 'Skovbakke Asbestsanering ApS', city: 'Flensburg', establishmentCountry: 'DE', stage: 'draft', description: 'Asbestos removed without protective measures at two schools in Aabenraa.' },
  { provider: 'Limfjord Gasinstallation ApS', city: 'Kiel', establishmentCountry: 'DE', stage: 'submitted', description: 'Gas installations left leaking after work in three homes; the provider moves on to other countries.' },
  { provider: 'Elbufer Aufzugstechnik GmbH', city: 'Hamburg', establishmentCountry: 'DE', stage: 'acknowledged', description: 'Lift safety brakes disabled during maintenance in Esbjerg; the firm also services lifts in France.' },
  { provider: 'Nordsee Kranservice GmbH', city: 'Bremen', establishmentCountry: 'DE', stage: 'closure-proposed', description: 'Mobile cranes inspected with forged certificates on a building site in Aarhus.' },
];

/** Finds which demo alert users are missing (one query), then makes them and the missing alerts in the background. */
export function startDemoAlerts(deps: { orm: MikroORM; apiUrl: string; smtpUrl: string; mailFrom: string; loginUrl: string; logger: Logger }): Promise<DemoCasesStart> {
  return startDemoCases(deps, {
    what: 'demo alerts',
    users: demoAlertUsers,
    cases: demoAlerts,
    label: (demo) => demo.provider,
    exists: async (em, demo) => (await em.execute('select 1 from alert_provider p join alert a on a.id = p.alert_id where p.name = ? and a.version > 0', [demo.provider])).length > 0,
    make: makeOne,
  });
}

async function makeOne(call: DemoCall<UserKey>, demo: DemoAlert) {
  const reached = (stage: Stage) => stages.indexOf(demo.stage) >= stages.indexOf(stage);
  const draft = await call('POST', '/api/alerts', 'dkHandler', {
    criteria: Object.fromEntries(alertCriterionCodes.map((c) => [c, true])),
    provider: { providerKind: 'business', name: demo.provider, otherNames: [], address: { city: demo.city, country: demo.establishmentCountry }, registrationNumbers: {}, fields: {} },
    description: demo.description,
    descriptionLanguage: 'en',
    files: [],
    alertCoordinatorId: demoAuthorityIds.dkLimicServices,
    targetCountries: ['DE', 'FR'],
    establishmentCountry: demo.establishmentCountry,
    suggestedAuthorities: 'The authorities supervising building and installation work',
  });
  const id = draft.alert.id as string;
  if (!reached('submitted')) return;
  await call('POST', `/api/alerts/${id}/submit`, 'dkHandler');
  if (!reached('broadcast')) return;
  await call('POST', `/api/alerts/${id}/accept`, 'dkCoordinator');
  await call('POST', `/api/alerts/${id}/broadcast`, 'dkCoordinator');
  if (!reached('acknowledged')) return;
  await call('POST', `/api/alerts/${id}/acknowledge`, 'deMailbox');
  if (!reached('closure-proposed')) return;
  // Germany, the establishment country, closes: the mailbox forwards to the Bundesnetzagentur, whose handler proposes closure to its coordinator.
  await call('POST', `/api/alerts/${id}/forward`, 'deMailbox', { authorityIds: [demoAuthorityIds.bundesnetzagentur] });
  await call('POST', `/api/alerts/${id}/propose-closure`, 'deHandler', {
    text: 'The firm’s crane certificates were withdrawn and it no longer operates abroad.',
    language: 'en',
    closureCoordinatorId: demoAuthorityIds.deLimicServices,
  });
}
