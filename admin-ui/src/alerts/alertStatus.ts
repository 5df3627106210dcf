import { alertStatuses, type AlertStatus } from '../../../workflows/alert/snapshot';

export type { AlertStatus };
export { alertStatuses };

/**
 * One colour per stage, so a list reads at a glance: grey drafts, purple on the way to broadcast,
 * blue broadcast, orange the closure's periods, green closed, dark grey withdrawn or deleted.
 */
export const alertStatusColours: Record<AlertStatus, string> = {
  draft: '#757575',
  submitted: '#6a1b9a',
  'not-yet-broadcast': '#8e24aa',
  broadcast: '#1565c0',
  'withdrawal-pending-broadcast': '#ad1457',
  withdrawn: '#424242',
  'closure-open-for-comments': '#ef6c00',
  'closure-pending-broadcast': '#f57c00',
  'closure-open-for-objections': '#d84315',
  'closure-pending-decision': '#5d4037',
  closed: '#2e7d32',
  deleted: '#9e9e9e',
};

export const alertStatusChoices = alertStatuses.map((id) => ({ id, name: `liaison.alert.status.${id}` }));

/** Nothing more happens: the reduced view (closed, withdrawn) or gone (deleted). */
export const isFinalAlert = (status: AlertStatus) => status === 'closed' || status === 'withdrawn' || status === 'deleted';

/** A period turns red this close to its end (a day), so the last comments or objections are not missed. */
export const periodWarningMs = 24 * 60 * 60 * 1000;
