import {
  DEFAULT_WORKSPACE_POLICY,
  LINT_META_CODES,
  lintParsed,
  lintTemplate,
  parseTemplate,
  type Template,
} from '@veil/schema';
import { describe, expect, it } from 'vitest';
import { importJsonSchema } from './importJsonSchema.js';

import { newTemplate } from './newTemplate.js';
import { fieldPathOf, listFields, nodeAt } from './schemaPaths.js';
import {
  acknowledge,
  addField,
  moveField,
  nextFieldSlot,
  removeField,
  renameField,
  setFieldType,
  setPrivacy,
  setRequired,
  setTitle,
} from './templateOps.js';
import { historyReducer } from './useTemplateHistory.js';

function start(): Template {
  return structuredClone(newTemplate('ops-test'));
}

describe('template edits', () => {
  it('adds, nests, renames, reorders and removes fields, keeping required and ui:order in step', () => {
    const t = start();
    t.uiSchema = { ...t.uiSchema, 'ui:order': ['ownerId'] };
    expect(nextFieldSlot(t, '')?.path).toBe('/field');
    addField(t, '', 'string', { zh: '手机', en: 'Mobile' });
    renameField(t, '/field', 'phone');
    addField(t, '', 'list', { zh: '联系人', en: 'Contacts' });
    renameField(t, '/field', 'contacts');
    expect(nextFieldSlot(t, '/contacts')?.path).toBe('/contacts/*/field');
    addField(t, '/contacts', 'string', { zh: '姓名', en: 'Name' });
    setRequired(t, '/contacts/*/field', true);
    renameField(t, '/contacts/*/field', 'name');
    expect(nodeAt(t.schema, '/contacts')?.items?.required).toEqual(['name']);
    expect(listFields(t.schema).map((r) => r.path)).toEqual([
      '/ownerId',
      '/phone',
      '/contacts',
      '/contacts/*/name',
    ]);
    moveField(t, '/contacts', -1);
    expect(Object.keys(t.schema.properties ?? {})).toEqual(['ownerId', 'contacts', 'phone']);
    expect(t.uiSchema?.['ui:order']).toEqual(['ownerId', 'contacts', 'phone']);
    removeField(t, '/contacts');
    expect(listFields(t.schema).map((r) => r.path)).toEqual(['/ownerId', '/phone']);
    expect(parseTemplate(t, DEFAULT_WORKSPACE_POLICY).status).toBe('ok');
  });

  it('changes type but keeps titles and the annotation; sets both titles', () => {
    const t = start();
    addField(t, '', 'string', { zh: '金额', en: 'Amount' });
    setPrivacy(t, '/field', 'level', 'confidential');
    setFieldType(t, '/field', 'number');
    setTitle(t, '/field', 'en', 'Deal size');
    const node = nodeAt(t.schema, '/field');
    expect(node?.type).toBe('number');
    expect(node?.title).toBe('金额');
    expect(node?.['x-i18n']?.en?.title).toBe('Deal size');
    expect(node?.['x-privacy']?.level).toBe('confidential');
    setPrivacy(t, '/field', 'level', undefined);
    expect(node?.['x-privacy']).toBeUndefined();
  });

  it('renaming the owner field moves the owner pointer', () => {
    const t = start();
    renameField(t, '/ownerId', 'salesRep');
    expect(t.owner).toBe('/salesRep');
    expect(parseTemplate(t, DEFAULT_WORKSPACE_POLICY).status).toBe('ok');
  });
});

describe('undo / redo from immer patches', () => {
  it('undoes and redoes edits, and groups keystrokes of one box', () => {
    let state = { template: start(), past: [], future: [] } as Parameters<typeof historyReducer>[0];
    const first = state.template;
    state = historyReducer(state, {
      type: 'edit',
      recipe: (d) => void addField(d, '', 'string', { zh: 'a', en: 'a' }),
    });
    state = historyReducer(state, {
      type: 'edit',
      recipe: (d) => setTitle(d, '/field', 'zh-CN', 'x'),
      group: 't',
      at: 0,
    });
    state = historyReducer(state, {
      type: 'edit',
      recipe: (d) => setTitle(d, '/field', 'zh-CN', 'xy'),
      group: 't',
      at: 100,
    });
    expect(state.past).toHaveLength(2);
    state = historyReducer(state, { type: 'undo' });
    expect(nodeAt(state.template.schema, '/field')?.title).toBe('a');
    state = historyReducer(state, { type: 'undo' });
    expect(state.template).toEqual(first);
    state = historyReducer(state, { type: 'redo' });
    state = historyReducer(state, { type: 'redo' });
    expect(nodeAt(state.template.schema, '/field')?.title).toBe('xy');
    // A new edit clears what could be redone.
    state = historyReducer(state, { type: 'undo' });
    state = historyReducer(state, { type: 'edit', recipe: (d) => setRequired(d, '/field', true) });
    expect(state.future).toHaveLength(0);
  });
});

describe('import and lint', () => {
  const plain = JSON.stringify({
    type: 'object',
    title: 'Leads',
    properties: { phone: { type: 'string', title: '手机号' }, company: { type: 'string' } },
  });

  it('turns a plain JSON Schema into a template whose personal-looking fields lint flags', () => {
    const result = importJsonSchema(plain, 'fallback');
    if (result.status !== 'ok') throw new Error('expected ok');
    expect(result.template.id).toBe('leads');
    expect(result.template.owner).toBe('/ownerId');
    const report = lintTemplate(result.template, DEFAULT_WORKSPACE_POLICY);
    expect(report.findings.filter((f) => f.code === 'looks-personal-unannotated').map((f) => f.path)).toEqual(
      ['/phone'],
    );
  });

  it('refuses what is not JSON or not a schema object', () => {
    expect(importJsonSchema('{nope', 'x')).toEqual({ status: 'error', reason: 'json' });
    expect(importJsonSchema('[1, 2]', 'x')).toEqual({ status: 'error', reason: 'not-object-schema' });
  });

  it('migrates a draft-07 schema and wraps a non-object root, listing each change and the warnings', () => {
    const result = importJsonSchema(
      JSON.stringify({
        $schema: 'http://json-schema.org/draft-07/schema#',
        type: 'object',
        definitions: { line: { type: 'object', properties: { sku: { type: 'string' } } } },
        properties: {
          lines: { type: 'array', items: { $ref: '#/definitions/line' } },
          hue: { type: 'string', format: 'color' },
        },
      }),
      'x',
      DEFAULT_WORKSPACE_POLICY,
    );
    if (result.status !== 'ok') throw new Error('expected ok');
    expect(result.report.changes.map((c) => c.code)).toEqual([
      'schema-dropped',
      'definitions-renamed',
      'ref-rewritten',
      'owner-added',
    ]);
    expect(result.report.warnings.map((w) => w.code)).toEqual(['format-unknown']);
    const wrapped = importJsonSchema('{"type":"string"}', 'x');
    expect(wrapped.status === 'ok' && wrapped.report.changes[0]?.code).toBe('root-wrapped');
  });

  it('lints from the preview’s parse exactly like lintTemplate, acknowledgements included', () => {
    const result = importJsonSchema(plain, 'fallback');
    if (result.status !== 'ok') throw new Error('expected ok');
    const t = structuredClone(result.template);
    acknowledge(t, 'looks-personal-unannotated', '/phone', 'checked');
    acknowledge(t, 'no-such-code', '/company', 'stale');
    const parsed = parseTemplate(t, DEFAULT_WORKSPACE_POLICY);
    if (parsed.status !== 'ok') throw new Error('expected ok');
    const report = lintParsed(t, parsed.template, DEFAULT_WORKSPACE_POLICY);
    expect(report).toEqual(lintTemplate(t, DEFAULT_WORKSPACE_POLICY));
    // The schema's acknowledgement rules: the warning is acknowledged, the stale entry reported.
    expect(report.findings.find((f) => f.path === '/phone')?.acknowledged).toEqual({ reason: 'checked' });
    expect(report.findings.map((f) => f.code)).toContain(LINT_META_CODES.acknowledgeUnmatched);
  });

  it('maps lint and parse paths to field paths', () => {
    expect(fieldPathOf('/contacts/*/phone')).toBe('/contacts/*/phone');
    expect(fieldPathOf('/schema/properties/contacts/items/properties/phone')).toBe('/contacts/*/phone');
    expect(fieldPathOf('/lint/acknowledge/0')).toBeNull();
  });
});
