import { defineQuery, defineUpdate } from '@temporalio/workflow';
import type { Actor } from '../actor';
import type { InvitationState, NewInvitation, SubmissionFacts } from './machine';

/** What the API gets back from every update: the state after its projection was written. */
export type InvitationSnapshot = Omit<InvitationState, 'lastEvent' | 'rules'>;

/**
 * Start input: ids and codes only, never the address, names or message (those are in the
 * `invitation_contact` table). `rules` carries the policy (schema/invitationPolicy.ts) and the
 * coordinator's country's zone and holidays, fixed at start so the history stays deterministic.
 */
export interface InvitationInput extends NewInvitation {
  createdBy: Actor;
}

export const editInvitation = defineUpdate<InvitationSnapshot, [{ actor: Actor; areas?: string[]; workflows?: string[] }]>('edit');
export const submitInvitation = defineUpdate<InvitationSnapshot, [{ actor: Actor; facts: SubmissionFacts }]>('submit');
export const releaseInvitation = defineUpdate<InvitationSnapshot, [{ actor: Actor }]>('release');
export const cancelInvitation = defineUpdate<InvitationSnapshot, [{ actor: Actor; reason?: string }]>('cancel');
export const withdrawInvitation = defineUpdate<InvitationSnapshot, [{ actor: Actor; reason?: string }]>('withdraw');
/** Self-registration: the API has checked the captcha and the code's hash and created the authority. */
export const registerWithCode = defineUpdate<InvitationSnapshot, [{ actor: Actor; registeredAuthorityId: string }]>('registerWithCode');
export const validateRegistration = defineUpdate<InvitationSnapshot, [{ actor: Actor }]>('validate');
export const rejectValidation = defineUpdate<InvitationSnapshot, [{ actor: Actor; reason?: string }]>('rejectValidation');
export const deleteInvitation = defineUpdate<InvitationSnapshot, [{ actor: Actor }]>('delete');
/** Waits until the current version is projected, then returns it (read-your-writes after start). */
export const projectedSnapshot = defineUpdate<InvitationSnapshot, []>('projectedSnapshot');
export const invitationSnapshot = defineQuery<InvitationSnapshot>('snapshot');

export const invitationWorkflowId = (invitationId: string) => `invitation-${invitationId}`;
