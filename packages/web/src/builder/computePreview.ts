import {
  compilePolicy,
  createViewer,
  type Keyring,
  type ProjectedForm,
  type VeilRecord,
  type Viewer,
} from '@veil/policy';
import {
  parseTemplate,
  type Relation,
  type SanitizedTemplate,
  type Template,
  type ValidationIssue,
  type WorkspacePolicy,
} from '@veil/schema';
import { sampleValue } from './sampleValues.js';
import { splitPath } from './schemaPaths.js';

/** Whom the preview shows the form to: a role, and its relation to the record (or a new record). */
export interface PreviewAs {
  role: string;
  relation: Relation | 'create';
  locale: 'zh-CN' | 'en';
}

export type PreviewResult =
  | {
      status: 'ok';
      sanitized: SanitizedTemplate;
      form: ProjectedForm;
      /** The sample record as this person sees it; null when it is outside the role's row scope. */
      data: Record<string, unknown> | null;
      masked: string[];
      revealable: string[];
      /** Milliseconds spent parsing, compiling and projecting. */
      ms: number;
    }
  | { status: 'error'; errors: ValidationIssue[]; ms: number };

/** Not a secret: the preview's `hash` mask only has to look like one. */
function fnv(value: string): string {
  let h = 0x811c9dc5;
  for (let i = 0; i < value.length; i++) h = Math.imul(h ^ value.charCodeAt(i), 0x01000193);
  return (h >>> 0).toString(16).padStart(8, '0');
}

export const PREVIEW_KEYS: Keyring = { hashToken: fnv, blindIndex: (_f, v) => fnv(v), auditRef: fnv };

const VIEWER_ID = 'preview:viewer';
/** The owner of the sample record for each relation the preview can take. */
const OWNER_FOR: Record<Relation, string> = {
  owner: VIEWER_ID,
  team: 'preview:colleague',
  any: 'preview:stranger',
};

function previewViewer(role: string): Viewer {
  return createViewer(
    { id: VIEWER_ID, roles: [role], departmentId: 'preview:dept', managedDepartmentIds: [] },
    {
      parentOf: { 'preview:dept': null, 'preview:other': null },
      departmentOf: {
        [VIEWER_ID]: 'preview:dept',
        'preview:colleague': 'preview:dept',
        'preview:stranger': 'preview:other',
      },
    },
  );
}

/** A record filled with typical values (one item per list), owned according to the relation. */
function sampleRecordData(
  template: SanitizedTemplate,
  relation: Relation,
  locale: PreviewAs['locale'],
): Record<string, unknown> {
  const data: Record<string, unknown> = {};
  for (const field of template.fields) {
    let cursor: Record<string, unknown> = data;
    const segments = field.segments;
    for (let i = 0; i < segments.length - 1; i++) {
      const segment = segments[i] ?? '';
      if (segment === '*') continue;
      const next = segments[i + 1];
      let child = cursor[segment];
      if (next === '*') {
        if (!Array.isArray(child)) cursor[segment] = child = [{ _id: 'sample-1' }];
        cursor = (child as Record<string, unknown>[])[0] ?? {};
      } else {
        if (typeof child !== 'object' || child === null) cursor[segment] = child = {};
        cursor = child as Record<string, unknown>;
      }
    }
    const last = segments.at(-1) ?? '';
    if (last === '*') continue;
    if (!field.leaf) {
      if (!(last in cursor)) cursor[last] = field.kind === 'array' ? [{ _id: 'sample-1' }] : {};
      continue;
    }
    cursor[last] = sampleValue(field, locale);
  }
  const owner = splitPath(template.owner);
  if (owner.length === 1 && owner[0] !== undefined) data[owner[0]] = OWNER_FOR[relation];
  return data;
}

/** The form and sample record for one person, from an already parsed template (compiling is cheap). */
export function previewFromSanitized(
  sanitized: SanitizedTemplate,
  policy: WorkspacePolicy,
  as: PreviewAs,
): Omit<Extract<PreviewResult, { status: 'ok' }>, 'ms' | 'sanitized'> {
  const compiled = compilePolicy(sanitized, policy, { keys: PREVIEW_KEYS, locale: as.locale });
  const viewer = previewViewer(as.role);
  if (as.relation === 'create') {
    return {
      status: 'ok',
      form: compiled.projectForm(viewer, 'create', as.locale),
      data: {},
      masked: [],
      revealable: [],
    };
  }
  const record: VeilRecord = {
    id: 'preview',
    templateId: sanitized.id,
    templateVersion: sanitized.version,
    version: 1,
    createdAt: '2026-01-05T08:00:00.000Z',
    updatedAt: '2026-03-02T08:00:00.000Z',
    data: sampleRecordData(sanitized, as.relation, as.locale),
  };
  const projected = compiled.projectRecord(record, viewer);
  return {
    status: 'ok',
    form: compiled.projectForm(viewer, { relation: as.relation }, as.locale),
    data: projected?.data ?? null,
    masked: projected?.masked ?? [],
    revealable: projected?.revealable ?? [],
  };
}

/**
 * The form exactly as the server would build it for this role and relation, computed in the
 * browser with the same pure packages (for the preview only; the server enforces).
 */
export function computePreview(template: Template, policy: WorkspacePolicy, as: PreviewAs): PreviewResult {
  const started = performance.now();
  const parsed = parseTemplate(template, policy);
  if (parsed.status === 'error')
    return { status: 'error', errors: parsed.errors, ms: performance.now() - started };
  const view = previewFromSanitized(parsed.template, policy, as);
  return { ...view, sanitized: parsed.template, ms: performance.now() - started };
}
