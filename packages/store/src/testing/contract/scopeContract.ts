import { expect, it } from 'vitest';
import type { RecordScope, Store, UserDoc } from '../../store.js';
import { ids, type OpenStore, seed, TEMPLATE, templateOf, withStore } from './contractKit.js';

const NOW = '2024-01-01T00:00:00.000Z';
const user = (id: string, departmentId: string | null): UserDoc => ({
  id,
  login: id,
  name: id,
  passwordHash: null,
  roles: ['rep'],
  departmentId,
  managedDepartmentIds: [],
  active: true,
  createdAt: NOW,
  updatedAt: NOW,
});

/**
 * sales ─┬─ east ── east-1
 *        └─ west
 * other
 */
async function company(store: Store): Promise<void> {
  await store.registerTemplate(templateOf(1));
  for (const [id, parentId] of [
    ['sales', null],
    ['east', 'sales'],
    ['east-1', 'east'],
    ['west', 'sales'],
    ['other', null],
  ] as const) {
    await store.putDoc('departments', { id, name: id, parentId });
  }
  for (const [id, dept] of [
    ['boss', 'sales'],
    ['ann', 'east'],
    ['bob', 'east-1'],
    ['cat', 'west'],
    ['dan', 'other'],
    ['eve', null],
  ] as const) {
    await store.putDoc('users', user(id, dept));
  }
  await seed(store, [
    ['r-boss', { owner: 'boss' }],
    ['r-ann', { owner: 'ann' }],
    ['r-bob', { owner: 'bob' }],
    ['r-cat', { owner: 'cat' }],
    ['r-dan', { owner: 'dan' }],
    ['r-eve', { owner: 'eve' }],
    ['r-ghost', { owner: 'nobody-known' }],
    ['r-none', {}],
    ['r-num', { owner: 42 }],
  ]);
}

const scoped = async (store: Store, scope: RecordScope) =>
  ids(await store.queryRecords(TEMPLATE, { scope, limit: 100 }));

/** Row scope as a condition: own records, a team through the department tree, everything. */
export function scopeContract(open: OpenStore): void {
  it('own scope: only the records the principal owns', () =>
    withStore(open, async (store) => {
      await company(store);
      expect(await scoped(store, { kind: 'condition', self: 'ann', own: true, departments: [] })).toEqual([
        'r-ann',
      ]);
    }));

  it('team scope through a department tree: the subtree below a managed department, not its siblings', () =>
    withStore(open, async (store) => {
      await company(store);
      const manager = {
        kind: 'condition' as const,
        self: 'boss',
        own: true,
        departments: [],
        subtrees: ['east'],
      };
      expect(await scoped(store, manager)).toEqual(['r-ann', 'r-bob', 'r-boss']);
      const whole = {
        kind: 'condition' as const,
        self: 'boss',
        own: true,
        departments: [],
        subtrees: ['sales'],
      };
      expect(await scoped(store, whole)).toEqual(['r-ann', 'r-bob', 'r-boss', 'r-cat']);
    }));

  it('departments listed exactly do not bring their subtrees', () =>
    withStore(open, async (store) => {
      await company(store);
      const rep = { kind: 'condition' as const, self: 'ann', own: true, departments: ['east'] };
      expect(await scoped(store, rep)).toEqual(['r-ann']);
      const wider = { kind: 'condition' as const, self: 'ann', own: true, departments: ['east', 'east-1'] };
      expect(await scoped(store, wider)).toEqual(['r-ann', 'r-bob']);
    }));

  it('own: false leaves out the principal’s records even when its department is in scope', () =>
    withStore(open, async (store) => {
      await company(store);
      const scope = { kind: 'condition' as const, self: 'bob', own: false, departments: ['east', 'east-1'] };
      expect(await scoped(store, scope)).toEqual(['r-ann']);
    }));

  it('only an all scope reaches records without a string owner or with an unknown owner', () =>
    withStore(open, async (store) => {
      await company(store);
      expect((await scoped(store, { kind: 'all' })).length).toBe(9);
      const everyone = {
        kind: 'condition' as const,
        self: 'boss',
        own: true,
        departments: ['other'],
        subtrees: ['sales'],
      };
      expect(await scoped(store, everyone)).toEqual(['r-ann', 'r-bob', 'r-boss', 'r-cat', 'r-dan']);
      expect(await scoped(store, { kind: 'owners', ownerIds: ['eve', 'nobody-known'] })).toEqual([
        'r-eve',
        'r-ghost',
      ]);
    }));

  it('the scope follows a user moving department and a department moving in the tree', () =>
    withStore(open, async (store) => {
      await company(store);
      const manager = {
        kind: 'condition' as const,
        self: 'boss',
        own: false,
        departments: [],
        subtrees: ['east'],
      };
      expect(await scoped(store, manager)).toEqual(['r-ann', 'r-bob']);
      await store.putDoc('users', user('cat', 'east-1'));
      expect(await scoped(store, manager)).toEqual(['r-ann', 'r-bob', 'r-cat']);
      await store.putDoc('departments', { id: 'east-1', name: 'east-1', parentId: 'west' });
      expect(await scoped(store, manager)).toEqual(['r-ann']);
      expect(await store.countRecords(TEMPLATE, { scope: manager })).toBe(1);
    }));
}
