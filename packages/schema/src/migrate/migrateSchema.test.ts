import { describe, expect, it } from 'vitest';
import { parseTemplate } from '../parse/parseTemplate.js';
import { DEFAULT_WORKSPACE_POLICY } from '../workspacePolicy.js';
import { importSchema } from './importSchema.js';
import { migrateSchema } from './migrateSchema.js';
import { summarizeMigration } from './migrationChange.js';

const owner = { type: 'string' as const };

describe('migrateSchema', () => {
  it('rewrites a draft-07 rjsf schema with definitions and dependencies to 2020-12, listing each rewrite', () => {
    const { schema, changes } = migrateSchema({
      $schema: 'http://json-schema.org/draft-07/schema#',
      definitions: { address: { type: 'object', properties: { street: { type: 'string' } } } },
      type: 'object',
      properties: {
        billing: { $ref: '#/definitions/address' },
        card: { type: 'string' },
        pair: { type: 'array', items: [{ type: 'string' }, { type: 'number' }], additionalItems: false },
      },
      dependencies: { card: ['billing'], billing: { properties: { note: { type: 'string' } } } },
    });
    expect(schema).toEqual({
      type: 'object',
      properties: {
        billing: { $ref: '#/$defs/address' },
        card: { type: 'string' },
        pair: { type: 'array', prefixItems: [{ type: 'string' }, { type: 'number' }], items: false },
      },
      dependentRequired: { card: ['billing'] },
      dependentSchemas: { billing: { properties: { note: { type: 'string' } } } },
      $defs: { address: { type: 'object', properties: { street: { type: 'string' } } } },
    });
    expect(changes.map((c) => c.code)).toEqual([
      'schema-dropped',
      'definitions-renamed',
      'ref-rewritten',
      'tuple-items',
      'dependencies-split',
    ]);
    expect(summarizeMigration(changes, 'en')).toMatch(/^5 changes made: /);
    expect(summarizeMigration(changes, 'zh-CN')).toMatch(/^已做 5 处修改：/);
  });

  it('resolves $id references inside the document and drops the ids', () => {
    const { schema, changes } = migrateSchema({
      $id: 'https://example.com/order.json',
      type: 'object',
      properties: { item: { $ref: 'item.json' } },
      definitions: { item: { $id: 'item.json', type: 'object', properties: { sku: { type: 'string' } } } },
    });
    expect(schema.properties?.item).toEqual({ $ref: '#/$defs/item' });
    expect(schema.$defs?.item).toEqual({ type: 'object', properties: { sku: { type: 'string' } } });
    expect(changes.map((c) => c.code)).toContain('id-ref-resolved');
  });

  it('rewrites draft-04: id, boolean exclusive bounds', () => {
    const { schema } = migrateSchema({
      id: 'http://x/y#',
      $schema: 'http://json-schema.org/draft-04/schema#',
      type: 'object',
      properties: { n: { type: 'number', minimum: 0, exclusiveMinimum: true } },
    });
    expect(schema).toEqual({ type: 'object', properties: { n: { type: 'number', exclusiveMinimum: 0 } } });
  });

  it('moves references to other local nodes into $defs', () => {
    const { schema } = migrateSchema({
      type: 'object',
      properties: {
        home: { type: 'object', properties: { city: { type: 'string' } } },
        work: { $ref: '#/properties/home' },
      },
    });
    expect(schema.properties?.work).toEqual({ $ref: '#/$defs/home' });
    expect(schema.$defs?.home).toEqual({ type: 'object', properties: { city: { type: 'string' } } });
  });

  it('wraps a non-object root as one field, with a message', () => {
    const { schema, changes } = migrateSchema({ type: 'array', items: { type: 'string' } });
    expect(schema).toEqual({
      type: 'object',
      properties: { value: { type: 'array', items: { type: 'string' } } },
      required: ['value'],
    });
    expect(changes[0]?.code).toBe('root-wrapped');
  });

  it('leaves a 2020-12 schema as it is', () => {
    const input = { type: 'object', properties: { a: { type: 'string' } }, $defs: { x: { type: 'string' } } };
    expect(migrateSchema(input)).toEqual({ schema: input, changes: [] });
  });

  it('imports into a template that parses', () => {
    const { template, changes } = importSchema(
      {
        $schema: 'http://json-schema.org/draft-07/schema#',
        title: 'Order',
        type: 'object',
        definitions: {
          line: { type: 'object', additionalProperties: false, properties: { sku: { type: 'string' } } },
        },
        properties: { lines: { type: 'array', items: { $ref: '#/definitions/line' } } },
      },
      { id: 'fallback', ownerField: owner },
    );
    expect(changes.map((c) => c.code)).toContain('owner-added');
    const parsed = parseTemplate(template, DEFAULT_WORKSPACE_POLICY);
    expect(parsed.status).toBe('ok');
  });
});
