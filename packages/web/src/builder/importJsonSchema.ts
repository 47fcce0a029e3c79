import type { JsonSchema, Template } from '@veil/schema';
import { OWNER_FIELD, slugId } from './newTemplate.js';
import { isSchema } from './schemaPaths.js';

export type ImportResult =
  | { status: 'ok'; template: Template }
  | { status: 'error'; reason: 'json' | 'not-object-schema' };

/**
 * A new template from pasted JSON: a whole Veil template is taken as it is; a plain JSON
 * Schema of an object becomes the template's schema, with an owner field added when it has
 * none. Nothing is annotated: lint then flags the fields that look personal.
 */
export function importJsonSchema(text: string, fallbackId: string): ImportResult {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return { status: 'error', reason: 'json' };
  }
  if (!isSchema(value)) return { status: 'error', reason: 'not-object-schema' };
  const raw = value as Record<string, unknown>;
  if (isSchema(raw.schema) && typeof raw.owner === 'string' && typeof raw.id === 'string') {
    return { status: 'ok', template: { ...(raw as unknown as Template), version: 1 } };
  }
  const schema = structuredClone(raw) as JsonSchema;
  if (schema.type !== 'object' || !isSchema(schema.properties))
    return { status: 'error', reason: 'not-object-schema' };
  delete schema.$schema;
  delete schema.$id;
  const title = typeof schema.title === 'string' && schema.title !== '' ? schema.title : 'Imported';
  const properties = schema.properties ?? {};
  const owner = Object.hasOwn(properties, 'ownerId')
    ? 'ownerId'
    : Object.hasOwn(properties, '_owner')
      ? '_owner'
      : 'ownerId';
  if (!Object.hasOwn(properties, owner)) schema.properties = { ...properties, [owner]: OWNER_FIELD };
  schema.required = [...new Set([...(schema.required ?? []), owner])];
  return {
    status: 'ok',
    template: {
      id: slugId(title, fallbackId),
      version: 1,
      title,
      owner: `/${owner}`,
      uiSchema: { [owner]: { 'ui:widget': 'hidden' } },
      schema,
    },
  };
}
