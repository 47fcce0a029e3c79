/** The JSON Schema keywords a template may use, by how `checkSchema` treats them. */

/** Keywords whose value is one subschema. */
export const SUBSCHEMA_KEYWORDS = new Set([
  'additionalProperties',
  'propertyNames',
  'contains',
  'not',
  'if',
  'then',
  'else',
  'unevaluatedItems',
  'unevaluatedProperties',
  'contentSchema',
]);
/** Keywords whose value is an array of subschemas. */
export const SUBSCHEMA_ARRAY_KEYWORDS = new Set(['allOf', 'anyOf', 'oneOf', 'prefixItems']);
/** Keywords whose value maps names to subschemas. */
export const SUBSCHEMA_MAP_KEYWORDS = new Set(['patternProperties', 'dependentSchemas']);
/** Other keywords of JSON Schema 2020-12 that Veil accepts. */
export const PLAIN_KEYWORDS = new Set([
  'type',
  'enum',
  'const',
  'multipleOf',
  'maximum',
  'exclusiveMaximum',
  'minimum',
  'exclusiveMinimum',
  'maxLength',
  'minLength',
  'pattern',
  'maxItems',
  'minItems',
  'uniqueItems',
  'maxContains',
  'minContains',
  'maxProperties',
  'minProperties',
  'required',
  'dependentRequired',
  'format',
  'title',
  'description',
  'default',
  'deprecated',
  'readOnly',
  'writeOnly',
  'examples',
  'contentEncoding',
  'contentMediaType',
  '$comment',
  '$ref',
  '$defs',
  'properties',
  'items',
  'x-privacy',
  'x-i18n',
]);
export const UNSUPPORTED_KEYWORDS = new Set([
  '$anchor',
  '$dynamicRef',
  '$dynamicAnchor',
  '$vocabulary',
  '$recursiveRef',
  '$recursiveAnchor',
]);
/** Keywords of older drafts, each with what `migrateTemplate` (the builder's import) turns it into. */
export const DRAFT_KEYWORDS: Record<string, string> = {
  definitions:
    '"definitions" is the draft-07 name of "$defs": rename it and point $refs at "#/$defs/…" (importing the schema does this for you).',
  dependencies:
    '"dependencies" is the draft-07 keyword: put lists of names in "dependentRequired" and schemas in "dependentSchemas" (importing the schema does this for you).',
  additionalItems:
    '"additionalItems" is the draft-07 tuple keyword: use "prefixItems" for the tuple and "items" for the rest (importing the schema does this for you).',
  id: '"id" is the draft-04 schema identifier: remove it (importing the schema does this for you).',
  $id: 'Remove "$id": a template is one document, and references inside it use "#/$defs/…" (importing the schema resolves $id references for you).',
};
/**
 * Annotations of editors and generators (VS Code, OpenAPI, form builders): kept as written and
 * ignored by validation, like every `x-…` keyword.
 */
const EDITOR_KEYWORDS = new Set([
  'markdownDescription',
  'enumDescriptions',
  'markdownEnumDescriptions',
  'enumItemLabels',
  'deprecationMessage',
  'errorMessage',
  'patternErrorMessage',
  'defaultSnippets',
  'doNotSuggest',
  'suggestSortText',
  'allowComments',
  'allowTrailingCommas',
  'example',
  'nullable',
  'discriminator',
  'externalDocs',
  'xml',
  'tsType',
  'enumNames',
]);

/** True for a keyword kept as an annotation: vendor (`x-…`) and editor keywords. */
export function isAnnotationKeyword(key: string): boolean {
  return (key.startsWith('x-') && key !== 'x-privacy' && key !== 'x-i18n') || EDITOR_KEYWORDS.has(key);
}
/** Only annotations may sit beside a `$ref` (they are merged into the inlined definition). */
export const REF_SIBLING_KEYWORDS = new Set([
  '$ref',
  'title',
  'description',
  'x-i18n',
  'x-privacy',
  '$comment',
  'default',
  'examples',
  'readOnly',
  'writeOnly',
  'deprecated',
]);
