import { mayEraseEarly, mayRecordContest } from '../../api/policy/retention';
import { reject, type Actor, type TransitionResult } from '../actor';

/**
 * Retention of a closed case's personal data (domain.md §8), shared by requests and alerts, as a
 * pure state machine: no Temporal import, `now` is an argument, durations come in at start.
 *
 *   active ─block(timer, closure + blockAfterMs)─► blocked ─erase(timer, closure + eraseAfterMs)─► erased
 *   active ─erase(timer)─► erased          when blockAfterMs is null (alerts: erased after 6 months)
 *   active | blocked ─eraseEarly─► erased  a CA's explicit request with the data subject's consent
 *   blocked ─recordContest─► blocked       a rectification/erasure contest kept beside the data
 *
 * Blocked: the normal interface shows none of the case's personal data; only the helpdesk
 * retrieves it (API, not here). Erased: the personal data is deleted; the case's non-personal
 * facts and history stay. No personal data here: ids, times, a reason and references.
 */
export const retentionStatuses = ['active', 'blocked', 'erased'] as const;
export type RetentionStatus = (typeof retentionStatuses)[number];
export const retentionCaseTypes = ['request', 'alert'] as const;
export type RetentionCaseType = (typeof retentionCaseTypes)[number];
export const contestKinds = ['rectification', 'erasure'] as const;
export type ContestKind = (typeof contestKinds)[number];

export interface RetentionStart {
  caseType: RetentionCaseType;
  caseId: string;
  /** From closure to blocking; null: no blocking step, the data is erased directly. */
  blockAfterMs: number | null;
  /** From closure to erasure. */
  eraseAfterMs: number;
}

/** A data subject's contest of blocked data: recorded beside the data, which stays unchanged. */
export interface RetentionContest {
  kind: ContestKind;
  /** Where the contest itself is kept (e.g. the helpdesk's ticket); never its content. */
  reference: string;
  recordedAt: string;
  recordedBy: string;
}

export interface EarlyErasure {
  reason: string;
  /** Where the data subject's consent is kept (document or ticket reference). */
  consentReference: string;
  requestedBy: string;
}

export interface RetentionEvent {
  at: string;
  /** Audit action: `retention.started`, `retention.blocked`, `retention.erased`, `retention.erased-early`, `retention.contest-recorded`. */
  action: string;
  actor: string;
  reason: string | null;
}

export interface RetentionState {
  caseType: RetentionCaseType;
  caseId: string;
  status: RetentionStatus;
  /** Increases with every transition; the projection keeps only the highest. */
  version: number;
  closedAt: string;
  /** When the data is (or was due to be) blocked; null when there is no blocking step. */
  blockAt: string | null;
  eraseAt: string;
  blockedAt: string | null;
  erasedAt: string | null;
  earlyErasure: EarlyErasure | null;
  contests: RetentionContest[];
  lastEvent: RetentionEvent;
}

export type RetentionTimer = 'block' | 'erase';

export type RetentionCommand =
  | { type: 'block' }
  | { type: 'erase' }
  | { type: 'eraseEarly'; reason: string; consentReference: string; facts: { caseAuthorityIds: string[] } }
  | { type: 'recordContest'; kind: ContestKind; reference: string };
export type RetentionCommandType = RetentionCommand['type'];

export type RetentionEffect = { type: 'blockPersonalData' } | { type: 'erasePersonalData' } | { type: 'project' };

export type RetentionResult = TransitionResult<RetentionState, RetentionEffect>;

const maxReasonLength = 2000;
const maxReferenceLength = 200;

const actorName = (actor: Actor) => (actor.kind === 'user' ? `user:${actor.id}` : actor.kind);
const iso = (ms: number) => new Date(ms).toISOString();

/** The retention of a case closed at `closedAt`; refuses durations that cannot be meant. */
export function startRetention(start: RetentionStart, closedAt: Date): RetentionResult {
  const { blockAfterMs, eraseAfterMs } = start;
  if (!Number.isFinite(eraseAfterMs) || eraseAfterMs <= 0) return reject('Invalid', 'eraseAfterMs must be a positive number of milliseconds.');
  if (blockAfterMs !== null && (!Number.isFinite(blockAfterMs) || blockAfterMs < 0 || blockAfterMs >= eraseAfterMs)) {
    return reject('Invalid', 'blockAfterMs must be null or at least 0 and less than eraseAfterMs.');
  }
  const closed = closedAt.getTime();
  const state: RetentionState = {
    caseType: start.caseType,
    caseId: start.caseId,
    status: 'active',
    version: 1,
    closedAt: iso(closed),
    blockAt: blockAfterMs === null ? null : iso(closed + blockAfterMs),
    eraseAt: iso(closed + eraseAfterMs),
    blockedAt: null,
    erasedAt: null,
    earlyErasure: null,
    contests: [],
    lastEvent: { at: iso(closed), action: 'retention.started', actor: 'system', reason: null },
  };
  return { ok: true, state, effects: [{ type: 'project' }] };
}

/** The next durable timer the workflow waits for, or null once the data is erased. */
export function nextTimer(state: RetentionState): { timer: RetentionTimer; at: string } | null {
  if (state.status === 'active' && state.blockAt !== null) return { timer: 'block', at: state.blockAt };
  if (state.status !== 'erased') return { timer: 'erase', at: state.eraseAt };
  return null;
}

export const isFinal = (state: RetentionState) => state.status === 'erased';

/** The single transition function: timers (system actor) and people's commands alike. */
export function transition(state: RetentionState, command: RetentionCommand, actor: Actor, now: Date): RetentionResult {
  const at = now.toISOString();
  const next = (changes: Partial<RetentionState>, action: string, reason: string | null, effects: RetentionEffect[]): RetentionResult => ({
    ok: true,
    state: { ...state, ...changes, version: state.version + 1, lastEvent: { at, action, actor: actorName(actor), reason } },
    effects: [...effects, { type: 'project' }],
  });
  if (state.status === 'erased') return reject('WrongState', `The personal data of ${state.caseType} ${state.caseId} is erased already.`);

  switch (command.type) {
    case 'block': {
      if (actor.kind !== 'system') return reject('NotAllowed', 'Blocking happens by the retention timer only.');
      if (state.status !== 'active' || state.blockAt === null) return reject('WrongState', `Retention in status ${state.status} has no blocking step.`);
      if (now.getTime() < Date.parse(state.blockAt)) return reject('WrongState', `Blocking is due at ${state.blockAt}.`);
      return next({ status: 'blocked', blockedAt: at }, 'retention.blocked', null, [{ type: 'blockPersonalData' }]);
    }
    case 'erase': {
      if (actor.kind !== 'system') return reject('NotAllowed', 'Erasure at the end of the retention period happens by the timer only; ask for early erasure instead.');
      if (now.getTime() < Date.parse(state.eraseAt)) return reject('WrongState', `Erasure is due at ${state.eraseAt}.`);
      return next({ status: 'erased', erasedAt: at }, 'retention.erased', null, [{ type: 'erasePersonalData' }]);
    }
    case 'eraseEarly': {
      const decision = mayEraseEarly(actor, command.facts.caseAuthorityIds);
      if (!decision.ok) return decision;
      const reason = command.reason.trim();
      const consentReference = command.consentReference.trim();
      if (!reason || reason.length > maxReasonLength) return reject('Invalid', `Early erasure needs a reason of 1–${maxReasonLength} characters.`);
      if (!consentReference || consentReference.length > maxReferenceLength) {
        return reject('Invalid', `Early erasure needs the reference of the data subject's consent (1–${maxReferenceLength} characters).`);
      }
      const earlyErasure: EarlyErasure = { reason, consentReference, requestedBy: actorName(actor) };
      return next({ status: 'erased', erasedAt: at, earlyErasure }, 'retention.erased-early', reason, [{ type: 'erasePersonalData' }]);
    }
    case 'recordContest': {
      const decision = mayRecordContest(actor);
      if (!decision.ok) return decision;
      if (state.status !== 'blocked') {
        return reject('WrongState', 'A contest is recorded beside blocked data only; before blocking the data is rectified or erased on the case itself.');
      }
      if (!(contestKinds as readonly string[]).includes(command.kind)) return reject('Invalid', `A contest is one of: ${contestKinds.join(', ')}.`);
      const reference = command.reference.trim();
      if (!reference || reference.length > maxReferenceLength) return reject('Invalid', `A contest needs a reference of 1–${maxReferenceLength} characters.`);
      const contest: RetentionContest = { kind: command.kind, reference, recordedAt: at, recordedBy: actorName(actor) };
      return next({ contests: [...state.contests, contest] }, 'retention.contest-recorded', `${command.kind}: ${reference}`, []);
    }
  }
}
