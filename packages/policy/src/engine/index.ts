export type { EngineAuditDetails } from './auditDetails.js';
export { type CompiledPolicy, compilePolicy } from './compilePolicy.js';
export { createViewer } from './createViewer.js';
export type { ColumnDescription } from './describeColumns.js';
export type { CompileOptions } from './engineCore.js';
export { countExportColumns, type ExportColumnReason } from './planExport.js';
export type {
  ExactSearch,
  PlanSearchOptions,
  SearchCoverage,
  SearchPart,
  SearchPlan,
} from './planSearch.js';
export type { FormTarget } from './projectForm.js';
export type { ProjectionStep, StepAction } from './projectionPlan.js';
export type { ProjectOptions } from './projectRecord.js';
export { NEW_ITEM_PREFIX } from './resolveValuePointer.js';
export {
  type OwnerScope,
  ownerScopeOf,
  relationInScope,
  type ScopeCondition,
  scopeConditionOf,
} from './scopeCondition.js';
export { ownsRecord, showsInFull, showsMasked } from './showsInFull.js';
