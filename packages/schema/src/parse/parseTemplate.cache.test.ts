import { afterEach, describe, expect, it, vi } from 'vitest';
import type { Template } from '../template.js';
import { DEFAULT_WORKSPACE_POLICY } from '../workspacePolicy.js';
import { getMetaValidators } from './metaValidators.js';
import { parseTemplate } from './parseTemplate.js';
import { baseTemplate } from './testTemplates.js';

const policy = DEFAULT_WORKSPACE_POLICY;

/** A template no other test of this file parses (the verdict cache lives as long as the module). */
function uniqueTemplate(tag: string): Template {
  const t = baseTemplate();
  t.schema.properties = { ...t.schema.properties, [tag]: { type: 'string', maxLength: 40 } };
  return t;
}

afterEach(() => {
  vi.restoreAllMocks();
});

describe('parseTemplate remembers Ajv verdicts by schema structure', () => {
  it('an edit of titles or x-privacy reuses the compile, and the result still shows the edit', () => {
    const compile = vi.spyOn(getMetaValidators().ajv, 'compile');
    const first = uniqueTemplate('annotationsOnly');
    const a = parseTemplate(first, policy);
    expect(a.status).toBe('ok');
    const callsAfterFirst = compile.mock.calls.length;
    expect(callsAfterFirst).toBe(1);

    const edited = structuredClone(first);
    const stage = edited.schema.properties?.stage as Record<string, unknown>;
    stage.title = '阶段';
    stage['x-privacy'] = { level: 'restricted' };
    const b = parseTemplate(edited, policy);
    expect(compile.mock.calls.length).toBe(callsAfterFirst);
    if (b.status !== 'ok') throw new Error('expected ok');
    const field = b.template.fields.find((f) => f.path === '/stage');
    expect(field?.title).toBe('阶段');
    expect(field?.privacy.level).toBe('restricted');
  });

  it('a structural edit compiles again and can turn the verdict', () => {
    const compile = vi.spyOn(getMetaValidators().ajv, 'compile');
    const t = uniqueTemplate('structural');
    expect(parseTemplate(t, policy).status).toBe('ok');
    const widened = structuredClone(t);
    (widened.schema.properties?.structural as Record<string, unknown>).maxLength = 80;
    expect(parseTemplate(widened, policy).status).toBe('ok');
    expect(compile.mock.calls.length).toBe(2);

    const broken = structuredClone(t);
    (broken.schema.properties?.structural as Record<string, unknown>).maxLength = 'long';
    const r = parseTemplate(broken, policy);
    expect(r.status).toBe('error');
    if (r.status === 'error') expect(r.errors[0]?.path).toBe('/schema/properties/structural/maxLength');
    // The same broken structure under another title: the same refusal, from the cache.
    const retitled = structuredClone(broken);
    retitled.schema.title = 'x';
    expect(parseTemplate(retitled, policy)).toEqual(r);
  });
});
