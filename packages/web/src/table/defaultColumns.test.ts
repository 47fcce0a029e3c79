import { describe, expect, it } from 'vitest';
import type { ColumnInfo } from '../api/types.js';
import { defaultColumns } from './defaultColumns.js';

const col = (path: string, kind = 'string'): ColumnInfo => ({ path, title: path, kind, queryable: true });

describe('defaultColumns', () => {
  const columns = [
    col('/ownerId'),
    col('/stage'),
    col('/company'),
    col('/contacts', 'array'),
    col('/contacts/*/name'),
    col('/notes'),
    col('/a'),
    col('/b'),
    col('/c'),
    col('/nextContactAt'),
  ];

  it('shows a few top-level values with the title field first and the owner last, not every field', () => {
    expect(
      defaultColumns(columns, { recordTitle: '/company', due: '/nextContactAt', owner: '/ownerId' }),
    ).toEqual(['/company', '/nextContactAt', '/stage', '/notes', '/a', '/ownerId']);
  });

  it('never shows a list or a field inside one', () => {
    const shown = defaultColumns(columns, {});
    expect(shown).not.toContain('/contacts');
    expect(shown.some((p) => p.includes('*'))).toBe(false);
    expect(shown.length).toBeLessThanOrEqual(6);
  });
});
