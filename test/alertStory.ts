import type { RetentionActivities } from '../activities/retention';
import { alertPolicy } from '../schema/alertPolicy';
import type { Actor } from '../workflows/actor';
import type { AlertActivities, AlertInput } from '../workflows/alert/definitions';

/**
 * The alert story of the time-skipping tests and the replay recorders: Denmark warns Sweden (the
 * provider's establishment country) and Finland. Ids only, no personal data: the workflow sees
 * nothing else.
 */
const user = (id: string, authorityId: string, countryCode: string, roles: string[]): Actor => ({ kind: 'user', id, authorityId, countryCode, roles });
export const dkHandler = user('u-dk', 'auth-dk', 'DK', ['alert-handler']);
export const dkBroadcaster = user('u-dk-b', 'coord-dk', 'DK', ['alert-broadcaster']);
export const seMailbox = user('u-se-m', 'mbox-se', 'SE', ['alert-broadcaster', 'alert-handler']);
export const seProposer = user('u-se-1', 'auth-se-1', 'SE', ['alert-handler']);
export const seCommenter = user('u-se-2', 'auth-se-2', 'SE', ['alert-handler']);
export const seCoordinator = user('u-se-c', 'coord-se', 'SE', ['alert-broadcaster']);
export const fiMailbox = user('u-fi', 'mbox-fi', 'FI', ['alert-broadcaster', 'alert-handler']);

/** The story's alert as the API starts it (local activities), Denmark's handler its creator. */
export const storyAlertInput = (alertId: string, patch: Partial<AlertInput> = {}): AlertInput => ({
  alertId,
  number: `ALR-2026-${alertId.slice(0, 6)}`,
  legislationArea: 'services',
  originatingAuthorityId: 'auth-dk',
  originatingCountry: 'DK',
  alertCoordinatorId: 'coord-dk',
  targetCountries: ['SE', 'FI'],
  establishmentCountry: 'SE',
  policy: alertPolicy,
  createdBy: dkHandler,
  localActivities: true,
  ...patch,
});

/** Activities that do nothing, for recording histories (the workflow's choices do not depend on them). */
export const silentAlertActivities = (): AlertActivities & RetentionActivities => ({
  async projectAlert() {},
  async notifyAlertParties() {
    return { sent: 1 };
  },
  async blockPersonalData() {},
  async erasePersonalData() {},
  async projectRetention() {},
});
