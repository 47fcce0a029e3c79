import { describe, expect, it } from 'vitest';
import type { Template } from '../template.js';
import { DEFAULT_WORKSPACE_POLICY } from '../workspacePolicy.js';
import type { ParseIssueCode } from './parseIssue.js';
import { parseTemplate } from './parseTemplate.js';
import { baseTemplate } from './testTemplates.js';

type Tpl = Template & Record<string, unknown>;
// biome-ignore lint/suspicious/noExplicitAny: tests write deliberately malformed schemas
type Loose = any;

function errorsOf(input: unknown) {
  const r = parseTemplate(input, DEFAULT_WORKSPACE_POLICY);
  if (r.status === 'ok') throw new Error('expected errors');
  return r.errors;
}

function withSchema(mutate: (s: Loose) => void, envelope: (t: Tpl) => void = () => {}): Tpl {
  const t = baseTemplate() as Tpl;
  mutate(t.schema as Loose);
  envelope(t);
  return t;
}

const cases: { name: string; input: () => unknown; code: ParseIssueCode; path: string }[] = [
  { name: 'text that is not JSON', input: () => '{"id": ', code: 'not-json', path: '' },
  { name: 'a JSON array', input: () => '[1,2]', code: 'not-object', path: '' },
  {
    name: 'a function inside a value',
    input: () => ({ ...baseTemplate(), uiSchema: { f: () => 1 } }),
    code: 'not-json',
    path: '/uiSchema/f',
  },
  {
    name: '__proto__ from JSON.parse',
    input: () =>
      '{"id":"t","version":1,"title":"T","owner":"/ownerId","schema":{"type":"object","properties":{"a":{"type":"string","__proto__":{"x":1}}}}}',
    code: 'forbidden-key',
    path: '/schema/properties/a/__proto__',
  },
  {
    name: 'a constructor key',
    input: () => ({ ...baseTemplate(), uiSchema: { constructor: {} } }),
    code: 'forbidden-key',
    path: '/uiSchema/constructor',
  },
  {
    name: 'a misspelt envelope key',
    input: () => ({ ...baseTemplate(), ownr: '/x' }),
    code: 'envelope-invalid',
    path: '/ownr',
  },
  {
    name: 'a missing owner',
    input: () => {
      const { owner: _o, ...rest } = baseTemplate();
      return rest;
    },
    code: 'envelope-invalid',
    path: '/owner',
  },
  {
    name: 'an invalid JSON Schema type',
    input: () =>
      withSchema((s) => {
        s.properties.stage.type = 'strin';
      }),
    code: 'schema-invalid',
    path: '/schema/properties/stage/type',
  },
  {
    name: 'an unknown keyword',
    input: () =>
      withSchema((s) => {
        s.properties.stage.maxLenght = 3;
      }),
    code: 'schema-keyword-unknown',
    path: '/schema/properties/stage/maxLenght',
  },
  {
    name: 'an $id',
    input: () =>
      withSchema((s) => {
        s.$id = 'https://x';
      }),
    code: 'schema-draft-keyword',
    path: '/schema/$id',
  },
  {
    name: 'a root that is not an object',
    input: () =>
      withSchema((s) => {
        s.type = 'array';
      }),
    code: 'schema-root-not-object',
    path: '/schema/type',
  },
  {
    name: 'a typo in x-privacy',
    input: () =>
      withSchema((s) => {
        s.properties.stage['x-privacy'] = { levle: 'public' };
      }),
    code: 'privacy-invalid',
    path: '/schema/properties/stage/x-privacy/levle',
  },
  {
    name: 'an unknown level',
    input: () =>
      withSchema((s) => {
        s.properties.stage['x-privacy'] = { level: 'secret' };
      }),
    code: 'privacy-invalid',
    path: '/schema/properties/stage/x-privacy/level',
  },
  {
    name: 'a malformed mask',
    input: () =>
      withSchema((s) => {
        s.properties.stage['x-privacy'] = { mask: { style: 'partial' } };
      }),
    code: 'privacy-invalid',
    path: '/schema/properties/stage/x-privacy/mask',
  },
  {
    name: 'descending range bounds',
    input: () =>
      withSchema((s) => {
        s.properties.stage['x-privacy'] = { mask: { style: 'range', bounds: [5, 1] } };
      }),
    code: 'privacy-invalid',
    path: '/schema/properties/stage/x-privacy/mask/bounds',
  },
  {
    name: 'a malformed x-i18n',
    input: () =>
      withSchema((s) => {
        s.properties.stage['x-i18n'] = { en: { titel: 'x' } };
      }),
    code: 'i18n-invalid',
    path: '/schema/properties/stage/x-i18n/en/titel',
  },
  {
    name: 'enumNames shorter than the enum',
    input: () =>
      withSchema((s) => {
        s.properties.stage.enum = ['lead', 'won', 'lost'];
        s.properties.stage['x-i18n'] = { en: { title: 'Stage', enumNames: ['Lead', 'Won'] } };
      }),
    code: 'i18n-invalid',
    path: '/schema/properties/stage/x-i18n/en/enumNames',
  },
  {
    name: 'enumNames longer than the enum of the referenced definition',
    input: () =>
      withSchema((s) => {
        s.$defs = { stage: { type: 'string', enum: ['lead', 'won'] } };
        s.properties.stage = { $ref: '#/$defs/stage', 'x-i18n': { en: { enumNames: ['A', 'B', 'C'] } } };
      }),
    code: 'i18n-invalid',
    path: '/schema/properties/stage/x-i18n/en/enumNames',
  },
  {
    name: 'enumNames on a node without an enum',
    input: () =>
      withSchema((s) => {
        s.properties.stage['x-i18n'] = { en: { enumNames: ['Lead'] } };
      }),
    code: 'i18n-invalid',
    path: '/schema/properties/stage/x-i18n/en/enumNames',
  },
  {
    name: 'enumNames that are not strings',
    input: () =>
      withSchema((s) => {
        s.properties.stage.enum = ['lead'];
        s.properties.stage['x-i18n'] = { en: { enumNames: [1] } };
      }),
    code: 'i18n-invalid',
    path: '/schema/properties/stage/x-i18n/en/enumNames/0',
  },
  {
    name: 'x-privacy inside not (a branch that describes no stored value)',
    input: () =>
      withSchema((s) => {
        s.properties.stage.not = { type: 'number', 'x-privacy': { level: 'public' } };
      }),
    code: 'annotation-misplaced',
    path: '/schema/properties/stage/not/x-privacy',
  },
  {
    name: 'an unknown role in access',
    input: () =>
      withSchema((s) => {
        s.properties.stage['x-privacy'] = { access: { sales: 'full' } };
      }),
    code: 'role-unknown',
    path: '/schema/properties/stage/x-privacy/access/sales',
  },
  {
    name: 'an unknown role in edit',
    input: () =>
      withSchema((s) => {
        s.properties.stage['x-privacy'] = { edit: { boss: ['any'] } };
      }),
    code: 'role-unknown',
    path: '/schema/properties/stage/x-privacy/edit/boss',
  },
  {
    name: 'an unknown purpose',
    input: () =>
      withSchema((s) => {
        s.properties.stage['x-privacy'] = { purpose: 'marketing' };
      }),
    code: 'purpose-unknown',
    path: '/schema/properties/stage/x-privacy/purpose',
  },
  {
    name: 'a remote $ref',
    input: () =>
      withSchema((s) => {
        s.properties.stage = { $ref: 'https://example.com/s.json' };
      }),
    code: 'ref-remote',
    path: '/schema/properties/stage/$ref',
  },
  {
    name: 'a $ref to a missing definition',
    input: () =>
      withSchema((s) => {
        s.properties.stage = { $ref: '#/$defs/nope' };
      }),
    code: 'ref-unknown',
    path: '/schema/properties/stage/$ref',
  },
  {
    name: 'a cyclic $ref',
    input: () =>
      withSchema((s) => {
        s.$defs = { node: { type: 'object', properties: { child: { $ref: '#/$defs/node' } } } };
        s.properties.tree = { $ref: '#/$defs/node' };
      }),
    code: 'ref-cyclic',
    path: '/schema/$defs/node/properties/child/$ref',
  },
  {
    name: 'a validation keyword beside $ref',
    input: () =>
      withSchema((s) => {
        s.$defs = { d: { type: 'string' } };
        s.properties.stage = { $ref: '#/$defs/d', maxLength: 3 };
      }),
    code: 'ref-sibling-unsupported',
    path: '/schema/properties/stage/maxLength',
  },
  {
    name: 'a pattern that does not compile',
    input: () =>
      withSchema((s) => {
        s.properties.stage.pattern = '([';
      }),
    code: 'pattern-invalid',
    path: '/schema/properties/stage/pattern',
  },
  {
    name: 'a ReDoS pattern',
    input: () =>
      withSchema((s) => {
        s.properties.stage.pattern = '^(a+)+$';
      }),
    code: 'pattern-unsafe',
    path: '/schema/properties/stage/pattern',
  },
  {
    name: 'a ReDoS patternProperties key',
    input: () =>
      withSchema((s) => {
        s.properties.stage = { type: 'object', patternProperties: { '^(a|a)*$': { type: 'string' } } };
      }),
    code: 'pattern-unsafe',
    path: '/schema/properties/stage/patternProperties/^(a|a)*$',
  },
  {
    name: 'a property named *',
    input: () =>
      withSchema((s) => {
        s.properties['*'] = { type: 'string' };
      }),
    code: 'property-name-reserved',
    path: '/schema/properties/*',
  },
  {
    name: 'a property name with /',
    input: () =>
      withSchema((s) => {
        s.properties['a/b'] = { type: 'string' };
      }),
    code: 'property-name-reserved',
    path: '/schema/properties/a~1b',
  },
  {
    name: 'a property named _id',
    input: () =>
      withSchema((s) => {
        s.properties.contacts.items.properties._id = { type: 'string' };
      }),
    code: 'property-name-reserved',
    path: '/schema/properties/contacts/items/properties/_id',
  },
  {
    name: 'owner naming no field',
    input: () => ({ ...baseTemplate(), owner: '/nobody' }),
    code: 'owner-unresolved',
    path: '/owner',
  },
  {
    name: 'owner inside an array',
    input: () => ({ ...baseTemplate(), owner: '/contacts/*/name' }),
    code: 'owner-unresolved',
    path: '/owner',
  },
  {
    name: 'due naming no field',
    input: () => ({ ...baseTemplate(), due: '/when' }),
    code: 'due-unresolved',
    path: '/due',
  },
  {
    name: 'a subject naming no field',
    input: () => ({ ...baseTemplate(), subject: ['/contacts/*/name', '/contacts/0/phone'] }),
    code: 'subject-unresolved',
    path: '/subject/1',
  },
  {
    name: 'a view column naming no field',
    input: () => ({ ...baseTemplate(), views: [{ id: 'v', title: 'V', columns: ['/stage', '/stag'] }] }),
    code: 'view-field-unresolved',
    path: '/views/0/columns/1',
  },
  {
    name: 'a view filter naming no field',
    input: () => ({
      ...baseTemplate(),
      views: [{ id: 'v', title: 'V', columns: [], filter: [{ field: '/x', op: 'exists' }] }],
    }),
    code: 'view-field-unresolved',
    path: '/views/0/filter/0/field',
  },
  {
    name: 'a view sort naming no field',
    input: () => ({
      ...baseTemplate(),
      views: [{ id: 'v', title: 'V', columns: [], sort: [{ field: '/x', dir: 'asc' }] }],
    }),
    code: 'view-field-unresolved',
    path: '/views/0/sort/0/field',
  },
  {
    name: 'two views with one id',
    input: () => ({
      ...baseTemplate(),
      views: [
        { id: 'v', title: 'V', columns: [] },
        { id: 'v', title: 'W', columns: [] },
      ],
    }),
    code: 'view-id-duplicate',
    path: '/views/1/id',
  },
  {
    name: 'a root retention after naming no field',
    input: () => ({ ...baseTemplate(), retention: { days: 1, after: '/lastSeen', action: 'delete' } }),
    code: 'retention-after-unresolved',
    path: '/retention/after',
  },
  {
    name: 'an item retention pointing outside the item',
    input: () =>
      withSchema((s) => {
        s.properties.contacts.items['x-privacy'] = {
          retention: { days: 1, after: '/stage', action: 'delete' },
        };
      }),
    code: 'retention-after-unresolved',
    path: '/schema/properties/contacts/items/x-privacy/retention/after',
  },
  {
    name: 'a child level below its annotated ancestor',
    input: () =>
      withSchema((s) => {
        s.properties.contacts['x-privacy'] = { level: 'confidential' };
        s.properties.contacts.items.properties.name['x-privacy'] = { level: 'internal' };
      }),
    code: 'annotation-weaker',
    path: '/schema/properties/contacts/items/properties/name/x-privacy',
  },
  {
    name: 'a child access more generous than its ancestor',
    input: () =>
      withSchema((s) => {
        s.properties.contacts['x-privacy'] = { level: 'confidential' };
        s.properties.contacts.items.properties.name['x-privacy'] = { access: { rep: 'full' } };
      }),
    code: 'annotation-weaker',
    path: '/schema/properties/contacts/items/properties/name/x-privacy',
  },
  {
    name: 'a child export looser than its ancestor',
    input: () =>
      withSchema((s) => {
        s.properties.contacts['x-privacy'] = { export: 'deny' };
        s.properties.contacts.items.properties.name['x-privacy'] = { export: 'masked' };
      }),
    code: 'annotation-weaker',
    path: '/schema/properties/contacts/items/properties/name/x-privacy',
  },
  {
    name: 'fields nested deeper than 32',
    input: () =>
      withSchema((s) => {
        let node = s;
        for (let i = 0; i < 34; i++) {
          node.properties.n = { type: 'object', properties: {} };
          node = node.properties.n;
        }
      }),
    code: 'too-deep',
    path: `/schema${'/properties/n'.repeat(33)}`,
  },
];

describe('parseTemplate errors', () => {
  for (const c of cases) {
    it(`refuses ${c.name} with ${c.code} at its pointer`, () => {
      const errors = errorsOf(c.input());
      expect(errors).toContainEqual(expect.objectContaining({ code: c.code, path: c.path }));
      for (const e of errors) expect(e.message.length).toBeGreaterThan(10);
    });
  }

  it('accepts enumNames that label every enum value, directly or through $ref', () => {
    const t = withSchema((s) => {
      s.$defs = { channel: { type: 'string', enum: ['phone', 'visit'] } };
      s.properties.stage.enum = ['lead', 'won', 'lost'];
      s.properties.stage['x-i18n'] = { en: { enumNames: ['Lead', 'Won', 'Lost'] } };
      s.properties.channel = { $ref: '#/$defs/channel', 'x-i18n': { en: { enumNames: ['Phone', 'Visit'] } } };
    });
    const r = parseTemplate(t, DEFAULT_WORKSPACE_POLICY);
    expect(r.status).toBe('ok');
    if (r.status === 'ok')
      expect(r.template.fields.find((f) => f.path === '/stage')?.i18n.en?.enumNames).toEqual([
        'Lead',
        'Won',
        'Lost',
      ]);
  });

  it('accepts a child that is stricter than its ancestor', () => {
    const t = withSchema((s) => {
      s.properties.contacts['x-privacy'] = { level: 'confidential' };
      s.properties.contacts.items.properties.name['x-privacy'] = { level: 'restricted' };
    });
    expect(parseTemplate(t, DEFAULT_WORKSPACE_POLICY).status).toBe('ok');
  });

  it('never quotes a field value in its messages', () => {
    const canary = '13912345678-CANARY';
    const t = withSchema(
      (s) => {
        s.properties.stage = {
          type: 'string',
          default: canary,
          enum: [canary],
          'x-privacy': { level: canary },
        };
      },
      (tpl) => {
        tpl.views = [
          { id: 'v', title: 'V', columns: [], filter: [{ field: '/nope', op: 'eq', value: canary }] },
        ];
      },
    );
    expect(JSON.stringify(errorsOf(t))).not.toContain('CANARY');
    expect(JSON.stringify(errorsOf(`{"id": "${canary}", `))).not.toContain('CANARY');
  });
});

describe('parseTemplate on hostile input', { timeout: 5000 }, () => {
  it('refuses a 10 MB template as text and as a value', () => {
    const big = { ...baseTemplate(), description: 'x'.repeat(10 * 1024 * 1024) };
    expect(errorsOf(JSON.stringify(big))).toEqual([expect.objectContaining({ code: 'too-large', path: '' })]);
    expect(errorsOf(big)).toEqual([expect.objectContaining({ code: 'too-large', path: '' })]);
  });

  it('refuses a 10,000-field template', () => {
    const t = withSchema((s) => {
      for (let i = 0; i < 10_000; i++) s.properties[`f${i}`] = { type: 'string' };
    });
    expect(errorsOf(t)).toEqual([expect.objectContaining({ code: 'too-many-fields', path: '/schema' })]);
  });

  it('refuses 2,001 fields reached only through $ref expansion', () => {
    const t = withSchema((s) => {
      const props: Record<string, unknown> = {};
      for (let i = 0; i < 100; i++) props[`f${i}`] = { type: 'string' };
      s.$defs = { block: { type: 'object', properties: props } };
      for (let i = 0; i < 25; i++) s.properties[`b${i}`] = { $ref: '#/$defs/block' };
    });
    expect(errorsOf(t)).toEqual([expect.objectContaining({ code: 'too-many-fields' })]);
  });

  it('refuses exponential $ref expansion', () => {
    const t = withSchema((s) => {
      s.$defs = { d0: { type: 'string' } };
      for (let i = 1; i < 40; i++) {
        s.$defs[`d${i}`] = {
          type: 'object',
          properties: { a: { $ref: `#/$defs/d${i - 1}` }, b: { $ref: `#/$defs/d${i - 1}` } },
        };
      }
      s.properties.x = { $ref: '#/$defs/d39' };
    });
    expect(errorsOf(t)[0]?.code).toMatch(/too-large|too-many-fields|too-deep/);
  });

  it('refuses 100,000-deep nesting as text and as a value', () => {
    const text = `{"id":"t","version":1,"title":"T","owner":"/o","schema":${'['.repeat(100_000)}${']'.repeat(100_000)}}`;
    expect(errorsOf(text)).toEqual([expect.objectContaining({ code: 'too-deep' })]);
    let deep: unknown = {};
    for (let i = 0; i < 100_000; i++) deep = { a: deep };
    expect(errorsOf({ ...baseTemplate(), uiSchema: deep })).toEqual([
      expect.objectContaining({ code: 'too-deep' }),
    ]);
  });

  it('refuses a cyclic object value without hanging', () => {
    const t: Loose = baseTemplate();
    t.uiSchema = { self: null };
    t.uiSchema.self = t.uiSchema;
    expect(errorsOf(t)[0]?.code).toBe('too-deep');
  });

  it('refuses catastrophic patterns', () => {
    for (const p of ['^(a+)+$', '(x+x+)+y', '^(\\w+\\s?)*$']) {
      const errors = errorsOf(
        withSchema((s) => {
          s.properties.stage.pattern = p;
        }),
      );
      expect(errors).toContainEqual(expect.objectContaining({ code: 'pattern-unsafe' }));
    }
  });
});
