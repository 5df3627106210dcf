import type { UpdateDefinition } from '@temporalio/common';
import { defineQuery, defineUpdate } from '@temporalio/workflow';
import type { Actor } from '../actor';
import type {
  AcceptFacts,
  AnswerFacts,
  CommissionDecision,
  ForwardFacts,
  NewRequest,
  ReferralFacts,
  RejectFacts,
  RequestEvent,
  RequestNotificationKind,
  RequestParty,
  RequestState,
  RequestTimer,
  SendFacts,
} from './machine';
import type { RequestSnapshot } from './snapshot';

export { requestWorkflowId } from './snapshot';
export type { RequestSnapshot } from './snapshot';

/**
 * Start input: ids and codes only. The API creates the PostgreSQL rows (case data, questions'
 * texts, attachments) first, assigns `number` from its sequence, resolves the requesting side's
 * linked coordinator and allocation flag, and passes `rules.policy` from schema/requestPolicy.ts
 * (fixed at start so the history stays deterministic). `splitFrom` is set only by the workflow
 * itself when a split starts the new request.
 */
export interface RequestInput extends NewRequest {
  createdBy: Actor;
  /** Set only by the workflow's own continue-as-new: the state and pending timers carried over. */
  resume?: { state: RequestState; timers: [RequestTimer, number][] };
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
  /**
   * Set by the API when it opens the request (absent for splits and older workflows). The API runs
   * the same pure machine as the workflow — `createRequest`, then `send` when `sendOnOpen` is
   * given — at `openedAt`, and writes those snapshots to the read model in the transaction that
   * holds the personal data. The workflow repeats the same transitions from the same inputs, so it
   * reaches the same state, and skips the projections up to `projectedVersion`: one plain
   * `workflow.start` opens (and sends) a request, with no round trip through the worker.
   */
  openedAt?: string;
  sendOnOpen?: SendFacts;
  projectedVersion?: number;
  /** The start carried all of the opened state's search attributes (requestSearchAttributeValues): no upsert for the opening. */
  searchAttributesSetAtStart?: boolean;
}

/** Every update takes the actor (resolved by the API from the session) and returns the projected snapshot. */
type Update<A extends object = object> = UpdateDefinition<RequestSnapshot, [{ actor: Actor } & A]>;

/** Requesting side (case handler; the creator unless an allocator reassigned it). */
export const editRequestDraft: Update<{
  questionSet?: string;
  questionIds?: string[];
  deadline?: string | null;
  respondingAuthorityId?: string;
  respondingCountry?: string;
  relatedRequestNumber?: string | null;
  urgent?: boolean;
}> = defineUpdate('editDraft');
/** Send, or resubmit after the coordinator's refusal. */
export const sendRequest: Update<{ facts: SendFacts }> = defineUpdate('send');
export const acceptProposedDeadline: Update = defineUpdate('acceptProposedDeadline');
export const closeRequest: Update = defineUpdate('close');
export const requestAdditionalInfo: Update<{ reasonId: string }> = defineUpdate('requestAdditionalInfo');
export const referRequest: Update<{ facts: ReferralFacts }> = defineUpdate('refer');

/** Requesting side's coordinator (referral handler): approval procedure (5.3.7). */
export const approveRequest: Update = defineUpdate('approveRequest');
export const refuseRequest: Update<{ remarksId: string }> = defineUpdate('refuseRequest');

/** Responding side (case handler; an assigned one when its authority allocates). */
export const proposeDeadline: Update<{ deadline: string }> = defineUpdate('proposeDeadline');
export const acceptRequest: Update<{ responderCoordinatorId: string | null; facts: AcceptFacts }> = defineUpdate('accept');
export const changeResponderCoordinator: Update<{ responderCoordinatorId: string; facts: AcceptFacts }> = defineUpdate('changeResponderCoordinator');
export const rejectRequest: Update<{ reasonId: string; facts: RejectFacts }> = defineUpdate('reject');
export const forwardRequest: Update<{ toAuthorityId: string; toCountry: string; reasonId: string; facts: ForwardFacts }> = defineUpdate('forward');
/** The API creates the new request's id and number (and nothing else: copySplitContent copies the rows). */
export const splitRequest: Update<{ newRequestId: string; newNumber: string; toAuthorityId: string; toCountry: string; questionIds: string[]; reasonId: string; facts: ForwardFacts }> =
  defineUpdate('split');
export const answerRequest: Update<{ facts: AnswerFacts }> = defineUpdate('answer');
export const acceptAdditionalInfo: Update = defineUpdate('acceptAdditionalInfo');
export const refuseAdditionalInfo: Update<{ reasonId: string }> = defineUpdate('refuseAdditionalInfo');
export const provideMore: Update = defineUpdate('provideMore');
export const keepPosition: Update<{ reasonId: string | null }> = defineUpdate('keepPosition');

/** Responding side's coordinator (referral handler). */
export const approveAnswer: Update = defineUpdate('approveAnswer');
export const refuseAnswer: Update<{ remarksId: string }> = defineUpdate('refuseAnswer');

/** Either side's case handler; the message text is stored by the API first. */
export const sendRequestMessage: Update<{ messageId: string }> = defineUpdate('sendMessage');
/** The party's allocator (the API checks the users hold the case-handler / referral-handler role there). */
export const assignRequestHandlers: Update<{ party: RequestParty; userIds: string[] }> = defineUpdate('assignHandlers');
/** Whichever coordinator's turn it is in a referral: agrees = the answer is unsatisfactory. */
export const giveReferralOpinion: Update<{ agrees: boolean; remarksId: string | null }> = defineUpdate('giveOpinion');
/** The Commission (helpdesk) on a notification of measures (ch. 7.1). */
export const recordCommissionDecision: Update<{ decision: CommissionDecision }> = defineUpdate('commissionDecision');

/** Waits until the current version is projected, then returns it (read-your-writes after start). */
export const projectedRequestSnapshot = defineUpdate<RequestSnapshot, []>('projectedSnapshot');
export const requestSnapshot = defineQuery<RequestSnapshot>('requestSnapshot');

/** The child started on closure is workflows/retention's RetentionWorkflow (its input and id). */
export { retentionWorkflowId, retentionWorkflowType, type RetentionInput } from '../retention/definitions';

/**
 * Activities the workflow calls (implemented in activities/request.ts). All arguments are ids and
 * non-personal facts; every activity is idempotent, because Temporal retries it.
 */
export interface RequestActivities {
  /**
   * Writes the snapshot into the read model (request row + action list from `pendingActions`) and
   * appends `event` to the audit trail, both in one transaction, only when `snapshot.version` is
   * higher than the stored one (a retry or a late duplicate changes nothing).
   */
  projectRequest(snapshot: RequestSnapshot, event: RequestEvent): Promise<void>;
  /**
   * Emails the people of `party` about `kind` (5.3.9.3: no case content, a link only). Recipients
   * are resolved from PostgreSQL: the party's assigned users (or all case handlers / allocators /
   * referral handlers of its authority) plus the authority's contact address. `version` makes the
   * email idempotent: one email per (requestId, version, kind, party).
   */
  notifyRequestParties(input: { requestId: string; kind: RequestNotificationKind; party: RequestParty; authorityId: string; version: number }): Promise<{ sent: number }>;
  /** Deletes the responder's draft answer (forward after acceptance: it loses all responsibility). */
  discardDraftAnswers(input: { requestId: string; respondingAuthorityId: string }): Promise<{ discarded: number }>;
  /**
   * Copies case data, the moved questions (with their comments) and copies of their attachments to
   * the new request's rows, and deletes the moved questions from the original. Idempotent.
   */
  copySplitContent(input: { fromRequestId: string; toRequestId: string; questionIds: string[] }): Promise<void>;
}
