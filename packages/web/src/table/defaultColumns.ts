import type { ColumnInfo } from '../api/types.js';

/** How many columns a template without views shows. */
const DEFAULT_COLUMN_COUNT = 6;

/**
 * The columns of a template that has no views: a few top-level values the viewer may see — the
 * record's title field first, then the next-contact date, the others in schema order, the owner
 * last — never every field, never a list or a group.
 */
export function defaultColumns(
  columns: readonly ColumnInfo[],
  template: { recordTitle?: string; due?: string; owner?: string },
): string[] {
  const leaves = columns.filter((c) => !c.path.includes('*') && c.kind !== 'object' && c.kind !== 'array');
  const rank = (c: ColumnInfo): number => {
    if (c.path === template.recordTitle) return 0;
    if (c.path === template.due) return 1;
    if (c.path === template.owner || c.path === '/ownerId') return 3;
    return 2;
  };
  const ordered = leaves
    .map((c, index) => ({ c, index }))
    .sort((a, b) => rank(a.c) - rank(b.c) || a.index - b.index)
    .map(({ c }) => c);
  const owner = ordered.filter((c) => rank(c) === 3);
  const rest = ordered.filter((c) => rank(c) !== 3).slice(0, DEFAULT_COLUMN_COUNT - owner.length);
  return [...rest, ...owner].map((c) => c.path);
}
