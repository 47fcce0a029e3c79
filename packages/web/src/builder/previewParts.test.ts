import { DEFAULT_WORKSPACE_POLICY, type JsonSchema, type Template } from '@veil/schema';
import { describe, expect, it } from 'vitest';
import { computePreview } from './computePreview.js';
import { previewParts } from './previewParts.js';

function template(phoneLevel: 'confidential' | 'public', fields = 20): Template {
  const properties: Record<string, JsonSchema> = {
    ownerId: { type: 'string', title: '负责人', 'x-privacy': { level: 'internal' } },
    phone: {
      type: 'string',
      title: '手机号',
      format: 'cn-mobile',
      'x-privacy': {
        level: phoneLevel,
        purpose: 'contact',
        basis: 'consent',
        mask: { style: 'partial', keepStart: 3, keepEnd: 4 },
      },
    },
    secret: {
      type: 'string',
      title: '备注',
      'x-privacy': { level: 'restricted', access: { rep: 'hidden' } },
    },
  };
  for (let i = 0; i < fields; i++) properties[`f${i}`] = { type: 'string', title: `字段${i}` };
  return {
    id: 'parts',
    version: 1,
    title: '分块',
    owner: '/ownerId',
    uiSchema: { ownerId: { 'ui:widget': 'hidden' } },
    schema: { type: 'object', title: '分块', required: ['ownerId', 'f0'], properties },
  };
}

function partsFor(t: Template) {
  const view = computePreview(t, DEFAULT_WORKSPACE_POLICY, {
    role: 'rep',
    relation: 'team',
    locale: 'zh-CN',
  });
  if (view.status !== 'ok' || !view.data) throw new Error('expected a preview');
  const parts = previewParts(view.form.schema, view.form.uiSchema, view.data, view.masked, view.revealable);
  if (!parts) throw new Error('expected a split preview');
  return parts;
}

describe('previewParts', () => {
  it('gives each visible top-level field its own root, hidden fields none, with its value and required flag', () => {
    const parts = partsFor(template('confidential'));
    const names = parts.parts.map((p) => p.name);
    expect(names).not.toContain('secret');
    expect(names).toEqual(expect.arrayContaining(['ownerId', 'phone', 'f0', 'f19']));
    const phone = parts.parts.find((p) => p.name === 'phone');
    expect(phone?.formData).toEqual({ phone: '138****5678' });
    expect(Object.keys(phone?.schema.properties ?? {})).toEqual(['phone']);
    expect(parts.parts.find((p) => p.name === 'f0')?.schema.required).toEqual(['f0']);
    expect(parts.parts.find((p) => p.name === 'ownerId')?.uiSchema).toMatchObject({
      ownerId: { 'ui:widget': 'hidden' },
    });
    expect(parts.title).toBe('分块');
  });

  it('changes only the signature of the field an edit touched', () => {
    const before = partsFor(template('confidential'));
    const after = partsFor(template('public'));
    const changed = after.parts
      .filter((p, i) => p.signature !== before.parts[i]?.signature)
      .map((p) => p.name);
    expect(changed).toEqual(['phone']);
    expect(after.parts.find((p) => p.name === 'phone')?.formData).toEqual({ phone: '13812345678' });
  });

  it('follows ui:order and leaves schemas that tie fields together to the single form', () => {
    const schema: JsonSchema = {
      type: 'object',
      properties: { a: { type: 'string' }, b: { type: 'string' }, c: { type: 'string' } },
    };
    const ordered = previewParts(schema, { 'ui:order': ['c', '*'] }, {}, [], []);
    expect(ordered?.parts.map((p) => p.name)).toEqual(['c', 'a', 'b']);
    expect(previewParts({ ...schema, allOf: [{ required: ['a'] }] }, {}, {}, [], [])).toBeNull();
    expect(previewParts({ ...schema, dependentRequired: { a: ['b'] } }, {}, {}, [], [])).toBeNull();
    expect(previewParts(schema, { 'ui:ObjectFieldTemplate': 'x' }, {}, [], [])).toBeNull();
    expect(previewParts(schema, { 'ui:order': ['zz'] }, {}, [], [])).toBeNull();
  });
});
