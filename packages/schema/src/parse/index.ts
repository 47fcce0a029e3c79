export { type CreateTemplateAjvOptions, createTemplateAjv, type TemplateAjv } from './createTemplateAjv.js';
export { TEMPLATE_LIMITS } from './limits.js';
export { looksPersonal } from './looksPersonal.js';
export { TEMPLATE_META_SCHEMA, X_I18N_META_SCHEMA, X_PRIVACY_META_SCHEMA } from './metaSchema.js';
export type { ParseIssue, ParseIssueCode, ParseWarning, ParseWarningCode } from './parseIssue.js';
export { parseTemplate } from './parseTemplate.js';
export { describeParseWarning, parseWarning } from './parseWarningText.js';
export { editRelationsOf, resolveAccess } from './resolvePrivacy.js';
export { KNOWN_FORMATS } from './standardFormats.js';
