import type { AlertEvent, AlertItemKind, AlertSnapshot } from './snapshot';

/**
 * The alert machine's vocabulary (commands, the facts the API resolves, effects, policy), apart
 * from machine.ts so the Temporal shell, the API and the tests share it. No Temporal import.
 */

const day = 86_400_000;

/**
 * Durations of an alert (domain.md §6, §8), fixed at start so a running history never changes its
 * clock. The comment and objection periods are agreed by all countries (6.3.6.2, 6.3.6.4).
 */
export interface AlertPolicy {
  /** Comment period in the closing country after a closure proposal (default 7 days). */
  commentPeriodMs: number;
  /** Objection period for the other countries after the proposal is broadcast (default 14 days). */
  objectionPeriodMs: number;
  /** Personal data is erased this long after closure (6 months; 183 days so it is never early). */
  erasureAfterMs: number;
}

export const defaultAlertPolicy: AlertPolicy = {
  commentPeriodMs: 7 * day,
  objectionPeriodMs: 14 * day,
  erasureAfterMs: 183 * day,
};

/** Role names as the API puts them into `Actor.roles` (schema/authority.ts userRoles). */
export const alertUserRoles = {
  observer: 'alert-observer',
  handler: 'alert-handler',
  broadcaster: 'alert-broadcaster',
  helpdesk: 'system-admin',
} as const;

// ───────────────────────────── facts the API resolves from PostgreSQL ─────────────────────────────

/**
 * About the actor's own authority in the alerts workflow of the Services area. The API resolves
 * these (the machine knows only ids): whether the authority is itself an alert coordinator (then it
 * may submit to itself, 6.2.1.2) and which alert coordinators are linked to it.
 */
export interface ActorAuthorityFacts {
  isAlertCoordinator: boolean;
  linkedAlertCoordinatorIds: string[];
}

/** Submitting the alert to the chosen coordinator (6.3.1.1). */
export interface SubmitFacts extends ActorAuthorityFacts {
  /** The chosen coordinator's final-approval flag (6.2.2). */
  coordinatorFinalApproval: boolean;
  /** The checklist's criteria are all met and provider data and description are filled in (checked on the rows in PostgreSQL). */
  complete: boolean;
}

/** Passing a submitted alert to another alert coordinator of the same country (6.3.1.2). */
export interface PassFacts {
  targetIsAlertCoordinator: boolean;
  targetCountry: string;
  targetFinalApproval: boolean;
}

/**
 * The alert mailboxes of the countries that receive the alert now, keyed by country code (for a
 * broadcast: every target country and the originating country). A target country without a
 * mailbox cannot receive alerts.
 */
export interface MailboxFacts {
  mailboxes: Record<string, string[]>;
}

/** One authority a broadcaster forwards the alert to, as resolved by the API. */
export interface ForwardTarget {
  authorityId: string;
  /** The authority's country (forwarding stays inside the forwarder's country). */
  country: string;
  /** It has alert access (alert authority, coordinator or mailbox) in the Services area. */
  hasAlertAccess: boolean;
  isAlertCoordinator: boolean;
}

/** A two-step item: the coordinator it goes to and that coordinator's flag. */
export interface SubmitItemFacts extends ActorAuthorityFacts {
  coordinatorFinalApproval: boolean;
}

/** A closure proposal to a coordinator linked to the proposer's authority (6.3.6.1). */
export interface ProposeClosureFacts extends ActorAuthorityFacts {
  closureCoordinatorFinalApproval: boolean;
}

// ───────────────────────────── commands ─────────────────────────────

/** The kinds of item `submitItem` takes (the withdrawal has its own commands). */
export type AlertInformationKind = Exclude<AlertItemKind, 'withdrawal'>;

export type AlertCommand =
  /** Draft fields kept in the workflow; `contentChanged`: the API rewrote provider data/description/files. */
  | { type: 'editDraft'; alertCoordinatorId?: string | null; targetCountries?: string[]; establishmentCountry?: string | null; contentChanged?: boolean }
  /** Provider data, description, files or suggested authorities changed in PostgreSQL (6.2.2, 6.3.2). */
  | { type: 'editContent' }
  | { type: 'changeEstablishmentCountry'; establishmentCountry: string | null }
  | { type: 'addTargetCountries'; countries: string[]; facts: MailboxFacts }
  | { type: 'submit'; facts: SubmitFacts }
  | { type: 'pass'; toCoordinatorId: string; facts: PassFacts }
  | { type: 'accept' }
  | { type: 'broadcast'; facts: MailboxFacts }
  | { type: 'delete' }
  | { type: 'acknowledge' }
  | { type: 'forward'; targets: ForwardTarget[] }
  | { type: 'removeRecipient'; authorityId: string }
  | { type: 'submitItem'; itemId: string; kind: AlertInformationKind; coordinatorId: string | null; addressedToCountry: string | null; facts: SubmitItemFacts }
  | { type: 'editItem'; itemId: string }
  | { type: 'deleteItem'; itemId: string }
  | { type: 'broadcastItem'; itemId: string }
  | { type: 'declineItem'; itemId: string }
  | { type: 'submitWithdrawal'; itemId: string }
  | { type: 'broadcastWithdrawal' }
  | { type: 'cancelWithdrawal' }
  | { type: 'proposeClosure'; proposalTextId: string; closureCoordinatorId: string; facts: ProposeClosureFacts }
  | { type: 'commentOnClosure'; commentId: string }
  | { type: 'editClosureProposal' }
  | { type: 'cancelClosureProposal' }
  | { type: 'broadcastClosureProposal'; commentIds: string[] }
  | { type: 'close' }
  | { type: 'commentPeriodOver' }
  | { type: 'objectionPeriodOver' };
export type AlertCommandType = AlertCommand['type'];

/** The commands only the workflow's timers send (actor `system`). */
export const alertTimerCommandTypes = ['commentPeriodOver', 'objectionPeriodOver'] as const satisfies readonly AlertCommandType[];

// ───────────────────────────── effects ─────────────────────────────

/** What each email is about (6.4.1: standard texts, never content, a link only). */
export type AlertNotificationKind =
  /** To the chosen coordinator's broadcasters: an alert to broadcast (6.3.1.2). */
  | 'alert-submitted'
  /** To a target country's mailbox broadcasters: a new alert awaiting acceptance (6.3.4.1); to the Commission (audience `commission`). */
  | 'alert-received'
  /** To the originating country's mailbox broadcasters: the copy of an alert their country sent (6.3.4.2). */
  | 'alert-copy'
  /** To authorities a mailbox or coordinator forwarded it to (6.3.4.2). */
  | 'alert-forwarded'
  /** To every recipient: the establishment country changed (6.3.2). */
  | 'establishment-country-changed'
  /** To a coordinator's broadcasters: an item (information, clarification, objection, suggestion, withdrawal) to broadcast. */
  | 'item-submitted'
  /** To every handler and broadcaster involved: new information was broadcast (6.3.5, 6.3.6.4). */
  | 'item-broadcast'
  /** To the submitter's handlers: its item was declined by the coordinator. */
  | 'item-declined'
  /** To every handler and broadcaster involved: the alert was withdrawn (6.3.3). */
  | 'alert-withdrawn'
  /** To the closing country's other recipient authorities: they may comment (6.3.6.1). */
  | 'closure-proposed'
  /** To the closure coordinator's broadcasters: the comment period is over (6.3.6.2). */
  | 'comment-period-over'
  /** To every handler and broadcaster involved, in all countries (6.3.6.3). */
  | 'closure-proposal-broadcast'
  /** To the closure coordinator's broadcasters: the objection period is over (6.3.6.4). */
  | 'objection-period-over'
  /** To those told of the proposal: it was cancelled. */
  | 'closure-proposal-cancelled'
  /** To every handler and broadcaster involved: the alert is closed (6.3.6.5). */
  | 'alert-closed';

/**
 * The people of an email, as ids only: users holding one of `roles` at each of `authorityIds`
 * (resolved from PostgreSQL by the activity), or the Commission's helpdesk.
 */
export type AlertAudience = { authorityIds: string[]; roles: ('alert-handler' | 'alert-broadcaster')[] } | { commission: true };

export type AlertTimer = 'commentPeriod' | 'objectionPeriod';

export type AlertEffect =
  | { type: 'project' }
  | { type: 'notify'; kind: AlertNotificationKind; audience: AlertAudience }
  /** Start (or move) a durable timer; when due the shell sends its command (commentPeriodOver / objectionPeriodOver). */
  | { type: 'startTimer'; timer: AlertTimer; at: string }
  | { type: 'cancelTimer'; timer: AlertTimer }
  /** Closed or withdrawn: RetentionWorkflow erases the personal data after `eraseAfterMs` (no blocking step). Deleted: at once (0). */
  | { type: 'startRetention'; eraseAfterMs: number };

/** The timer command each durable timer sends. */
export const alertTimerCommands: Record<AlertTimer, AlertCommand> = {
  commentPeriod: { type: 'commentPeriodOver' },
  objectionPeriod: { type: 'objectionPeriodOver' },
};

// ───────────────────────────── state ─────────────────────────────

/** Start of an alert: the API created its rows (number, content) first. Ids and codes only. */
export interface NewAlert {
  alertId: string;
  number: string;
  legislationArea: string;
  originatingAuthorityId: string;
  originatingCountry: string;
  /** Optional at creation: chosen later in the draft. */
  alertCoordinatorId: string | null;
  targetCountries: string[];
  establishmentCountry: string | null;
  policy: AlertPolicy;
}

/** The snapshot plus what only the machine needs. */
export interface AlertState extends AlertSnapshot {
  policy: AlertPolicy;
  /** The event of the last transition, for the audit trail. */
  lastEvent: AlertEvent;
}
