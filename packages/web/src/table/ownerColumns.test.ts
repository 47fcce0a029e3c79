import { describe, expect, it } from 'vitest';
import type { ColumnInfo, ProjectedRecord } from '../api/types.js';
import { formatMessage } from '../app/i18n.js';
import { ownerColumns, ownerLabel, withOwnerChoices } from './ownerColumns.js';

const columns: ColumnInfo[] = [
  { path: '/company', title: 'Company', kind: 'string', queryable: true },
  { path: '/ownerId', title: 'Owner', kind: 'string', queryable: true },
];

function row(id: string, relation: ProjectedRecord['relation'], ownerId: string): ProjectedRecord {
  return {
    id,
    templateVersion: 1,
    version: 1,
    createdAt: '2026-01-01T00:00:00Z',
    updatedAt: '2026-01-01T00:00:00Z',
    relation,
    data: { company: `Co ${id}`, ownerId },
    masked: [],
    revealable: [],
  };
}

const rep = { meId: 'user-rep-b', meName: 'Rep B' };
const en = (key: Parameters<typeof formatMessage>[1]) => formatMessage('en', key);

describe('owner column', () => {
  const rows = [row('1', 'owner', 'user-rep-b'), row('2', 'team', 'user-rep-a'), row('3', 'any', 'user-x')];

  it('is the column that holds the viewer id on every row the viewer owns', () => {
    expect([...ownerColumns(columns, rows, rep)]).toEqual(['/ownerId']);
  });

  it('shows a rep their own name and colleagues by relation, never a user id', () => {
    const labels = rows.map((r) => ownerLabel(r.data.ownerId, r.relation, rep, en));
    expect(labels).toEqual(['Rep B', 'Colleague (my department)', 'Colleague (other department)']);
    expect(labels.join(' ')).not.toContain('user-');
  });

  it('names everyone for an admin, who may list users, even without rows of their own', () => {
    const admin = {
      meId: 'user-admin',
      meName: 'Ada',
      names: new Map([
        ['user-rep-a', 'Rep A'],
        ['user-rep-b', 'Rep B'],
        ['user-x', 'Xavier'],
      ]),
    };
    const seen = rows.map((r) => ({ ...r, relation: 'any' as const }));
    expect([...ownerColumns(columns, seen, admin)]).toEqual(['/ownerId']);
    expect(seen.map((r) => ownerLabel(r.data.ownerId, r.relation, admin, en))).toEqual([
      'Rep B',
      'Rep A',
      'Xavier',
    ]);
  });

  it('is not guessed for a rep without own rows (ids then stay as they are)', () => {
    expect(ownerColumns(columns, [row('2', 'team', 'user-rep-a')], rep).size).toBe(0);
  });

  it('offers "me" as the filter value, and every user for an admin', () => {
    const column = columns[1]!;
    expect(withOwnerChoices(column, rep)).toMatchObject({ enum: ['user-rep-b'], enumNames: ['Rep B'] });
    const admin = {
      meId: 'a',
      meName: 'Ada',
      names: new Map([
        ['a', 'Ada'],
        ['b', 'Bo'],
      ]),
    };
    expect(withOwnerChoices(column, admin)).toMatchObject({ enum: ['a', 'b'], enumNames: ['Ada', 'Bo'] });
  });
});
