import { escapeSegment } from '../jsonPointer.js';
import type { JsonSchema } from '../template.js';

const MAX_DEPTH = 32;
const BRANCH_LISTS = ['oneOf', 'anyOf', 'allOf'] as const;

/** Canonical JSON (sorted keys), so two annotations compare equal whatever their key order. */
function canonical(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonical).join(',')}]`;
  if (value !== null && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>).sort(([a], [b]) =>
      a < b ? -1 : a > b ? 1 : 0,
    );
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonical(v)}`).join(',')}}`;
  }
  return JSON.stringify(value);
}

function deref(node: JsonSchema, root: JsonSchema): JsonSchema {
  const ref = node.$ref;
  if (typeof ref !== 'string' || !ref.startsWith('#/$defs/')) return node;
  const target = root.$defs?.[ref.slice('#/$defs/'.length)];
  return target ?? node;
}

/** Every annotated property below a node (relative schema path → canonical `x-privacy`). */
function collectAnnotations(
  node: JsonSchema,
  root: JsonSchema,
  prefix: string,
  out: Map<string, string>,
  depth: number,
): void {
  if (depth > MAX_DEPTH) return;
  const resolved = deref(node, root);
  for (const [name, child] of Object.entries(resolved.properties ?? {})) {
    const path = `${prefix}/${escapeSegment(name)}`;
    const site = child['x-privacy'];
    const definition = child.$ref === undefined ? undefined : deref(child, root)['x-privacy'];
    if (site !== undefined || definition !== undefined) out.set(path, canonical({ definition, site }));
    collectAnnotations(child, root, path, out, depth + 1);
  }
  if (resolved.items !== undefined) {
    const path = `${prefix}/*`;
    const annotation = resolved.items['x-privacy'];
    if (annotation !== undefined) out.set(path, canonical(annotation));
    collectAnnotations(resolved.items, root, path, out, depth + 1);
  }
}

/** The alternatives a node combines: its own properties, each `oneOf`/`anyOf`/`allOf` branch, `then` and `else`. */
function branchesOf(node: JsonSchema): JsonSchema[] {
  const branches: JsonSchema[] = [];
  for (const key of BRANCH_LISTS) branches.push(...(node[key] ?? []));
  if (node.then !== undefined) branches.push(node.then);
  if (node.else !== undefined) branches.push(node.else);
  return branches;
}

function visit(node: JsonSchema, root: JsonSchema, path: string, found: Set<string>, depth: number): void {
  if (depth > MAX_DEPTH) return;
  const resolved = deref(node, root);
  const branches = branchesOf(resolved);
  if (branches.length > 0) {
    const groups = [{ properties: resolved.properties ?? {} } as JsonSchema, ...branches].map((group) => {
      const annotations = new Map<string, string>();
      collectAnnotations(group, root, '', annotations, depth);
      return annotations;
    });
    const seen = new Map<string, string>();
    for (const group of groups) {
      for (const [relative, annotation] of group) {
        const earlier = seen.get(relative);
        if (earlier === undefined) seen.set(relative, annotation);
        else if (earlier !== annotation) found.add(`${path}${relative}`);
      }
    }
  }
  for (const [name, child] of Object.entries(resolved.properties ?? {})) {
    visit(child, root, `${path}/${escapeSegment(name)}`, found, depth + 1);
  }
  if (resolved.items !== undefined) visit(resolved.items, root, `${path}/*`, found, depth + 1);
  for (const branch of branches) visit(branch, root, path, found, depth + 1);
}

/**
 * Schema paths of fields whose `x-privacy` differs between the branches of a `oneOf`, `anyOf`,
 * `allOf` or `if`/`then`/`else` (or between a branch and the node's own properties), in the raw
 * template. A branch that leaves a field unannotated does not disagree.
 */
export function findBranchConflicts(schema: JsonSchema): string[] {
  const found = new Set<string>();
  visit(schema, schema, '', found, 0);
  return [...found];
}
