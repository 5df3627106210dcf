import { reject, type Actor, type TransitionResult } from '../actor';

/**
 * The contact-data check, as a pure state machine: no Temporal import, `now` is an argument.
 *
 *   open ──dueDateReached──► overdue (reminder sent)
 *   open | overdue ──confirm──► confirmed (final)
 *   open | overdue ──withdraw(reason)──► withdrawn (final)
 */
export type ContactCheckStatus = 'open' | 'overdue' | 'confirmed' | 'withdrawn';

export interface ContactCheckState {
  checkId: string;
  authorityRef: string;
  countryCode: string;
  status: ContactCheckStatus;
  /** Increases with every transition; the projection keeps only the highest. */
  version: number;
  openedAt: string;
  dueAt: string;
  remindedAt: string | null;
  closedAt: string | null;
  /** The event of the last transition, for the audit trail. */
  lastEvent: ContactCheckEvent;
}

export interface ContactCheckEvent {
  action: 'opened' | 'reminded' | 'confirmed' | 'withdrawn';
  actor: string;
  reason: string | null;
  at: string;
}

export type ContactCheckCommand =
  | { type: 'confirm'; note?: string }
  | { type: 'withdraw'; reason: string }
  | { type: 'dueDateReached' };

export type ContactCheckEffect =
  | { type: 'project' }
  | { type: 'sendEmail'; kind: 'opened' | 'reminder' };

export const finalStatuses: readonly ContactCheckStatus[] = ['confirmed', 'withdrawn'];
export const isFinal = (s: ContactCheckState) => finalStatuses.includes(s.status);

export function openContactCheck(
  input: { checkId: string; authorityRef: string; countryCode: string; periodMs: number },
  actor: Actor,
  now: Date,
): { state: ContactCheckState; effects: ContactCheckEffect[] } {
  const at = now.toISOString();
  return {
    state: {
      checkId: input.checkId,
      authorityRef: input.authorityRef,
      countryCode: input.countryCode,
      status: 'open',
      version: 1,
      openedAt: at,
      dueAt: new Date(now.getTime() + input.periodMs).toISOString(),
      remindedAt: null,
      closedAt: null,
      lastEvent: { action: 'opened', actor: actorLabel(actor), reason: null, at },
    },
    effects: [{ type: 'project' }, { type: 'sendEmail', kind: 'opened' }],
  };
}

export function transition(
  state: ContactCheckState,
  command: ContactCheckCommand,
  actor: Actor,
  now: Date,
): TransitionResult<ContactCheckState, ContactCheckEffect> {
  const at = now.toISOString();
  const next = (patch: Partial<ContactCheckState>, event: ContactCheckEvent['action'], reason: string | null = null): ContactCheckState => ({
    ...state,
    ...patch,
    version: state.version + 1,
    lastEvent: { action: event, actor: actorLabel(actor), reason, at },
  });

  if (isFinal(state)) {
    return reject('WrongState', `The contact check is already ${state.status}.`);
  }
  switch (command.type) {
    case 'dueDateReached':
      if (actor.kind !== 'system') return reject('NotAllowed', 'Only the due-date timer can mark a check overdue.');
      if (state.status !== 'open') return reject('WrongState', `The contact check is ${state.status}, not open.`);
      return { ok: true, state: next({ status: 'overdue', remindedAt: at }, 'reminded'), effects: [{ type: 'project' }, { type: 'sendEmail', kind: 'reminder' }] };
    case 'confirm':
      if (actor.kind === 'system') return reject('NotAllowed', 'The system cannot confirm contact data.');
      return { ok: true, state: next({ status: 'confirmed', closedAt: at }, 'confirmed', command.note?.trim() || null), effects: [{ type: 'project' }] };
    case 'withdraw': {
      if (actor.kind === 'system') return reject('NotAllowed', 'The system cannot withdraw a contact check.');
      const reason = command.reason?.trim() ?? '';
      if (reason.length < 3) return reject('Invalid', 'A reason of at least 3 characters is required to withdraw.');
      return { ok: true, state: next({ status: 'withdrawn', closedAt: at }, 'withdrawn', reason), effects: [{ type: 'project' }] };
    }
  }
}

function actorLabel(actor: Actor): string {
  return actor.kind === 'system' ? 'system' : `${actor.kind}:${actor.id}`;
}
