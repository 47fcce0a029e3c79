import { showsInFull, showsMasked } from '@veil/policy';
import type { JsonSchema } from '@veil/schema';
import { joinPointer } from './pointers.js';

/** A field of a projected form schema, with what its uiSchema says about it. */
export interface FormField {
  path: string;
  title: string;
  kind: string;
  readOnly: boolean;
  /** Marked masked by the server (a lock is drawn). */
  masked: boolean;
  enum?: unknown[];
  enumNames?: string[];
  format?: string;
}

type Ui = Record<string, unknown>;

function uiOptions(ui: Ui | undefined): Record<string, unknown> {
  const options = ui?.['ui:options'];
  return typeof options === 'object' && options !== null ? (options as Record<string, unknown>) : {};
}

/** Does the server mark this node as masked for the viewer? (several spellings accepted) */
function isMaskedNode(schema: JsonSchema | undefined, ui: Ui | undefined): boolean {
  const options = uiOptions(ui);
  return (
    options.masked === true ||
    showsMasked(options.veilAccess) ||
    ui?.['ui:masked'] === true ||
    schema?.['x-masked'] === true ||
    (typeof schema?.['x-access'] === 'string' && !showsInFull(schema['x-access']))
  );
}

function enumNamesOf(ui: Ui | undefined): string[] | undefined {
  const names = ui?.['ui:enumNames'] ?? uiOptions(ui).enumNames;
  return Array.isArray(names) ? names.map(String) : undefined;
}

/** Every field of a projected schema, depth first (array items as `*`). */
export function schemaFields(schema: JsonSchema, uiSchema: Ui): FormField[] {
  const out: FormField[] = [];
  const walk = (node: JsonSchema, ui: Ui | undefined, segments: string[]) => {
    const type = Array.isArray(node.type) ? node.type.find((t) => t !== 'null') : node.type;
    if (segments.length > 0) {
      const field: FormField = {
        path: joinPointer(segments),
        title: node.title ?? segments[segments.length - 1] ?? '',
        kind: type ?? 'string',
        readOnly: node.readOnly === true || ui?.['ui:readonly'] === true,
        masked: isMaskedNode(node, ui),
      };
      if (node.enum) field.enum = node.enum;
      const names = enumNamesOf(ui);
      if (names) field.enumNames = names;
      if (node.format) field.format = node.format;
      out.push(field);
    }
    if (node.properties) {
      for (const [key, child] of Object.entries(node.properties))
        walk(child, ui?.[key] as Ui | undefined, [...segments, key]);
    }
    if (type === 'array' && node.items && node.items.type === 'object') {
      walk(node.items, ui?.items as Ui | undefined, [...segments, '*']);
    }
  };
  walk(schema, uiSchema, []);
  return out;
}

/** Whether the viewer can change anything in this form (else it shows no save button). */
export function hasEditableField(schema: JsonSchema, uiSchema: Ui): boolean {
  return schemaFields(schema, uiSchema).some(
    (f) =>
      !f.readOnly &&
      !f.masked &&
      f.kind !== 'object' &&
      f.kind !== 'array' &&
      !(f.path.includes('/*') && isReadOnlyAncestor(schema, uiSchema, f.path)),
  );
}

/** A field inside a list the viewer may not edit (its items are read-only with the list). */
function isReadOnlyAncestor(schema: JsonSchema, uiSchema: Ui, path: string): boolean {
  const list = path.slice(0, path.indexOf('/*'));
  return schemaFields(schema, uiSchema).some((f) => f.path === list && f.readOnly);
}
