import { z } from 'zod';

/**
 * Durations and limits of the invitation lifecycle (domain.md §4, IMI manual 9.1.3). Defaults are
 * the manual's; later configuration may override them by parsing a partial object. The policy is
 * passed into each InvitationWorkflow at start, so a running history never changes its clock.
 */
export const invitationPolicySchema = z.object({
  /** The registration code is valid this many days after the invitation is sent. */
  codeValidDays: z.number().int().min(1).max(365).default(30),
  /** A reminder goes this many days before the code expires, if the authority has not registered. */
  reminderDaysBeforeExpiry: z.number().int().min(0).max(364).default(5),
  /** A validated invitation stays in the coordinator's list this many months. */
  keepValidatedMonths: z.number().int().min(0).max(120).default(3),
  /** An invitation whose validation was rejected is deleted after this many months. */
  deleteRejectedMonths: z.number().int().min(0).max(120).default(6),
  /** A withdrawn invitation stays in the list this many months, then is deleted. */
  keepWithdrawnMonths: z.number().int().min(0).max(120).default(3),
  /** Submitting this many invitations in one day (one coordinator) blocks them until the helpdesk releases them. */
  dailyBlockThreshold: z.number().int().min(1).default(100),
});

export type InvitationPolicy = z.infer<typeof invitationPolicySchema>;

/** The manual's defaults. */
export const invitationPolicy: InvitationPolicy = invitationPolicySchema.parse({});
