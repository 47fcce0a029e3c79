import { escapeSegment } from '../jsonPointer.js';
import type { Level, RetentionRule, XPrivacy } from '../privacy.js';
import type { AnnotationSource, FieldKind, ResolvedPrivacy, SanitizedField } from '../sanitized.js';
import type { JsonSchema } from '../template.js';
import type { WorkspacePolicy } from '../workspacePolicy.js';
import { combinePrivacy } from './combinePrivacy.js';
import {
  entrySchemas,
  type Facet,
  facetsOf,
  firstOf,
  itemSchemas,
  namesWithin,
  propertiesOf,
  shapeOf,
} from './fieldFacets.js';
import { TEMPLATE_LIMITS } from './limits.js';
import { looksPersonal } from './looksPersonal.js';
import { type ParseIssue, parseIssue } from './parseIssue.js';
import { ACCESS_RANK, EXPORT_RANK, LEVEL_RANK } from './privacyOrder.js';
import { resolvePrivacy } from './resolvePrivacy.js';

type Json = Record<string, unknown>;

function isObject(v: unknown): v is Json {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function isString(v: unknown): v is string {
  return typeof v === 'string';
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

  /** Visits the properties (and the map entries) of an object described by `facets`. */
  const visitProperties = (
    facets: readonly Facet[],
    parentPath: string,
    parentSegments: string[],
    ancestor: Ancestor | undefined,
    scope: string,
    parentTitle: string,
  ) => {
    const { properties, required } = propertiesOf(facets);
    for (const [name, defs] of properties) {
      visitField(defs, name, parentPath, [...parentSegments, name], ancestor, scope, required.has(name));
    }
    const entries = entrySchemas(facets);
    if (entries.length > 0) {
      visitField(entries, '*', parentPath, [...parentSegments, '*'], ancestor, scope, false, parentTitle);
    }
  };

  /**
   * Visits one field, described by every schema that defines it (`defs`: its property schema in
   * `properties` and in each branch of its parent, or the entry schemas of a map) and their branches.
   */
  const visitField = (
    defs: readonly Json[],
    name: string,
    parent: string,
    segments: string[],
    ancestor: Ancestor | undefined,
    scope: string,
    required: boolean,
    fallbackTitle?: string,
  ) => {
    const node = defs[0]!;
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
    const facets = defs.flatMap((def) => facetsOf(def));
    const shape = shapeOf(facets);
    const kind = shape.kind;
    const itemDefs = kind === 'array' ? itemSchemas(facets) : [];
    const itemFacets = itemDefs.flatMap((def) => facetsOf(def));
    const objectItems = kind === 'array' && !shape.leaf;
    const primitiveItems = kind === 'array' && shape.leaf && itemDefs.length > 0 ? itemFacets : undefined;

    // Every facet's annotation counts; where they differ the strictest applies (DESIGN: conflicts).
    let own: XPrivacy | undefined;
    let ownAt: Json | undefined;
    const addOwn = (facet: Json) => {
      if (!isObject(facet['x-privacy'])) return;
      const xp = facet['x-privacy'] as XPrivacy;
      own = own ? combinePrivacy(own, xp, o.policy) : xp;
      ownAt ??= facet;
    };
    for (const { node: facet } of facets) addOwn(facet);
    // An array of primitives is one leaf: an annotation on its items is the field's own.
    if (primitiveItems) for (const { node: facet } of primitiveItems) addOwn(facet);
    const format =
      firstOf(facets, 'format', isString) ??
      (primitiveItems ? firstOf(primitiveItems, 'format', isString) : undefined);
    const ownTitle = firstOf(
      defs.map((def) => ({ node: def, conditional: false })),
      'title',
      isString,
    );
    const title = ownTitle ?? (name === '*' ? (fallbackTitle ?? name) : name);
    const formats = [...facets, ...(primitiveItems ?? [])].map((f) => f.node.format).filter(isString);
    let personal =
      looksPersonal(name === '*' ? '' : name, ownTitle, format) ||
      formats.some((f) => looksPersonal('', undefined, f));
    // An opaque value is shown and masked as a whole, so it is judged by everything it may
    // contain, at any depth and in every branch: a personal-looking name inside makes it
    // confidential, and an annotation inside applies to it (the strictest wins).
    if (shape.opaque) {
      const inside = defs.flatMap((def) => namesWithin(def));
      if (!personal) personal = inside.some((n) => looksPersonal(n.name, n.title, n.format));
      for (const n of inside) {
        if (n.privacy === undefined) continue;
        const { retention: _relative, ...xp } = n.privacy as XPrivacy;
        own = own ? combinePrivacy(own, xp, o.policy) : xp;
      }
    }
    const ownScope = objectItems ? `${path}/*` : scope;
    const xpPointer = ownAt ? `${originOf(ownAt)}/x-privacy` : `${pointer}/x-privacy`;

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

    const i18n = firstOf(
      defs.map((def) => ({ node: def, conditional: false })),
      'x-i18n',
      isObject,
    );
    const field: SanitizedField = {
      path,
      segments,
      parent,
      kind,
      leaf: shape.leaf,
      title,
      i18n: (i18n ?? {}) as SanitizedField['i18n'],
      required,
      source,
      privacy,
    };
    if (format !== undefined) field.format = format;
    if (primitiveItems !== undefined) field.itemKind = shapeOf(primitiveItems).kind;
    const enumValues = firstOf(facets, 'enum', Array.isArray);
    const itemEnum = primitiveItems ? firstOf(primitiveItems, 'enum', Array.isArray) : undefined;
    if (enumValues !== undefined) field.enum = enumValues as unknown[];
    else if (itemEnum !== undefined) field.enum = itemEnum as unknown[];
    fields.push(field);

    const next: Ancestor | undefined = own ? { annotation, resolved: privacy, pointer: xpPointer } : ancestor;
    if (kind === 'object' && !shape.leaf) visitProperties(facets, path, segments, next, scope, title);
    if (objectItems) {
      const itemSegments = [...segments, '*'];
      let itemAncestor = next;
      let itemOwn: XPrivacy | undefined;
      let itemOwnAt: Json | undefined;
      for (const { node: facet } of itemFacets) {
        if (!isObject(facet['x-privacy'])) continue;
        const xp = facet['x-privacy'] as XPrivacy;
        itemOwn = itemOwn ? combinePrivacy(itemOwn, xp, o.policy) : xp;
        itemOwnAt ??= facet;
      }
      if (itemOwn && itemOwnAt) {
        const itemPointer = `${originOf(itemOwnAt)}/x-privacy`;
        const itemAnnotation = annotate(itemOwn, next, ownScope, itemPointer);
        const itemResolved = resolve(itemAnnotation, 'internal', false, undefined, 'object');
        checkWeaker(itemResolved, next, itemPointer);
        itemAncestor = { annotation: itemAnnotation, resolved: itemResolved, pointer: itemPointer };
      }
      visitProperties(itemFacets, `${path}/*`, itemSegments, itemAncestor, ownScope, title);
    }
  };

  try {
    let rootAncestor: Ancestor | undefined;
    const root = o.schema as Json;
    const rootFacets = facetsOf(root);
    let rootOwn: XPrivacy | undefined;
    let rootOwnAt: Json | undefined;
    for (const { node } of rootFacets) {
      if (!isObject(node['x-privacy'])) continue;
      const xp = node['x-privacy'] as XPrivacy;
      rootOwn = rootOwn ? combinePrivacy(rootOwn, xp, o.policy) : xp;
      rootOwnAt ??= node;
    }
    if (rootOwn && rootOwnAt) {
      const pointer = `${originOf(rootOwnAt)}/x-privacy`;
      const annotation = annotate(rootOwn, undefined, '', pointer);
      rootAncestor = {
        annotation,
        resolved: resolve(annotation, 'internal', false, undefined, 'object'),
        pointer,
      };
    }
    visitProperties(rootFacets, '', [], rootAncestor, '', typeof root.title === 'string' ? root.title : '');
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
