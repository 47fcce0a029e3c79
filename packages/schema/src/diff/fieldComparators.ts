import { effectiveRetention, rankAccess, rankLevel, relationsInScope } from '../lint/fieldFacts.js';
import type { ExportRule, ResolvedMask, RetentionAction, RetentionRule } from '../privacy.js';
import type { SanitizedField, SanitizedTemplate } from '../sanitized.js';
import type { WorkspacePolicy } from '../workspacePolicy.js';
import type { TemplateChange } from './templateChange.js';

/** Both versions of one field, with their templates. */
export interface FieldPair {
  a: SanitizedField;
  b: SanitizedField;
  templateA: SanitizedTemplate;
  templateB: SanitizedTemplate;
  policy: WorkspacePolicy;
}

/** One aspect of a field compared across versions. */
export interface FieldComparator {
  /** What this comparator looks at. */
  aspect: string;
  compare(pair: FieldPair): TemplateChange[];
}

type Change = Omit<TemplateChange, 'path'>;

const EXPORT_STRICTNESS: readonly ExportRule[] = ['allow', 'approval', 'masked', 'deny'];
const ACTION_STRICTNESS: readonly RetentionAction[] = ['archive', 'anonymize', 'delete'];

function at(path: string, changes: Change[]): TemplateChange[] {
  return changes.map((c) => ({ path, ...c }));
}

const sameJson = (x: unknown, y: unknown): boolean => JSON.stringify(x) === JSON.stringify(y);

function describeRetention(r: RetentionRule): string {
  return `${r.days} days after ${r.after}, then ${r.action}`;
}

/** How many characters a mask leaves readable, where that can be compared; undefined otherwise. */
function maskExposure(mask: ResolvedMask): number | undefined {
  switch (mask.style) {
    case 'none':
      return Number.POSITIVE_INFINITY;
    case 'partial':
      return mask.keepStart + mask.keepEnd;
    case 'last4':
      return 4;
    case 'redact':
      return 0;
    default:
      return undefined;
  }
}

function maskLabel(mask: ResolvedMask): string {
  return mask.style === 'partial' ? `partial ${mask.keepStart}/${mask.keepEnd}` : mask.style;
}

/** Every aspect of a field that `diffTemplates` compares, in report order. */
export const FIELD_COMPARATORS: readonly FieldComparator[] = [
  {
    aspect: 'type',
    compare: ({ a, b }) => {
      if (a.kind === b.kind) return [];
      const widened = a.kind === 'integer' && b.kind === 'number';
      return at(b.path, [
        widened
          ? {
              kind: 'type-widened',
              classification: 'compatible',
              message: 'Type widened from integer to number.',
            }
          : {
              kind: 'type-changed',
              classification: 'breaking',
              message: `Type changed from ${a.kind} to ${b.kind}: existing values may no longer validate.`,
            },
      ]);
    },
  },
  {
    aspect: 'format',
    compare: ({ a, b }) => {
      if (a.format === b.format) return [];
      return at(b.path, [
        b.format === undefined
          ? { kind: 'format-removed', classification: 'compatible', message: `Format ${a.format} removed.` }
          : {
              kind: 'format-changed',
              classification: 'breaking',
              message: `Format ${a.format ?? '(none)'} → ${b.format}: existing values may no longer validate.`,
            },
      ]);
    },
  },
  {
    aspect: 'enum',
    compare: ({ a, b }) => {
      if (sameJson(a.enum, b.enum)) return [];
      const before = a.enum?.map((v) => JSON.stringify(v));
      const after = new Set(b.enum?.map((v) => JSON.stringify(v)));
      const narrowed = b.enum !== undefined && (before === undefined || before.some((v) => !after.has(v)));
      return at(b.path, [
        narrowed
          ? {
              kind: 'enum-narrowed',
              classification: 'breaking',
              message: 'Allowed values narrowed: records holding a dropped value no longer validate.',
            }
          : { kind: 'enum-widened', classification: 'compatible', message: 'Allowed values widened.' },
      ]);
    },
  },
  {
    aspect: 'required',
    compare: ({ a, b }) => {
      if (a.required === b.required) return [];
      return at(b.path, [
        b.required
          ? {
              kind: 'made-required',
              classification: 'breaking',
              message: 'Field made required: records without it no longer validate.',
            }
          : { kind: 'made-optional', classification: 'compatible', message: 'Field made optional.' },
      ]);
    },
  },
  {
    aspect: 'level',
    compare: ({ a, b }) => {
      const delta = rankLevel(b.privacy.level) - rankLevel(a.privacy.level);
      if (delta === 0) return [];
      const message = `Level ${a.privacy.level} → ${b.privacy.level}.`;
      return at(b.path, [
        delta < 0
          ? { kind: 'level-lowered', classification: 'compatible', privacy: 'weakens', message }
          : { kind: 'level-raised', classification: 'compatible', privacy: 'strengthens', message },
      ]);
    },
  },
  {
    aspect: 'access',
    compare: ({ a, b, policy }) => {
      const changes: Change[] = [];
      for (const role of policy.roles) {
        const wider: string[] = [];
        const narrower: string[] = [];
        for (const relation of relationsInScope(role.rowScope)) {
          const before = a.privacy.access[role.id]?.[relation] ?? 'hidden';
          const after = b.privacy.access[role.id]?.[relation] ?? 'hidden';
          const delta = rankAccess(after) - rankAccess(before);
          if (delta > 0) wider.push(`${relation} ${before} → ${after}`);
          if (delta < 0) narrower.push(`${relation} ${before} → ${after}`);
        }
        if (wider.length > 0) {
          changes.push({
            kind: 'access-widened',
            classification: 'compatible',
            privacy: 'weakens',
            role: role.id,
            message: `Role ${role.id} reads more: ${wider.join(', ')}.`,
          });
        }
        if (narrower.length > 0) {
          changes.push({
            kind: 'access-narrowed',
            classification: 'compatible',
            privacy: 'strengthens',
            role: role.id,
            message: `Role ${role.id} reads less: ${narrower.join(', ')}.`,
          });
        }
      }
      return at(b.path, changes);
    },
  },
  {
    aspect: 'retention',
    compare: ({ a, b }) => {
      const before = effectiveRetention(a);
      const after = effectiveRetention(b);
      if (before === undefined && after === undefined) return [];
      if (before === undefined && after !== undefined) {
        return at(b.path, [
          {
            kind: 'retention-added',
            classification: 'compatible',
            privacy: 'strengthens',
            message: `Retention added: ${describeRetention(after)}.`,
          },
        ]);
      }
      if (before !== undefined && after === undefined) {
        return at(b.path, [
          {
            kind: 'retention-removed',
            classification: 'compatible',
            privacy: 'weakens',
            message: `Retention removed (was ${describeRetention(before)}): kept forever.`,
          },
        ]);
      }
      if (before === undefined || after === undefined) return [];
      const changes: Change[] = [];
      if (after.days > before.days) {
        changes.push({
          kind: 'retention-lengthened',
          classification: 'compatible',
          privacy: 'weakens',
          message: `Retention lengthened from ${before.days} to ${after.days} days.`,
        });
      } else if (after.days < before.days) {
        changes.push({
          kind: 'retention-shortened',
          classification: 'compatible',
          privacy: 'strengthens',
          message: `Retention shortened from ${before.days} to ${after.days} days.`,
        });
      }
      const actionDelta = ACTION_STRICTNESS.indexOf(after.action) - ACTION_STRICTNESS.indexOf(before.action);
      if (actionDelta !== 0) {
        changes.push({
          kind: 'retention-action-changed',
          classification: 'compatible',
          privacy: actionDelta < 0 ? 'weakens' : 'strengthens',
          message: `Retention action ${before.action} → ${after.action}.`,
        });
      }
      if (after.after !== before.after) {
        changes.push({
          kind: 'retention-anchor-changed',
          classification: 'compatible',
          message: `Retention now counts from ${after.after} (was ${before.after}).`,
        });
      }
      return at(b.path, changes);
    },
  },
  {
    aspect: 'export',
    compare: ({ a, b }) => {
      const delta = EXPORT_STRICTNESS.indexOf(b.privacy.export) - EXPORT_STRICTNESS.indexOf(a.privacy.export);
      if (delta === 0) return [];
      const message = `Export ${a.privacy.export} → ${b.privacy.export}.`;
      return at(b.path, [
        delta < 0
          ? { kind: 'export-loosened', classification: 'compatible', privacy: 'weakens', message }
          : { kind: 'export-tightened', classification: 'compatible', privacy: 'strengthens', message },
      ]);
    },
  },
  {
    aspect: 'encrypt',
    compare: ({ a, b }) => {
      if (a.privacy.encrypt === b.privacy.encrypt) return [];
      return at(b.path, [
        b.privacy.encrypt
          ? {
              kind: 'encryption-on',
              classification: 'compatible',
              privacy: 'strengthens',
              message: 'Encrypted at rest from now on.',
            }
          : {
              kind: 'encryption-off',
              classification: 'compatible',
              privacy: 'weakens',
              message: 'No longer encrypted at rest.',
            },
      ]);
    },
  },
  {
    aspect: 'mask',
    compare: ({ a, b }) => {
      if (sameJson(a.privacy.mask, b.privacy.mask)) return [];
      const before = maskExposure(a.privacy.mask);
      const after = maskExposure(b.privacy.mask);
      const message = `Mask ${maskLabel(a.privacy.mask)} → ${maskLabel(b.privacy.mask)}.`;
      const comparable = before !== undefined && after !== undefined && before !== after;
      const weakens = b.privacy.mask.style === 'none' || (comparable && after > before);
      const strengthens = a.privacy.mask.style === 'none' || (comparable && after < before);
      return at(b.path, [
        weakens
          ? { kind: 'mask-weakened', classification: 'compatible', privacy: 'weakens', message }
          : strengthens
            ? { kind: 'mask-strengthened', classification: 'compatible', privacy: 'strengthens', message }
            : { kind: 'mask-changed', classification: 'compatible', message },
      ]);
    },
  },
  {
    aspect: 'scan',
    compare: ({ a, b }) => {
      if (a.privacy.scan === b.privacy.scan) return [];
      return at(b.path, [
        b.privacy.scan
          ? {
              kind: 'scan-on',
              classification: 'compatible',
              privacy: 'strengthens',
              message: 'Free text is scanned for personal numbers from now on.',
            }
          : {
              kind: 'scan-off',
              classification: 'compatible',
              privacy: 'weakens',
              message: 'Free text is no longer scanned for personal numbers.',
            },
      ]);
    },
  },
  {
    aspect: 'search',
    compare: ({ a, b }) => {
      if (a.privacy.search === b.privacy.search) return [];
      return at(b.path, [
        b.privacy.search === 'exact'
          ? {
              kind: 'search-index-added',
              classification: 'compatible',
              privacy: 'weakens',
              message: 'A blind index is kept: equal values become recognisable.',
            }
          : {
              kind: 'search-index-removed',
              classification: 'compatible',
              privacy: 'strengthens',
              message: 'The blind index is dropped.',
            },
      ]);
    },
  },
  {
    aspect: 'purpose',
    compare: ({ a, b }) => {
      const changes: Change[] = [];
      if (a.privacy.purpose !== b.privacy.purpose) {
        changes.push({
          kind: 'purpose-changed',
          classification: 'compatible',
          message: `Purpose ${a.privacy.purpose ?? '(none)'} → ${b.privacy.purpose ?? '(none)'}: consent given for the old purpose does not cover the new one.`,
        });
      }
      if (a.privacy.basis !== b.privacy.basis) {
        changes.push({
          kind: 'basis-changed',
          classification: 'compatible',
          message: `Lawful basis ${a.privacy.basis ?? '(none)'} → ${b.privacy.basis ?? '(none)'}.`,
        });
      }
      return at(b.path, changes);
    },
  },
];
