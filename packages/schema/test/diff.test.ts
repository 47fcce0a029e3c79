import { readdirSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { diffTemplates } from '../src/diff/index.js';
import { TemplateInvalidError } from '../src/lint/index.js';
import type { Template } from '../src/template.js';
import { FIXTURES_DIR, loadTemplate, loadWorkspacePolicy, readJson } from './loadJson.js';

const policy = loadWorkspacePolicy();
const dir = `${FIXTURES_DIR}diff/`;
const cases = readdirSync(dir).sort();

interface Expected {
  breaking: boolean;
  weakensPrivacy: boolean;
  changes: { path: string; kind: string; classification: string; privacy?: string; role?: string }[];
}

describe('diffTemplates fixtures', () => {
  it.each(cases)('%s', (name) => {
    const v1 = readJson<Template>(`${dir}${name}/v1.json`);
    const v2 = readJson<Template>(`${dir}${name}/v2.json`);
    const expected = readJson<Expected>(`${dir}${name}/expected.json`);
    const diff = diffTemplates(v1, v2, policy);
    expect(diff.changes.map(({ message: _message, ...rest }) => rest)).toEqual(expected.changes);
    expect(diff.breaking).toBe(expected.breaking);
    expect(diff.weakensPrivacy).toBe(expected.weakensPrivacy);
    for (const change of diff.changes) expect(change.message.length).toBeGreaterThan(5);
  });

  it('covers every change kind at least once', () => {
    const kinds = new Set(
      cases.flatMap((name) => readJson<Expected>(`${dir}${name}/expected.json`).changes.map((c) => c.kind)),
    );
    expect([...kinds].sort()).toEqual(
      [
        'field-added',
        'field-removed',
        'type-changed',
        'type-widened',
        'format-changed',
        'format-removed',
        'enum-narrowed',
        'enum-widened',
        'made-required',
        'made-optional',
        'owner-changed',
        'level-lowered',
        'level-raised',
        'access-widened',
        'access-narrowed',
        'retention-lengthened',
        'retention-shortened',
        'retention-removed',
        'retention-added',
        'retention-action-changed',
        'retention-anchor-changed',
        'export-loosened',
        'export-tightened',
        'encryption-off',
        'encryption-on',
        'mask-weakened',
        'mask-strengthened',
        'mask-changed',
        'scan-off',
        'scan-on',
        'search-index-added',
        'search-index-removed',
        'purpose-changed',
        'basis-changed',
      ].sort(),
    );
  });
});

describe('diffTemplates', () => {
  it('finds nothing between a template and itself', () => {
    const t = loadTemplate('b2b-follow-up');
    expect(diffTemplates(t, t, policy)).toEqual({ changes: [], breaking: false, weakensPrivacy: false });
  });

  it('reports only the topmost node of a removed subtree', () => {
    const a = loadTemplate('b2b-follow-up');
    const { contacts: _contacts, ...rest } = a.schema.properties ?? {};
    const b: Template = { ...a, subject: [], schema: { ...a.schema, properties: rest } };
    expect(diffTemplates(a, b, policy).changes.map((c) => [c.path, c.kind])).toEqual([
      ['/contacts', 'field-removed'],
    ]);
  });

  it('sees a change of the workspace default through the resolved privacy', () => {
    const t = readJson<Template>(`${dir}no-change/v1.json`);
    const stricter = {
      ...policy,
      levelDefaults: {
        ...policy.levelDefaults,
        confidential: { ...policy.levelDefaults.confidential, export: 'deny' as const },
      },
    };
    // A template that spells out the confidential default export differs from one that inherits it
    // only once the workspace default changes: the diff sees the resolved value.
    const spelled: Template = structuredClone(t);
    const name = spelled.schema.properties?.name?.['x-privacy'];
    if (name) name.export = 'masked';
    expect(diffTemplates(t, spelled, policy).changes).toEqual([]);
    expect(diffTemplates(t, spelled, stricter).changes.map((c) => c.kind)).toEqual(['export-loosened']);
  });

  it('throws a TemplateInvalidError naming no value when a version does not parse', () => {
    const t = loadTemplate('b2b-follow-up');
    expect(() => diffTemplates(t, { ...t, owner: '/missing' }, policy)).toThrow(TemplateInvalidError);
  });
});
