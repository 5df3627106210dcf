const units = [
  ['day', 86_400_000],
  ['hour', 3_600_000],
  ['minute', 60_000],
  ['second', 1_000],
] as const;

/**
 * A duration as a person reads it, in the console's language: the largest unit and the one below
 * it, e.g. "3 days 4 hr", "12 min 5 sec", "12 sec" (en) or "3 dage 4 t.", "12 sek." (da).
 * Countdowns truncate (what is left); `round` suits configured durations.
 */
export function formatDuration(ms: number, locale: string, { round = false } = {}): string {
  let total = Math.round(Math.abs(ms) / 1000) * 1000;
  if (round) {
    // A configured duration reads best rounded to the smaller unit shown: 13 d 23 h 59 min → 14 days.
    const first = units.findIndex(([, size]) => total >= size);
    const step = first === -1 ? 1000 : (units[first + 1] ?? units[first])[1];
    total = Math.round(total / step) * step;
  }
  const format = (amount: number, unit: (typeof units)[number][0]) =>
    new Intl.NumberFormat(locale, { style: 'unit', unit, unitDisplay: 'short' }).format(amount);
  const first = units.findIndex(([, size]) => total >= size);
  if (first === -1) return format(0, 'second');
  const [unit, size] = units[first];
  const amount = Math.floor(total / size);
  const parts = [format(amount, unit)];
  const next = units[first + 1];
  if (next) {
    const rest = Math.floor((total - amount * size) / next[1]);
    if (rest > 0) parts.push(format(rest, next[0]));
  }
  return parts.join(' ');
}

/** Dates are written the European way: English as in en-GB (25 Nov 2026, 19:09), not en-US. */
export const dateLocale = (locale: string) => (locale === 'en' ? 'en-GB' : locale);

/** A date-time for a table cell: without the year when it is this year ("25 Nov, 19:09"). */
export function formatCompactDateTime(iso: string, locale: string): string {
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return iso;
  if (date.getFullYear() !== new Date().getFullYear()) return formatDateTime(iso, locale, false);
  return new Intl.DateTimeFormat(dateLocale(locale), { day: 'numeric', month: 'short', hour: '2-digit', minute: '2-digit' }).format(date);
}

/** A date-time in the console's language, e.g. "25 Nov 2026, 19:09:31". */
export function formatDateTime(iso: string | null | undefined, locale: string, withSeconds = true): string {
  if (!iso) return '';
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return iso;
  return new Intl.DateTimeFormat(dateLocale(locale), {
    dateStyle: 'medium',
    timeStyle: withSeconds ? 'medium' : 'short',
  }).format(date);
}

