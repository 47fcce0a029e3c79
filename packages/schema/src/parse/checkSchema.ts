import { appendPointer, escapeSegment, parsePointer } from '../jsonPointer.js';
import type { WorkspacePolicy } from '../workspacePolicy.js';
import { checkEnumNames } from './checkEnumNames.js';
import { checkPattern } from './checkPattern.js';
import { TEMPLATE_LIMITS } from './limits.js';
import { mapAjvErrors } from './mapAjvErrors.js';
import { getMetaValidators, privacyAnyOfHint } from './metaValidators.js';
import { type ParseIssue, parseIssue } from './parseIssue.js';
import {
  DRAFT_KEYWORDS,
  isAnnotationKeyword,
  PLAIN_KEYWORDS,
  REF_SIBLING_KEYWORDS,
  SUBSCHEMA_ARRAY_KEYWORDS,
  SUBSCHEMA_KEYWORDS,
  SUBSCHEMA_MAP_KEYWORDS,
  UNSUPPORTED_KEYWORDS,
} from './schemaKeywords.js';

export {
  SUBSCHEMA_ARRAY_KEYWORDS,
  SUBSCHEMA_KEYWORDS,
  SUBSCHEMA_MAP_KEYWORDS,
} from './schemaKeywords.js';

const DRAFT_2020_12 = 'https://json-schema.org/draft/2020-12/schema';

const ROLE_KINDS = ['staff', 'external'];
/**
 * Subschema keywords whose subschemas describe the same value (branches) or a map's entries:
 * values live there, so they belong to the field tree and may carry `x-privacy`.
 */
const FIELD_TREE_KEYWORDS = new Set([
  'allOf',
  'anyOf',
  'oneOf',
  'then',
  'else',
  'dependentSchemas',
  'additionalProperties',
  'unevaluatedProperties',
  'patternProperties',
]);

export interface SchemaCheck {
  issues: ParseIssue[];
  /** Properties declared in the raw schema (before `$ref`s are inlined). */
  rawFieldCount: number;
}

type Json = Record<string, unknown>;

function isObject(v: unknown): v is Json {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** The definition name a local `$ref` points at, or `undefined` when it is not `#/$defs/<name>`. */
export function localDefName(ref: string): string | undefined {
  if (!ref.startsWith('#')) return undefined;
  const segments = parsePointer(ref.slice(1));
  if (segments?.length !== 2 || segments[0] !== '$defs') return undefined;
  try {
    return decodeURIComponent(segments[1]!);
  } catch {
    return undefined;
  }
}

/**
 * Checks a raw template schema for what Ajv cannot see or cannot point at: keywords, names,
 * patterns, `$ref`s, the shape and vocabulary of every `x-privacy` / `x-i18n`.
 */
export function checkSchema(schema: Json, policy: WorkspacePolicy, base: string): SchemaCheck {
  const issues: ParseIssue[] = [];
  const meta = getMetaValidators();
  const roleKeys = new Set<string>(['*', ...ROLE_KINDS, ...policy.roles.map((r) => r.id)]);
  const purposes = new Set(policy.purposes.map((p) => p.id));
  const defs = isObject(schema.$defs) ? schema.$defs : {};
  const patternCache = new Map<string, ReturnType<typeof checkPattern>>();
  let rawFieldCount = 0;

  let unsafe = 0;
  const checkPatternAt = (pattern: string, path: string) => {
    if (!patternCache.has(pattern)) {
      // Bound the total work: analysis is costly, and one unsafe pattern refuses the template anyway.
      if (unsafe >= TEMPLATE_LIMITS.maxUnsafePatterns) return;
      if (patternCache.size >= TEMPLATE_LIMITS.maxPatterns) {
        issues.push(
          parseIssue(
            path,
            'pattern-unsafe',
            `The template has more than ${TEMPLATE_LIMITS.maxPatterns} distinct patterns; reuse patterns through $defs.`,
          ),
        );
        unsafe = TEMPLATE_LIMITS.maxUnsafePatterns;
        return;
      }
      const result = checkPattern(pattern);
      if (result) unsafe++;
      patternCache.set(pattern, result);
    }
    const problem = patternCache.get(pattern);
    if (problem) issues.push(parseIssue(path, problem.code, problem.message));
  };

  const checkPrivacy = (xp: unknown, path: string) => {
    if (!meta.privacy(xp)) {
      issues.push(...mapAjvErrors(meta.privacy.errors, path, 'privacy-invalid', privacyAnyOfHint));
      return;
    }
    const p = xp as Json;
    for (const mapKey of ['access', 'edit'] as const) {
      const map = p[mapKey];
      if (!isObject(map)) continue;
      for (const key of Object.keys(map)) {
        if (!roleKeys.has(key)) {
          issues.push(
            parseIssue(
              appendPointer(path, mapKey, key),
              'role-unknown',
              `"${key}" is not a role of this workspace; use a role id (${policy.roles.map((r) => r.id).join(', ')}), a role kind (staff, external) or "*".`,
            ),
          );
        }
      }
    }
    if (typeof p.purpose === 'string' && !purposes.has(p.purpose)) {
      issues.push(
        parseIssue(
          `${path}/purpose`,
          'purpose-unknown',
          `This purpose is not one of the workspace's purposes; use one of: ${[...purposes].join(', ') || '(none defined)'}.`,
        ),
      );
    }
    const mask = p.mask;
    if (isObject(mask) && mask.style === 'range' && Array.isArray(mask.bounds)) {
      const b = mask.bounds as number[];
      if (b.some((v, i) => i > 0 && v <= b[i - 1]!)) {
        issues.push(
          parseIssue(
            `${path}/mask/bounds`,
            'privacy-invalid',
            'List the range bounds in strictly ascending order.',
          ),
        );
      }
    }
  };

  const walk = (
    node: unknown,
    path: string,
    inFieldTree: boolean,
    isRoot: boolean,
    keyword = false,
  ): void => {
    if (typeof node === 'boolean') {
      // `true` / `false` is a schema under a keyword (`additionalProperties: false`), not a field.
      if (inFieldTree && !isRoot && !keyword) {
        issues.push(
          parseIssue(
            path,
            'schema-invalid',
            'Describe this field with a schema object (with a "type"), not true/false.',
          ),
        );
      }
      return;
    }
    if (!isObject(node)) {
      issues.push(parseIssue(path, 'schema-invalid', 'This must be a JSON Schema object.'));
      return;
    }
    const hasRef = '$ref' in node;
    for (const [key, value] of Object.entries(node)) {
      const at = `${path}/${escapeSegment(key)}`;
      if (hasRef && !REF_SIBLING_KEYWORDS.has(key) && !isAnnotationKeyword(key)) {
        issues.push(
          parseIssue(
            at,
            'ref-sibling-unsupported',
            `Move "${key}" into the referenced definition: only annotations (title, description, x-i18n, x-privacy …) may sit beside a $ref.`,
          ),
        );
      }
      if (isAnnotationKeyword(key)) {
        // kept as written, ignored by validation
      } else if (key === '$schema') {
        if (!isRoot || value !== DRAFT_2020_12) {
          issues.push(
            parseIssue(
              at,
              'schema-draft-keyword',
              `This schema is written for another draft (${typeof value === 'string' ? value : 'unknown'}); templates use JSON Schema 2020-12. Import it to have it rewritten, or remove "$schema" and use 2020-12 keywords.`,
            ),
          );
        }
      } else if (Object.hasOwn(DRAFT_KEYWORDS, key)) {
        issues.push(parseIssue(at, 'schema-draft-keyword', DRAFT_KEYWORDS[key]!));
      } else if (key === 'items' && Array.isArray(value)) {
        issues.push(
          parseIssue(
            at,
            'schema-draft-keyword',
            '"items" as a list is the draft-07 tuple form: use "prefixItems" for the list and "items": false to allow no more (importing the schema does this for you).',
          ),
        );
      } else if (UNSUPPORTED_KEYWORDS.has(key)) {
        issues.push(
          parseIssue(
            at,
            'schema-keyword-unsupported',
            `Remove "${key}": templates use local "#/$defs/…" references only.`,
          ),
        );
      } else if (SUBSCHEMA_KEYWORDS.has(key)) {
        walk(value, at, inFieldTree && FIELD_TREE_KEYWORDS.has(key), false, true);
      } else if (SUBSCHEMA_ARRAY_KEYWORDS.has(key)) {
        if (Array.isArray(value)) {
          const inTree = inFieldTree && FIELD_TREE_KEYWORDS.has(key);
          for (const [i, v] of value.entries()) walk(v, `${at}/${i}`, inTree, false, true);
        }
      } else if (SUBSCHEMA_MAP_KEYWORDS.has(key)) {
        if (isObject(value)) {
          const inTree = inFieldTree && FIELD_TREE_KEYWORDS.has(key);
          for (const [k, v] of Object.entries(value)) {
            if (key === 'patternProperties') checkPatternAt(k, appendPointer(at, k));
            walk(v, appendPointer(at, k), inTree, false, true);
          }
        }
      } else if (!PLAIN_KEYWORDS.has(key)) {
        issues.push(
          parseIssue(
            at,
            'schema-keyword-unknown',
            `"${key}" is not a JSON Schema 2020-12 keyword; remove it or fix its spelling.`,
          ),
        );
      }
    }

    if (typeof node.pattern === 'string') checkPatternAt(node.pattern, `${path}/pattern`);
    if ('x-privacy' in node) {
      if (inFieldTree) checkPrivacy(node['x-privacy'], `${path}/x-privacy`);
      else {
        issues.push(
          parseIssue(
            `${path}/x-privacy`,
            'annotation-misplaced',
            "Put x-privacy on a property, on array items, on a map's entries or on a $defs entry; inside not, if, contains, propertyNames or a tuple's prefixItems it describes no stored value.",
          ),
        );
      }
    }
    if ('x-i18n' in node) {
      if (!meta.i18n(node['x-i18n'])) {
        issues.push(...mapAjvErrors(meta.i18n.errors, `${path}/x-i18n`, 'i18n-invalid'));
      } else issues.push(...checkEnumNames(node, path, defs, localDefName));
    }
    if (hasRef) {
      const ref = node.$ref;
      if (typeof ref !== 'string') {
        issues.push(
          parseIssue(
            `${path}/$ref`,
            'ref-not-local',
            'Point $ref at a definition of this schema: "#/$defs/<name>".',
          ),
        );
      } else if (!ref.startsWith('#')) {
        issues.push(
          parseIssue(
            `${path}/$ref`,
            'ref-remote',
            'This $ref points at another document, which Veil never fetches: copy that definition into "$defs" and point the $ref at "#/$defs/<name>".',
          ),
        );
      } else {
        const name = localDefName(ref);
        if (name === undefined || !Object.hasOwn(defs, name)) {
          issues.push(
            parseIssue(
              `${path}/$ref`,
              'ref-unknown',
              'This $ref does not name an entry of the root "$defs"; add the definition or fix the reference.',
            ),
          );
        }
      }
    }
    if ('$defs' in node) {
      if (!isRoot) {
        issues.push(
          parseIssue(
            `${path}/$defs`,
            'schema-keyword-unsupported',
            'Move these definitions into the root "$defs".',
          ),
        );
      } else if (isObject(node.$defs)) {
        for (const [k, v] of Object.entries(node.$defs))
          walk(v, appendPointer(path, '$defs', k), true, false);
      }
    }
    if (isObject(node.properties)) {
      for (const [name, child] of Object.entries(node.properties)) {
        const at = appendPointer(path, 'properties', name);
        rawFieldCount++;
        if (name === '*' || name === '_id' || name.includes('/')) {
          issues.push(
            parseIssue(
              at,
              'property-name-reserved',
              'Rename this property: "*" and names containing "/" would break field paths, and "_id" is reserved for array items.',
            ),
          );
        }
        walk(child, at, inFieldTree, false);
      }
    }
    // `items: false` closes a tuple and `items: true` allows anything: keyword values, not fields.
    if ('items' in node && !Array.isArray(node.items))
      walk(node.items, `${path}/items`, inFieldTree, false, true);
  };

  walk(schema, base, true, true);
  return { issues, rawFieldCount };
}
