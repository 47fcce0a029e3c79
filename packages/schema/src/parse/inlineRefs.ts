import { appendPointer } from '../jsonPointer.js';
import type { XPrivacy } from '../privacy.js';
import type { JsonSchema } from '../template.js';
import type { WorkspacePolicy } from '../workspacePolicy.js';
import {
  localDefName,
  SUBSCHEMA_ARRAY_KEYWORDS,
  SUBSCHEMA_KEYWORDS,
  SUBSCHEMA_MAP_KEYWORDS,
} from './checkSchema.js';
import { combinePrivacy } from './combinePrivacy.js';
import { TEMPLATE_LIMITS } from './limits.js';
import { type ParseIssue, parseIssue } from './parseIssue.js';

type Json = Record<string, unknown>;

function isObject(v: unknown): v is Json {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** Calls `fn` for every direct subschema of `node` with its pointer. */
function forEachSubschema(node: Json, path: string, fn: (child: unknown, at: string) => void): void {
  for (const [key, value] of Object.entries(node)) {
    if (SUBSCHEMA_KEYWORDS.has(key) || key === 'items') fn(value, appendPointer(path, key));
    else if (SUBSCHEMA_ARRAY_KEYWORDS.has(key) && Array.isArray(value)) {
      for (const [i, v] of value.entries()) fn(v, appendPointer(path, key, i));
    } else if ((SUBSCHEMA_MAP_KEYWORDS.has(key) || key === 'properties') && isObject(value)) {
      for (const [k, v] of Object.entries(value)) fn(v, appendPointer(path, key, k));
    }
  }
}

/** Every `$ref` under `node` (not descending into `$defs`), with the pointer of the node holding it. */
function collectRefs(node: unknown, path: string, out: { def: string; at: string }[]): void {
  if (!isObject(node)) return;
  if (typeof node.$ref === 'string') {
    const def = localDefName(node.$ref);
    if (def !== undefined) out.push({ def, at: `${path}/$ref` });
  }
  forEachSubschema(node, path, (child, at) => collectRefs(child, at, out));
}

/** A `ref-cyclic` issue for the first cycle among the root's `$defs`, if any. */
export function findRefCycle(schema: Json, base: string): ParseIssue[] {
  const defs = isObject(schema.$defs) ? schema.$defs : {};
  const edges = new Map<string, { def: string; at: string }[]>();
  for (const [name, def] of Object.entries(defs)) {
    const refs: { def: string; at: string }[] = [];
    collectRefs(def, appendPointer(base, '$defs', name), refs);
    edges.set(name, refs);
  }
  const state = new Map<string, 'visiting' | 'done'>();
  // Iterative DFS: a long chain of definitions cannot overflow the stack.
  for (const start of edges.keys()) {
    if (state.has(start)) continue;
    const stack: { name: string; next: number }[] = [{ name: start, next: 0 }];
    state.set(start, 'visiting');
    while (stack.length > 0) {
      const top = stack[stack.length - 1]!;
      const refs = edges.get(top.name) ?? [];
      if (top.next >= refs.length) {
        state.set(top.name, 'done');
        stack.pop();
        continue;
      }
      const ref = refs[top.next++]!;
      const s = state.get(ref.def);
      if (s === 'visiting') {
        return [
          parseIssue(
            ref.at,
            'ref-cyclic',
            `This $ref leads back to "${ref.def}", a definition it is part of (a recursive tree such as children of children). A template must be finite: copy the definition a fixed number of levels deep (e.g. 3) with the innermost level holding no further $ref, or make the nested part a free-form object ("type": "object" without properties).`,
          ),
        ];
      }
      if (s === undefined && edges.has(ref.def)) {
        state.set(ref.def, 'visiting');
        stack.push({ name: ref.def, next: 0 });
      }
    }
  }
  return [];
}

export type InlineResult =
  | { ok: true; schema: JsonSchema; origin: WeakMap<object, string> }
  | { ok: false; issues: ParseIssue[] };

class Overflow extends Error {}

/**
 * Replaces every `$ref` by its definition (annotations beside the `$ref` win, `x-privacy` is
 * combined by taking the stricter of each key) and drops `$defs`. `origin` maps each output node to
 * the input pointer it came from. Expects a schema that passed `checkSchema` and `findRefCycle`.
 */
export function inlineRefs(schema: Json, base: string, policy: WorkspacePolicy): InlineResult {
  const defs = isObject(schema.$defs) ? schema.$defs : {};
  const origin = new WeakMap<object, string>();
  const memo = new Map<string, { node: unknown; size: number }>();
  let nodes = 0;

  const inlineDef = (name: string): { node: unknown; size: number } => {
    const hit = memo.get(name);
    if (hit) {
      nodes += hit.size;
      if (nodes > TEMPLATE_LIMITS.maxExpandedNodes) throw new Overflow();
      return hit;
    }
    const before = nodes;
    const node = inline(defs[name], appendPointer(base, '$defs', name));
    const entry = { node, size: nodes - before };
    memo.set(name, entry);
    return entry;
  };

  const inline = (node: unknown, path: string): unknown => {
    if (++nodes > TEMPLATE_LIMITS.maxExpandedNodes) throw new Overflow();
    if (!isObject(node)) return node;
    if (typeof node.$ref === 'string') {
      const name = localDefName(node.$ref)!;
      const target = inlineDef(name).node;
      if (!isObject(target)) return target;
      const out: Json = { ...target };
      for (const [key, value] of Object.entries(node)) {
        if (key === '$ref') continue;
        if (key === 'x-privacy' && isObject(target['x-privacy'])) {
          out[key] = combinePrivacy(target['x-privacy'] as XPrivacy, value as XPrivacy, policy);
        } else out[key] = value;
      }
      origin.set(out, path);
      return out;
    }
    const out: Json = {};
    for (const [key, value] of Object.entries(node)) {
      if (key === '$defs') continue;
      if (SUBSCHEMA_KEYWORDS.has(key) || key === 'items') out[key] = inline(value, appendPointer(path, key));
      else if (SUBSCHEMA_ARRAY_KEYWORDS.has(key) && Array.isArray(value)) {
        out[key] = value.map((v, i) => inline(v, appendPointer(path, key, i)));
      } else if ((SUBSCHEMA_MAP_KEYWORDS.has(key) || key === 'properties') && isObject(value)) {
        const map: Json = {};
        for (const [k, v] of Object.entries(value)) map[k] = inline(v, appendPointer(path, key, k));
        out[key] = map;
      } else out[key] = value;
    }
    origin.set(out, path);
    return out;
  };

  try {
    const out = inline(schema, base) as JsonSchema;
    return { ok: true, schema: out, origin };
  } catch (e) {
    if (!(e instanceof Overflow)) throw e;
    return {
      ok: false,
      issues: [
        parseIssue(
          base,
          'too-large',
          `With its $refs expanded the schema has more than ${TEMPLATE_LIMITS.maxExpandedNodes} nodes; reuse fewer definitions inside each other.`,
        ),
      ],
    };
  }
}
