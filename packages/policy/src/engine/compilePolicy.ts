import type { Relation, SanitizedTemplate, WorkspacePolicy } from '@veil/schema';
import type {
  AuditChange,
  ExportPlan,
  ExportRequest,
  FieldChange,
  ProjectedForm,
  ProjectedRecord,
  Query,
  QueryGuardResult,
  RetentionStep,
  VeilRecord,
  Viewer,
  WriteGuardResult,
} from '../types.js';
import { applyRetentionStep } from './applyRetentionStep.js';
import { auditDetails, type EngineAuditDetails } from './auditDetails.js';
import { type ColumnDescription, describeColumns } from './describeColumns.js';
import { type CompileOptions, createEngineCore } from './engineCore.js';
import { guardQuery } from './guardQuery.js';
import { guardWrite } from './guardWrite.js';
import { planExport } from './planExport.js';
import { planRetention } from './planRetention.js';
import { type PlanSearchOptions, planSearch, type SearchPlan } from './planSearch.js';
import { type FormTarget, projectForm } from './projectForm.js';
import { type ProjectOptions, projectRecord, projectRecords } from './projectRecord.js';

/**
 * A template version compiled against a workspace policy version: every privacy decision about
 * its records. Per-role-set tables and projection plans are built on first use and cached.
 */
export interface CompiledPolicy {
  /** The template it was compiled from. */
  readonly template: SanitizedTemplate;
  /** The workspace policy it was compiled against. */
  readonly policy: WorkspacePolicy;
  /** The viewer's relation to the record, or `null` when the record is outside its row scope. */
  relationOf(record: VeilRecord, viewer: Viewer): Relation | null;
  /** What the viewer may see of a record; `null` outside its scope. */
  projectRecord(record: VeilRecord, viewer: Viewer, options?: ProjectOptions): ProjectedRecord | null;
  /** Projects many records; those outside the viewer's scope are left out. */
  projectRecords(records: readonly VeilRecord[], viewer: Viewer, options?: ProjectOptions): ProjectedRecord[];
  /** The JSON Schema and rjsf uiSchema of a form for this viewer. */
  projectForm(viewer: Viewer, target: FormTarget, locale: 'zh-CN' | 'en'): ProjectedForm;
  /** Whether the viewer may set these leaf values (no record = create). */
  guardWrite(changes: readonly FieldChange[], viewer: Viewer, record?: VeilRecord): WriteGuardResult;
  /** The fields a table may show the viewer, each with what the query guard allows on it. */
  describeColumns(viewer: Viewer): ColumnDescription[];
  /** What the search box covers for the viewer: substring parts by relation, blind-index matches. */
  planSearch(viewer: Viewer, options?: PlanSearchOptions): SearchPlan;
  /** Whether a table query may run for the viewer and, if so, the scope condition the store applies. */
  guardQuery(query: Query, viewer: Viewer): QueryGuardResult;
  /** The treatment of each export column, approval and watermark. */
  planExport(request: ExportRequest, viewer: Viewer): ExportPlan;
  /** What the audit log may hold about a change: never a value. */
  auditDetails(change: AuditChange, viewer: Viewer): EngineAuditDetails;
  /** Retention actions due at `now`, in a stable order. */
  planRetention(records: readonly VeilRecord[], now: string): RetentionStep[];
  /** Applies one retention step to a copy of the record; `null` when the record is deleted. */
  applyRetentionStep(record: VeilRecord, step: RetentionStep): VeilRecord | null;
}

/** Compiles a sanitized template against a workspace policy: once per template version × policy version. */
export function compilePolicy(
  template: SanitizedTemplate,
  policy: WorkspacePolicy,
  options: CompileOptions,
): CompiledPolicy {
  const core = createEngineCore(template, policy, options);
  return {
    template,
    policy,
    relationOf: (record, viewer) => core.relationOf(record, viewer),
    projectRecord: (record, viewer, projectOptions) => projectRecord(core, record, viewer, projectOptions),
    projectRecords: (records, viewer, projectOptions) =>
      projectRecords(core, records, viewer, projectOptions),
    projectForm: (viewer, target, locale) => projectForm(core, viewer, target, locale),
    guardWrite: (changes, viewer, record) => guardWrite(core, changes, viewer, record),
    guardQuery: (query, viewer) => guardQuery(core, query, viewer),
    describeColumns: (viewer) => describeColumns(core, viewer),
    planSearch: (viewer, searchOptions) => planSearch(core, viewer, searchOptions),
    planExport: (request, viewer) => planExport(core, request, viewer),
    auditDetails: (change, viewer) => auditDetails(core, change, viewer),
    planRetention: (records, now) => planRetention(core, records, now),
    applyRetentionStep: (record, step) => applyRetentionStep(core, record, step),
  };
}
