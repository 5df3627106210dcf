import { z } from 'zod';

/**
 * Durations and limits of an information request (domain.md §5, §8; IMI manual ch. 5, 7, 10).
 * Defaults are the manual's (or Liaison's choice where the manual sets none: reminders). The
 * policy is passed into each RequestWorkflow at start, so a running history never changes its clock.
 */
export const requestPolicySchema = z.object({
  /** Liaison reminds the requester to close an answered request every this many days (§8 *beyond*). */
  closeReminderIntervalDays: z.number().int().min(1).max(365).default(14),
  /** At most this many reminders per answered period; 0 turns reminders off. */
  closeReminderMax: z.number().int().min(0).max(100).default(3),
  /** Measures notified under the derogation procedure may apply this many days after the notification (ch. 7.1). */
  derogationWaitDays: z.number().int().min(0).max(365).default(15),
  /** Personal data is blocked this many months after formal closure (ch. 10)… */
  retentionBlockMonths: z.number().int().min(0).max(120).default(6),
  /** …except in SOLVIT, where it is 18 months. */
  solvitRetentionBlockMonths: z.number().int().min(0).max(120).default(18),
  /** Personal data is deleted this many years after closure. */
  retentionEraseYears: z.number().int().min(1).max(30).default(3),
});

export type RequestPolicy = z.infer<typeof requestPolicySchema>;

/** The manual's defaults. */
export const requestPolicy: RequestPolicy = requestPolicySchema.parse({});

/** The policy from the configuration (schema/config.ts REQUEST_* variables); unset ones keep the defaults. */
export function requestPolicyFrom(config: {
  REQUEST_CLOSE_REMINDER_INTERVAL_DAYS?: number;
  REQUEST_CLOSE_REMINDER_MAX?: number;
  REQUEST_DEROGATION_WAIT_DAYS?: number;
  REQUEST_RETENTION_BLOCK_MONTHS?: number;
  REQUEST_SOLVIT_RETENTION_BLOCK_MONTHS?: number;
  REQUEST_RETENTION_ERASE_YEARS?: number;
}): RequestPolicy {
  return requestPolicySchema.parse({
    closeReminderIntervalDays: config.REQUEST_CLOSE_REMINDER_INTERVAL_DAYS,
    closeReminderMax: config.REQUEST_CLOSE_REMINDER_MAX,
    derogationWaitDays: config.REQUEST_DEROGATION_WAIT_DAYS,
    retentionBlockMonths: config.REQUEST_RETENTION_BLOCK_MONTHS,
    solvitRetentionBlockMonths: config.REQUEST_SOLVIT_RETENTION_BLOCK_MONTHS,
    retentionEraseYears: config.REQUEST_RETENTION_ERASE_YEARS,
  });
}
