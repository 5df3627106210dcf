import type { UpdateDefinition } from '@temporalio/common';
import { defineQuery, defineUpdate } from '@temporalio/workflow';
import type { Actor } from '../actor';
import type {
  AlertAudience,
  AlertInformationKind,
  AlertNotificationKind,
  AlertState,
  AlertTimer,
  ForwardTarget,
  MailboxFacts,
  NewAlert,
  PassFacts,
  ProposeClosureFacts,
  SubmitFacts,
  SubmitItemFacts,
} from './commands';
import type { AlertEvent, AlertSnapshot } from './snapshot';

export { alertWorkflowId, alertWorkflowType } from './snapshot';
export type { AlertSnapshot } from './snapshot';
export { defaultAlertPolicy, alertTimerCommands, type AlertPolicy, type AlertTimer } from './commands';

/**
 * Start input: ids and codes only. The API creates the PostgreSQL rows (provider data, description,
 * files, checklist, suggested authorities) first, assigns `number` from its sequence on first
 * save, and passes `policy` (comment/objection periods, erasure delay) fixed at start.
 */
export interface AlertInput extends NewAlert {
  createdBy: Actor;
  /** Set only by the workflow's own continue-as-new: the state and pending timers carried over. */
  resume?: { state: AlertState; timers: [AlertTimer, number][] };
  /**
   * Continue as new once the history holds more events than this (default 10,000), besides when
   * Temporal suggests it: an explicit bound, so the path is exercised (tests set it small).
   */
  continueAsNewAfterEvents?: number;
  /**
   * Run the projection, and the emails no person waits for, as local activities
   * (workflows/caseActivities.ts). Set by the API on every new case and carried by continue-as-new;
   * absent on runs begun before it, which replay with activity tasks as recorded.
   */
  localActivities?: boolean;
  /** The start carried the `CaseType` and `CountryCode` search attributes: the workflow does not upsert them again. */
  searchAttributesSetAtStart?: boolean;
}

/** Every update takes the actor (resolved by the API from the session) and returns the projected snapshot. */
type Update<A extends object = object> = UpdateDefinition<AlertSnapshot, [{ actor: Actor } & A]>;

// Before broadcast (6.3.1): the originating authority's alert handlers, then its alert coordinator's broadcasters.
/** Draft fields; `contentChanged` when the API rewrote provider data/description/files in the same call. */
export const editAlertDraft: Update<{ alertCoordinatorId?: string | null; targetCountries?: string[]; establishmentCountry?: string | null; contentChanged?: boolean }> =
  defineUpdate('editDraft');
/** Provider data, description, files or suggested authorities rewritten in PostgreSQL (rules per status and final approval). */
export const editAlertContent: Update = defineUpdate('editContent');
export const changeEstablishmentCountry: Update<{ establishmentCountry: string | null }> = defineUpdate('changeEstablishmentCountry');
/** The alert coordinator's broadcasters, at any time before closure (6.3.1.2, 6.3.2). */
export const addTargetCountries: Update<{ countries: string[]; facts: MailboxFacts }> = defineUpdate('addTargetCountries');
export const submitAlert: Update<{ facts: SubmitFacts }> = defineUpdate('submit');
export const passAlert: Update<{ toCoordinatorId: string; facts: PassFacts }> = defineUpdate('pass');
export const acceptAlert: Update = defineUpdate('accept');
export const broadcastAlert: Update<{ facts: MailboxFacts }> = defineUpdate('broadcast');
export const deleteAlert: Update = defineUpdate('delete');

// Receiving (6.3.4): mailbox broadcasters acknowledge, forward and remove; coordinator recipients forward further.
export const acknowledgeAlert: Update = defineUpdate('acknowledge');
export const forwardAlert: Update<{ targets: ForwardTarget[] }> = defineUpdate('forward');
export const removeAlertRecipient: Update<{ authorityId: string }> = defineUpdate('removeRecipient');

// Two-step items (6.3.5, 6.3.6.4): the API stores the text under `itemId` before the update.
export const submitAlertItem: Update<{ itemId: string; kind: AlertInformationKind; coordinatorId: string | null; addressedToCountry: string | null; facts: SubmitItemFacts }> =
  defineUpdate('submitItem');
export const editAlertItem: Update<{ itemId: string }> = defineUpdate('editItem');
export const deleteAlertItem: Update<{ itemId: string }> = defineUpdate('deleteItem');
export const broadcastAlertItem: Update<{ itemId: string }> = defineUpdate('broadcastItem');
export const declineAlertItem: Update<{ itemId: string }> = defineUpdate('declineItem');

// Withdrawal (6.3.3): two steps, the originating side.
export const submitAlertWithdrawal: Update<{ itemId: string }> = defineUpdate('submitWithdrawal');
export const broadcastAlertWithdrawal: Update = defineUpdate('broadcastWithdrawal');
export const cancelAlertWithdrawal: Update = defineUpdate('cancelWithdrawal');

// Closure (6.3.6).
export const proposeAlertClosure: Update<{ proposalTextId: string; closureCoordinatorId: string; facts: ProposeClosureFacts }> = defineUpdate('proposeClosure');
export const commentOnAlertClosure: Update<{ commentId: string }> = defineUpdate('commentOnClosure');
export const editAlertClosureProposal: Update = defineUpdate('editClosureProposal');
export const cancelAlertClosureProposal: Update = defineUpdate('cancelClosureProposal');
export const broadcastAlertClosureProposal: Update<{ commentIds: string[] }> = defineUpdate('broadcastClosureProposal');
export const closeAlert: Update = defineUpdate('close');

/** Waits until the current version is projected, then returns it (read-your-writes after start). */
export const projectedAlertSnapshot = defineUpdate<AlertSnapshot, []>('projectedSnapshot');
export const alertSnapshot = defineQuery<AlertSnapshot>('alertSnapshot');

/** Retention of the personal data after closure/withdrawal is workflows/retention's RetentionWorkflow (caseType 'alert'). */
export { retentionWorkflowId, retentionWorkflowType, type RetentionInput } from '../retention/definitions';

/**
 * Activities the workflow calls (activities/alert.ts). All arguments are ids and non-personal facts;
 * every activity is idempotent, because Temporal retries it.
 */
export interface AlertActivities {
  /**
   * Writes the snapshot into the read model (alert row, countries and recipients, items, action list
   * from `pendingActions`) and appends `event` to the audit trail, in one transaction, only when
   * `snapshot.version` is higher than the stored one.
   */
  projectAlert(snapshot: AlertSnapshot, event: AlertEvent): Promise<void>;
  /**
   * Emails the users of `audience` about `kind` (6.4.1: standard text, no content, a link only):
   * users holding one of the roles at each authority (or the Commission's helpdesk), in their
   * language. Idempotent per (alertId, version, kind, audience).
   */
  notifyAlertParties(input: { alertId: string; kind: AlertNotificationKind; audience: AlertAudience; version: number }): Promise<{ sent: number }>;
}
