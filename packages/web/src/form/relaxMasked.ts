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
 * `required` names only properties that are still there (hidden ones were removed) and writable.
 */
export function relaxMasked(
  schema: JsonSchema,
  maskedPaths: Iterable<string>,
  uiSchema: Record<string, unknown> = {},
): JsonSchema {
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
  // A field the viewer cannot write (the owner on a new record, say) cannot block their save:
  // the server fills it and validates the merged record.
  const prune = (node: JsonSchema, ui: Record<string, unknown> | undefined) => {
    if (node.properties) {
      const props = node.properties;
      const writable = (key: string) => {
        const childUi = ui?.[key] as Record<string, unknown> | undefined;
        return (
          props[key]?.readOnly !== true &&
          childUi?.['ui:widget'] !== 'hidden' &&
          childUi?.['ui:readonly'] !== true
        );
      };
      if (node.required) node.required = node.required.filter((key) => key in props && writable(key));
      for (const [key, child] of Object.entries(props))
        prune(child, ui?.[key] as Record<string, unknown> | undefined);
    }
    if (node.items) prune(node.items, ui?.items as Record<string, unknown> | undefined);
  };
  prune(copy, uiSchema);
  return copy;
}
