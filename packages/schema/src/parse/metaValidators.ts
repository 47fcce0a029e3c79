import type { ValidateFunction } from 'ajv';
import { createTemplateAjv, type TemplateAjv } from './createTemplateAjv.js';
import { TEMPLATE_META_SCHEMA, X_I18N_META_SCHEMA, X_PRIVACY_META_SCHEMA } from './metaSchema.js';
import { collectStrictNote } from './strictNotes.js';

/** The parser's own Ajv and compiled meta-schemas, built once on first use (building Ajv is slow). */
export interface MetaValidators {
  ajv: TemplateAjv;
  envelope: ValidateFunction;
  privacy: ValidateFunction;
  i18n: ValidateFunction;
}

let cached: MetaValidators | undefined;

export function getMetaValidators(): MetaValidators {
  if (cached === undefined) {
    const ajv = createTemplateAjv({ verbose: true, onStrictNote: (note) => collectStrictNote(note) });
    cached = {
      ajv,
      envelope: ajv.compile(TEMPLATE_META_SCHEMA),
      privacy: ajv.compile(X_PRIVACY_META_SCHEMA),
      i18n: ajv.compile(X_I18N_META_SCHEMA),
    };
  }
  return cached;
}

/** Friendlier messages for the `anyOf`s of the `x-privacy` meta-schema. */
export function privacyAnyOfHint(parentSchema: unknown): string | undefined {
  const first = (parentSchema as { anyOf?: { enum?: unknown[] }[] } | undefined)?.anyOf?.[0]?.enum;
  if (first?.includes('last4')) {
    return 'Use a mask style ("last4", "email", "name", "year", "initials", "hash", "redact", "none"), { "style": "partial", "keepStart": n, "keepEnd": n } or { "style": "range", "bounds": [ascending numbers] }.';
  }
  if (first?.includes('full')) {
    return 'Use an access level ("full", "reveal", "masked", "hidden") or an object with one level per relation ("owner", "team", "any").';
  }
  return undefined;
}
