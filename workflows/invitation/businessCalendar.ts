import { DateTime } from 'luxon';

/**
 * The business calendar that decides when a submitted invitation is emailed (IMI manual 9.1.3.2).
 * Pure: no clock of its own, the time zone and the public holidays are passed in. Time-zone
 * arithmetic is Luxon's (IANA zones via Intl), never hand-rolled, so DST weeks are right.
 *
 * The manual says:
 *   «Opfordringer, der er indgivet inden kl. 10 om formiddagen, bliver sendt til myndigheden inden
 *    for samme døgn.» — submitted before 10:00 → sent within the same day.
 *   «Opfordringer, der er indgivet efter kl. 10 om formiddagen, bliver sendt til myndigheden i
 *    løbet af natten efter den efterfølgende arbejdsdag. Det vil sige, at opfordringer, der er
 *    indgivet efter kl. 10 om fredagen, først bliver sendt natten til tirsdag.»
 *    — submitted after 10:00 → sent during the night after the next working day; submitted
 *    Friday after 10:00 → not sent before the night to Tuesday.
 *
 * Our reading, in the coordinator's country's local time:
 * - "Before 10:00" is strict: 09:59:59.999 is before, 10:00:00.000 is after.
 * - Before 10:00 on a working day → sent at once (the same day).
 * - From 10:00 on a working day, or at any time on a non-working day (weekend or public holiday)
 *   → sent at 00:00 at the end of the next working day after the submission day, i.e. at the
 *   start of the day that follows it ("the night after the next working day"). Friday 11:00 →
 *   next working day Monday → sent Tuesday 00:00 ("natten til tirsdag"). Saturday or Sunday →
 *   next working day Monday → Tuesday 00:00 as well (the weekend submission waits like one made
 *   on Friday afternoon). The night itself is sent at its first instant, 00:00; if the day after
 *   the working day is a holiday the night still belongs to that working day, so it is not moved.
 * - Working days are Monday–Friday minus the country's configured public holidays (ISO dates
 *   `YYYY-MM-DD`, local calendar dates; none by default).
 */
export interface BusinessCalendar {
  /** IANA time zone of the coordinator's country (schema/seeds/reference/countries.json). */
  zone: string;
  /** Public holidays as local ISO dates; none unless configured. */
  holidays: readonly string[];
}

/** Local hour from which a submission waits for the night after the next working day. */
export const dispatchCutOffHour = 10;

function inZone(at: Date, zone: string): DateTime {
  const local = DateTime.fromJSDate(at, { zone });
  if (!local.isValid) throw new RangeError(`Unknown time zone "${zone}": ${local.invalidExplanation ?? local.invalidReason}`);
  return local;
}

/** Whether the local calendar day containing `day` is a working day (Mon–Fri, not a holiday). */
export function isWorkingDay(day: DateTime, holidays: readonly string[] = []): boolean {
  return day.weekday <= 5 && !holidays.includes(day.toISODate()!);
}

/** The first working day strictly after the local day of `day`, at its 00:00 local time. */
export function nextWorkingDay(day: DateTime, holidays: readonly string[] = []): DateTime {
  let candidate = day.startOf('day').plus({ days: 1 });
  // A year of holidays cannot be configured by mistake into an endless loop: 366 days is the cap.
  for (let i = 0; i < 366; i++) {
    if (isWorkingDay(candidate, holidays)) return candidate;
    candidate = candidate.plus({ days: 1 });
  }
  throw new RangeError('No working day within a year: check the configured holidays.');
}

/** When an invitation submitted at `submittedAt` is emailed (see the module comment). */
export function dispatchTimeFor(submittedAt: Date, zone: string, holidays: readonly string[] = []): Date {
  const local = inZone(submittedAt, zone);
  if (isWorkingDay(local, holidays) && local.hour < dispatchCutOffHour) return new Date(submittedAt.getTime());
  // 00:00 at the end of the next working day = the start of the calendar day after it. Luxon's
  // day arithmetic keeps local midnight across DST changes (no day is 24 h by assumption).
  return nextWorkingDay(local, holidays).plus({ days: 1 }).startOf('day').toJSDate();
}
