import type { JsonSchema, SanitizedTemplate } from '@veil/schema';
import type { SampleSpec } from '../pack/sampleSpec.js';
import { FAKE_FORMATS } from './fakeFormats.js';
import { createSeededRandom, type SeededRandom } from './seededRandom.js';

/** Why a template cannot get sample data: a field needs a value pool. */
export class SampleGenerationError extends Error {
  /** Schema path of the field. */
  readonly path: string;
  constructor(path: string, message: string) {
    super(message);
    this.name = 'SampleGenerationError';
    this.path = path;
  }
}

interface Walk {
  random: SeededRandom;
  spec: SampleSpec;
  values: Record<string, (string | number | boolean)[]>;
  items: Record<string, [number, number]>;
  owner: string;
  n: number;
}

function typeOf(node: JsonSchema): string | undefined {
  return Array.isArray(node.type) ? node.type.find((t) => t !== 'null') : node.type;
}

function generateString(node: JsonSchema, path: string, walk: Walk): string {
  const format = node.format;
  if (format !== undefined) {
    const fake = FAKE_FORMATS[format];
    if (fake === undefined) {
      throw new SampleGenerationError(
        path,
        `no generator for format "${format}": add a value pool for ${path}`,
      );
    }
    return fake(walk.random, walk.n, walk.spec.baseDate);
  }
  if (node.pattern !== undefined) {
    throw new SampleGenerationError(path, `a pattern needs a value pool: add one for ${path}`);
  }
  const max = typeof node.maxLength === 'number' ? node.maxLength : 40;
  return `示例 ${node.title ?? 'text'} ${walk.n}`.slice(0, max);
}

function generateValue(node: JsonSchema, path: string, walk: Walk): unknown {
  if (path === walk.owner) return walk.spec.owners[(walk.n - 1) % walk.spec.owners.length];
  if ('const' in node) return node.const;
  const pool = walk.values[path];
  if (pool !== undefined && pool.length > 0) return walk.random.pick(pool);
  if (Array.isArray(node.enum) && node.enum.length > 0)
    return walk.random.pick(node.enum.filter((v) => v !== null));
  switch (typeOf(node)) {
    case 'object':
      return generateObject(node, path, walk);
    case 'array': {
      const [min, max] = walk.items[path] ?? [
        typeof node.minItems === 'number' ? node.minItems : 1,
        Math.min(typeof node.maxItems === 'number' ? node.maxItems : 3, 3),
      ];
      const item = node.items ?? {};
      const length = walk.random.int(min, Math.max(min, max));
      const out = Array.from({ length }, () => generateValue(item, `${path}/*`, walk));
      return node.uniqueItems ? [...new Set(out)] : out;
    }
    case 'integer':
    case 'number': {
      const min = typeof node.minimum === 'number' ? node.minimum : 0;
      const max = typeof node.maximum === 'number' ? node.maximum : Math.max(min, 1000);
      const value = min + walk.random.next() * (max - min);
      return typeOf(node) === 'integer' ? Math.floor(value) : Math.round(value * 100) / 100;
    }
    case 'boolean':
      return walk.random.next() < 0.5;
    case 'string':
      return generateString(node, path, walk);
    default:
      throw new SampleGenerationError(
        path,
        `cannot generate a value of this type: add a value pool for ${path}`,
      );
  }
}

function generateObject(node: JsonSchema, path: string, walk: Walk): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  const required = new Set(node.required ?? []);
  for (const [key, child] of Object.entries(node.properties ?? {})) {
    const childPath = `${path}/${key.replaceAll('~', '~0').replaceAll('/', '~1')}`;
    if (!required.has(key) && walk.values[childPath] === undefined && walk.random.next() < 0.2) continue;
    out[key] = generateValue(child, childPath, walk);
  }
  return out;
}

/**
 * Seeded sample records for one template: the same spec and seed give the same records. Values
 * come from the spec's pools, else from the schema (enums, ranges, fictitious formatted values).
 * Dates relative to the spec's `baseDate` (the generator reads no clock).
 */
export function generateSample(
  template: SanitizedTemplate,
  spec: SampleSpec,
  options: { count?: number; seed?: number } = {},
): Record<string, unknown>[] {
  const templateSpec = spec.templates[template.id] ?? {};
  const random = createSeededRandom(options.seed ?? spec.seed);
  const count = options.count ?? spec.count;
  return Array.from({ length: count }, (_, i) =>
    generateObject(template.schema, '', {
      random,
      spec,
      values: templateSpec.values ?? {},
      items: templateSpec.items ?? {},
      owner: template.owner,
      n: i + 1,
    }),
  );
}
