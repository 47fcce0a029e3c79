/**
 * A small, deliberately naive model of the enforcement semantics (DESIGN.md), written
 * independently of src/engine: it walks the template's schema per record and looks each field
 * up in `fields` by path. Only types (and `maskValue`, so masked forms match) come from src.
 */
import type { AccessLevel, Relation, SanitizedField, SanitizedTemplate, WorkspacePolicy } from '@veil/schema';
import { type MaskContext, maskValue } from '../../src/masks/index.js';
import { detectPii, maskText } from '../../src/pii/index.js';
import type {
  CellTreatment,
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
function refInTeam(principal: Principal, directory: Directory, department: string): boolean {
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

function refAdmitted(w: RefWorld): Relation[] {
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
    // `…/*` is a field for a map's entries, and nothing for array items.
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
export function refMasksFoundPii(w: RefWorld, field: SanitizedField, rel: Relation): boolean {
  return field.leaf && field.privacy.scan && !refEditable(w, field, rel);
}

/** What a string shown to a reader who may not write scanned text becomes: each found span masked. */
export function refScrub(v: unknown): unknown {
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
  const project = (
    field: SanitizedField,
    v: unknown,
    p: string,
    out: Record<string, unknown>,
    key: string,
  ) => {
    const access = refAccess(w, field, relation);
    if (access === 'hidden' || v === undefined) return;
    if (v === null) {
      set(out, key, null);
      return;
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
      if (isObj(v)) set(out, key, walk(field.path, v, p, {}, false));
    } else if (Array.isArray(v)) {
      const items: unknown[] = [];
      for (const item of v) {
        if (!isObj(item) || typeof item._id !== 'string' || item._id === '') continue;
        items.push(walk(`${field.path}/*`, item, `${p}/${esc(item._id)}`, { _id: item._id }, true));
      }
      set(out, key, items);
    }
  };
  // Declared properties in field order, then (for a map read in full) every other key in data order.
  const walk = (
    objectPath: string,
    src: Record<string, unknown>,
    ptr: string,
    out: Record<string, unknown>,
    isItem: boolean,
  ) => {
    const declared = w.template.fields.filter((f) => {
      const last = f.segments[f.segments.length - 1];
      return last !== '*' && f.path === `${objectPath}/${esc(last ?? '')}`;
    });
    const names = new Set<string>();
    for (const field of declared) {
      const key = field.segments[field.segments.length - 1]!;
      names.add(key);
      if (Object.hasOwn(src, key)) project(field, src[key], `${ptr}/${esc(key)}`, out, key);
    }
    const entry = fieldAt(w.template, `${objectPath}/*`);
    if (entry !== undefined && refAccess(w, entry, relation) === 'full') {
      for (const key of Object.keys(src)) {
        if (names.has(key) || (isItem && key === '_id')) continue;
        project(entry, src[key], `${ptr}/${esc(key)}`, out, key);
      }
    }
    return out;
  };
  const data = isObj(record.data) ? walk('', record.data, '', {}, false) : {};
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
  | { field: SanitizedField; ids: { id: string; arrayPtrSegs: string[] }[]; shown: string }
  | { status: 'unknown-field' | 'not-a-leaf'; shown: string };

/**
 * Maps a value pointer onto a field, collecting the item ids it passes through, and the pointer
 * as a refusal shows it (map keys as `*`).
 */
function mapPointer(w: RefWorld, pointer: string): Mapped {
  if (pointer === '') return { status: 'not-a-leaf', shown: pointer };
  if (!pointer.startsWith('/')) return { status: 'unknown-field', shown: pointer };
  const segs = pointer.slice(1).split('/').map(unesc);
  const shownSegs: string[] = [];
  const done = (status: 'unknown-field' | 'not-a-leaf', i: number) => ({
    status,
    shown: `/${[...shownSegs, ...segs.slice(i)].map(esc).join('/')}`,
  });
  let objectPath = '';
  const ids: { id: string; arrayPtrSegs: string[] }[] = [];
  let field: SanitizedField | undefined;
  let atItem = false;
  for (let i = 0; i < segs.length; i++) {
    const seg = segs[i]!;
    if (field && field.kind === 'array' && !field.leaf && !atItem) {
      if (seg === '') return done('unknown-field', i);
      ids.push({ id: seg, arrayPtrSegs: segs.slice(0, i) });
      shownSegs.push(seg);
      objectPath = `${field.path}/*`;
      atItem = true;
      if (i === segs.length - 1) return done('not-a-leaf', i + 1);
      continue;
    }
    if (field?.leaf) return done('unknown-field', i);
    const declared = fieldAt(w.template, `${objectPath}/${esc(seg)}`);
    const isDeclared = declared !== undefined && seg !== '*';
    const entry =
      (atItem && seg === '_id') || seg === '__proto__' ? undefined : fieldAt(w.template, `${objectPath}/*`);
    atItem = false;
    field = isDeclared ? declared : entry;
    if (!field) return done('unknown-field', i);
    shownSegs.push(isDeclared ? seg : '*');
    objectPath = field.path;
  }
  if (!field?.leaf) return done('not-a-leaf', segs.length);
  return { field, ids, shown: `/${shownSegs.map(esc).join('/')}` };
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
  for (const change of changes) {
    const m = mapPointer(w, change.pointer);
    const pointer = m.shown;
    if ('status' in m) {
      refusals.push({ pointer, reason: m.status });
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
function refScope(w: RefWorld, relations: Relation[]) {
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

/** Per relation: what a row shows of a field, read as the list view reads it, then `export` applied. */
function refCell(level: AccessLevel, rule: string): CellTreatment {
  if (level === 'hidden') return 'empty';
  if (rule === 'masked') return 'masked';
  return level === 'full' ? 'clear' : 'masked';
}

export function refPlanExport(w: RefWorld, request: ExportRequest): Omit<ExportPlan, 'watermark'> {
  const admitted = refAdmitted(w);
  let approvalField = false;
  let restricted = false;
  const dropped = (field: string, reason: string) => ({
    field,
    treatment: 'dropped' as const,
    reason,
    byRelation: {},
  });
  const columns = request.columns.map((path) => {
    const f = fieldAt(w.template, path);
    if (!f) return dropped(path, 'unknown-field');
    if (!f.leaf) return dropped(path, 'not-a-value');
    if (f.privacy.export === 'deny') return dropped(path, 'export-deny');
    const byRelation: Partial<Record<Relation, CellTreatment>> = {};
    for (const r of admitted) byRelation[r] = refCell(refAccess(w, f, r), f.privacy.export);
    const cells = Object.values(byRelation);
    if (cells.every((c) => c === 'empty')) return dropped(path, 'hidden');
    if (f.privacy.level === 'restricted') restricted = true;
    if (f.privacy.export === 'approval') approvalField = true;
    const reason = f.privacy.export === 'approval' ? 'approval' : 'allow';
    if (f.privacy.export === 'masked')
      return { field: path, treatment: 'masked' as const, reason: 'export-masked', byRelation };
    const anyClear = cells.includes('clear');
    const anyMasked = cells.includes('masked');
    if (!anyClear)
      return { field: path, treatment: 'masked' as const, reason: 'not-readable-in-full', byRelation };
    return {
      field: path,
      treatment: anyMasked ? ('per-row' as const) : ('clear' as const),
      reason,
      byRelation,
    };
  });
  const approvalReasons: ExportPlan['approvalReasons'] = [];
  if (approvalField) approvalReasons.push('approval-field');
  if (request.rowCount > w.policy.exportApprovalRows) approvalReasons.push('row-count');
  if (restricted) approvalReasons.push('restricted-column');
  return { columns, needsApproval: approvalReasons.length > 0, approvalReasons };
}
