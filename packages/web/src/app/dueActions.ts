import type { DueDoneAction } from '@veil/schema';

/** Adds days to a `YYYY-MM-DD` date (calendar days, no time zone involved). */
export function addDays(date: string, days: number): string {
  const [y, m, d] = date.split('-').map(Number);
  const next = new Date(Date.UTC(y ?? 1970, (m ?? 1) - 1, (d ?? 1) + days));
  return next.toISOString().slice(0, 10);
}

/** Whether a follow-up is overdue (its date lies before today) rather than due today. */
export function isOverdue(due: unknown, today: string): boolean {
  return typeof due === 'string' && due !== '' && due.slice(0, 10) < today;
}

/**
 * The new next-contact date when a follow-up is marked done: cleared (`null`), or moved the
 * template's number of days on from today. Default: cleared.
 */
export function dateAfterDone(onDone: DueDoneAction | undefined, today: string): string | null {
  if (onDone?.action === 'advance') return addDays(today, onDone.days);
  return null;
}
