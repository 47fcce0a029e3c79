import type { ErrorObject } from 'ajv';
import { escapeSegment } from '../jsonPointer.js';
import { type ParseIssue, type ParseIssueCode, parseIssue } from './parseIssue.js';

function allowedKeys(parentSchema: unknown): string {
  const props = (parentSchema as { properties?: Record<string, unknown> } | undefined)?.properties;
  return props ? `; allowed keys: ${Object.keys(props).join(', ')}` : '';
}

/**
 * Turns Ajv errors into issues with a pointer into the input and a message saying what to fix.
 * Never quotes data: only keys and the schema's own constants.
 */
export function mapAjvErrors(
  errors: readonly ErrorObject[] | null | undefined,
  base: string,
  code: ParseIssueCode,
  anyOfHint: (parentSchema: unknown) => string | undefined = () => undefined,
): ParseIssue[] {
  const out: ParseIssue[] = [];
  const seen = new Set<string>();
  for (const e of errors ?? []) {
    // Branch failures of an anyOf are summarised by the anyOf error itself.
    if (/\/anyOf\/\d+\//.test(e.schemaPath)) continue;
    let path = base + e.instancePath;
    let message: string;
    const params = e.params as Record<string, unknown>;
    switch (e.keyword) {
      case 'required':
        path += `/${escapeSegment(String(params.missingProperty))}`;
        message = `Add the required key "${String(params.missingProperty)}".`;
        break;
      case 'additionalProperties':
        path += `/${escapeSegment(String(params.additionalProperty))}`;
        message = `Remove or rename the unknown key "${String(params.additionalProperty)}"${allowedKeys(e.parentSchema)}.`;
        break;
      case 'enum':
        message = `Use one of: ${(params.allowedValues as unknown[]).map((v) => JSON.stringify(v)).join(', ')}.`;
        break;
      case 'const':
        message = `Use ${JSON.stringify(params.allowedValue)} here.`;
        break;
      case 'type':
        message = `This must be of type ${String(params.type)}.`;
        break;
      case 'anyOf':
        message =
          anyOfHint(e.parentSchema) ??
          'This value does not match any allowed form; check the documentation for this key.';
        break;
      default:
        message = `This value ${e.message ?? 'is invalid'}; fix it.`;
    }
    const key = `${path}\u0000${message}`;
    if (seen.has(key)) continue;
    seen.add(key);
    out.push(parseIssue(path, code, message));
  }
  if (out.length === 0)
    out.push(parseIssue(base, code, 'This value is invalid; check it against the documentation.'));
  return out;
}
