import { readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { JsonSchema } from '@veil/schema';
import Ajv07Import from 'ajv';
import Ajv2019Import from 'ajv/dist/2019.js';
import Ajv2020Import from 'ajv/dist/2020.js';
import draft06 from 'ajv/dist/refs/json-schema-draft-06.json' with { type: 'json' };
import Ajv04Import from 'ajv-draft-04';
import addFormatsImport from 'ajv-formats';

/** One real-shaped schema someone already has, with records that are valid under it. */
export interface ImportFixture {
  name: string;
  title: string;
  draft: 'draft-04' | 'draft-06' | 'draft-07' | '2019-09' | '2020-12';
  schema: Record<string, unknown>;
  /** Record data valid under `schema` (for a non-object root: the root value itself). */
  valid: unknown[];
  /** Set when Veil must refuse the schema: the first error's code and part of its message. */
  refused?: { code: string; message: string };
}

const DIR = fileURLToPath(new URL('../fixtures/import/', import.meta.url));

/** Every fixture of `test/fixtures/import/`, by file name. */
export function loadImportFixtures(): ImportFixture[] {
  return readdirSync(DIR)
    .filter((f) => f.endsWith('.json'))
    .sort()
    .map((f) => ({ name: f.replace(/\.json$/, ''), ...JSON.parse(readFileSync(`${DIR}${f}`, 'utf8')) }));
}

type AjvLike = { compile(schema: object): ((data: unknown) => boolean) & { errors?: unknown } };
// CommonJS modules: under NodeNext the default import may be `module.exports`.
const cls = (m: unknown) => ((m as { default?: unknown }).default ?? m) as new (o: object) => AjvLike;
const addFormats = ((addFormatsImport as unknown as { default?: unknown }).default ?? addFormatsImport) as (
  ajv: AjvLike,
) => void;

/** A validator of the schema's own draft (not Veil's), lenient about vendor keywords. */
export function originalValidator(fixture: ImportFixture): (data: unknown) => boolean {
  const options = { strict: false, allErrors: true, validateFormats: true };
  let ajv: AjvLike;
  switch (fixture.draft) {
    case 'draft-04':
      ajv = new (cls(Ajv04Import))(options);
      break;
    case 'draft-06':
      ajv = new (cls(Ajv07Import))(options);
      (ajv as unknown as { addMetaSchema(s: object): void }).addMetaSchema(draft06);
      break;
    case 'draft-07':
      ajv = new (cls(Ajv07Import))(options);
      break;
    case '2019-09':
      ajv = new (cls(Ajv2019Import))(options);
      break;
    case '2020-12':
      ajv = new (cls(Ajv2020Import))(options);
      break;
  }
  addFormats(ajv);
  // `data-url` and `color` are not in ajv-formats; the original author's tooling knew them.
  const withFormats = ajv as unknown as { addFormat(name: string, f: RegExp | true): void };
  withFormats.addFormat('data-url', /^data:/);
  withFormats.addFormat('color', true);
  return ajv.compile(fixture.schema as JsonSchema);
}

/** The data without the server's item ids. */
export function withoutIds(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(withoutIds);
  if (value === null || typeof value !== 'object') return value;
  return Object.fromEntries(
    Object.entries(value)
      .filter(([k]) => k !== '_id')
      .map(([k, v]) => [k, withoutIds(v)]),
  );
}
