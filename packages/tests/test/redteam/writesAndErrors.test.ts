import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type ApiClient, failure, type Harness, startHarness } from '../api/apiHarness.js';
import { B2B, leaked, NOTES_TEMPLATE, publish, storedRecord } from './redteamKit.js';

/**
 * Writes and errors as oracles: a record outside the scope must look exactly like one that does
 * not exist, whatever the procedure; no write may reach the owner field, a masked or hidden
 * field, another record's item or an object's prototype; no error may echo a value.
 */

// Seeded owners cycle over [rep-a, rep-b, rep-c, rep-a, rep-b, rep-c, manager] by index % 7.
const OF_REP_B = 'demo-001';
const OF_REP_C = 'demo-002';
const OF_REP_A = 'demo-003';
const CANARY = '13987654321';
let h: Harness;
let repA: ApiClient;
let partner: ApiClient;

beforeAll(async () => {
  h = await startHarness({ seed: { customers: 8 } });
  const admin = await h.as('admin');
  await publish(admin, NOTES_TEMPLATE);
  [repA, partner] = await Promise.all([h.as('rep-a'), h.as('partner')]);
});
afterAll(async () => {
  await h?.close();
});

async function version(id: string): Promise<number> {
  return (await storedRecord(h, B2B, id)).version;
}

describe('a record outside the scope does not exist, whatever the procedure', () => {
  const calls: Record<string, (c: ApiClient, id: string) => Promise<unknown>> = {
    form: (c, id) => c.records.form.query({ templateId: B2B, id }),
    get: (c, id) => c.records.get.query({ templateId: B2B, id }),
    history: (c, id) => c.records.history.query({ templateId: B2B, id }),
    update: (c, id) =>
      c.records.update.mutate({
        templateId: B2B,
        id,
        version: 99,
        changes: [{ pointer: '/dealSize', value: 1 }],
        removeItems: ['/contacts/c2-1'],
      }),
    delete: (c, id) => c.records.delete.mutate({ templateId: B2B, id, version: 99 }),
    reveal: (c, id) =>
      c.records.reveal.mutate({ templateId: B2B, id, pointer: '/dealSize', reason: 'a good reason here' }),
  };
  for (const [name, call] of Object.entries(calls)) {
    it(`${name}: another department's record answers exactly like a missing one`, async () => {
      const mark = h.logs.length;
      const missing = await failure(call(repA, 'no-such-record'));
      const outside = await failure(call(repA, OF_REP_C));
      expect(missing.code).toBe('NOT_FOUND');
      expect(outside).toEqual(missing);
      // The log lines differ only in time and duration.
      const lines = h.logs.slice(mark).map((line) => {
        const { time: _t, durationMs: _d, ...rest } = JSON.parse(line) as Record<string, unknown>;
        return JSON.stringify(rest);
      });
      expect(lines).toHaveLength(2);
      expect(lines[0]).toBe(lines[1]);
      const partnerView = await failure(call(partner, OF_REP_A));
      expect(partnerView).toEqual(missing);
    });
  }

  it('nothing changed', async () => {
    expect(await version(OF_REP_C)).toBe(1);
  });
});

describe('mass assignment and pointer tricks', () => {
  it('the owner field cannot be set on create or update, nor cleared through removeItems', async () => {
    const create = await failure(
      repA.records.create.mutate({
        templateId: B2B,
        changes: [
          { pointer: '/company', value: 'Mine' },
          { pointer: '/stage', value: 'lead' },
          { pointer: '/ownerId', value: 'user-rep-c' },
        ],
      }),
    );
    expect(create.issues).toEqual([expect.objectContaining({ path: '/ownerId', code: 'owner-field' })]);
    const v = await version(OF_REP_A);
    for (const attempt of [
      { changes: [{ pointer: '/ownerId', value: 'user-rep-c' }] },
      { changes: [], removeItems: ['/ownerId'] },
      { changes: [{ pointer: '/ownerId', value: null }] },
    ]) {
      const error = await failure(
        repA.records.update.mutate({ templateId: B2B, id: OF_REP_A, version: v, ...attempt }),
      );
      expect(error.code).toBe('FORBIDDEN');
    }
    expect((await storedRecord(h, B2B, OF_REP_A)).data.ownerId).toBe('user-rep-a');
  });

  it('a colleague’s masked fields, items and their removal are refused; the record is unchanged', async () => {
    const before = await storedRecord(h, B2B, OF_REP_B);
    const item = (before.data.contacts as { _id: string }[])[0]!._id;
    const attempts = [
      { changes: [{ pointer: `/contacts/${item}/mobile`, value: CANARY }] },
      { changes: [{ pointer: '/contacts/new:x/name', value: 'Planted' }] },
      { changes: [], removeItems: [`/contacts/${item}`] },
      { changes: [{ pointer: `/contacts/${item}/mobile`, value: null }] },
    ];
    for (const attempt of attempts) {
      const error = await failure(
        repA.records.update.mutate({ templateId: B2B, id: OF_REP_B, version: before.version, ...attempt }),
      );
      expect(error.code, JSON.stringify(attempt)).toBe('FORBIDDEN');
      expect(error.issues.map((i) => i.code)).not.toContain('unknown-field');
    }
    expect(await storedRecord(h, B2B, OF_REP_B)).toEqual(before);
  });

  it('an item id of another record, an `_id` leaf, prototype keys and escaped segments address nothing', async () => {
    const otherItem = ((await storedRecord(h, B2B, OF_REP_B)).data.contacts as { _id: string }[])[0]!._id;
    const ownItem = ((await storedRecord(h, B2B, OF_REP_A)).data.contacts as { _id: string }[])[0]!._id;
    const before = await storedRecord(h, B2B, OF_REP_A);
    const pointers = [
      `/contacts/${otherItem}/name`,
      `/contacts/${ownItem}/_id`,
      '/contacts/new:z/_id',
      '/__proto__/polluted',
      '/constructor/prototype/polluted',
      `/contacts/${ownItem}/__proto__`,
      '/contacts/__proto__/name',
      '/owner~1Id',
      '/ownerId~0',
      '/ownerId/',
      '/contacts//name',
      '/',
    ];
    for (const pointer of pointers) {
      const error = await failure(
        repA.records.update.mutate({
          templateId: B2B,
          id: OF_REP_A,
          version: before.version,
          changes: [{ pointer, value: 'user-rep-c' }],
        }),
      );
      expect(error.code, pointer).toBe('FORBIDDEN');
    }
    const removeOther = await failure(
      repA.records.update.mutate({
        templateId: B2B,
        id: OF_REP_A,
        version: before.version,
        changes: [],
        removeItems: [`/contacts/${otherItem}`],
      }),
    );
    expect(removeOther.code).toBe('FORBIDDEN');
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    expect(await storedRecord(h, B2B, OF_REP_A)).toEqual(before);
    expect((await storedRecord(h, B2B, OF_REP_B)).version).toBe(1);
  });

  it('`__proto__` and `constructor` keys inside a value are refused before anything runs', async () => {
    const v = await version(OF_REP_A);
    for (const value of [
      JSON.parse('{"__proto__":{"polluted":1}}'),
      { constructor: { prototype: { polluted: 1 } } },
    ]) {
      const error = await failure(
        repA.records.update.mutate({
          templateId: B2B,
          id: OF_REP_A,
          version: v,
          changes: [{ pointer: '/company', value }],
        }),
      );
      expect(error.veilCode).toBe('unsafe-key');
    }
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });

  it('two `new:` ids get distinct items and one `new:` id is one item; ids are the server’s', async () => {
    const created = await repA.records.create.mutate({
      templateId: B2B,
      changes: [
        { pointer: '/company', value: 'New ids' },
        { pointer: '/stage', value: 'lead' },
        { pointer: '/contacts/new:1/name', value: 'One' },
        { pointer: '/contacts/new:1/position', value: 'CEO' },
        { pointer: '/contacts/new:2/name', value: 'Two' },
      ],
    });
    const contacts = (await storedRecord(h, B2B, created.record!.id)).data.contacts as {
      _id: string;
      name: string;
    }[];
    expect(contacts.map((c) => c.name)).toEqual(['One', 'Two']);
    expect(new Set(contacts.map((c) => c._id)).size).toBe(2);
    expect(contacts.some((c) => c._id.startsWith('new:'))).toBe(false);
    expect(Object.keys(created.assignedIds).sort()).toEqual(['new:1', 'new:2']);
  });

  it('huge inputs are refused with a clear error and change nothing', async () => {
    const v = await version(OF_REP_A);
    const many = Array.from({ length: 2001 }, (_, i) => ({ pointer: `/contacts/new:${i}/name`, value: 'x' }));
    expect(
      (
        await failure(
          repA.records.update.mutate({ templateId: B2B, id: OF_REP_A, version: v, changes: many }),
        )
      ).code,
    ).toBe('BAD_REQUEST');
    const tooManyItems = Array.from({ length: 25 }, (_, i) => ({
      pointer: `/contacts/new:${i}/name`,
      value: 'x',
    }));
    const error = await failure(
      repA.records.update.mutate({ templateId: B2B, id: OF_REP_A, version: v, changes: tooManyItems }),
    );
    expect(error.veilCode).toBe('validation-failed');
    expect(error.issues).toEqual([expect.objectContaining({ path: '/contacts', code: 'maxItems' })]);
    expect(await version(OF_REP_A)).toBe(v);
  });
});

describe('errors never echo a value', () => {
  it('Ajv errors on confidential fields name the path and keyword only', async () => {
    const mine = await storedRecord(h, B2B, OF_REP_A);
    const item = (mine.data.contacts as { _id: string }[])[0]!._id;
    const bad = [
      { pointer: `/contacts/${item}/mobile`, value: `x${CANARY}` },
      { pointer: `/contacts/${item}/email`, value: `${CANARY}-not-an-email` },
      { pointer: `/contacts/${item}/name`, value: `${CANARY}${'x'.repeat(60)}` },
      { pointer: '/dealSize', value: -Number(CANARY) },
      { pointer: '/dealSize', value: CANARY },
      { pointer: '/stage', value: CANARY },
    ];
    for (const change of bad) {
      const error = await failure(
        repA.records.update.mutate({
          templateId: B2B,
          id: OF_REP_A,
          version: mine.version,
          changes: [change],
        }),
      );
      expect(error.veilCode).toBe('validation-failed');
      expect(leaked(JSON.stringify(error), [CANARY, String(-Number(CANARY))])).toEqual([]);
    }
    const pattern = await failure(
      repA.records.create.mutate({
        templateId: NOTES_TEMPLATE.id,
        changes: [{ pointer: '/secret', value: `X-${CANARY}` }],
      }),
    );
    expect(pattern.issues).toEqual([expect.objectContaining({ path: '/secret', code: 'pattern' })]);
    expect(leaked(JSON.stringify(pattern), [CANARY, '^S-'])).toEqual([]);
  });

  it('input validation errors (zod) and conflicts hold no value', async () => {
    const errors = [
      await failure(repA.records.get.query({ templateId: B2B, id: `${CANARY}${'x'.repeat(300)}` })),
      await failure(
        repA.records.reveal.mutate({
          templateId: B2B,
          id: OF_REP_B,
          pointer: '/dealSize',
          reason: `${CANARY}${'x'.repeat(600)}`,
        }),
      ),
      await failure(
        repA.records.list.query({ templateId: B2B, filters: [{ field: CANARY, op: 'eq', value: CANARY }] }),
      ),
      await failure(
        repA.records.update.mutate({
          templateId: B2B,
          id: OF_REP_A,
          version: 1_000,
          changes: [{ pointer: '/company', value: CANARY }],
        }),
      ),
      await failure(repA.auth.login.mutate({ username: CANARY, password: CANARY })),
    ];
    expect(errors.map((e) => e.code)).toEqual([
      'BAD_REQUEST',
      'BAD_REQUEST',
      'BAD_REQUEST',
      'CONFLICT',
      'UNAUTHORIZED',
    ]);
    for (const error of errors) expect(leaked(JSON.stringify(error), [CANARY])).toEqual([]);
    expect(leaked(h.logs.join('\n'), [CANARY])).toEqual([]);
  });
});
