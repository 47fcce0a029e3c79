import { ownsRecord } from '@veil/policy';
import type { Relation } from '@veil/schema';
import type { ColumnInfo, ProjectedRecord } from '../api/types.js';
import type { Translate } from '../app/i18n.js';
import type { MessageKey } from '../app/messages.js';
import { valuesAt } from '../form/pointers.js';

/** Whom the viewer can name: always themself (`auth.me`); everyone only for admins (`users.list`). */
export interface People {
  meId: string;
  meName: string;
  /** User id → display name; only for admins, who may list users. */
  names?: ReadonlyMap<string, string>;
}

/**
 * Columns that hold the owning user's id. The list does not say which field is the owner, but
 * the server derives each row's relation from it: on every row the viewer owns, that column
 * holds the viewer's id. Without such a row, an admin still recognises a column of known user ids.
 */
export function ownerColumns(
  columns: readonly ColumnInfo[],
  rows: readonly ProjectedRecord[],
  people: People,
): Set<string> {
  const own = rows.filter(ownsRecord);
  const out = new Set<string>();
  for (const column of columns) {
    if (column.kind !== 'string' || column.path.includes('*')) continue;
    const first = (row: ProjectedRecord) => valuesAt(row.data, column.path)[0]?.value;
    if (own.length > 0) {
      if (own.every((r) => first(r) === people.meId)) out.add(column.path);
    } else if (people.names && rows.length > 0) {
      const names = people.names;
      if (rows.every((r) => typeof first(r) === 'string' && names.has(first(r) as string)))
        out.add(column.path);
    }
  }
  return out;
}

/** How an owner id is shown: a name where the viewer may know it, else who it is to them. */
export function ownerLabel(value: unknown, relation: Relation, people: People, t: Translate): string {
  if (typeof value !== 'string' || value === '') return '';
  if (value === people.meId) return people.meName;
  const name = people.names?.get(value);
  if (name !== undefined) return name;
  return t(COLLEAGUE_LABEL[relation]);
}

/** How a colleague the viewer may not name is shown, by the relation the server returned. */
const COLLEAGUE_LABEL: Record<Relation, MessageKey> = {
  owner: 'owner.colleague',
  team: 'owner.colleagueTeam',
  any: 'owner.colleagueAny',
};

/** The owner column offered as a filter by name: "me" for everyone, every user for admins. */
export function withOwnerChoices(column: ColumnInfo, people: People): ColumnInfo {
  const entries: [string, string][] = [[people.meId, people.meName]];
  for (const [id, name] of people.names ?? []) if (id !== people.meId) entries.push([id, name]);
  return { ...column, enum: entries.map(([id]) => id), enumNames: entries.map(([, name]) => name) };
}
