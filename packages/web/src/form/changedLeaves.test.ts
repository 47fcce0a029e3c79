import { describe, expect, it } from 'vitest';
import { changedLeaves } from './changedLeaves.js';

const loaded = {
  ownerId: 'u1',
  company: 'Acme',
  contacts: [
    { _id: 'c1', name: 'Li', mobile: '138****5678' },
    { _id: 'c2', name: 'Wang', mobile: '139****0000' },
  ],
  tags: ['a'],
};

describe('changedLeaves', () => {
  it('sends only the leaves the user changed, array items by _id, never untouched masked values', () => {
    const edited = structuredClone(loaded);
    edited.contacts[1]!.name = 'Wang Wei';
    edited.company = 'Acme Ltd';
    expect(changedLeaves(loaded, edited)).toEqual({
      changes: [
        { pointer: '/company', value: 'Acme Ltd' },
        { pointer: '/contacts/c2/name', value: 'Wang Wei' },
      ],
      removeItems: [],
    });
  });

  it('addresses a new item by a new: id and lists a removed item', () => {
    const edited = {
      ...structuredClone(loaded),
      contacts: [loaded.contacts[0]!, { name: 'Zhao', mobile: '13700001111' }],
    };
    const result = changedLeaves(loaded, edited);
    expect(result.changes).toEqual([
      { pointer: '/contacts/new:1/name', value: 'Zhao' },
      { pointer: '/contacts/new:1/mobile', value: '13700001111' },
    ]);
    expect(result.removeItems).toEqual(['/contacts/c2']);
  });

  it('treats an array of primitives as one leaf, clears with null and ignores empty values the form adds', () => {
    const edited = {
      ...structuredClone(loaded),
      tags: ['a', 'b'],
      company: undefined,
      notes: '',
      followUps: [],
    };
    expect(changedLeaves(loaded, edited).changes).toEqual([
      { pointer: '/company', value: null },
      { pointer: '/tags', value: ['a', 'b'] },
    ]);
  });

  it('escapes ~ and / in property names', () => {
    expect(changedLeaves({}, { 'a/b': 1 }).changes).toEqual([{ pointer: '/a~1b', value: 1 }]);
  });
});
