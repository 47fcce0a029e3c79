import { parseOrThrow } from '../lint/parseOrThrow.js';
import type { SanitizedField } from '../sanitized.js';
import type { Template } from '../template.js';
import type { WorkspacePolicy } from '../workspacePolicy.js';
import { FIELD_COMPARATORS } from './fieldComparators.js';
import type { TemplateChange, TemplateDiff } from './templateChange.js';

/**
 * Compare two versions of a template. Both are parsed against the same workspace policy and
 * compared resolved, so a change of a default (e.g. a level change that alters access and export)
 * shows up as the changes it causes. Throws `TemplateInvalidError` if either does not parse.
 */
export function diffTemplates(a: Template, b: Template, policy: WorkspacePolicy): TemplateDiff {
  const templateA = parseOrThrow(a, policy);
  const templateB = parseOrThrow(b, policy);
  const fieldsA = new Map(templateA.fields.map((f) => [f.path, f]));
  const fieldsB = new Map(templateB.fields.map((f) => [f.path, f]));
  const changes: TemplateChange[] = [];

  if (templateA.owner !== templateB.owner) {
    changes.push({
      path: '',
      kind: 'owner-changed',
      classification: 'breaking',
      message: `Owner field moved from ${templateA.owner} to ${templateB.owner}: existing records lose their owner.`,
    });
  }
  for (const field of templateB.fields) {
    const before = fieldsA.get(field.path);
    if (before === undefined) {
      // Only the topmost added node: its descendants come with it.
      if (field.parent === '' || fieldsA.has(field.parent)) changes.push(added(field));
      continue;
    }
    for (const comparator of FIELD_COMPARATORS) {
      changes.push(...comparator.compare({ a: before, b: field, templateA, templateB, policy }));
    }
  }
  for (const field of templateA.fields) {
    if (fieldsB.has(field.path)) continue;
    // Only the topmost removed node: its descendants go with it.
    if (field.parent === '' || fieldsB.has(field.parent)) {
      changes.push({
        path: field.path,
        kind: 'field-removed',
        classification: 'breaking',
        message: 'Field removed: clients and views that use it break, and its data is no longer shown.',
      });
    }
  }
  return {
    changes,
    breaking: changes.some((c) => c.classification === 'breaking'),
    weakensPrivacy: changes.some((c) => c.privacy === 'weakens'),
  };
}

function added(field: SanitizedField): TemplateChange {
  return field.required
    ? {
        path: field.path,
        kind: 'field-added',
        classification: 'breaking',
        message: 'Required field added: existing records without it no longer validate.',
      }
    : {
        path: field.path,
        kind: 'field-added',
        classification: 'compatible',
        message: 'Optional field added.',
      };
}
