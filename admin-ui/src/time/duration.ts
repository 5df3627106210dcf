const units = [
  ['day', 86_400_000],
  ['hour', 3_600_000],
  ['minute', 60_000],
  ['second', 1_000],
] as const;

/**
 * A duration as a person reads it, in the console's language: the two largest units, e.g.
 * "3 days 4 hr", "12 min 5 sec", "12 sec" (en) or "3 dage 4 t.", "12 sek." (da).
 */
export function formatDuration(ms: number, locale: string): string {
  let rest = Math.max(0, Math.round(Math.abs(ms) / 1000) * 1000);
  const parts: string[] = [];
  for (const [unit, size] of units) {
    const amount = Math.floor(rest / size);
    if (amount > 0 || (unit === 'second' && parts.length === 0)) {
      parts.push(new Intl.NumberFormat(locale, { style: 'unit', unit, unitDisplay: 'short' }).format(amount));
      rest -= amount * size;
    }
    if (parts.length === 2 || (parts.length === 1 && rest === 0)) break;
  }
  return parts.join(' ');
}

/** A date-time in the console's language, e.g. "25 Nov 2026, 19:09:31". */
export function formatDateTime(iso: string | null | undefined, locale: string, withSeconds = true): string {
  if (!iso) return '';
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return iso;
  return new Intl.DateTimeFormat(locale, {
    dateStyle: 'medium',
    timeStyle: withSeconds ? 'medium' : 'short',
  }).format(date);
}
