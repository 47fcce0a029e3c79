import { describe, expect, it } from 'vitest';
import { orderDepartments } from './orderDepartments.js';

describe('orderDepartments', () => {
  it('lists each department under its parent, by name, with its depth', () => {
    const nodes = orderDepartments([
      { id: 'w', name: 'West', parentId: 's' },
      { id: 'e', name: 'East', parentId: 's' },
      { id: 'n', name: 'North-East', parentId: 'e' },
      { id: 's', name: 'Sales', parentId: null },
      { id: 'o', name: 'Ops', parentId: null },
    ]);
    expect(nodes.map((n) => `${'  '.repeat(n.depth)}${n.department.name}`)).toEqual([
      'Ops',
      'Sales',
      '  East',
      '    North-East',
      '  West',
    ]);
  });

  it('shows a department with a missing parent or in a parent loop at the top, never drops it', () => {
    const nodes = orderDepartments([
      { id: 'a', name: 'A', parentId: 'gone' },
      { id: 'b', name: 'B', parentId: 'c' },
      { id: 'c', name: 'C', parentId: 'b' },
    ]);
    expect(nodes.map((n) => [n.department.id, n.depth])).toEqual([
      ['a', 0],
      ['b', 0],
      ['c', 0],
    ]);
  });
});
