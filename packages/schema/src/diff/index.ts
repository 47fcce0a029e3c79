export { diffTemplates } from './diffTemplates.js';
export {
  diffWorkspacePolicy,
  type WorkspacePolicyChange,
  type WorkspacePolicyChangeKind,
  type WorkspacePolicyDiff,
} from './diffWorkspacePolicy.js';
export type { FieldComparator, FieldPair } from './fieldComparators.js';
export { FIELD_COMPARATORS } from './fieldComparators.js';
export type { TemplateChange, TemplateChangeKind, TemplateDiff } from './templateChange.js';
