import { expect, it } from 'vitest';
import { audit, FIELDS, type OpenStore, record, TEMPLATE, templateOf, withStore } from './contractKit.js';

const PHONE = '13912345678';
const NOTE = 'CANARY-NOTE-7f3a';
const REASON = 'CANARY-REASON-91c2';

/** Every persisted byte, as text and as base64 of the value (a value must not hide as plain base64 either). */
async function expectAbsent(persisted: () => Promise<Buffer>, ...canaries: string[]): Promise<void> {
  const bytes = await persisted();
  expect(bytes.length).toBeGreaterThan(0);
  const text = bytes.toString('utf8');
  for (const canary of canaries) {
    expect(text.includes(canary), `"${canary}" found in what the adapter persisted`).toBe(false);
    expect(text.includes(Buffer.from(canary).toString('base64'))).toBe(false);
    expect(text.includes(Buffer.from(JSON.stringify(canary)).toString('base64'))).toBe(false);
  }
}

/** What reaches disk (or the database): encrypted values never in clear; template changes. */
export function persistContract(open: OpenStore): void {
  it('values of encrypted fields are never in clear in anything the adapter persists', () =>
    withStore(open, async (store, opened) => {
      await store.registerTemplate(templateOf(1));
      await store.createRecord({
        record: record('r1', {
          owner: 'u1',
          notes: NOTE,
          contacts: [{ _id: 'k1', name: 'Visible', phone: PHONE }],
        }),
        audit: audit('record.create', 'r1'),
      });
      await store.updateRecord({
        record: record(
          'r1',
          {
            owner: 'u1',
            notes: `${NOTE}-v2`,
            contacts: [{ _id: 'k1', name: 'Visible', phone: `${PHONE}9` }],
          },
          2,
        ),
        expectedVersion: 1,
        audit: audit('record.update', 'r1'),
      });
      const note = await store.putNote(REASON);
      // A template version that adds a blind index re-stores the records.
      await store.registerTemplate(templateOf(2, [...FIELDS, { path: '/stage', exact: true }]));
      expect((await store.getRecord(TEMPLATE, 'r1'))?.data.notes).toBe(`${NOTE}-v2`);
      expect((await store.listRecordVersions(TEMPLATE, 'r1'))[0]?.data.notes).toBe(NOTE);
      expect(await store.getNote(note)).toBe(REASON);
      // Something unencrypted is found, so the scan does look at the stored records.
      expect((await opened.persisted()).toString('utf8')).toContain('Visible');
      await expectAbsent(opened.persisted, PHONE, NOTE, REASON);
    }));

  it('a field removed and added again inherits nothing, and its old values stay encrypted at rest', () =>
    withStore(open, async (store, opened) => {
      await store.registerTemplate(templateOf(1));
      await store.createRecord({
        record: record('r1', { owner: 'u1', notes: NOTE, name: 'Kept' }),
        audit: audit('record.create', 'r1'),
      });
      const v1 = await store.getTemplateStorage(TEMPLATE);
      expect(v1?.fields?.['/notes']).toBe(1);
      // Version 2 drops /notes.
      const withoutNotes = FIELDS.filter((f) => f.path !== '/notes');
      await store.registerTemplate(templateOf(2, withoutNotes));
      expect((await store.getRecord(TEMPLATE, 'r1'))?.data).toEqual({ owner: 'u1', name: 'Kept' });
      await expectAbsent(opened.persisted, NOTE);
      // Version 3 re-creates /notes, unencrypted: a new field with a new identity.
      await store.registerTemplate(templateOf(3, [...withoutNotes, { path: '/notes' }]));
      const v3 = await store.getTemplateStorage(TEMPLATE);
      expect(v3?.fields?.['/notes']).toBe(3);
      expect(v3?.fields?.['/name']).toBe(1);
      expect((await store.getRecord(TEMPLATE, 'r1'))?.data.notes).toBeUndefined();
      expect(
        await store
          .queryRecords(TEMPLATE, { filters: [{ field: '/notes', op: 'exists', value: true }] })
          .catch((e) => e.code),
      ).toBe('INVALID');
      await store.updateRecord({
        record: record('r1', { owner: 'u1', name: 'Kept', notes: 'new field value' }, 2),
        expectedVersion: 1,
        audit: audit('record.update', 'r1'),
      });
      expect((await store.getRecord(TEMPLATE, 'r1'))?.data.notes).toBe('new field value');
      expect((await store.listRecordVersions(TEMPLATE, 'r1'))[0]?.data.notes).toBeUndefined();
      await expectAbsent(opened.persisted, NOTE);
    }));

  it('a field whose encryption is switched off stays encrypted at rest', () =>
    withStore(open, async (store, opened) => {
      await store.registerTemplate(templateOf(1));
      await store.createRecord({
        record: record('r1', { owner: 'u1', notes: NOTE }),
        audit: audit('record.create', 'r1'),
      });
      const plain = FIELDS.map((f) => (f.path === '/notes' ? { path: '/notes' } : f));
      await store.registerTemplate(templateOf(2, plain));
      await store.createRecord({
        record: record('r2', { owner: 'u1', notes: `${NOTE}-2` }),
        audit: audit('record.create', 'r2'),
      });
      expect((await store.getRecord(TEMPLATE, 'r1'))?.data.notes).toBe(NOTE);
      expect((await store.getTemplateStorage(TEMPLATE))?.encrypted).not.toContain('/notes');
      await expectAbsent(opened.persisted, NOTE);
    }));
}
