import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { ParseResult } from '../sanitized.js';
import { DEFAULT_WORKSPACE_POLICY } from '../workspacePolicy.js';
import { parseTemplate } from './parseTemplate.js';

const fixture = JSON.parse(
  readFileSync(new URL('../../test/fixtures/parse/follow-up.json', import.meta.url), 'utf8'),
) as unknown;

function wellFormed(r: ParseResult): boolean {
  return r.status === 'ok'
    ? r.template.fields.length > 0
    : r.errors.length > 0 && r.errors.every((e) => typeof e.path === 'string' && e.code !== '');
}

type Container = Record<string, unknown> | unknown[];

/** Every (container, key) slot of a JSON value. */
function slots(root: unknown): [Container, string | number][] {
  const out: [Container, string | number][] = [];
  const stack: unknown[] = [root];
  while (stack.length > 0) {
    const v = stack.pop();
    if (Array.isArray(v))
      v.forEach((x, i) => {
        out.push([v, i]);
        stack.push(x);
      });
    else if (typeof v === 'object' && v !== null) {
      for (const [k, x] of Object.entries(v)) {
        out.push([v as Record<string, unknown>, k]);
        stack.push(x);
      }
    }
  }
  return out;
}

const annotationValue = fc.oneof(
  fc.jsonValue({ maxDepth: 2 }),
  fc.constantFrom(
    'public',
    'restricted',
    'hidden',
    'full',
    'partial',
    'exact',
    '*',
    'rep',
    'staff',
    '/ownerId',
    '#/$defs/mobile',
    '^(a+)+$',
  ),
  fc.record(
    { level: fc.string(), access: fc.dictionary(fc.string({ maxLength: 6 }), fc.jsonValue({ maxDepth: 1 })) },
    { requiredKeys: [] },
  ),
);

const mutation = fc.record({
  at: fc.nat(),
  op: fc.constantFrom('drop', 'replace', 'rename', 'type'),
  value: annotationValue,
  key: fc.oneof(
    fc.string({ maxLength: 8 }),
    fc.constantFrom('x-privacy', 'levle', '$ref', '__proto__', 'type', 'items', 'properties', '_id', '*'),
  ),
});

function mutate(
  template: unknown,
  mutations: { at: number; op: string; value: unknown; key: string }[],
): unknown {
  const copy = structuredClone(template);
  for (const m of mutations) {
    const all = slots(copy);
    if (all.length === 0) break;
    const [container, key] = all[m.at % all.length]!;
    if (Array.isArray(container)) {
      if (m.op === 'drop') container.splice(key as number, 1);
      else container[key as number] = m.value;
      continue;
    }
    const k = key as string;
    switch (m.op) {
      case 'drop':
        delete container[k];
        break;
      case 'replace':
        container[k] = m.value;
        break;
      case 'rename': {
        const v = container[k];
        delete container[k];
        Object.defineProperty(container, m.key, {
          value: v,
          enumerable: true,
          configurable: true,
          writable: true,
        });
        break;
      }
      case 'type':
        container.type = m.value;
        break;
    }
  }
  return copy;
}

describe('parseTemplate never throws', () => {
  it('on arbitrary JSON values', () => {
    fc.assert(
      fc.property(fc.jsonValue(), (v) => wellFormed(parseTemplate(v, DEFAULT_WORKSPACE_POLICY))),
      { numRuns: 200 },
    );
  });

  it('on arbitrary text', () => {
    fc.assert(
      fc.property(fc.oneof(fc.string(), fc.json()), (s) =>
        wellFormed(parseTemplate(s, DEFAULT_WORKSPACE_POLICY)),
      ),
      { numRuns: 200 },
    );
  });

  it('on mutated valid templates (fields dropped, types changed, annotations corrupted, keys renamed)', () => {
    expect(parseTemplate(fixture, DEFAULT_WORKSPACE_POLICY).status).toBe('ok');
    fc.assert(
      fc.property(fc.array(mutation, { minLength: 1, maxLength: 4 }), fc.boolean(), (ms, asText) => {
        const mutated = mutate(fixture, ms);
        const r = parseTemplate(asText ? JSON.stringify(mutated) : mutated, DEFAULT_WORKSPACE_POLICY);
        expect(wellFormed(r)).toBe(true);
        if (r.status === 'error') expect(r.errors.map((e) => e.code)).not.toContain('internal-error');
      }),
      { numRuns: 150 },
    );
  });
});
