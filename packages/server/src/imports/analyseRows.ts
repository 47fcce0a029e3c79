import type { FieldChange, VeilRecord } from '@veil/policy';
import { normalizeExact } from '@veil/store';
import type { Scene } from '../records/recordScene.js';
import {
  applyChanges,
  fieldOfPointer,
  joinPointer,
  parsePointer,
  validateData,
} from '../services/recordData.js';
import { convertCell } from './convertCell.js';
import { type ImportMessageCode, importMessage } from './importMessages.js';
import { type ImportTarget, titleOf } from './importTargets.js';
import type { SheetCell, SheetGrid } from './readSheet.js';
import { ownerResolver } from './resolveOwners.js';
import type { SheetColumn } from './sheetColumns.js';

/** How a row's owner is chosen. */
export type OwnerChoice = { kind: 'importer' } | { kind: 'column'; column: string };

/** A problem with one row: its line in the file, the column and field by title, never the value. */
export interface RowIssue {
  line: number;
  column: string | null;
  field: string | null;
  code: string;
  message: string;
}

/** A row whose customer already exists (撞单): who holds it is said only as "you" or "another rep". */
export interface DuplicateRow {
  line: number;
  field: string;
  heldBy: 'another-rep' | 'you' | 'this-file';
  message: string;
}

export interface MappedColumn {
  column: SheetColumn;
  target: ImportTarget;
}

export interface AnalyseOptions {
  grid: SheetGrid;
  /** Index of the first data row in `grid.rows`. */
  firstRow: number;
  mapped: MappedColumn[];
  owner: OwnerChoice;
  ownerColumn: SheetColumn | undefined;
  /** Build the records to create (the job); a dry run only counts. */
  build: boolean;
  /** Called every `PROGRESS_EVERY` rows; a `false` answer stops the analysis (cancelled). */
  progress: (done: number) => boolean | Promise<boolean>;
}

export interface RowAnalysis {
  /** Data rows (empty rows not counted). */
  rows: number;
  emptyRows: number;
  /** Rows that would be created. */
  valid: number;
  issues: RowIssue[];
  issueCount: number;
  duplicates: DuplicateRow[];
  duplicateCount: number;
  /** Blind-index look-ups made (each audited in the import's entry). */
  duplicateChecks: number;
  /** Cells that held formulas, per column letter. */
  formulas: Record<string, number>;
  records: VeilRecord[];
  cancelled: boolean;
}

/** Issues and duplicates listed in full up to this many each; beyond it only counted. */
const LISTED_LIMIT = 500;
const PROGRESS_EVERY = 250;

const ITEM = 'new:row';

function valuePointer(target: ImportTarget): string {
  return joinPointer(target.field.segments.map((s) => (s === '*' ? ITEM : s)));
}

const isEmpty = (row: SheetCell[]) => row.every((c) => c.text.trim() === '');

/**
 * Converts and validates every data row like a form (the same write guard and schema), resolves
 * owners, and looks each exact-match value up in the blind index across all owners (撞单). Only
 * whether a duplicate exists, and whether it is the importer's own, leaves this function.
 */
export async function analyseRows(scene: Scene, options: AnalyseOptions): Promise<RowAnalysis> {
  const { grid, mapped, locale } = { ...options, locale: scene.locale };
  const template = scene.loaded.sanitized;
  const storage = await scene.services.store.getTemplateStorage(template.id);
  const exact = new Set(storage?.exact ?? []);
  const checked = mapped.filter((m) => exact.has(m.target.path));
  const resolveOwner = ownerResolver(scene);
  const ownerPointer = joinPointer(parsePointer(template.owner));
  const seen = new Map<string, number>();
  const result: RowAnalysis = {
    rows: 0,
    emptyRows: 0,
    valid: 0,
    issues: [],
    issueCount: 0,
    duplicates: [],
    duplicateCount: 0,
    duplicateChecks: 0,
    formulas: {},
    records: [],
    cancelled: false,
  };
  const issue = (entry: RowIssue) => {
    result.issueCount += 1;
    if (result.issues.length < LISTED_LIMIT) result.issues.push(entry);
  };
  const now = scene.services.now().toISOString();
  for (let r = options.firstRow; r < grid.rows.length; r++) {
    if ((r - options.firstRow) % PROGRESS_EVERY === 0 && !(await options.progress(r - options.firstRow))) {
      result.cancelled = true;
      return result;
    }
    const row = grid.rows[r]!;
    const line = grid.lines[r]!;
    if (isEmpty(row)) {
      result.emptyRows += 1;
      continue;
    }
    result.rows += 1;
    let bad = false;
    const changes: FieldChange[] = [];
    for (const { column, target } of mapped) {
      const cell = row[column.index] ?? { text: '' };
      if (cell.formula) result.formulas[column.letter] = (result.formulas[column.letter] ?? 0) + 1;
      const converted = convertCell(cell, target);
      if (!converted.ok) {
        bad = true;
        issue({
          line,
          column: column.letter,
          field: target.title,
          code: converted.code,
          message: importMessage(converted.code, locale, { field: target.title, column: column.letter }),
        });
      } else if (converted.value !== undefined) {
        changes.push({ pointer: valuePointer(target), value: converted.value });
      }
    }
    let ownerId = scene.actor;
    if (options.owner.kind === 'column' && options.ownerColumn) {
      const letter = options.ownerColumn.letter;
      const text = (row[options.ownerColumn.index]?.text ?? '').trim();
      if (text !== '') {
        const answer = await resolveOwner(text);
        if (answer.ok) ownerId = answer.userId;
        else {
          bad = true;
          issue({
            line,
            column: letter,
            field: null,
            code: answer.code,
            message: importMessage(answer.code, locale, { column: letter, count: answer.count ?? 0 }),
          });
        }
      }
    }
    if (bad) continue;
    const guard = scene.policy.guardWrite(changes, scene.viewer);
    if (guard.status === 'refused') {
      for (const refusal of guard.refusals) {
        const field = fieldOfPointer(template, refusal.pointer);
        const title = field ? titleOf(field, locale) : null;
        issue({
          line,
          column: null,
          field: title,
          code: refusal.reason,
          message: importMessage('invalid', locale, { field: title ?? '', reason: refusal.reason }),
        });
      }
      continue;
    }
    const applied = applyChanges(
      {},
      [{ pointer: ownerPointer, value: ownerId }, ...changes],
      scene.services.newId,
    );
    const problems = validateData(scene.loaded.validate, applied.data, template);
    if (problems.length > 0) {
      for (const problem of problems) {
        const field = fieldOfPointer(template, problem.path);
        const title = field ? titleOf(field, locale) : '';
        const column = mapped.find((m) => m.target.path === field?.path)?.column.letter ?? null;
        const code: ImportMessageCode = problem.code === 'required' ? 'required' : 'invalid';
        issue({
          line,
          column,
          field: title || null,
          code: problem.code,
          message: importMessage(code, locale, { field: title, reason: problem.message }),
        });
      }
      continue;
    }
    const duplicate = await findDuplicate(scene, checked, changes, seen, line);
    result.duplicateChecks += duplicate.checks;
    if (duplicate.row) {
      result.duplicateCount += 1;
      if (result.duplicates.length < LISTED_LIMIT) result.duplicates.push(duplicate.row);
      continue;
    }
    result.valid += 1;
    if (options.build)
      result.records.push({
        id: scene.services.newId(),
        templateId: template.id,
        templateVersion: scene.loaded.doc.version,
        version: 1,
        createdAt: now,
        updatedAt: now,
        data: applied.data,
      });
  }
  await options.progress(grid.rows.length - options.firstRow);
  return result;
}

async function findDuplicate(
  scene: Scene,
  checked: MappedColumn[],
  changes: FieldChange[],
  seen: Map<string, number>,
  line: number,
): Promise<{ checks: number; row: DuplicateRow | null }> {
  let checks = 0;
  const locale = scene.locale;
  const owner = parsePointer(scene.loaded.sanitized.owner);
  for (const { target } of checked) {
    const pointer = valuePointer(target);
    const value = changes.find((c) => c.pointer === pointer)?.value;
    if (typeof value !== 'string' || value === '') continue;
    const normal = normalizeExact(value);
    const key = `${target.path}\u0000${normal}`;
    const first = seen.get(key);
    if (first !== undefined)
      return {
        checks,
        row: {
          line,
          field: target.title,
          heldBy: 'this-file',
          message: importMessage('duplicate-in-file', locale, { field: target.title, first }),
        },
      };
    seen.set(key, line);
    checks += 1;
    const page = await scene.services.store.queryRecords(scene.loaded.sanitized.id, {
      match: [{ field: target.path, value: normal }],
      scope: { kind: 'all' },
      limit: 1,
    });
    const found = page.records[0];
    if (!found) continue;
    let holder: unknown = found.data;
    for (const segment of owner) holder = (holder as Record<string, unknown> | undefined)?.[segment];
    const mine = holder === scene.actor;
    return {
      checks,
      row: {
        line,
        field: target.title,
        heldBy: mine ? 'you' : 'another-rep',
        message: importMessage(mine ? 'duplicate-own' : 'duplicate-other', locale, { field: target.title }),
      },
    };
  }
  return { checks, row: null };
}
