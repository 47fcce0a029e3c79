import type { JsonSchema } from '@veil/schema';

/** Where a validation error points: the field's title path for people, and its input's id. */
export interface ErrorField {
  /** Titles from the form's root, an array item as `Title 2` (1-based), e.g. `Follow-ups 1 · Date`. */
  label: string;
  /** The id rjsf gives the field's input (`root_followUps_0_at`). */
  id: string;
}

/** rjsf's property of an error (`.followUps.0.at`, `.contacts[1].name`) as segments. */
function segmentsOf(property: string | undefined): string[] {
  return (property ?? '').split(/[.[\]'"]+/).filter((s) => s !== '');
}

/**
 * The title path and input id of the field an error points at, read from the form's (projected,
 * localized) schema; segments the schema does not know are left out of the label.
 */
export function errorField(schema: JsonSchema, property: string | undefined): ErrorField {
  const segments = segmentsOf(property);
  const labels: string[] = [];
  let node: JsonSchema | undefined = schema;
  for (const segment of segments) {
    if (node === undefined) break;
    if (/^\d+$/.test(segment) && node.items && typeof node.items === 'object') {
      const last = labels.pop();
      labels.push(`${last ?? ''} ${Number(segment) + 1}`.trim());
      node = node.items as JsonSchema;
      continue;
    }
    const child: JsonSchema | undefined = node.properties?.[segment];
    if (child === undefined) break;
    labels.push(child.title ?? segment);
    node = child;
  }
  return { label: labels.join(' · '), id: ['root', ...segments].join('_') };
}
