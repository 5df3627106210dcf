import { defineQuery, defineUpdate } from '@temporalio/workflow';
import type { Actor } from '../actor';
import type { ContactCheckState } from './machine';

/** What the API gets back from every update: the state after its projection was written. */
export type ContactCheckSnapshot = Omit<ContactCheckState, 'lastEvent'>;

export interface ContactCheckInput {
  checkId: string;
  authorityRef: string;
  countryCode: string;
  /** From the time policy, fixed at start so the history stays deterministic. */
  periodMs: number;
  openedBy: Actor;
}

export const confirmContactCheck = defineUpdate<ContactCheckSnapshot, [{ actor: Actor; note?: string }]>('confirm');
export const withdrawContactCheck = defineUpdate<ContactCheckSnapshot, [{ actor: Actor; reason: string }]>('withdraw');
/** Waits until the current version is projected, then returns it (read-your-writes after start). */
export const projectedSnapshot = defineUpdate<ContactCheckSnapshot, []>('projectedSnapshot');
export const contactCheckSnapshot = defineQuery<ContactCheckSnapshot>('snapshot');

export const contactCheckWorkflowId = (checkId: string) => `contact-check-${checkId}`;
