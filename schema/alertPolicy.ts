import { z } from 'zod';
import type { AlertPolicy as WorkflowAlertPolicy } from '../workflows/alert/commands';

/**
 * Durations of an alert (domain.md §6, §8; IMI manual ch. 6, 10): the closure's comment period,
 * its objection period, and how long after closure the alert's personal data is erased. Passed
 * into each AlertWorkflow at start (AlertInput's policy), so a running history never changes its
 * clock. Configured with ISO 8601 durations (`P7D`, `PT1M`, `P6M`) in ALERT_COMMENT_PERIOD,
 * ALERT_OBJECTION_PERIOD and ALERT_ERASURE_AFTER; unset ones keep the manual's defaults.
 */

const second = 1000;
const minute = 60 * second;
const hour = 60 * minute;
const day = 24 * hour;
/** A month in a configured duration is 30.5 days (6 months: 183 days, never shorter than the manual's 6 months by more than a day); a year 365. */
const month = 30.5 * day;
const year = 365 * day;

const isoDuration = /^P(?:(\d+)Y)?(?:(\d+)M)?(?:(\d+)W)?(?:(\d+)D)?(?:T(?:(\d+)H)?(?:(\d+)M)?(?:(\d+)S)?)?$/;

/** Milliseconds of an ISO 8601 duration such as `P7D`, `PT1M` or `P6M`; null when it is not one (or is empty). */
export function parseIsoDuration(text: string): number | null {
  const m = isoDuration.exec(text.trim().toUpperCase());
  if (!m || text.trim().toUpperCase().endsWith('T') || m.slice(1).every((part) => part === undefined)) return null;
  const [y, mo, w, d, h, mi, s] = m.slice(1).map((part) => Number(part ?? 0)) as [number, number, number, number, number, number, number];
  return y * year + mo * month + w * 7 * day + d * day + h * hour + mi * minute + s * second;
}

/** An environment variable holding an ISO 8601 duration, as milliseconds, within [min, max]. */
export const isoDurationVariable = (minMs: number, maxMs: number) =>
  z
    .string()
    .trim()
    .transform((raw, ctx) => {
      const ms = parseIsoDuration(raw);
      if (ms === null) {
        ctx.addIssue({ code: 'custom', message: 'must be an ISO 8601 duration such as P7D, PT1M or P6M' });
        return z.NEVER;
      }
      if (ms < minMs || ms > maxMs) {
        ctx.addIssue({ code: 'custom', message: `must be between ${minMs / second} s and ${maxMs / day} days` });
        return z.NEVER;
      }
      return ms;
    });

const periodMs = z.number().int().min(second).max(year);

export const alertPolicySchema = z.object({
  /** From the closure proposal to the end of the comment period (ch. 6: default 7 days). */
  commentPeriodMs: periodMs.default(7 * day),
  /** From the broadcast of the closure proposal to the end of the objection period (default 14 days). */
  objectionPeriodMs: periodMs.default(14 * day),
  /** From closure to the erasure of the alert's personal data (§8: 6 months, as 183 days like the workflow's default). */
  erasureAfterMs: z.number().int().min(second).max(10 * year).default(183 * day),
});

export type AlertPolicy = z.infer<typeof alertPolicySchema> & WorkflowAlertPolicy;

/** The manual's defaults (the same as the workflow's `defaultAlertPolicy`). */
export const alertPolicy: AlertPolicy = alertPolicySchema.parse({});

/** The policy from the configuration (schema/config.ts ALERT_* variables, already in ms); unset ones keep the defaults. */
export function alertPolicyFrom(config: { ALERT_COMMENT_PERIOD?: number; ALERT_OBJECTION_PERIOD?: number; ALERT_ERASURE_AFTER?: number }): AlertPolicy {
  return alertPolicySchema.parse({
    commentPeriodMs: config.ALERT_COMMENT_PERIOD,
    objectionPeriodMs: config.ALERT_OBJECTION_PERIOD,
    erasureAfterMs: config.ALERT_ERASURE_AFTER,
  });
}

export const alertDurationLimits = { periodMinMs: second, periodMaxMs: year, erasureMinMs: second, erasureMaxMs: 10 * year } as const;
