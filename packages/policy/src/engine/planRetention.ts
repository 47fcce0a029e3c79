import type { RetentionRule } from '@veil/schema';
import type { RetentionStep, VeilRecord } from '../types.js';
import type { EngineCore } from './engineCore.js';
import type { FieldNode } from './fieldTree.js';
import { escapeSegment, isObject, ownValue, parsePointer } from './pointer.js';

const DAY_MS = 86_400_000;

/**
 * Start of a retention period: `createdAt`, `updatedAt`, or the date at `after`, an absolute schema
 * path (the parser resolves item-relative pointers) whose `*` segments are bound to the items that
 * hold the field (`at`: the field's schema segments and value segments); `updatedAt` when missing or invalid.
 */
function startOf(rule: RetentionRule, record: VeilRecord, at: { field: string[]; value: string[] }): number {
  let raw: unknown;
  if (rule.after === 'createdAt') raw = record.createdAt;
  else if (rule.after === 'updatedAt') raw = record.updatedAt;
  else raw = readAfter(parsePointer(rule.after), record.data, at);
  const parsed = typeof raw === 'string' ? Date.parse(raw) : Number.NaN;
  return Number.isNaN(parsed) ? Date.parse(record.updatedAt) : parsed;
}

function readAfter(
  segments: string[] | null,
  data: unknown,
  at: { field: string[]; value: string[] },
): unknown {
  if (segments === null || segments.length === 0) return undefined;
  let current: unknown = data;
  for (let i = 0; i < segments.length; i += 1) {
    const segment = segments[i]!;
    if (segment !== '*') {
      current = ownValue(current, segment);
      continue;
    }
    // A `*` is bound only where the field itself sits in the same array.
    if (at.field[i] !== '*' || !segments.slice(0, i).every((s, j) => s === at.field[j])) return undefined;
    if (!Array.isArray(current)) return undefined;
    const id = at.value[i];
    current = current.find((item) => isObject(item) && item._id === id);
  }
  return current;
}

function dueOf(rule: RetentionRule, record: VeilRecord, at: { field: string[]; value: string[] }): number {
  return startOf(rule, record, at) + rule.days * DAY_MS;
}

function compareSteps(a: RetentionStep, b: RetentionStep): number {
  if (a.recordId !== b.recordId) return a.recordId < b.recordId ? -1 : 1;
  const pa = a.pointers[0] ?? '';
  const pb = b.pointers[0] ?? '';
  if (pa !== pb) return pa < pb ? -1 : 1;
  if (a.rule !== b.rule) return a.rule < b.rule ? -1 : 1;
  return 0;
}

/**
 * The retention actions due at `now`, in a stable order (record id, then value pointer, then rule).
 * Field rules (on leaf fields; a container's rule reaches its leaves by inheritance) give one step
 * per value pointer holding a non-null value — one per array item inside arrays, with `after`
 * read relative to that item. `template.retention` gives one whole-record step (pointers `[]`).
 */
export function planRetention(
  core: EngineCore,
  records: readonly VeilRecord[],
  now: string,
): RetentionStep[] {
  const nowMs = Date.parse(now);
  if (Number.isNaN(nowMs)) throw new Error('planRetention: `now` is not an ISO date');
  const steps: RetentionStep[] = [];
  const ruled = core.tree.nodes.some(
    (node) => node.container === null && node.field.privacy.retention !== undefined,
  );
  for (const record of records) {
    const data = isObject(record.data) ? record.data : {};
    const templateRule = core.template.retention;
    if (templateRule !== undefined) {
      const due = dueOf(templateRule, record, { field: [], value: [] });
      if (!Number.isNaN(due) && due <= nowMs)
        steps.push({
          recordId: record.id,
          action: templateRule.action,
          pointers: [],
          rule: 'template',
          dueAt: new Date(due).toISOString(),
        });
    }
    if (!ruled) continue;
    const visit = (nodes: readonly FieldNode[], source: Record<string, unknown>, prefix: string): void => {
      for (const node of nodes) {
        const value = ownValue(source, node.key);
        if (value === undefined || value === null) continue;
        const pointer = prefix + node.ptr;
        if (node.container === 'object') {
          if (isObject(value)) visit(node.children, value, pointer);
          continue;
        }
        if (node.container === 'array') {
          if (!Array.isArray(value)) continue;
          for (const item of value) {
            if (!isObject(item) || typeof item._id !== 'string' || item._id === '') continue;
            visit(node.children, item, `${pointer}/${escapeSegment(item._id)}`);
          }
          continue;
        }
        const rule = node.field.privacy.retention;
        if (rule === undefined) continue;
        const due = dueOf(rule, record, { field: node.field.segments, value: parsePointer(pointer) ?? [] });
        if (Number.isNaN(due) || due > nowMs) continue;
        steps.push({
          recordId: record.id,
          action: rule.action,
          pointers: [pointer],
          rule: node.field.path,
          dueAt: new Date(due).toISOString(),
        });
      }
    };
    visit(core.tree.roots, data, '');
  }
  return steps.sort(compareSteps);
}
