import { createTemplateAjv } from '@veil/schema';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type ApiClient, failure, type Harness, startHarness } from './apiHarness.js';

// An order form whose line items close their properties, as most real item schemas do.
const schema = {
  type: 'object',
  required: ['customer'],
  properties: {
    ownerId: { type: 'string' },
    customer: { type: 'string', title: 'Customer company' },
    lines: {
      type: 'array',
      title: 'Order lines',
      uniqueItems: true,
      items: {
        type: 'object',
        additionalProperties: false,
        required: ['sku', 'qty'],
        properties: { sku: { type: 'string', title: 'SKU' }, qty: { type: 'integer', minimum: 1 } },
      },
    },
  },
} as const;

const template = { id: 'closed-lines', version: 1, title: 'Orders', owner: '/ownerId', schema };

let h: Harness;
let admin: ApiClient;
let rep: ApiClient;

beforeAll(async () => {
  h = await startHarness({ seed: { customers: 0 } });
  admin = await h.as('admin');
  rep = await h.as('rep-a');
  await admin.templates.saveDraft.mutate({ template });
  await admin.templates.publish.mutate({ templateId: 'closed-lines' });
});
afterAll(async () => {
  await h?.close();
});

/** The data without the server's item ids. */
function withoutIds(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(withoutIds);
  if (value === null || typeof value !== 'object') return value;
  return Object.fromEntries(
    Object.entries(value)
      .filter(([k]) => k !== '_id')
      .map(([k, v]) => [k, withoutIds(v)]),
  );
}

describe('array items whose schema has additionalProperties: false', () => {
  it('can be created, read back unchanged apart from their ids, and still validate against the schema', async () => {
    const created = await rep.records.create.mutate({
      templateId: 'closed-lines',
      changes: [
        { pointer: '/customer', value: 'ACME' },
        { pointer: '/lines/new:1/sku', value: 'A-1' },
        { pointer: '/lines/new:1/qty', value: 2 },
        { pointer: '/lines/new:2/sku', value: 'B-7' },
        { pointer: '/lines/new:2/qty', value: 1 },
      ],
    });
    const read = await rep.records.get.query({ templateId: 'closed-lines', id: created.record!.id });
    const lines = read.data.lines as { _id: string }[];
    expect(lines.map((l) => l._id)).toEqual([created.assignedIds['new:1'], created.assignedIds['new:2']]);
    const data = withoutIds(read.data);
    expect(data).toEqual({
      ownerId: 'user-rep-a',
      customer: 'ACME',
      lines: [
        { sku: 'A-1', qty: 2 },
        { sku: 'B-7', qty: 1 },
      ],
    });
    expect(createTemplateAjv().validate(schema, data)).toBe(true);
  });

  it('can be edited by _id afterwards', async () => {
    const created = await rep.records.create.mutate({
      templateId: 'closed-lines',
      changes: [
        { pointer: '/customer', value: 'Initech' },
        { pointer: '/lines/new:1/sku', value: 'C-3' },
        { pointer: '/lines/new:1/qty', value: 5 },
      ],
    });
    const id = created.assignedIds['new:1']!;
    const updated = await rep.records.update.mutate({
      templateId: 'closed-lines',
      id: created.record!.id,
      version: created.record!.version,
      changes: [{ pointer: `/lines/${id}/qty`, value: 6 }],
    });
    expect(updated.record!.data.lines).toEqual([{ _id: id, sku: 'C-3', qty: 6 }]);
  });

  it('is judged by the author’s schema: two equal lines break uniqueItems although their ids differ', async () => {
    const refused = await failure(
      rep.records.create.mutate({
        templateId: 'closed-lines',
        changes: [
          { pointer: '/customer', value: 'ACME' },
          { pointer: '/lines/new:1/sku', value: 'A-1' },
          { pointer: '/lines/new:1/qty', value: 2 },
          { pointer: '/lines/new:2/sku', value: 'A-1' },
          { pointer: '/lines/new:2/qty', value: 2 },
        ],
      }),
    );
    expect(refused.veilCode).toBe('validation-failed');
    expect(refused.issues.map((i) => `${i.path} ${i.code}`)).toEqual(['/lines uniqueItems']);
  });
});
