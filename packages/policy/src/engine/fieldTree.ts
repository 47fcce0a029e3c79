import type { SanitizedField, SanitizedTemplate } from '@veil/schema';
import { escapeSegment } from './pointer.js';

/** One schema field in the compiled tree. */
export interface FieldNode {
  field: SanitizedField;
  /** Position in `FieldTree.nodes`; per-field tables are indexed by it. */
  index: number;
  /** Property name (unescaped). */
  key: string;
  /** `/` + escaped key: appended to a value pointer prefix. */
  ptr: string;
  /** `object` / `array` for containers (an array of objects), `null` for leaves. */
  container: 'object' | 'array' | null;
  /** Properties of the object, or of each item of the array. */
  children: FieldNode[];
  childByKey: Map<string, FieldNode>;
  /**
   * The entries of a map (`additionalProperties` / `patternProperties`): the field every key
   * not among `children` holds (schema path `…/*`). Map keys are data; only full readers see them.
   */
  entries: FieldNode | null;
  parent: FieldNode | null;
  /** True when the key would reach `Object.prototype` or set a prototype if read or written naively. */
  unsafeKey: boolean;
}

export interface FieldTree {
  roots: FieldNode[];
  rootByKey: Map<string, FieldNode>;
  /** The entries of a root that is a map, if any. */
  rootEntries: FieldNode | null;
  /** Every node, depth first in schema order. */
  nodes: FieldNode[];
  /** Schema path → node. */
  byPath: Map<string, FieldNode>;
}

/**
 * Parent path of a schema path, skipping the `*` of array items (which are not fields); a `*`
 * that is a map's entries field is a parent like any other.
 */
function parentPathOf(segments: readonly string[], byPath: ReadonlyMap<string, FieldNode>): string {
  let out = '';
  for (let i = 0; i < segments.length - 1; i++) out += `/${escapeSegment(segments[i]!)}`;
  if (segments.length >= 2 && segments[segments.length - 2] === '*' && !byPath.has(out)) {
    return out.slice(0, -2);
  }
  return out;
}

/** Builds the field tree once per template from `fields` (no schema walking afterwards). */
export function buildFieldTree(template: SanitizedTemplate): FieldTree {
  const nodes: FieldNode[] = [];
  const byPath = new Map<string, FieldNode>();
  const roots: FieldNode[] = [];
  const rootByKey = new Map<string, FieldNode>();
  let rootEntries: FieldNode | null = null;
  for (const field of template.fields) {
    const key = field.segments[field.segments.length - 1];
    if (key === undefined || byPath.has(field.path)) continue;
    const parentPath = parentPathOf(field.segments, byPath);
    const parent = parentPath === '' ? null : byPath.get(parentPath);
    if (parent === undefined) continue; // orphan: its container is unknown, so it is never reachable
    if (parent !== null && parent.container === null) continue;
    // `…/*` is a map's entries; array items are not fields (their properties are the array's children).
    const isEntries = key === '*';
    if (isEntries && (parent === null ? rootEntries !== null : parent.entries !== null)) continue;
    const container = field.leaf
      ? null
      : field.kind === 'array'
        ? 'array'
        : field.kind === 'object'
          ? 'object'
          : null;
    const node: FieldNode = {
      field,
      index: nodes.length,
      key,
      ptr: `/${escapeSegment(key)}`,
      container,
      children: [],
      childByKey: new Map(),
      entries: null,
      parent,
      unsafeKey: key === '__proto__' || key in Object.prototype,
    };
    nodes.push(node);
    byPath.set(field.path, node);
    if (isEntries) {
      if (parent === null) rootEntries = node;
      else parent.entries = node;
    } else if (parent === null) {
      roots.push(node);
      rootByKey.set(key, node);
    } else {
      parent.children.push(node);
      parent.childByKey.set(key, node);
    }
  }
  return { roots, rootByKey, rootEntries, nodes, byPath };
}
