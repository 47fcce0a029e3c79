import { facetsOf, shapeOf } from '../parse/fieldFacets.js';
import type { JsonSchema } from '../template.js';
import { type MigrationChange, migrationChange } from './migrationChange.js';

type Json = Record<string, unknown>;

function isObject(v: unknown): v is Json {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function esc(segment: string | number): string {
  return String(segment).replace(/~/g, '~0').replace(/\//g, '~1');
}

function unesc(segment: string): string {
  return segment.replace(/~1/g, '/').replace(/~0/g, '~');
}

/** Keywords whose value is one subschema, in every draft from 04 to 2020-12. */
const SINGLE = new Set([
  'additionalProperties',
  'propertyNames',
  'contains',
  'not',
  'if',
  'then',
  'else',
  'unevaluatedItems',
  'unevaluatedProperties',
  'contentSchema',
  'additionalItems',
]);
/** Keywords whose value is a list of subschemas. */
const LISTS = new Set(['allOf', 'anyOf', 'oneOf', 'prefixItems']);
/** Keywords whose value maps names to subschemas. */
const MAPS = new Set(['properties', 'patternProperties', 'dependentSchemas', '$defs', 'definitions']);
/** Annotations that may stay beside a `$ref` (others were ignored there before 2019-09). */
const REF_ANNOTATIONS = new Set([
  '$ref',
  'title',
  'description',
  'default',
  'examples',
  'readOnly',
  'writeOnly',
  'deprecated',
  '$comment',
  'x-privacy',
  'x-i18n',
]);

/** The value at a JSON pointer (`/a/b`) of a document, if any. */
function at(doc: unknown, pointer: string): unknown {
  if (pointer === '') return doc;
  let cursor: unknown = doc;
  for (const raw of pointer.slice(1).split('/')) {
    const segment = unesc(decodeURIComponentSafe(raw));
    if (Array.isArray(cursor)) cursor = cursor[Number(segment)];
    else if (isObject(cursor) && Object.hasOwn(cursor, segment)) cursor = cursor[segment];
    else return undefined;
  }
  return cursor;
}

function decodeURIComponentSafe(s: string): string {
  try {
    return decodeURIComponent(s);
  } catch {
    return s;
  }
}

/** Every `id` / `$id` / `$anchor` of the document, as the pointer of the schema that carries it. */
function collectIds(node: unknown, path: string, out: Map<string, string>): void {
  if (!isObject(node)) return;
  for (const key of ['$id', 'id'] as const) {
    const id = node[key];
    // `id` is a keyword only where a schema is; a property named `id` sits under `properties`.
    if (typeof id === 'string' && id !== '') {
      out.set(id.replace(/#$/, ''), path);
      const anchor = /#([^/]+)$/.exec(id)?.[1];
      if (anchor !== undefined) out.set(`#${anchor}`, path);
      const file = /([^/#]+)$/.exec(id.replace(/#$/, ''))?.[1];
      if (file !== undefined) out.set(file, path);
    }
  }
  if (typeof node.$anchor === 'string') out.set(`#${node.$anchor}`, path);
  forEachSubschema(node, path, (child, childPath) => collectIds(child, childPath, out));
}

function forEachSubschema(node: Json, path: string, fn: (child: unknown, at: string) => void): void {
  for (const [key, value] of Object.entries(node)) {
    if (SINGLE.has(key)) fn(value, `${path}/${esc(key)}`);
    else if (key === 'items') {
      if (Array.isArray(value)) {
        for (const [i, v] of value.entries()) fn(v, `${path}/items/${i}`);
      } else fn(value, `${path}/items`);
    } else if (LISTS.has(key) && Array.isArray(value)) {
      for (const [i, v] of value.entries()) fn(v, `${path}/${key}/${i}`);
    } else if (MAPS.has(key) && isObject(value)) {
      for (const [k, v] of Object.entries(value)) fn(v, `${path}/${esc(key)}/${esc(k)}`);
    } else if (key === 'dependencies' && isObject(value)) {
      for (const [k, v] of Object.entries(value)) if (isObject(v)) fn(v, `${path}/dependencies/${esc(k)}`);
    }
  }
}

/** What {@link migrateSchema} gives back. */
export interface MigrateSchemaResult {
  /** The schema in JSON Schema 2020-12, with local references only. */
  schema: JsonSchema;
  /** Every rewrite made, in document order; empty when the schema was already 2020-12. */
  changes: MigrationChange[];
}

/**
 * Rewrites a JSON Schema of draft-04, -06, -07 or 2019-09 to 2020-12: `definitions` → `$defs`
 * (references rewritten, nested definitions moved to the root), `dependencies` →
 * `dependentRequired` / `dependentSchemas`, tuple `items` → `prefixItems` (+ `items: false`
 * where `additionalItems` was `false`), draft-04 boolean `exclusiveMinimum`/`exclusiveMaximum`,
 * `id` / `$id` / `$schema` dropped with `$id`-based references inside the document resolved to
 * local ones, references to any other local node moved into `$defs`, validation keywords
 * beside a `$ref` (ignored by those drafts) dropped. A `$ref` to another document is left as
 * is (the parser refuses it without fetching). Pure; the input is not changed.
 */
export function migrateSchema(input: unknown): MigrateSchemaResult {
  const changes: MigrationChange[] = [];
  if (!isObject(input)) {
    return { schema: (isObject(input) ? input : {}) as JsonSchema, changes };
  }
  const ids = new Map<string, string>();
  collectIds(input, '', ids);
  const defs: Json = {};
  const defNames = new Map<string, string>(); // original pointer → name in $defs
  const taken = new Set<string>();
  const rootDefs = [
    ...(isObject(input.$defs) ? Object.keys(input.$defs).map((k) => ['$defs', k] as const) : []),
    ...(isObject(input.definitions)
      ? Object.keys(input.definitions).map((k) => ['definitions', k] as const)
      : []),
  ];
  for (const [container, name] of rootDefs) {
    let unique = name;
    for (let n = 2; taken.has(unique); n++) unique = `${name}_${n}`;
    taken.add(unique);
    defNames.set(`/${container}/${esc(name)}`, unique);
  }
  const pending: string[] = [];

  /** The `$defs` name for the node at `pointer`, giving it one (and queuing its copy) when it has none. */
  const defNameFor = (pointer: string): string => {
    const known = defNames.get(pointer);
    if (known !== undefined) return known;
    const last = pointer.split('/').pop() ?? 'def';
    const base = unesc(decodeURIComponentSafe(last)).replace(/[^A-Za-z0-9_-]/g, '_') || 'def';
    let unique = base;
    for (let n = 2; taken.has(unique); n++) unique = `${base}_${n}`;
    taken.add(unique);
    defNames.set(pointer, unique);
    pending.push(pointer);
    return unique;
  };

  const rewriteRef = (ref: string, path: string): string => {
    let target: string | undefined;
    if (ref.startsWith('#/') || ref === '#') target = ref.slice(1);
    else {
      const known = ids.get(ref.replace(/#$/, '')) ?? ids.get(ref);
      if (known !== undefined) {
        target = known;
        changes.push(migrationChange('id-ref-resolved', `${path}/$ref`, { ref }));
      } else if (ref.startsWith('#')) return ref;
      else return ref; // another document: refused later, never fetched
    }
    if (target === '') return '#';
    const decoded = target
      .split('/')
      .map((s) => esc(unesc(decodeURIComponentSafe(s))))
      .join('/');
    const name =
      defNames.get(decoded) ?? (at(input, decoded) === undefined ? undefined : defNameFor(decoded));
    if (name === undefined) return ref;
    const next = `#/$defs/${esc(name)}`;
    if (next !== ref && !decoded.startsWith('/definitions/') && !decoded.startsWith('/$defs/')) {
      changes.push(migrationChange('ref-moved-to-defs', `${path}/$ref`, { ref, name }));
    } else if (next !== ref && decoded.startsWith('/definitions/')) {
      changes.push(migrationChange('ref-rewritten', `${path}/$ref`, { ref, to: next }));
    }
    return next;
  };

  const walk = (node: unknown, path: string, isRoot: boolean): unknown => {
    if (!isObject(node)) return node;
    const out: Json = {};
    const hasRef = typeof node.$ref === 'string';
    for (const [key, value] of Object.entries(node)) {
      const here = `${path}/${esc(key)}`;
      if (key === '$schema') {
        changes.push(migrationChange('schema-dropped', here, { draft: String(value) }));
      } else if ((key === 'id' || key === '$id') && typeof value === 'string') {
        changes.push(migrationChange('id-dropped', here, { id: value }));
      } else if (key === '$anchor') {
        changes.push(migrationChange('id-dropped', here, { id: String(value) }));
      } else if (hasRef && !REF_ANNOTATIONS.has(key) && !key.startsWith('x-')) {
        changes.push(migrationChange('ref-sibling-dropped', here, { keyword: key }));
      } else if (key === '$ref' && typeof value === 'string') {
        out.$ref = rewriteRef(value, path);
      } else if (key === 'definitions' || key === '$defs') {
        if (isObject(value) && (key === 'definitions' || !isRoot)) {
          changes.push(
            migrationChange(isRoot ? 'definitions-renamed' : 'definitions-moved', here, {
              count: String(Object.keys(value).length),
            }),
          );
        }
        if (isObject(value)) {
          for (const [name, def] of Object.entries(value)) {
            const pointer = `${path}/${esc(key)}/${esc(name)}`;
            const unique = isRoot ? defNames.get(pointer)! : defNameFor(pointer);
            const queued = pending.indexOf(pointer);
            if (!isRoot && queued >= 0) pending.splice(queued, 1);
            defs[unique] = walk(def, pointer, false);
          }
        }
      } else if (key === 'dependencies' && isObject(value)) {
        const required: Json = {};
        const schemas: Json = {};
        for (const [name, dep] of Object.entries(value)) {
          if (Array.isArray(dep)) required[name] = dep;
          else schemas[name] = walk(dep, `${here}/${esc(name)}`, false);
        }
        if (Object.keys(required).length > 0) {
          out.dependentRequired = {
            ...(isObject(node.dependentRequired) ? node.dependentRequired : {}),
            ...required,
          };
        }
        if (Object.keys(schemas).length > 0) {
          out.dependentSchemas = {
            ...(isObject(out.dependentSchemas) ? out.dependentSchemas : {}),
            ...schemas,
          };
        }
        changes.push(
          migrationChange('dependencies-split', here, {
            required: String(Object.keys(required).length),
            schemas: String(Object.keys(schemas).length),
          }),
        );
      } else if (key === 'items' && Array.isArray(value)) {
        out.prefixItems = value.map((v, i) => walk(v, `${here}/${i}`, false));
        const extra = node.additionalItems;
        if (extra === false) out.items = false;
        else if (isObject(extra)) out.items = walk(extra, `${path}/additionalItems`, false);
        changes.push(
          migrationChange('tuple-items', here, {
            closed: extra === false ? 'yes' : 'no',
            count: String(value.length),
          }),
        );
      } else if (key === 'additionalItems') {
        // folded into `items` with a tuple above; without a tuple it never applied
        if (!Array.isArray(node.items)) changes.push(migrationChange('additional-items-dropped', here, {}));
      } else if ((key === 'exclusiveMinimum' || key === 'exclusiveMaximum') && typeof value === 'boolean') {
        const bound = key === 'exclusiveMinimum' ? 'minimum' : 'maximum';
        if (value && typeof node[bound] === 'number') {
          out[key] = node[bound];
          delete out[bound];
          changes.push(migrationChange('exclusive-bound', here, { keyword: key }));
        } else changes.push(migrationChange('exclusive-bound', here, { keyword: key }));
      } else if (
        (key === 'minimum' || key === 'maximum') &&
        node[key === 'minimum' ? 'exclusiveMinimum' : 'exclusiveMaximum'] === true
      ) {
        // moved into exclusiveMinimum / exclusiveMaximum above
      } else if (SINGLE.has(key) || key === 'items') {
        out[key] = walk(value, here, false);
      } else if (LISTS.has(key) && Array.isArray(value)) {
        out[key] = value.map((v, i) => walk(v, `${here}/${i}`, false));
      } else if (MAPS.has(key) && isObject(value)) {
        const map: Json = {};
        for (const [k, v] of Object.entries(value)) map[k] = walk(v, `${here}/${esc(k)}`, false);
        out[key] = map;
      } else out[key] = value;
    }
    return out;
  };

  let root = walk(input, '', true) as Json;
  // References to nodes outside the definitions: copied into `$defs` (walked like the rest).
  while (pending.length > 0) {
    const pointer = pending.shift()!;
    const name = defNames.get(pointer)!;
    defs[name] = walk(at(input, pointer), pointer, false);
  }
  if (Object.keys(defs).length > 0) root.$defs = defs;
  else delete root.$defs;
  const shape = shapeOf(facetsOf(root));
  if (shape.kind !== 'object' || shape.leaf) {
    const { $defs, title, description, ...rest } = root;
    changes.push(migrationChange('root-wrapped', '', { type: String(root.type ?? 'any') }));
    root = {
      type: 'object',
      ...(title === undefined ? {} : { title }),
      ...(description === undefined ? {} : { description }),
      properties: { value: { ...(title === undefined ? {} : { title }), ...rest } },
      required: ['value'],
      ...($defs === undefined ? {} : { $defs }),
    };
  } else if (root.type === undefined) root.type = 'object';
  return { schema: root as JsonSchema, changes };
}
