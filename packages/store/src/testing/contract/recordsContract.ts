import { expect, it } from 'vitest';
import { audit, type OpenStore, record, TEMPLATE, templateOf, withStore } from './contractKit.js';

/** Records: optimistic versions, history, deletion, units of work. */
export function recordsContract(open: OpenStore): void {
  it('creates, reads, updates with optimistic versions, keeps history and deletes records', () =>
    withStore(open, async (store) => {
      await store.createRecord({
        record: record('r1', { name: 'A', stage: 'lead' }),
        audit: audit('record.create', 'r1'),
      });
      await expect(
        store.createRecord({ record: record('r1', { name: 'B' }), audit: audit('record.create', 'r1') }),
      ).rejects.toMatchObject({ code: 'CONFLICT' });
      await store.updateRecord({
        record: record('r1', { name: 'A', stage: 'won' }, 2),
        expectedVersion: 1,
        audit: audit('record.update', 'r1'),
      });
      await expect(
        store.updateRecord({
          record: record('r1', { name: 'C' }, 2),
          expectedVersion: 1,
          audit: audit('record.update', 'r1'),
        }),
      ).rejects.toMatchObject({ code: 'VERSION_CONFLICT' });
      expect((await store.getRecord(TEMPLATE, 'r1'))?.data).toEqual({ name: 'A', stage: 'won' });
      const versions = await store.listRecordVersions(TEMPLATE, 'r1');
      expect(versions.map((v) => [v.version, v.data.stage, v.supersededBy])).toEqual([
        [1, 'lead', 'u-admin'],
      ]);
      await store.deleteRecord({ templateId: TEMPLATE, id: 'r1', audit: audit('record.delete', 'r1') });
      expect(await store.getRecord(TEMPLATE, 'r1')).toBeUndefined();
      expect(await store.listRecordVersions(TEMPLATE, 'r1')).toEqual([]);
      // Each change has exactly one audit entry; the refused ones have none.
      const actions = (await store.listAudit({ target: 'r1' })).entries.map((e) => e.action).reverse();
      expect(actions).toEqual(['record.create', 'record.update', 'record.delete']);
    }));

  it('refuses a delete at the wrong version and an update of a missing record, changing nothing', () =>
    withStore(open, async (store) => {
      await store.createRecord({ record: record('r1', { name: 'A' }), audit: audit('record.create', 'r1') });
      await expect(
        store.deleteRecord({
          templateId: TEMPLATE,
          id: 'r1',
          expectedVersion: 2,
          audit: audit('record.delete', 'r1'),
        }),
      ).rejects.toMatchObject({ code: 'VERSION_CONFLICT' });
      await expect(
        store.updateRecord({
          record: record('nope', { name: 'B' }, 2),
          expectedVersion: 1,
          audit: audit('record.update', 'nope'),
        }),
      ).rejects.toMatchObject({ code: 'NOT_FOUND' });
      expect((await store.getRecord(TEMPLATE, 'r1'))?.data).toEqual({ name: 'A' });
      expect((await store.listAudit({})).entries.map((e) => e.action)).toEqual(['record.create']);
    }));

  it('two concurrent updates from the same version: exactly one is kept', () =>
    withStore(open, async (store) => {
      await store.createRecord({
        record: record('r1', { stage: 'lead' }),
        audit: audit('record.create', 'r1'),
      });
      const results = await Promise.allSettled(
        ['won', 'lost'].map((stage) =>
          store.updateRecord({
            record: record('r1', { stage }, 2),
            expectedVersion: 1,
            audit: audit('record.update', 'r1'),
          }),
        ),
      );
      expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
      expect((await store.listRecordVersions(TEMPLATE, 'r1')).length).toBe(1);
    }));

  it('a unit of work commits its steps and audit entries together, entries in order', () =>
    withStore(open, async (store) => {
      const { entries } = await store.commit({
        steps: [
          { kind: 'createRecord', record: record('r1', { stage: 'lead' }) },
          { kind: 'putDoc', name: 'departments', doc: { id: 'd1', name: 'East', parentId: null } },
          {
            kind: 'updateRecord',
            record: record('r1', { stage: 'won' }, 2),
            expectedVersion: 1,
            supersededBy: 'u1',
          },
        ],
        audit: [audit('record.create', 'r1'), audit('record.update', 'r1')],
      });
      expect(entries.map((e) => e.action)).toEqual(['record.create', 'record.update']);
      expect((entries[1]?.seq ?? 0) - (entries[0]?.seq ?? 0)).toBe(1);
      expect((await store.getRecord(TEMPLATE, 'r1'))?.data.stage).toBe('won');
      expect(await store.getDoc('departments', 'd1')).toBeDefined();
    }));

  it('a failure mid-unit leaves nothing: no record, no document, no version, no audit entry', () =>
    withStore(open, async (store) => {
      await store.registerTemplate(templateOf(1));
      await store.createRecord({
        record: record('r0', { stage: 'lead' }),
        audit: audit('record.create', 'r0'),
      });
      const before = await store.listAudit({});
      await expect(
        store.commit({
          steps: [
            { kind: 'createRecord', record: record('r1', { stage: 'lead', notes: 'secret note' }) },
            { kind: 'putDoc', name: 'departments', doc: { id: 'd1', name: 'East', parentId: null } },
            {
              kind: 'updateRecord',
              record: record('r0', { stage: 'won' }, 2),
              expectedVersion: 1,
              supersededBy: 'u1',
            },
            // r0 is at version 2 by now inside the unit: this step fails.
            {
              kind: 'updateRecord',
              record: record('r0', { stage: 'lost' }, 2),
              expectedVersion: 1,
              supersededBy: 'u1',
            },
          ],
          audit: [audit('record.create', 'r1')],
        }),
      ).rejects.toMatchObject({ code: 'VERSION_CONFLICT' });
      expect(await store.getRecord(TEMPLATE, 'r1')).toBeUndefined();
      expect(await store.getDoc('departments', 'd1')).toBeUndefined();
      expect((await store.getRecord(TEMPLATE, 'r0'))?.version).toBe(1);
      expect(await store.listRecordVersions(TEMPLATE, 'r0')).toEqual([]);
      expect((await store.listAudit({})).entries).toEqual(before.entries);
      expect((await store.queryRecords(TEMPLATE, {})).total).toBe(1);
      // The store still works after the refused unit.
      await store.createRecord({
        record: record('r1', { notes: 'later' }),
        audit: audit('record.create', 'r1'),
      });
      expect((await store.getRecord(TEMPLATE, 'r1'))?.data.notes).toBe('later');
    }));

  it('a failed unit restores what it replaced or deleted before the failing step', () =>
    withStore(open, async (store) => {
      await store.putDoc('departments', { id: 'd1', name: 'East', parentId: null });
      await store.putDoc('departments', { id: 'd2', name: 'West', parentId: null });
      await store.createRecord({
        record: record('r1', { stage: 'lead' }),
        audit: audit('record.create', 'r1'),
      });
      await store.updateRecord({
        record: record('r1', { stage: 'won' }, 2),
        expectedVersion: 1,
        audit: audit('record.update', 'r1'),
      });
      await expect(
        store.commit({
          steps: [
            { kind: 'putDoc', name: 'departments', doc: { id: 'd1', name: 'Renamed', parentId: null } },
            { kind: 'deleteRecord', templateId: TEMPLATE, id: 'r1' },
            { kind: 'deleteDoc', name: 'departments', id: 'd2' },
            { kind: 'insertDoc', name: 'departments', doc: { id: 'd1', name: 'Again', parentId: null } },
          ],
        }),
      ).rejects.toMatchObject({ code: 'CONFLICT' });
      expect((await store.getDoc('departments', 'd1'))?.name).toBe('East');
      expect((await store.getDoc('departments', 'd2'))?.name).toBe('West');
      expect((await store.getRecord(TEMPLATE, 'r1'))?.data.stage).toBe('won');
      expect((await store.queryRecords(TEMPLATE, {})).total).toBe(1);
      expect((await store.listRecordVersions(TEMPLATE, 'r1')).map((v) => v.version)).toEqual([1]);
    }));

  it('keeps read sets beside audit entries, finds them by record and erases a record from them', () =>
    withStore(open, async (store) => {
      const readSet = (id: string, recordIds: string[]) => ({
        id,
        templateId: TEMPLATE,
        actor: 'u1',
        at: '2024-01-01T00:00:00.000Z',
        records: recordIds.map((rid) => ({
          ref: `ref-${rid}`,
          id: rid,
          fields: [{ path: '/contacts/*/phone', access: 'full' as const }],
        })),
      });
      await store.commit({
        steps: [{ kind: 'putReadSet', readSet: readSet('rs1', ['r1', 'r2']) }],
        audit: [audit('record.list', TEMPLATE)],
      });
      await store.commit({
        steps: [{ kind: 'putReadSet', readSet: readSet('rs2', ['r2']) }],
        audit: [audit('record.list', TEMPLATE)],
      });
      const found = await store.listReadSets({ templateId: TEMPLATE, recordId: 'r2' });
      expect(found.map((r) => r.id)).toEqual(['rs1', 'rs2']);
      expect(found[0]?.hash).toMatch(/^[0-9a-f]{64}$/);
      expect(found[0]?.hash).not.toBe(found[1]?.hash);
      await expect(
        store.commit({ steps: [{ kind: 'putReadSet', readSet: readSet('rs1', ['r3']) }] }),
      ).rejects.toMatchObject({ code: 'CONFLICT' });
      expect(await store.eraseFromReadSets({ templateId: TEMPLATE, recordId: 'r2' })).toBe(2);
      expect(await store.listReadSets({ templateId: TEMPLATE, recordId: 'r2' })).toEqual([]);
      expect((await store.listReadSets({ templateId: TEMPLATE, recordId: 'r1' })).map((r) => r.id)).toEqual([
        'rs1',
      ]);
    }));
}
