import type { ParseResult, SanitizedTemplate } from '../sanitized.js';
import type { Template } from '../template.js';
import type { WorkspacePolicy } from '../workspacePolicy.js';
import { createBoundedCache } from './boundedCache.js';
import { checkPointers } from './checkPointers.js';
import { checkSchema } from './checkSchema.js';
import { collectFields } from './collectFields.js';
import { findRefCycle, inlineRefs } from './inlineRefs.js';
import { TEMPLATE_LIMITS } from './limits.js';
import { mapAjvErrors } from './mapAjvErrors.js';
import { getMetaValidators } from './metaValidators.js';
import { type ParseIssue, type ParseWarning, parseIssue } from './parseIssue.js';
import { readInput } from './readInput.js';
import { removeUnknownFormats } from './removeUnknownFormats.js';
import { schemaFingerprint } from './schemaFingerprint.js';
import { withStrictNotes } from './strictNotes.js';
import { strictNoteWarning } from './strictNoteWarning.js';

const MAX_ISSUES = 100;
/** Ajv verdicts kept: a builder edits one template, so a few versions back is plenty. */
const COMPILE_VERDICTS = 8;
const compileVerdicts = createBoundedCache<CompileVerdict>(COMPILE_VERDICTS);

/** Why a schema cannot be compiled, and the notes of the compiler about one that can. */
interface CompileVerdict {
  issues: readonly ParseIssue[];
  warnings: readonly ParseWarning[];
}

function fail(issues: ParseIssue[]): ParseResult {
  const seen = new Set<string>();
  const errors = issues.filter((i) => {
    const key = `${i.path}\u0000${i.code}\u0000${i.message}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
  return { status: 'error', errors: errors.slice(0, MAX_ISSUES) };
}

/** Compiles the raw schema with Ajv (strict) and reports why it cannot be compiled. */
function compileUncached(schema: object): CompileVerdict {
  const { ajv } = getMetaValidators();
  if (!ajv.validateSchema(schema)) {
    return { issues: mapAjvErrors(ajv.errors, '/schema', 'schema-invalid'), warnings: [] };
  }
  try {
    const { notes } = withStrictNotes(() => ajv.compile(schema));
    const warnings = notes
      .map((note) => strictNoteWarning(note, '/schema'))
      .filter((w): w is ParseWarning => w !== undefined);
    return { issues: [], warnings };
  } catch (e) {
    const message = e instanceof Error ? e.message : '';
    const at = /at (?:path )?"#([^"]*)"/.exec(message);
    let path = '/schema';
    try {
      if (at?.[1]) path += decodeURIComponent(at[1]);
    } catch {
      // keep the schema root
    }
    const what = message.split(' at ')[0] ?? '';
    return {
      issues: [
        parseIssue(path, 'schema-invalid', `Ajv cannot compile the schema here (${what}); fix the schema.`),
      ],
      warnings: [],
    };
  } finally {
    ajv.removeSchema(schema);
  }
}

/**
 * {@link compileUncached}, remembered by the schema's fingerprint: the verdict depends only on
 * the schema's structure, and an edit that changes only titles or annotations keeps it.
 */
function compileSchema(schema: object): CompileVerdict {
  const key = schemaFingerprint(schema);
  let verdict = compileVerdicts.get(key);
  if (verdict === undefined) {
    verdict = compileUncached(schema);
    compileVerdicts.set(key, verdict);
  }
  return { issues: verdict.issues.map((i) => ({ ...i })), warnings: verdict.warnings.map((w) => ({ ...w })) };
}

function parseValidated(value: Template, policy: WorkspacePolicy): ParseResult {
  // An unknown format is ignored with a warning, never a refusal.
  const known = removeUnknownFormats(value.schema as Record<string, unknown>, '/schema');
  const schema = known.schema;
  const checked = checkSchema(schema, policy, '/schema');
  if (checked.rawFieldCount > TEMPLATE_LIMITS.maxFields) {
    return fail([
      parseIssue(
        '/schema',
        'too-many-fields',
        `The template has more than ${TEMPLATE_LIMITS.maxFields} fields; split it into several templates.`,
      ),
    ]);
  }
  if (schema.type !== 'object') {
    checked.issues.unshift(
      parseIssue(
        '/schema/type',
        'schema-root-not-object',
        'Set the schema\'s root to "type": "object": a record is an object.',
      ),
    );
  }
  if (checked.issues.length > 0) return fail(checked.issues);
  const cycle = findRefCycle(schema, '/schema');
  if (cycle.length > 0) return fail(cycle);
  const inlined = inlineRefs(schema, '/schema', policy);
  if (!inlined.ok) return fail(inlined.issues);
  const collected = collectFields({
    schema: inlined.schema,
    origin: inlined.origin,
    policy,
    templateRetention: value.retention,
  });
  if (collected.issues.length > 0) return fail(collected.issues);
  // Last of the schema checks: compiling is the costliest step, so limits are enforced before it.
  const compiled = compileSchema(schema);
  if (compiled.issues.length > 0) return fail([...compiled.issues]);
  const pointerIssues = checkPointers(value, collected.fields, collected.retentionChecks);
  const purposes = new Set(policy.purposes.map((p) => p.id));
  for (const [i, purpose] of (value.requireConsent ?? []).entries())
    if (!purposes.has(purpose))
      pointerIssues.push(
        parseIssue(`/requireConsent/${i}`, 'purpose-unknown', "Name one of the workspace's purposes."),
      );
  if (pointerIssues.length > 0) return fail(pointerIssues);

  const template: SanitizedTemplate = {
    id: value.id,
    version: value.version,
    title: value.title,
    i18n: value.i18n ?? {},
    schema: inlined.schema,
    uiSchema: value.uiSchema ?? {},
    views: value.views ?? [],
    owner: value.owner,
    subject: value.subject ?? [],
    acknowledgements: value.lint?.acknowledge ?? [],
    fields: collected.fields,
    policyVersion: policy.version,
  };
  if (value.description !== undefined) template.description = value.description;
  if (value.due !== undefined) template.due = value.due;
  if (value.recordTitle !== undefined) template.recordTitle = value.recordTitle;
  if (value.dueRules !== undefined) template.dueRules = value.dueRules;
  if (value.pool !== undefined) template.pool = value.pool;
  if (value.retention !== undefined) template.retention = value.retention;
  if (value.requireConsent !== undefined) template.requireConsent = value.requireConsent;
  const warnings = [...known.warnings, ...compiled.warnings].slice(0, MAX_ISSUES);
  return warnings.length > 0 ? { status: 'ok', template, warnings } : { status: 'ok', template };
}

/**
 * Parses a template (JSON text or an already parsed value) against a workspace policy.
 * Never throws: returns a complete `SanitizedTemplate` or the list of what to fix, each with a
 * JSON pointer into the input and a stable code. Nothing is half-accepted.
 */
export function parseTemplate(input: unknown, policy: WorkspacePolicy): ParseResult {
  try {
    const read = readInput(input);
    if (!read.ok) return fail(read.issues);
    const value = read.value;
    if (typeof value !== 'object' || value === null || Array.isArray(value)) {
      return fail([
        parseIssue(
          '',
          'not-object',
          'A template is a JSON object with id, version, title, schema and owner.',
        ),
      ]);
    }
    const meta = getMetaValidators();
    if (!meta.envelope(value)) return fail(mapAjvErrors(meta.envelope.errors, '', 'envelope-invalid'));
    return parseValidated(value as Template, policy);
  } catch {
    return fail([
      parseIssue(
        '',
        'internal-error',
        'The template could not be parsed because of an internal error; report it.',
      ),
    ]);
  }
}
