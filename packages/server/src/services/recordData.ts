import type { FieldChange, ValuePointer } from '@veil/policy';
import type { SanitizedField, SanitizedTemplate } from '@veil/schema';
import type { ValidateFunction } from 'ajv';
import { enablePatches, type Patch, produceWithPatches } from 'immer';
import type { VeilIssue } from '../errors/veilError.js';
import { issuePointer } from './issuePointer.js';
import { withoutItemIds } from './withoutItemIds.js';

enablePatches();

const NEW_ITEM_PREFIX = 'new:';

export function parsePointer(pointer: string): string[] {
  if (pointer === '') return [];
  return pointer
    .slice(1)
    .split('/')
    .map((s) => s.replace(/~1/g, '/').replace(/~0/g, '~'));
}

export function joinPointer(segments: readonly (string | number)[]): string {
  return segments.map((s) => `/${String(s).replace(/~/g, '~0').replace(/\//g, '~1')}`).join('');
}

function isObject(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}

/** The schema field a value pointer lands on (array item ids read as `*`), or undefined. */
export function fieldOfPointer(
  template: SanitizedTemplate,
  pointer: ValuePointer,
): SanitizedField | undefined {
  const byPath = new Map(template.fields.map((f) => [f.path, f]));
  const out: string[] = [];
  let field: SanitizedField | undefined;
  let atItems = false;
  for (const segment of parsePointer(pointer)) {
    if (field && field.kind === 'array' && !field.leaf && !atItems) {
      // Array items (by `_id`) are not fields themselves: the next segment names the item's property.
      out.push('*');
      atItems = true;
      continue;
    }
    atItems = false;
    out.push(segment);
    field = byPath.get(joinPointer(out));
    if (!field) return undefined;
  }
  if (atItems) return undefined;
  return field;
}

/** Every concrete value pointer of a schema path in `data` (array items by `_id`). */
function valuesAtPath(
  data: unknown,
  segments: readonly string[],
  prefix = '',
): { pointer: string; value: unknown; parent: Record<string, unknown>; key: string }[] {
  const [head, ...rest] = segments;
  if (head === undefined) return [];
  if (head === '*') {
    if (!Array.isArray(data)) return [];
    return data.flatMap((item) =>
      isObject(item) && typeof item._id === 'string'
        ? valuesAtPath(item, rest, `${prefix}/${joinPointer([item._id]).slice(1)}`)
        : [],
    );
  }
  if (!isObject(data) || !Object.hasOwn(data, head)) return [];
  const here = `${prefix}${joinPointer([head])}`;
  if (rest.length === 0) return [{ pointer: here, value: data[head], parent: data, key: head }];
  return valuesAtPath(data[head], rest, here);
}

export interface AppliedChanges {
  data: Record<string, unknown>;
  patches: Patch[];
  /** Client-chosen `new:` ids → server-assigned `_id`s. */
  assignedIds: Record<string, string>;
}

/**
 * Merges leaf changes into `data` with immer, so the patches name exactly what changed.
 * Array items are addressed by `_id`; a `new:` id appends an item with a server-assigned `_id`.
 * `null` clears a value. `removeItems` lists item pointers to drop.
 */
export function applyChanges(
  base: Record<string, unknown>,
  changes: readonly FieldChange[],
  newId: () => string,
  removeItems: readonly ValuePointer[] = [],
): AppliedChanges {
  const assignedIds: Record<string, string> = {};
  const [data, patches] = produceWithPatches(base, (draft: Record<string, unknown>) => {
    for (const change of changes) {
      const segments = parsePointer(change.pointer);
      let cursor: unknown = draft;
      for (let i = 0; i < segments.length; i++) {
        const segment = segments[i]!;
        const last = i === segments.length - 1;
        if (Array.isArray(cursor)) {
          let item = cursor.find((candidate: unknown) => isObject(candidate) && candidate._id === segment);
          if (item === undefined && segment.startsWith(NEW_ITEM_PREFIX)) {
            assignedIds[segment] ??= newId();
            item = cursor.find((c: unknown) => isObject(c) && c._id === assignedIds[segment]);
            if (item === undefined) {
              item = { _id: assignedIds[segment] };
              cursor.push(item);
            }
          }
          cursor = item;
          continue;
        }
        if (!isObject(cursor)) break;
        if (last) {
          if (change.value === null) delete cursor[segment];
          else cursor[segment] = change.value;
        } else {
          if (cursor[segment] === undefined) {
            const next = segments[i + 1]!;
            cursor[segment] = next.startsWith(NEW_ITEM_PREFIX) ? [] : {};
          }
          cursor = cursor[segment];
        }
      }
    }
    for (const pointer of removeItems) {
      const segments = parsePointer(pointer);
      const id = segments.pop();
      let container: unknown = draft;
      for (const segment of segments) {
        container = Array.isArray(container)
          ? container.find((c: unknown) => isObject(c) && c._id === segment)
          : isObject(container)
            ? container[segment]
            : undefined;
      }
      if (Array.isArray(container)) {
        const index = container.findIndex((c: unknown) => isObject(c) && c._id === id);
        if (index >= 0) container.splice(index, 1);
      }
    }
  });
  return { data, patches, assignedIds };
}

/** Leaf value pointers under an array item, for guarding an item removal like a clearing write. */
export function leafPointersUnder(
  template: SanitizedTemplate,
  data: Record<string, unknown>,
  pointer: string,
): string[] {
  const segments = parsePointer(pointer);
  const array = fieldOfPointer(template, joinPointer(segments.slice(0, -1)));
  if (array?.kind !== 'array' || array.leaf) return [pointer];
  const out: string[] = [];
  for (const leaf of template.fields.filter((f) => f.leaf && f.path.startsWith(`${array.path}/*/`))) {
    for (const found of valuesAtPath(data, leaf.segments)) {
      if (found.pointer.startsWith(`${pointer}/`)) out.push(found.pointer);
    }
  }
  return out.length > 0 ? out : [pointer];
}

const MESSAGES: Record<string, string> = {
  required: 'This field is required.',
  type: 'This value has the wrong type.',
  format: 'This value is not in the expected format.',
  pattern: 'This value does not have the expected shape.',
  enum: 'Pick one of the allowed options.',
  const: 'This value is not allowed here.',
  minLength: 'This text is too short.',
  maxLength: 'This text is too long.',
  minimum: 'This number is too small.',
  maximum: 'This number is too large.',
  exclusiveMinimum: 'This number is too small.',
  exclusiveMaximum: 'This number is too large.',
  minItems: 'Add more items.',
  maxItems: 'Remove some items.',
  uniqueItems: 'Items must not repeat.',
  additionalProperties: 'This field is not part of the template.',
};

/**
 * Validates a record's data without its item ids (they are the server's, not the author's
 * schema's: docs/decisions/180-array-item-ids.md). Ajv's errors are rewritten so no message
 * holds a value: the JSON pointer (array items by `_id`), the keyword, and a fixed message per keyword.
 */
export function validateData(
  validate: ValidateFunction,
  data: Record<string, unknown>,
  template: SanitizedTemplate,
): VeilIssue[] {
  if (validate(withoutItemIds(template, data))) return [];
  return (validate.errors ?? []).map((error) => {
    const params = error.params as Record<string, unknown>;
    let instancePath = error.instancePath;
    if (error.keyword === 'required' && typeof params.missingProperty === 'string') {
      instancePath = `${instancePath}${joinPointer([params.missingProperty])}`;
    }
    if (error.keyword === 'additionalProperties' && typeof params.additionalProperty === 'string') {
      instancePath = `${instancePath}${joinPointer([params.additionalProperty])}`;
    }
    const path = issuePointer(template, data, instancePath);
    return { path, code: error.keyword, message: MESSAGES[error.keyword] ?? 'This value is not valid here.' };
  });
}
