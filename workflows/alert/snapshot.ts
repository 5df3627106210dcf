/**
 * The contract between `AlertWorkflow` (workflows/alert/*), its projection into PostgreSQL (the
 * read model behind the alert list, the action list, search and the console's per-country
 * recipient map) and the API. Fields may be added; none may be renamed or removed without
 * changing every reader.
 *
 * Non-personal facts only: ids, country codes, dates and counts. Provider data, the case
 * description, files, the criteria checklist, the suggested authorities' free text and every text
 * of the alert (additional information, clarification requests, objections, suggestions to close,
 * the withdrawal's reason, the closure proposal and its comments) live in PostgreSQL keyed by
 * `alertId` (texts by their own ids, named here), so erasure 6 months after closure is a real delete.
 */

export const alertStatuses = [
  /** Being written by the originating authority (numbered on first save, 6.3.1.1 "Advarselsudkast"). */
  'draft',
  /** Submitted to the chosen alert coordinator; its broadcasters accept it or pass it on ("Advarsel indgivet"). */
  'submitted',
  /** A broadcaster accepted it and checks it before broadcasting ("Advarsel endnu ikke sendt"). */
  'not-yet-broadcast',
  /** Broadcast to the target countries and the Commission ("Advarsel sendt"). */
  'broadcast',
  /** The originating side submitted a withdrawal; its coordinator broadcasts it ("Tilbagetrk. afventer udsend."). */
  'withdrawal-pending-broadcast',
  /** Withdrawn: no more information; reduced view ("Advarsel trukket tilbage"). */
  'withdrawn',
  /** Closure proposed in the closing country; its other recipient authorities comment ("Kommentér afslutning"). */
  'closure-open-for-comments',
  /** Comment period over: the closure coordinator's broadcasters broadcast or cancel ("Afslutning afventer udsend."). */
  'closure-pending-broadcast',
  /** Proposal broadcast to every country; other countries may object ("Afslutning åben for indsigelse"). */
  'closure-open-for-objections',
  /** Objection period over: the closure coordinator's broadcasters close it (or cancel the proposal). */
  'closure-pending-decision',
  /** Closed by the closure coordinator; reduced view; personal data erased after 6 months ("Advarsel afsluttet"). */
  'closed',
  /** Deleted before broadcast (draft, or by the party allowed per the final-approval flag, 6.2.2). */
  'deleted',
] as const;
export type AlertStatus = (typeof alertStatuses)[number];

/** Statuses after which nothing more happens in the workflow. */
export const finalAlertStatuses = ['withdrawn', 'closed', 'deleted'] as const satisfies readonly AlertStatus[];

/** The alert user roles (schema/authority.ts alertUserRoles) that act; observers only read. */
export type AlertActionRole = 'alert-handler' | 'alert-broadcaster';

/** Who must act next: feeds the action list. */
export interface AlertPendingAction {
  authorityId: string;
  role: AlertActionRole;
  /**
   * What is expected: 'submit', 'accept-or-pass', 'broadcast', 'acknowledge', 'forward', 'broadcast-item',
   * 'broadcast-withdrawal', 'comment-on-closure', 'broadcast-closure-proposal', 'close'.
   */
  action: string;
  /** The two-step item concerned ('broadcast-item'). */
  itemId: string | null;
}

/**
 * A recipient inside one country, added by forwarding (6.3.4.2). Removed only by that country's
 * mailbox broadcasters and only while it has not acted; a removed recipient sees nothing further.
 */
export interface AlertRecipient {
  authorityId: string;
  /** A coordinator recipient's broadcasters may forward further. */
  isAlertCoordinator: boolean;
  /** The mailbox or coordinator that forwarded to it. */
  addedByAuthorityId: string;
  addedAt: string;
  /** When it first acted on the alert (forwarded, submitted information, commented, proposed closure, objected). */
  actedAt: string | null;
  removedAt: string | null;
  removedByAuthorityId: string | null;
}

/**
 * One country that received the alert: each target country through its mailbox(es), and the
 * originating country's own mailbox copy (6.3.4.2: it receives every alert its country sends and may
 * forward it to more domestic recipients).
 */
export interface AlertCountry {
  country: string;
  /** 'target': a recipient country; 'origin': the originating country's mailbox copy. */
  kind: 'target' | 'origin';
  /** The country's alert mailbox(es) at the moment it received the alert (normally one, 6.2.1.3). */
  mailboxIds: string[];
  /** 'awaiting-acceptance' until a mailbox broadcaster acknowledges; the origin copy needs none ('copy'). */
  mailboxState: 'awaiting-acceptance' | 'acknowledged' | 'copy';
  receivedAt: string;
  acknowledgedAt: string | null;
  /** The mailbox (authority) and user that acknowledged. */
  acknowledgedByAuthorityId: string | null;
  acknowledgedByUserId: string | null;
  recipients: AlertRecipient[];
}

export const alertItemKinds = ['additional-information', 'clarification-request', 'objection', 'suggestion-to-close', 'withdrawal'] as const;
export type AlertItemKind = (typeof alertItemKinds)[number];

/**
 * A two-step piece of information (6.3.3, 6.3.5, 6.3.6.4): submitted by a handler or broadcaster to
 * an alert coordinator of its country (objections: to the closure coordinator), then broadcast by a
 * broadcaster there. Before broadcast it is edited or deleted by the submitter, or — when the
 * coordinator has final approval — by that coordinator's broadcasters (6.2.2), who then may also
 * decline it; an objection may always be declined by the closure coordinator.
 * Its text is the PostgreSQL row with id `id`.
 */
export interface AlertItem {
  id: string;
  kind: AlertItemKind;
  status: 'submitted' | 'broadcast' | 'declined' | 'deleted';
  submittedByAuthorityId: string;
  submittedByUserId: string;
  country: string;
  /** The coordinator whose broadcasters broadcast it. */
  coordinatorId: string;
  /** That coordinator's final-approval flag when it was submitted. */
  coordinatorFinalApproval: boolean;
  /** A clarification request names the country asked (the originating one or one that sent information). */
  addressedToCountry: string | null;
  submittedAt: string;
  decidedAt: string | null;
  decidedByAuthorityId: string | null;
}

/** The current closure proposal (6.3.6). Its text is the PostgreSQL row `proposalTextId`. */
export interface AlertClosure {
  /** The closing country: the establishment country, or the originating country if that is unknown. */
  country: string;
  proposedByAuthorityId: string;
  proposedByUserId: string;
  proposalTextId: string;
  /** The coordinator linked to the proposer that handles the closure (broadcasts, closes). */
  closureCoordinatorId: string;
  /** Its final-approval flag at the proposal: may edit/cancel the proposal (6.3.6.1). */
  closureCoordinatorFinalApproval: boolean;
  proposedAt: string;
  /** Comments of the closing country's other recipient authorities: ids of their texts, with the author. */
  comments: { id: string; authorityId: string; at: string }[];
  /** The comments attached when the proposal was broadcast (some or all). */
  broadcastCommentIds: string[];
  broadcastAt: string | null;
  broadcastByAuthorityId: string | null;
}

export interface AlertEvent {
  action: string;
  /** 'user:<id>', 'operator:<id>' or 'system'. */
  actor: string;
  /** The authority the actor acted for. */
  authorityId: string | null;
  country: string | null;
  /** The item, proposal or comment concerned, if any. */
  subjectId: string | null;
  /** Countries or authorities concerned (added countries, forwarded/removed recipients). */
  targets: string[];
  at: string;
}

export interface AlertSnapshot {
  alertId: string;
  /** Human number, e.g. "ALR-2026-000042", assigned from a PostgreSQL sequence on first save. */
  number: string;
  /** Alerts exist only in the Services area. */
  legislationArea: string;
  status: AlertStatus;
  /** Increases with every transition; the projection keeps only the highest. */
  version: number;

  originatingAuthorityId: string;
  originatingCountry: string;
  /** The user who initiated it. */
  createdByUserId: string | null;
  /** The alert coordinator it is submitted to (chosen from the authority's linked ones; passing changes it). */
  alertCoordinatorId: string | null;
  /** That coordinator's final-approval flag (6.2.2), as resolved at submit/pass. */
  alertCoordinatorFinalApproval: boolean;
  /** The coordinator that broadcast it: the only one that adds countries or changes the establishment country afterwards. */
  broadcastingCoordinatorId: string | null;
  /** Null: unknown (the originating country then closes). */
  establishmentCountry: string | null;
  /** Countries chosen to receive it (excluding the originating country). */
  targetCountries: string[];
  /** Receiving countries (target countries after broadcast, plus the origin's mailbox copy). */
  countries: AlertCountry[];
  /** The Commission always receives a broadcast alert and never sees its personal data. */
  commissionReceivedAt: string | null;

  items: AlertItem[];
  closure: AlertClosure | null;
  commentPeriodEndsAt: string | null;
  objectionPeriodEndsAt: string | null;

  createdAt: string;
  submittedAt: string | null;
  broadcastAt: string | null;
  withdrawnAt: string | null;
  closedAt: string | null;
  deletedAt: string | null;
  /** Closed or withdrawn: users see only a summary without personal data, the recipients and the history. */
  reducedView: boolean;
  /** While a withdrawal waits for broadcast: the status the alert returns to if it is cancelled (the closure’s timers keep moving it). Null or absent otherwise. */
  statusBeforeWithdrawal?: AlertStatus | null;

  /** Every step so far (the console's timeline). */
  history: AlertEvent[];
  /** Who must act now; empty in final statuses. */
  pendingActions: AlertPendingAction[];
}

export const alertWorkflowId = (alertId: string) => `alert-${alertId}`;
export const alertWorkflowType = 'AlertWorkflow';
