import { expect, it } from 'vitest';
import { audit, FIELDS, type OpenStore, record, TEMPLATE, templateOf, withStore } from './contractKit.js';

const SUBJECT = ['/name', '/email'];
const NAME = 'CANARY-ERASED-NAME-5d1e';
const OLD_NAME = 'CANARY-ERASED-OLDNAME-77ab';
const MAIL = 'canary-erased-4c2@example.com';

/** Erasure (decision 290): an erasing delete or update leaves nothing of the erased values behind. */
export function erasureContract(open: OpenStore): void {
  it('a template with data subjects keeps each record under a key of its own', () =>
    withStore(open, async (store) => {
      const storage = await store.registerTemplate(templateOf(1, FIELDS, SUBJECT));
      expect(storage.recordKeys).toBe(true);
      expect((await store.registerTemplate(templateOf(2))).recordKeys).toBeUndefined();
    }));

  it('an erasing delete removes the record and its versions from everything persisted', () =>
    withStore(open, async (store, opened) => {
      await store.registerTemplate(templateOf(1, FIELDS, SUBJECT));
      await store.createRecord({
        record: record('r1', { owner: 'u1', name: OLD_NAME, email: MAIL, notes: 'sealed' }),
        audit: audit('record.create', 'r1'),
      });
      await store.updateRecord({
        record: record('r1', { owner: 'u1', name: NAME, email: MAIL, notes: 'sealed' }, 2),
        expectedVersion: 1,
        audit: audit('record.update', 'r1'),
      });
      await store.createRecord({
        record: record('r2', { owner: 'u1', name: 'Kept person', notes: 'kept sealed' }),
        audit: audit('record.create', 'r2'),
      });
      expect((await opened.persisted()).toString('utf8')).toContain(OLD_NAME);
      await store.commit({
        steps: [{ kind: 'deleteRecord', templateId: TEMPLATE, id: 'r1', erase: true }],
        audit: [audit('subject.erase.record', 'ref-r1')],
      });
      expect(await store.getRecord(TEMPLATE, 'r1')).toBeUndefined();
      expect(await store.listRecordVersions(TEMPLATE, 'r1')).toEqual([]);
      expect((await store.getRecord(TEMPLATE, 'r2'))?.data.notes).toBe('kept sealed');
      const text = (await opened.persisted()).toString('utf8');
      expect(text).toContain('Kept person');
      for (const canary of [NAME, OLD_NAME, MAIL]) expect(text.includes(canary), canary).toBe(false);
    }));

  it('an erasing update keeps no previous state and the record stays readable', () =>
    withStore(open, async (store, opened) => {
      await store.registerTemplate(templateOf(1, FIELDS, SUBJECT));
      await store.createRecord({
        record: record('r1', {
          owner: 'u1',
          name: 'Company',
          notes: 'sealed',
          contacts: [
            { _id: 'k1', name: NAME, phone: '13900001111' },
            { _id: 'k2', name: 'Other contact', phone: '13900002222' },
          ],
        }),
        audit: audit('record.create', 'r1'),
      });
      const kept = {
        owner: 'u1',
        name: 'Company',
        notes: 'sealed',
        contacts: [{ _id: 'k2', name: 'Other contact', phone: '13900002222' }],
      };
      await store.updateRecord({
        record: record('r1', kept, 2),
        expectedVersion: 1,
        erase: true,
        audit: audit('subject.erase.record', 'ref-r1'),
      });
      expect((await store.getRecord(TEMPLATE, 'r1'))?.data).toEqual(kept);
      expect(await store.listRecordVersions(TEMPLATE, 'r1')).toEqual([]);
      const match = await store.queryRecords(TEMPLATE, {
        match: [{ field: '/contacts/*/phone', value: '13900001111' }],
      });
      expect(match.total).toBe(0);
      expect((await opened.persisted()).toString('utf8').includes(NAME)).toBe(false);
    }));

  it('a failed unit with an erasing step changes nothing', () =>
    withStore(open, async (store) => {
      await store.registerTemplate(templateOf(1, FIELDS, SUBJECT));
      await store.createRecord({
        record: record('r1', { owner: 'u1', name: NAME, notes: 'still sealed' }),
        audit: audit('record.create', 'r1'),
      });
      await expect(
        store.commit({
          steps: [
            { kind: 'deleteRecord', templateId: TEMPLATE, id: 'r1', erase: true },
            { kind: 'deleteRecord', templateId: TEMPLATE, id: 'missing' },
          ],
        }),
      ).rejects.toMatchObject({ code: 'NOT_FOUND' });
      expect((await store.getRecord(TEMPLATE, 'r1'))?.data.notes).toBe('still sealed');
      // The stored state still opens: its key was put back (a version is read from what is stored).
      await store.updateRecord({
        record: record('r1', { owner: 'u1', name: NAME, notes: 'next' }, 2),
        expectedVersion: 1,
        audit: audit('record.update', 'r1'),
      });
      expect((await store.listRecordVersions(TEMPLATE, 'r1'))[0]?.data.notes).toBe('still sealed');
    }));
}
