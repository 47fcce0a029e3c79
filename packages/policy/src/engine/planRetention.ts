import type { RetentionRule } from '@veil/schema';
import type { RetentionStep, VeilRecord } from '../types.js';
import type { EngineCore } from './engineCore.js';
import type { FieldNode } from './fieldTree.js';
import { escapeSegment, isObject, ownValue, parsePointer } from './pointer.js';

const DAY_MS = 86_400_000;

/** Start of a retention period: `createdAt`, `updatedAt`, or a date at a pointer relative to `base`; `updatedAt` when missing or invalid. */
function startOf(rule: RetentionRule, record: VeilRecord, base: unknown): number {
  let raw: unknown;
  if (rule.after === 'createdAt') raw = record.createdAt;
  else if (rule.after === 'updatedAt') raw = record.updatedAt;
  else {
    const segments = parsePointer(rule.after);
    raw = undefined;
    if (segments !== null && segments.length > 0) {
      raw = base;
      for (const segment of segments) raw = ownValue(raw, segment);
    }
  }
  const parsed = typeof raw === 'string' ? Date.parse(raw) : Number.NaN;
  return Number.isNaN(parsed) ? Date.parse(record.updatedAt) : parsed;
}

function dueOf(rule: RetentionRule, record: VeilRecord, base: unknown): number {
  return startOf(rule, record, base) + rule.days * DAY_MS;
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
      const due = dueOf(templateRule, record, data);
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
        // Inside an array item, `after` is relative to the innermost item (`source`).
        const base = node.field.segments.includes('*') ? source : data;
        const due = dueOf(rule, record, base);
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
