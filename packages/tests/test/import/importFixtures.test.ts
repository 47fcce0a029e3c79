import { DEFAULT_WORKSPACE_POLICY, importSchema, lintTemplate, parseTemplate } from '@veil/schema';
import { describe, expect, it } from 'vitest';
import { loadImportFixtures, originalValidator } from './importFixtures.js';

const fixtures = loadImportFixtures();
const owner = { type: 'string' as const, title: 'Owner' };

describe('schemas people already have (test/fixtures/import)', () => {
  it('has at least 40 fixtures, each with valid records that really are valid under its own draft', () => {
    expect(fixtures.length).toBeGreaterThanOrEqual(40);
    for (const fixture of fixtures) {
      expect(fixture.valid.length, fixture.name).toBeGreaterThan(0);
      // Its records cannot be checked without fetching the other document, which no one should do.
      if (fixture.refused?.code === 'ref-remote') continue;
      const validate = originalValidator(fixture);
      for (const record of fixture.valid)
        expect(validate(record), `${fixture.name}: ${JSON.stringify(record)}`).toBe(true);
    }
  });

  it.each(fixtures.map((f) => [f.name, f] as const))(
    '%s imports with its rewrites listed, or is refused as expected',
    (_, fixture) => {
      const { template, changes } = importSchema(fixture.schema, { id: fixture.name, ownerField: owner });
      const parsed = parseTemplate(template, DEFAULT_WORKSPACE_POLICY);
      if (fixture.refused) {
        expect(parsed.status).toBe('error');
        if (parsed.status === 'error') {
          expect(parsed.errors[0]?.code).toBe(fixture.refused.code);
          expect(parsed.errors[0]?.message).toContain(fixture.refused.message);
        }
        return;
      }
      if (parsed.status === 'error') throw new Error(`${fixture.name}: ${JSON.stringify(parsed.errors)}`);
      // Every draft keyword is rewritten and said so; a 2020-12 schema gets only the owner field.
      expect(changes.length).toBeGreaterThan(0);
      for (const change of changes) expect(change.message.length).toBeGreaterThan(10);
      expect(lintTemplate(template, DEFAULT_WORKSPACE_POLICY).publishable, fixture.name).toBe(true);
    },
  );

  it('reports the acceptance counts', () => {
    let imported = 0;
    const refused: string[] = [];
    for (const fixture of fixtures) {
      const { template } = importSchema(fixture.schema, { id: fixture.name, ownerField: owner });
      const parsed = parseTemplate(template, DEFAULT_WORKSPACE_POLICY);
      if (parsed.status === 'ok') imported++;
      else refused.push(`${fixture.name}: ${parsed.errors[0]?.code} — ${parsed.errors[0]?.message}`);
    }
    console.log(
      `import fixtures: ${fixtures.length} total, ${imported} imported, ${refused.length} refused\n${refused.join('\n')}`,
    );
    expect(imported + refused.length).toBe(fixtures.length);
    expect(refused.length).toBe(fixtures.filter((f) => f.refused).length);
  });
});
