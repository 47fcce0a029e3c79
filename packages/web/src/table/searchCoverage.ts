import type { ColumnInfo } from '../api/types.js';

/** What the search box covers, as field titles: everywhere, where read in full, whole values only. */
export interface SearchCoverage {
  everywhere: string[];
  inFull: string[];
  exact: string[];
}

/** A column's title, an item field prefixed by its list's ("Contacts › Mobile"). */
function titleOf(column: ColumnInfo, byPath: ReadonlyMap<string, ColumnInfo>): string {
  const cut = column.path.lastIndexOf('/*/');
  if (cut < 0) return column.title;
  const parent = column.path.slice(0, cut);
  const list = byPath.get(parent) ?? byPath.get(`${parent}/*`);
  return list ? `${list.title} › ${column.title}` : column.title;
}

/** The server's search plan (`planSearch`, on each column as `search`) in words for the box. */
export function searchCoverage(columns: readonly ColumnInfo[]): SearchCoverage {
  const byPath = new Map(columns.map((c) => [c.path, c]));
  const out: SearchCoverage = { everywhere: [], inFull: [], exact: [] };
  for (const column of columns) {
    const s = column.search;
    if (!s) continue;
    const title = titleOf(column, byPath);
    if (s.partial && s.everywhere) out.everywhere.push(title);
    else if (s.partial) out.inFull.push(title);
    if (s.exact) out.exact.push(title);
  }
  return out;
}
