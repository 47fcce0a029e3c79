import { describe, expect, it } from 'vitest';
import { addDays, dateAfterDone, isOverdue } from './dueActions.js';

describe('due actions', () => {
  it('moves a date on by calendar days across months and years', () => {
    expect(addDays('2026-12-25', 14)).toBe('2027-01-08');
    expect(addDays('2026-02-27', 2)).toBe('2026-03-01');
  });

  it('marks only dates before today as overdue', () => {
    expect(isOverdue('2026-12-02', '2026-12-03')).toBe(true);
    expect(isOverdue('2026-12-03', '2026-12-03')).toBe(false);
    expect(isOverdue(undefined, '2026-12-03')).toBe(false);
  });

  it('clears the date or advances it from today, as the template says', () => {
    expect(dateAfterDone(undefined, '2026-12-03')).toBeNull();
    expect(dateAfterDone({ action: 'clear' }, '2026-12-03')).toBeNull();
    expect(dateAfterDone({ action: 'advance', days: 14 }, '2026-12-03')).toBe('2026-12-17');
  });
});
