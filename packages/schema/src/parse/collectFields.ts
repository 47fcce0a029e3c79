import { escapeSegment } from '../jsonPointer.js';
import type { Level, RetentionRule, XPrivacy } from '../privacy.js';
import type { AnnotationSource, FieldKind, ResolvedPrivacy, SanitizedField } from '../sanitized.js';
import type { JsonSchema } from '../template.js';
import type { WorkspacePolicy } from '../workspacePolicy.js';
import { combinePrivacy } from './combinePrivacy.js';
import { TEMPLATE_LIMITS } from './limits.js';
import { looksPersonal } from './looksPersonal.js';
import { type ParseIssue, parseIssue } from './parseIssue.js';
import { ACCESS_RANK, EXPORT_RANK, LEVEL_RANK } from './privacyOrder.js';
import { resolvePrivacy } from './resolvePrivacy.js';

type Json = Record<string, unknown>;

const KINDS: readonly FieldKind[] = ['string', 'number', 'integer', 'boolean', 'object', 'array', 'null'];

function isObject(v: unknown): v is Json {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

export function kindOf(node: Json): FieldKind {
  const t = node.type;
  const named =
    typeof t === 'string' ? t : Array.isArray(t) ? (t.find((x) => x !== 'null') ?? t[0]) : undefined;
  const kind = KINDS.find((k) => k === named);
  if (kind) return kind;
  if (isObject(node.properties)) return 'object';
  if ('items' in node) return 'array';
  return 'string';
}

/** The nearest annotated ancestor: its effective annotation, resolved privacy and input pointer. */
interface Ancestor {
  annotation: XPrivacy;
  resolved: ResolvedPrivacy;
  pointer: string;
}

/** A retention `after` to check once every field is known. */
export interface RetentionCheck {
  /** Absolute schema path of the date field. */
  path: string;
  /** Input pointer of the `after` key. */
  pointer: string;
}

export interface CollectOptions {
  schema: JsonSchema;
  origin: WeakMap<object, string>;
  policy: WorkspacePolicy;
  templateRetention: RetentionRule | undefined;
}

export interface CollectResult {
  fields: SanitizedField[];
  issues: ParseIssue[];
  retentionChecks: RetentionCheck[];
}

class TooManyFields extends Error {}

// Masks fit one value's kind and a blind index is per value, so neither passes to descendants.
function inheritable(a: XPrivacy): XPrivacy {
  const { mask: _mask, search: _search, ...rest } = a;
  return rest;
}

/** Why `child` is weaker than `ancestor`, or `undefined` when it is at least as strict. */
function weakness(child: ResolvedPrivacy, ancestor: ResolvedPrivacy): string | undefined {
  if (LEVEL_RANK[child.level] < LEVEL_RANK[ancestor.level]) {
    return `level "${child.level}" is below the ancestor's "${ancestor.level}"`;
  }
  for (const [role, byRelation] of Object.entries(ancestor.access)) {
    for (const [rel, level] of Object.entries(byRelation)) {
      const mine = child.access[role]?.[rel as keyof typeof byRelation] ?? 'hidden';
      if (ACCESS_RANK[mine] > ACCESS_RANK[level]) {
        return `role "${role}" with relation "${rel}" would read "${mine}" where the ancestor allows "${level}"`;
      }
    }
  }
  if (EXPORT_RANK[child.export] < EXPORT_RANK[ancestor.export]) {
    return `export "${child.export}" is looser than the ancestor's "${ancestor.export}"`;
  }
  if (ancestor.encrypt && !child.encrypt) return 'encrypt is off while the ancestor encrypts';
  return undefined;
}

/** Collects every field depth first, resolving inheritance and defaults. Expects an inlined schema. */
export function collectFields(o: CollectOptions): CollectResult {
  const fields: SanitizedField[] = [];
  const issues: ParseIssue[] = [];
  const retentionChecks: RetentionCheck[] = [];
  const originOf = (node: object) => o.origin.get(node) ?? '/schema';

  /** Applies an own annotation on top of the ancestor's; absolutizes its retention `after`. */
  const annotate = (
    own: XPrivacy,
    ancestor: Ancestor | undefined,
    scope: string,
    pointer: string,
  ): XPrivacy => {
    const eff: XPrivacy = { ...(ancestor ? inheritable(ancestor.annotation) : {}), ...own };
    if (own.retention) {
      const { after } = own.retention;
      if (after === 'createdAt' || after === 'updatedAt') eff.retention = { ...own.retention };
      else {
        const path = after.startsWith('/') ? scope + after : '';
        retentionChecks.push({ path, pointer: `${pointer}/retention/after` });
        eff.retention = { ...own.retention, after: path };
      }
    }
    return eff;
  };

  const checkWeaker = (resolved: ResolvedPrivacy, ancestor: Ancestor | undefined, pointer: string) => {
    if (!ancestor) return;
    const why = weakness(resolved, ancestor.resolved);
    if (why) {
      issues.push(
        parseIssue(
          pointer,
          'annotation-weaker',
          `This x-privacy is weaker than the annotation at ${ancestor.pointer}: ${why}. A child may only be stricter; tighten it or change the ancestor.`,
        ),
      );
    }
  };

  const resolve = (
    annotation: XPrivacy,
    fallbackLevel: Level,
    personal: boolean,
    format: string | undefined,
    kind: FieldKind,
  ) =>
    resolvePrivacy({
      annotation,
      fallbackLevel,
      personal,
      format,
      kind,
      templateRetention: o.templateRetention,
      policy: o.policy,
    });

  const visitProperties = (
    node: Json,
    parentPath: string,
    parentSegments: string[],
    ancestor: Ancestor | undefined,
    scope: string,
  ) => {
    if (!isObject(node.properties)) return;
    const required = Array.isArray(node.required) ? node.required : [];
    for (const [name, child] of Object.entries(node.properties)) {
      if (!isObject(child)) continue;
      visitField(
        child,
        name,
        parentPath,
        [...parentSegments, name],
        ancestor,
        scope,
        required.includes(name),
      );
    }
  };

  const visitField = (
    node: Json,
    name: string,
    parent: string,
    segments: string[],
    ancestor: Ancestor | undefined,
    scope: string,
    required: boolean,
  ) => {
    const pointer = originOf(node);
    if (segments.length > TEMPLATE_LIMITS.maxFieldDepth) {
      issues.push(
        parseIssue(
          pointer,
          'too-deep',
          `Fields nest deeper than ${TEMPLATE_LIMITS.maxFieldDepth} levels here; flatten the structure.`,
        ),
      );
      return;
    }
    if (fields.length >= TEMPLATE_LIMITS.maxFields) throw new TooManyFields();
    const path = `${parent}/${escapeSegment(name)}`;
    const kind = kindOf(node);
    const items = kind === 'array' && isObject(node.items) ? node.items : undefined;
    const objectItems = items !== undefined && kindOf(items) === 'object';
    const primitiveItems = items !== undefined && !objectItems ? items : undefined;

    let own = isObject(node['x-privacy']) ? (node['x-privacy'] as XPrivacy) : undefined;
    // An array of primitives is one leaf: an annotation on its items is the field's own.
    const itemsOwn =
      primitiveItems && isObject(primitiveItems['x-privacy'])
        ? (primitiveItems['x-privacy'] as XPrivacy)
        : undefined;
    if (itemsOwn) own = own ? combinePrivacy(own, itemsOwn, o.policy) : itemsOwn;
    const format =
      typeof node.format === 'string'
        ? node.format
        : typeof primitiveItems?.format === 'string'
          ? primitiveItems.format
          : undefined;
    const title = typeof node.title === 'string' ? node.title : name;
    const personal = looksPersonal(name, typeof node.title === 'string' ? node.title : undefined, format);
    const ownScope = objectItems ? `${path}/*` : scope;
    const xpPointer =
      itemsOwn && !isObject(node['x-privacy'])
        ? `${originOf(primitiveItems!)}/x-privacy`
        : `${pointer}/x-privacy`;

    let source: AnnotationSource;
    let annotation: XPrivacy;
    if (own) {
      annotation = annotate(own, ancestor, ownScope, xpPointer);
      source = 'explicit';
    } else if (ancestor) {
      annotation = inheritable(ancestor.annotation);
      source = 'inherited';
      if (personal && LEVEL_RANK[annotation.level ?? 'internal'] < LEVEL_RANK.confidential) {
        annotation = { ...annotation, level: 'confidential' };
        source = 'looks-personal';
      }
    } else {
      annotation = {};
      source = personal ? 'looks-personal' : 'default';
    }
    const fallbackLevel: Level = personal ? 'confidential' : 'internal';
    const privacy = resolve(annotation, fallbackLevel, personal, format, kind);
    if (own) checkWeaker(privacy, ancestor, xpPointer);

    const field: SanitizedField = {
      path,
      segments,
      parent,
      kind,
      leaf: !(kind === 'object' || objectItems),
      title,
      i18n: isObject(node['x-i18n']) ? (node['x-i18n'] as SanitizedField['i18n']) : {},
      required,
      source,
      privacy,
    };
    if (format !== undefined) field.format = format;
    if (Array.isArray(node.enum)) field.enum = node.enum;
    else if (Array.isArray(primitiveItems?.enum)) field.enum = primitiveItems.enum as unknown[];
    fields.push(field);

    const next: Ancestor | undefined = own ? { annotation, resolved: privacy, pointer: xpPointer } : ancestor;
    if (kind === 'object') visitProperties(node, path, segments, next, scope);
    if (objectItems) {
      const itemSegments = [...segments, '*'];
      let itemAncestor = next;
      if (isObject(items['x-privacy'])) {
        const itemPointer = `${originOf(items)}/x-privacy`;
        const itemAnnotation = annotate(items['x-privacy'] as XPrivacy, next, ownScope, itemPointer);
        const itemResolved = resolve(itemAnnotation, 'internal', false, undefined, 'object');
        checkWeaker(itemResolved, next, itemPointer);
        itemAncestor = { annotation: itemAnnotation, resolved: itemResolved, pointer: itemPointer };
      }
      visitProperties(items, `${path}/*`, itemSegments, itemAncestor, ownScope);
    }
  };

  try {
    let rootAncestor: Ancestor | undefined;
    const root = o.schema as Json;
    if (isObject(root['x-privacy'])) {
      const pointer = `${originOf(root)}/x-privacy`;
      const annotation = annotate(root['x-privacy'] as XPrivacy, undefined, '', pointer);
      rootAncestor = {
        annotation,
        resolved: resolve(annotation, 'internal', false, undefined, 'object'),
        pointer,
      };
    }
    visitProperties(root, '', [], rootAncestor, '');
  } catch (e) {
    if (!(e instanceof TooManyFields)) throw e;
    return {
      fields: [],
      retentionChecks: [],
      issues: [
        parseIssue(
          '/schema',
          'too-many-fields',
          `The template has more than ${TEMPLATE_LIMITS.maxFields} fields (counting $ref expansions); split it into several templates.`,
        ),
      ],
    };
  }
  return { fields, issues, retentionChecks };
}
