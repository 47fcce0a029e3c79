import { compilePolicy, createViewer, type Directory, type Keyring, type VeilRecord } from '@veil/policy';
import { isPersonalField, parseTemplate, relationsInScope, type SanitizedTemplate } from '@veil/schema';
import { describe, expect, it } from 'vitest';
import { generateSample, mapTemplate, packPolicy, readPack, resolveMapping } from '../src/index.js';
import { PACK_NAMES, packFiles, t } from './helpers/packFixtures.js';

const directory: Directory = {
  parentOf: { sales: null, east: 'sales', west: 'sales' },
  departmentOf: { 'user-rep-a': 'east', 'user-rep-b': 'east', 'user-rep-c': 'west', 'user-manager': 'sales' },
};
const keys: Keyring = {
  hashToken: (value) => `h${value.length}`,
  blindIndex: (field, value) => `${field}:${value.length}`,
  auditRef: (id) => `ref:${id}`,
};

/** Array items get the `_id` the server assigns on create. */
function withItemIds(value: unknown, prefix: string): unknown {
  if (Array.isArray(value)) {
    return value.map((item, i) =>
      typeof item === 'object' && item !== null
        ? { _id: `${prefix}-${i}`, ...(withItemIds(item, `${prefix}-${i}`) as object) }
        : item,
    );
  }
  if (typeof value === 'object' && value !== null) {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, withItemIds(v, `${prefix}-${k}`)]));
  }
  return value;
}

interface Installed {
  template: SanitizedTemplate;
  records: VeilRecord[];
  roles: { id: string; rowScope: 'own' | 'team' | 'all' }[];
}

function install(name: string): Installed[] {
  const pack = readPack(t, packFiles(name));
  // A fresh workspace that has the pack's roles and purposes: the mapping is the identity.
  const workspace = packPolicy(pack.manifest);
  const mapping = resolveMapping(t, 'en', pack.manifest, workspace, []);
  return pack.templates.map(({ template }) => {
    const parsed = parseTemplate(mapTemplate(template, mapping), workspace);
    if (parsed.status !== 'ok') throw new Error(`${name} does not install`);
    const records = generateSample(parsed.template, pack.sample).map((data, i) => ({
      id: `${name}-${i}`,
      templateId: parsed.template.id,
      templateVersion: parsed.template.version,
      version: 1,
      createdAt: '2026-12-01T00:00:00.000Z',
      updatedAt: '2026-12-01T00:00:00.000Z',
      data: withItemIds(data, `r${i}`) as Record<string, unknown>,
    }));
    return {
      template: parsed.template,
      records,
      roles: workspace.roles.map((r) => ({ id: r.id, rowScope: r.rowScope })),
    };
  });
}

describe.each(PACK_NAMES)('the %s pack, installed into a fresh workspace', (name) => {
  for (const { template, records, roles } of install(name)) {
    const compiled = compilePolicy(template, packPolicy(readPack(t, packFiles(name)).manifest), {
      keys,
      locale: 'en',
    });
    const personal = template.fields.filter((f) => f.leaf && f.parent === '' && isPersonalField(f));

    it.each(roles.map((r) => [r.id, r.rowScope] as const))(
      'renders records, forms and views for %s exactly as the policy says',
      (role, rowScope) => {
        const id = role === 'manager' ? 'user-manager' : 'user-rep-a';
        const viewer = createViewer(
          {
            id,
            roles: [role],
            departmentId: directory.departmentOf[id] ?? null,
            managedDepartmentIds: role === 'manager' ? ['sales'] : [],
          },
          directory,
        );
        let seen = 0;
        for (const record of records) {
          const projected = compiled.projectRecord(record, viewer);
          if (projected === null) continue;
          seen += 1;
          for (const field of personal) {
            const key = field.segments[0] as string;
            const raw = record.data[key];
            if (raw === undefined) continue;
            const access = field.privacy.access[role]?.[projected.relation] ?? 'hidden';
            if (access === 'hidden')
              expect(projected.data, `${field.path} for ${role}`).not.toHaveProperty(key);
            else if (access === 'full') expect(projected.data[key]).toEqual(raw);
            else {
              expect(projected.masked, `${field.path} for ${role}`).toContain(field.path);
              if (typeof raw === 'string' && raw.length > 4)
                expect(JSON.stringify(projected.data)).not.toContain(raw);
            }
          }
        }
        // Admins and compliance see every row; every staff role sees at least its own.
        expect(seen).toBeGreaterThan(0);
        for (const target of [
          'create',
          { relation: 'owner' as const },
          { relation: 'any' as const },
        ] as const) {
          const form = compiled.projectForm(viewer, target, 'en');
          const props = Object.keys(form.schema.properties ?? {});
          for (const field of personal) {
            const relation = target === 'create' ? 'owner' : target.relation;
            const access = field.privacy.access[role]?.[relation] ?? 'hidden';
            if (access === 'hidden')
              expect(props, `${field.path} in the ${role} form`).not.toContain(field.segments[0]);
          }
        }
        // A view runs for a role exactly when it reads every filtered and sorted field in full on every row it sees.
        const readsInFull = (path: string) => {
          const field = template.fields.find((f) => f.path === path);
          return relationsInScope(rowScope).every((rel) => field?.privacy.access[role]?.[rel] === 'full');
        };
        for (const view of template.views) {
          const used = [...(view.filter ?? []).map((f) => f.field), ...(view.sort ?? []).map((s) => s.field)];
          const guard = compiled.guardQuery(
            { ...(view.filter ? { filters: view.filter } : {}), ...(view.sort ? { sort: view.sort } : {}) },
            viewer,
          );
          expect(guard.status, `view ${view.id} for ${role}`).toBe(
            used.every(readsInFull) ? 'allowed' : 'refused',
          );
          if (role !== 'partner')
            expect(guard.status, `view ${view.id} for staff role ${role}`).toBe('allowed');
        }
      },
    );
  }
});
