import type { SanitizedTemplate } from '@veil/schema';

function isObject(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}

function escapeSegment(segment: string): string {
  return segment.replace(/~/g, '~0').replace(/\//g, '~1');
}

function unescapeSegment(segment: string): string {
  return segment.replace(/~1/g, '/').replace(/~0/g, '~');
}

const pathsByTemplate = new WeakMap<SanitizedTemplate, Set<string>>();

function pathsOf(template: SanitizedTemplate): Set<string> {
  let paths = pathsByTemplate.get(template);
  if (paths === undefined) {
    paths = new Set(template.fields.map((f) => f.path));
    pathsByTemplate.set(template, paths);
  }
  return paths;
}

/**
 * The pointer a validation issue names, from Ajv's instance path over the record's data: array
 * items by their `_id` (not their index), and every map key replaced by `*` (a key may be a
 * value, such as a phone number: docs/decisions/181-branch-and-map-fields.md).
 */
export function issuePointer(template: SanitizedTemplate, data: unknown, instancePath: string): string {
  if (instancePath === '') return '';
  const paths = pathsOf(template);
  let out = '';
  let schemaPath = '';
  let cursor: unknown = data;
  for (const raw of instancePath.slice(1).split('/')) {
    const segment = unescapeSegment(raw);
    if (Array.isArray(cursor)) {
      const item: unknown = cursor[Number(segment)];
      out += `/${escapeSegment(isObject(item) && typeof item._id === 'string' ? item._id : segment)}`;
      schemaPath += '/*';
      cursor = item;
      continue;
    }
    const own = `${schemaPath}/${escapeSegment(segment)}`;
    const entries = `${schemaPath}/*`;
    if (!paths.has(own) && paths.has(entries)) {
      out += '/*';
      schemaPath = entries;
    } else {
      out += `/${escapeSegment(segment)}`;
      schemaPath = own;
    }
    cursor = isObject(cursor) ? cursor[segment] : undefined;
  }
  return out;
}
