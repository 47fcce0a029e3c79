/**
 * A small, deliberately naive model of the enforcement semantics (DESIGN.md), written
 * independently of src/engine: it walks the template's schema per record and looks each field
 * up in `fields` by path. Only types (and `maskValue`, so masked forms match) come from src.
 */
import type {
  AccessLevel,
  JsonSchema,
  Relation,
  SanitizedField,
  SanitizedTemplate,
  WorkspacePolicy,
} from '@veil/schema';
import { type MaskContext, maskValue } from '../../src/masks/index.js';
import { detectPii, maskText } from '../../src/pii/index.js';
import type {
  Directory,
  ExportPlan,
  ExportRequest,
  FieldChange,
  Principal,
  ProjectedRecord,
  Query,
  QueryGuardResult,
  QueryRefusal,
  VeilRecord,
  WriteGuardResult,
  WriteRefusal,
} from '../../src/types.js';

const ORDER: AccessLevel[] = ['hidden', 'masked', 'reveal', 'full'];
const moreGenerous = (a: AccessLevel, b: AccessLevel): AccessLevel =>
  ORDER.indexOf(a) >= ORDER.indexOf(b) ? a : b;
const stricter = (a: AccessLevel, b: AccessLevel): AccessLevel =>
  ORDER.indexOf(a) <= ORDER.indexOf(b) ? a : b;

export interface RefWorld {
  template: SanitizedTemplate;
  policy: WorkspacePolicy;
  principal: Principal;
  directory: Directory;
}

const esc = (s: string) => s.split('~').join('~0').split('/').join('~1');
const unesc = (s: string) => s.split('~1').join('/').split('~0').join('~');
const isObj = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v);

function fieldAt(template: SanitizedTemplate, path: string): SanitizedField | undefined {
  return template.fields.find((f) => f.path === path);
}

function knownRoles(w: RefWorld): string[] {
  return w.principal.roles.filter((r) => w.policy.roles.some((d) => d.id === r));
}

/** Is `department` the principal's own, or below (or equal to) one it manages? Walks up, never twice through a node. */
export function refInTeam(principal: Principal, directory: Directory, department: string): boolean {
  if (department === principal.departmentId) return true;
  const seen: string[] = [];
  let current: string | null | undefined = department;
  while (typeof current === 'string' && !seen.includes(current)) {
    if (principal.managedDepartmentIds.includes(current)) return true;
    seen.push(current);
    current = Object.hasOwn(directory.parentOf, current) ? directory.parentOf[current] : null;
  }
  return false;
}

export function refAdmitted(w: RefWorld): Relation[] {
  const scopes = knownRoles(w).map((r) => w.policy.roles.find((d) => d.id === r)!.rowScope);
  if (scopes.includes('all')) return ['owner', 'team', 'any'];
  if (scopes.includes('team')) return ['owner', 'team'];
  if (scopes.includes('own')) return ['owner'];
  return [];
}

function ownerIdOf(w: RefWorld, record: VeilRecord): unknown {
  let cur: unknown = record.data;
  for (const seg of w.template.owner.split('/').slice(1).map(unesc)) {
    cur = isObj(cur) && Object.hasOwn(cur, seg) ? cur[seg] : undefined;
  }
  return cur;
}

export function refRelation(w: RefWorld, record: VeilRecord): Relation | null {
  const owner = ownerIdOf(w, record);
  let rel: Relation = 'any';
  if (typeof owner === 'string') {
    if (owner === w.principal.id) rel = 'owner';
    else {
      const dept = Object.hasOwn(w.directory.departmentOf, owner)
        ? w.directory.departmentOf[owner]
        : undefined;
      if (dept !== undefined && refInTeam(w.principal, w.directory, dept)) rel = 'team';
    }
  }
  return refAdmitted(w).includes(rel) ? rel : null;
}

/** The schema paths of a field and of every container above it. */
function chainOf(template: SanitizedTemplate, field: SanitizedField): SanitizedField[] {
  const out: SanitizedField[] = [];
  for (let n = 1; n <= field.segments.length; n++) {
    const segs = field.segments.slice(0, n);
    if (segs[segs.length - 1] === '*') continue;
    const f = fieldAt(template, `/${segs.map(esc).join('/')}`);
    if (f) out.push(f);
  }
  return out;
}

function roleAccess(w: RefWorld, field: SanitizedField, role: string, rel: Relation): AccessLevel {
  let level: AccessLevel = 'full';
  for (const f of chainOf(w.template, field)) {
    const l = f.privacy.access[role]?.[rel];
    level = stricter(level, l !== undefined && ORDER.includes(l) ? l : 'hidden');
  }
  return level;
}

export function refAccess(w: RefWorld, field: SanitizedField, rel: Relation): AccessLevel {
  let best: AccessLevel = 'hidden';
  for (const role of knownRoles(w)) best = moreGenerous(best, roleAccess(w, field, role, rel));
  return best;
}

function refEditable(w: RefWorld, field: SanitizedField, rel: Relation): boolean {
  return knownRoles(w).some(
    (role) => roleAccess(w, field, role, rel) === 'full' && field.privacy.edit[role]?.[rel] === true,
  );
}

/**
 * Scanned free text the viewer may not write shows found PII masked; the same rule makes the
 * field not readable in full for queries (DESIGN: "may read scanned text in full").
 */
function refMasksFoundPii(w: RefWorld, field: SanitizedField, rel: Relation): boolean {
  return field.leaf && field.privacy.scan && !refEditable(w, field, rel);
}

/** What a string shown to a reader who may not write scanned text becomes: each found span masked. */
function refScrub(v: unknown): unknown {
  if (typeof v !== 'string') return v;
  const spans = detectPii(v);
  return spans.length > 0 ? maskText(v, spans) : v;
}

export function refProject(
  w: RefWorld,
  record: VeilRecord,
  revealed: ReadonlySet<string>,
  ctx: MaskContext,
): ProjectedRecord | null {
  const relation = refRelation(w, record);
  if (relation === null) return null;
  const masked: string[] = [];
  const revealable: string[] = [];
  const set = (o: Record<string, unknown>, k: string, v: unknown) =>
    Object.defineProperty(o, k, { value: v, enumerable: true, writable: true, configurable: true });
  const walk = (
    schema: JsonSchema,
    path: string,
    src: Record<string, unknown>,
    ptr: string,
    out: Record<string, unknown>,
  ) => {
    for (const [key, child] of Object.entries(schema.properties ?? {})) {
      const childPath = `${path}/${esc(key)}`;
      const field = fieldAt(w.template, childPath);
      if (!field) continue;
      const access = refAccess(w, field, relation);
      if (access === 'hidden' || !Object.hasOwn(src, key)) continue;
      const v = src[key];
      const p = `${ptr}/${esc(key)}`;
      if (v === undefined) continue;
      if (v === null) {
        set(out, key, null);
        continue;
      }
      if (field.leaf) {
        const shown = (x: unknown) => (refMasksFoundPii(w, field, relation) ? refScrub(x) : x);
        if (access === 'full' || (access === 'reveal' && revealed.has(p))) set(out, key, shown(v));
        else {
          masked.push(p);
          if (access === 'reveal') revealable.push(p);
          set(out, key, shown(maskValue(field.privacy.mask, v, ctx)));
        }
      } else if (field.kind === 'object') {
        if (isObj(v)) set(out, key, walk(child, childPath, v, p, {}));
      } else if (Array.isArray(v)) {
        const items: unknown[] = [];
        for (const item of v) {
          if (!isObj(item) || typeof item._id !== 'string' || item._id === '') continue;
          items.push(
            walk(child.items as JsonSchema, `${childPath}/*`, item, `${p}/${esc(item._id)}`, {
              _id: item._id,
            }),
          );
        }
        set(out, key, items);
      }
    }
    return out;
  };
  const data = isObj(record.data) ? walk(w.template.schema, '', record.data, '', {}) : {};
  return {
    id: record.id,
    templateVersion: record.templateVersion,
    version: record.version,
    createdAt: record.createdAt,
    updatedAt: record.updatedAt,
    relation,
    data,
    masked,
    revealable,
  };
}

type Mapped =
  | { field: SanitizedField; ids: { id: string; arrayPtrSegs: string[] }[] }
  | 'unknown-field'
  | 'not-a-leaf';

/** Maps a value pointer onto a field, collecting the item ids it passes through. */
function mapPointer(w: RefWorld, pointer: string): Mapped {
  if (pointer === '') return 'not-a-leaf';
  if (!pointer.startsWith('/')) return 'unknown-field';
  const segs = pointer.slice(1).split('/').map(unesc);
  const schemaSegs: string[] = [];
  const ids: { id: string; arrayPtrSegs: string[] }[] = [];
  let field: SanitizedField | undefined;
  for (let i = 0; i < segs.length; i++) {
    const seg = segs[i]!;
    if (field && field.kind === 'array' && !field.leaf && schemaSegs[schemaSegs.length - 1] !== '*') {
      if (seg === '') return 'unknown-field';
      ids.push({ id: seg, arrayPtrSegs: segs.slice(0, i) });
      schemaSegs.push('*');
      if (i === segs.length - 1) return 'not-a-leaf';
      continue;
    }
    if (field?.leaf) return 'unknown-field';
    schemaSegs.push(seg);
    field = fieldAt(w.template, `/${schemaSegs.map(esc).join('/')}`);
    if (!field) return 'unknown-field';
  }
  if (!field?.leaf) return 'not-a-leaf';
  return { field, ids };
}

function itemExists(record: VeilRecord | undefined, ids: { id: string; arrayPtrSegs: string[] }[]): boolean {
  for (const { id, arrayPtrSegs } of ids) {
    if (id.startsWith('new:') && id.length > 4) continue;
    if (!record) return false;
    // Walk the pointer up to the array, resolving earlier item ids by `_id`.
    let cur: unknown = record.data;
    let afterArray = false;
    for (const seg of arrayPtrSegs) {
      if (afterArray) {
        cur = Array.isArray(cur) ? cur.find((it) => isObj(it) && it._id === seg) : undefined;
        afterArray = false;
        continue;
      }
      cur = isObj(cur) && Object.hasOwn(cur, seg) ? cur[seg] : undefined;
      if (Array.isArray(cur)) afterArray = true;
    }
    if (!Array.isArray(cur) || !cur.some((it) => isObj(it) && it._id === id)) return false;
  }
  return true;
}

export function refGuardWrite(w: RefWorld, changes: FieldChange[], record?: VeilRecord): WriteGuardResult {
  const relation: Relation | null = record
    ? refRelation(w, record)
    : refAdmitted(w).includes('owner')
      ? 'owner'
      : null;
  const refusals: WriteRefusal[] = [];
  for (const { pointer } of changes) {
    const m = mapPointer(w, pointer);
    if (m === 'unknown-field' || m === 'not-a-leaf') {
      refusals.push({ pointer, reason: m });
      continue;
    }
    if (m.field.path === w.template.owner) {
      refusals.push({ pointer, reason: 'owner-field' });
      continue;
    }
    const access = relation === null ? 'hidden' : refAccess(w, m.field, relation);
    if (access === 'hidden') refusals.push({ pointer, reason: 'hidden' });
    else if (access !== 'full') refusals.push({ pointer, reason: 'masked' });
    else if (!itemExists(record, m.ids)) refusals.push({ pointer, reason: 'unknown-field' });
    else if (!refEditable(w, m.field, relation!)) refusals.push({ pointer, reason: 'read-only' });
  }
  return refusals.length ? { status: 'refused', refusals } : { status: 'allowed' };
}

export function refGuardQuery(w: RefWorld, query: Query): QueryGuardResult {
  const admitted = refAdmitted(w);
  // Scanned free text is read in full only by those who may also write it (found PII is masked for the rest).
  const full = (f: SanitizedField, r: Relation) =>
    refAccess(w, f, r) === 'full' && !refMasksFoundPii(w, f, r);
  const refusals: QueryRefusal[] = [];
  const valueCheck = (path: string): QueryRefusal['reason'] | null => {
    const f = fieldAt(w.template, path);
    if (!f) return 'unknown-field';
    if (!f.leaf) return 'not-a-value';
    if (admitted.length === 0 || admitted.some((r) => !full(f, r))) return 'not-readable-in-full';
    return null;
  };
  const check = (field: string, clause: QueryRefusal['clause']) => {
    const reason = valueCheck(field);
    if (reason) refusals.push({ field, clause, reason });
  };
  for (const f of query.filters ?? []) check(f.field, 'filter');
  for (const s of query.sort ?? []) check(s.field, 'sort');
  for (const f of query.search?.fields ?? []) check(f, 'search');
  const matchScope: { field: string; relations: Relation[] }[] = [];
  for (const m of query.match ?? []) {
    const f = fieldAt(w.template, m.field);
    const relations = f ? admitted.filter((r) => full(f, r)) : [];
    const reason = !f
      ? 'unknown-field'
      : !f.leaf
        ? 'not-a-value'
        : f.privacy.search !== 'exact'
          ? 'no-blind-index'
          : relations.length === 0
            ? 'not-readable-in-full'
            : null;
    if (reason) refusals.push({ field: m.field, clause: 'match', reason });
    else if (!matchScope.find((s) => s.field === m.field)) matchScope.push({ field: m.field, relations });
  }
  for (const f of query.groupBy ?? []) check(f, 'groupBy');
  for (const a of query.aggregates ?? []) {
    if (a.field === undefined) {
      if (a.op !== 'count') refusals.push({ field: '', clause: 'aggregate', reason: 'not-a-value' });
    } else check(a.field, 'aggregate');
  }
  if (refusals.length) return { status: 'refused', refusals };
  // The row scope narrowed to the relations on which every matched field is read in full.
  const relations = admitted.filter((r) => matchScope.every((s) => s.relations.includes(r)));
  return { status: 'allowed', scope: refScope(w, relations), matchScope };
}

/** The scope condition: the viewer, every department its team covers (sorted), the admitted relations. */
export function refScope(w: RefWorld, relations: Relation[]) {
  const p = w.principal;
  const candidates = new Set<string>([
    ...Object.keys(w.directory.parentOf),
    ...Object.values(w.directory.departmentOf),
    ...p.managedDepartmentIds,
    ...(p.departmentId === null ? [] : [p.departmentId]),
  ]);
  const departments = [...candidates].filter((d) => refInTeam(p, w.directory, d)).sort();
  return { self: p.id, departments, relations };
}

export function refPlanExport(w: RefWorld, request: ExportRequest): Omit<ExportPlan, 'watermark'> {
  const admitted = refAdmitted(w);
  let approvalField = false;
  let restricted = false;
  const columns = request.columns.map((path) => {
    const f = fieldAt(w.template, path);
    if (!f) return { field: path, treatment: 'dropped' as const, reason: 'unknown-field' };
    if (!f.leaf) return { field: path, treatment: 'dropped' as const, reason: 'not-a-value' };
    if (f.privacy.export === 'deny')
      return { field: path, treatment: 'dropped' as const, reason: 'export-deny' };
    const levels = admitted.map((r) => refAccess(w, f, r));
    if (levels.every((l) => l === 'hidden'))
      return { field: path, treatment: 'dropped' as const, reason: 'hidden' };
    if (f.privacy.level === 'restricted') restricted = true;
    if (f.privacy.export === 'masked')
      return { field: path, treatment: 'masked' as const, reason: 'export-masked' };
    if (levels.some((l) => l !== 'full'))
      return { field: path, treatment: 'masked' as const, reason: 'not-readable-in-full' };
    if (f.privacy.export === 'approval') {
      approvalField = true;
      return { field: path, treatment: 'clear' as const, reason: 'approval' };
    }
    return { field: path, treatment: 'clear' as const, reason: 'allow' };
  });
  const approvalReasons: ExportPlan['approvalReasons'] = [];
  if (approvalField) approvalReasons.push('approval-field');
  if (request.rowCount > w.policy.exportApprovalRows) approvalReasons.push('row-count');
  if (restricted) approvalReasons.push('restricted-column');
  return { columns, needsApproval: approvalReasons.length > 0, approvalReasons };
}
