import { entrySchemas, facetsOf, itemSchemas, propertiesOf } from '../parse/fieldFacets.js';
import type { SanitizedField, SanitizedTemplate } from '../sanitized.js';

type Json = Record<string, unknown>;

/**
 * Every schema node that describes a field in the sanitized schema: its property schemas in
 * `properties` and in every branch of its parent, or its map's entry schemas, with their own
 * branches (facets).
 */
export function schemaNodesOf(template: SanitizedTemplate, field: SanitizedField): Json[] {
  const kinds = new Map(template.fields.map((f) => [f.path, f]));
  let nodes: Json[] = [template.schema as Json];
  let path = '';
  let inArray = false;
  for (const segment of field.segments) {
    const facets = nodes.flatMap((n) => facetsOf(n));
    if (segment === '*' && inArray) {
      nodes = itemSchemas(facets);
      inArray = false;
      path += '/*';
      continue;
    }
    path += `/${segment.replace(/~/g, '~0').replace(/\//g, '~1')}`;
    const declared = segment === '*' ? undefined : propertiesOf(facets).properties.get(segment);
    nodes = declared ?? (segment === '*' ? entrySchemas(facets) : []);
    const here = kinds.get(path);
    inArray = here?.kind === 'array' && !here.leaf;
  }
  return nodes.flatMap((n) => facetsOf(n).map((f) => f.node));
}
