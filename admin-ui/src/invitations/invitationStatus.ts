import type { InvitationView } from '../../../schema/invitations';

export type InvitationStatus = InvitationView['status'];

/** Every status of an invitation (workflows/invitation/machine.ts), in the order of its life. */
export const invitationStatuses = [
  'draft',
  'submitted',
  'rejected',
  'blocked',
  'sent-awaiting-registration',
  'registered-awaiting-validation',
  'authority-validated',
  'validation-rejected',
  'expired',
  'withdrawn',
] as const satisfies readonly InvitationStatus[];

export const invitationStatusColours: Record<InvitationStatus, string> = {
  draft: '#757575',
  submitted: '#1565c0',
  rejected: '#c62828',
  blocked: '#ef6c00',
  'sent-awaiting-registration': '#0277bd',
  'registered-awaiting-validation': '#6a1b9a',
  'authority-validated': '#2e7d32',
  'validation-rejected': '#ad1457',
  expired: '#8d6e63',
  withdrawn: '#9e9e9e',
};

export const invitationStatusChoices = invitationStatuses.map((id) => ({ id, name: `liaison.invitation.status.${id}` }));

/** The coordinator may still change it. */
export const isEditable = (status: InvitationStatus) => status === 'draft' || status === 'rejected' || status === 'expired';
/** Withdraw is possible until the authority registered (or the invitation ended). */
export const isWithdrawable = (status: InvitationStatus) =>
  ['draft', 'submitted', 'rejected', 'blocked', 'sent-awaiting-registration', 'expired'].includes(status);
export const isDeletable = (status: InvitationStatus) => ['draft', 'rejected', 'expired', 'withdrawn', 'validation-rejected'].includes(status);
