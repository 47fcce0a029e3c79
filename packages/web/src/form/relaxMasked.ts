import type { JsonSchema } from '@veil/schema';
import { splitPointer } from './pointers.js';

const VALUE_KEYWORDS = [
  'format',
  'pattern',
  'enum',
  'const',
  'minimum',
  'maximum',
  'exclusiveMinimum',
  'exclusiveMaximum',
  'multipleOf',
  'minLength',
  'maxLength',
] as const;

/**
 * The schema the form validates against: a masked value is a string such as `138****5678`
 * or `10万–50万`, so its node becomes a read-only string without value constraints, and
 * `required` names only properties that are still there (hidden ones were removed).
 */
export function relaxMasked(schema: JsonSchema, maskedPaths: Iterable<string>): JsonSchema {
  const copy = structuredClone(schema);
  for (const path of maskedPaths) {
    let node: JsonSchema | undefined = copy;
    for (const segment of splitPointer(path)) {
      node = segment === '*' ? node?.items : node?.properties?.[segment];
    }
    if (!node) continue;
    for (const keyword of VALUE_KEYWORDS) delete node[keyword];
    node.type = ['string', 'null'];
    node.readOnly = true;
  }
  const prune = (node: JsonSchema) => {
    if (node.properties) {
      if (node.required) node.required = node.required.filter((key) => key in (node.properties ?? {}));
      for (const child of Object.values(node.properties)) prune(child);
    }
    if (node.items) prune(node.items);
  };
  prune(copy);
  return copy;
}
