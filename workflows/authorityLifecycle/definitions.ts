import { defineQuery, defineUpdate } from '@temporalio/workflow';
import type { AuthorityStatus } from '../../schema/authority';
import type { Actor } from '../actor';
import type { AreaAccessState, AuthorityCommand, AuthorityStatusState, AuthorityTimerKind } from '../authority/statusMachine';

/**
 * The lifecycle of one authority (domain.md §3; IMI manual ch. 9.1.5): its status and access,
 * changed by commands validated by workflows/authority/statusMachine.ts, and the two durable
 * 6-month timers (a rejected registration is deleted, an inactive authority removed).
 */
export interface AuthorityLifecycleInput {
  authorityId: string;
  countryCode: string;
  areas: Record<string, AreaAccessState>;
  registeredBy: Actor;
  /** Self-registration starts as `registration-requested`; a coordinator's registration is `active` at once. */
  selfRegistered: boolean;
  /**
   * An authority that exists already (demo data, or a workflow that ended) is taken over with the
   * status it has; nothing is projected at start, and a timer its status implies starts now.
   */
  adopt?: { status: AuthorityStatus };
}

/** What every update returns: the state after its projection was written (ids and statuses only). */
export type AuthoritySnapshot = Omit<AuthorityStatusState, 'lastEvent'> & {
  timer: { kind: AuthorityTimerKind; dueAt: string } | null;
  /** Set once the timer fired and the authority's data was deleted or removed. */
  ended: AuthorityTimerKind | null;
};

export const authorityCommand = defineUpdate<AuthoritySnapshot, [{ command: AuthorityCommand; actor: Actor }]>('command');
/** Waits until the current version is projected, then returns it (read-your-writes after start). */
export const authorityProjectedSnapshot = defineUpdate<AuthoritySnapshot, []>('projectedSnapshot');
export const authoritySnapshot = defineQuery<AuthoritySnapshot>('snapshot');

export const authorityWorkflowId = (authorityId: string) => `authority-${authorityId}`;

/** Six calendar months after `from` (ch. 9.1.5.1 "Seks måneder senere"). */
export function monthsAfter(from: Date, months: number): Date {
  const due = new Date(from.getTime());
  due.setUTCMonth(due.getUTCMonth() + months);
  return due;
}
