import type { Services } from '../services/services.js';

// Checks made per user and UTC day, on this server (a restart forgets them; several servers
// each count their own — TODO(store): keep the count in the store).
const budgets = new WeakMap<Services, Map<string, number>>();

/**
 * Whether the user may still be told which rows are duplicates today: the duplicate check must
 * not work as an oracle for other reps' customers. Every look-up counts; past
 * `config.duplicateChecksPerDay` the importer learns only how many duplicates were found.
 */
export function duplicateBudget(services: Services, userId: string) {
  let counts = budgets.get(services);
  if (!counts) {
    counts = new Map();
    budgets.set(services, counts);
  }
  const key = `${userId}\u0000${services.now().toISOString().slice(0, 10)}`;
  const map = counts;
  return {
    /** Counts one look-up; false once the day's budget is spent. */
    spend(): boolean {
      const used = (map.get(key) ?? 0) + 1;
      map.set(key, used);
      return used <= services.config.duplicateChecksPerDay;
    },
  };
}
