import { describe, expect, it } from 'vitest';
import { DEFAULT_WORKSPACE_POLICY } from '../workspacePolicy.js';
import { type Loose, withSchema } from './parseCaseKit.js';
import { parseTemplate } from './parseTemplate.js';
import { POINTER_ERROR_CASES } from './pointerErrorCases.js';
import { SCHEMA_ERROR_CASES } from './schemaErrorCases.js';
import { baseTemplate } from './testTemplates.js';

const cases = [...SCHEMA_ERROR_CASES, ...POINTER_ERROR_CASES];

function errorsOf(input: unknown) {
  const r = parseTemplate(input, DEFAULT_WORKSPACE_POLICY);
  if (r.status === 'ok') throw new Error('expected errors');
  return r.errors;
}

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
