import {
  DEFAULT_WORKSPACE_POLICY,
  importSchema,
  parseTemplate,
  type SanitizedField,
  type SanitizedTemplate,
} from '@veil/schema';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  type ImportFixture,
  loadImportFixtures,
  originalValidator,
  withoutIds,
} from '../import/importFixtures.js';
import { type ApiClient, type Harness, startHarness } from './apiHarness.js';

const fixtures = loadImportFixtures().filter((f) => f.refused === undefined);
const owner = { type: 'string' as const, title: 'Owner' };

let h: Harness;
let admin: ApiClient;

beforeAll(async () => {
  h = await startHarness({ seed: { customers: 0 } });
  admin = await h.as('admin');
});
afterAll(async () => {
  await h?.close();
});

const esc = (s: string) => s.replace(/~/g, '~0').replace(/\//g, '~1');
const isObj = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v);

/** The leaf changes a form would send to create a record holding `data` (new items as `new:N`). */
function changesOf(template: SanitizedTemplate, data: Record<string, unknown>) {
  const byPath = new Map(template.fields.map((f) => [f.path, f]));
  const changes: { pointer: string; value: unknown }[] = [];
  let n = 0;
  const emit = (field: SanitizedField, value: unknown, pointer: string) => {
    if (field.leaf) changes.push({ pointer, value });
    else if (field.kind === 'object' && isObj(value)) walk(field.path, value, pointer);
    else if (Array.isArray(value))
      for (const item of value) if (isObj(item)) walk(`${field.path}/*`, item, `${pointer}/new:${++n}`);
  };
  const walk = (objectPath: string, value: Record<string, unknown>, pointer: string) => {
    for (const [key, v] of Object.entries(value)) {
      const declared = key === '*' ? undefined : byPath.get(`${objectPath}/${esc(key)}`);
      const field = declared ?? byPath.get(`${objectPath}/*`);
      if (field === undefined) throw new Error(`no field for ${objectPath}/${key}`);
      emit(field, v, `${pointer}/${esc(key)}`);
    }
  };
  walk('', data, '');
  return changes;
}

function prepare(fixture: ImportFixture) {
  const { template, changes } = importSchema(fixture.schema, { id: fixture.name, ownerField: owner });
  template.id = fixture.name;
  const parsed = parseTemplate(template, DEFAULT_WORKSPACE_POLICY);
  if (parsed.status !== 'ok') throw new Error(`${fixture.name}: ${JSON.stringify(parsed.errors)}`);
  const wrapped = changes.some((c) => c.code === 'root-wrapped');
  return { template, sanitized: parsed.template, wrapped };
}

describe('every valid record of every imported fixture, through the HTTP API', () => {
  it.each(fixtures.map((f) => [f.name, f] as const))(
    '%s: created, read back unchanged by its owner, valid under the original schema',
    async (_, fixture) => {
      const { template, sanitized, wrapped } = prepare(fixture);
      await admin.templates.saveDraft.mutate({ template: template as never });
      await admin.templates.publish.mutate({ templateId: template.id });
      const validate = originalValidator(fixture);
      for (const value of fixture.valid) {
        const data = (wrapped ? { value } : value) as Record<string, unknown>;
        const created = await admin.records.create.mutate({
          templateId: template.id,
          changes: changesOf(sanitized, data),
        });
        const read = await admin.records.get.query({ templateId: template.id, id: created.record!.id });
        const { ownerId, ...back } = withoutIds(read.data) as Record<string, unknown>;
        expect(ownerId).toBe('user-admin');
        expect(back).toEqual(data);
        expect(validate(wrapped ? back.value : back)).toBe(true);
      }
    },
  );
});
