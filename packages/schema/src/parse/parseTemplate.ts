import type { ParseResult } from '../sanitized.js';
import type { WorkspacePolicy } from '../workspacePolicy.js';
import { checkSchema } from './checkSchema.js';
import { mapAjvErrors } from './mapAjvErrors.js';
import { getMetaValidators } from './metaValidators.js';
import { parseIssue } from './parseIssue.js';
import { readInput } from './readInput.js';

/**
 * Parses a template (JSON text or an already parsed value) against a workspace policy.
 * Never throws: returns a complete `SanitizedTemplate` or the list of what to fix.
 */
export function parseTemplate(input: unknown, policy: WorkspacePolicy): ParseResult {
  try {
    const read = readInput(input);
    if (!read.ok) return { status: 'error', errors: read.issues };
    const value = read.value;
    if (typeof value !== 'object' || value === null || Array.isArray(value)) {
      return {
        status: 'error',
        errors: [
          parseIssue(
            '',
            'not-object',
            'A template is a JSON object with id, version, title, schema and owner.',
          ),
        ],
      };
    }
    const meta = getMetaValidators();
    if (!meta.envelope(value)) {
      return { status: 'error', errors: mapAjvErrors(meta.envelope.errors, '', 'envelope-invalid') };
    }
    const checked = checkSchema((value as { schema: Record<string, unknown> }).schema, policy, '/schema');
    if (checked.issues.length > 0) return { status: 'error', errors: checked.issues };
    return {
      status: 'error',
      errors: [parseIssue('', 'internal-error', 'Resolution is not implemented yet.')],
    };
  } catch {
    return {
      status: 'error',
      errors: [
        parseIssue(
          '',
          'internal-error',
          'The template could not be parsed because of an internal error; report it.',
        ),
      ],
    };
  }
}
