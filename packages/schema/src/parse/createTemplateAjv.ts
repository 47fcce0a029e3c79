import Ajv2020Import from 'ajv/dist/2020.js';
import { FORMAT_VALIDATORS } from '../formats/index.js';
import { X_I18N_META_SCHEMA, X_PRIVACY_META_SCHEMA } from './metaSchema.js';
import { STANDARD_FORMATS } from './standardFormats.js';

// ajv/dist/2020.js is CommonJS: under NodeNext the default import is `module.exports`, under a
// bundler it is the class. Either way `.default` is the class (Ajv sets `module.exports.default`
// and the class's own `default` to itself); the cast covers both type views of the import.
type Ajv2020Class = typeof import('ajv/dist/2020.js').default;
const Ajv2020: Ajv2020Class =
  (Ajv2020Import as unknown as { default?: Ajv2020Class }).default ??
  (Ajv2020Import as unknown as Ajv2020Class);

/** A configured Ajv instance (draft 2020-12, strict) for templates and their records. */
export type TemplateAjv = InstanceType<typeof Ajv2020>;

/** Options for {@link createTemplateAjv}. */
export interface CreateTemplateAjvOptions {
  /** Report every error, not just the first (default true). */
  allErrors?: boolean;
  /** Include the failing schema in errors (default false). */
  verbose?: boolean;
  /**
   * Receives Ajv's strict-mode notes about legitimate schemas (a keyword without its `type`, an
   * open tuple, `required` naming a property declared in a branch, `if` without `then` …): the
   * parser turns them into warnings. By default they are dropped.
   */
  onStrictNote?: (message: string) => void;
}

/**
 * Ajv 8, draft 2020-12, with Veil's and the standard formats (an unknown format fails
 * compilation: the parser removes those, with a warning) and `x-privacy` / `x-i18n` registered
 * as keywords, so a malformed annotation fails compilation. Strict-mode notes about legitimate
 * constructs (and keywords Ajv does not know, which the parser has vetted: vendor and editor
 * annotations) are reported to `onStrictNote` instead of failing.
 * The server reuses it to validate records against `SanitizedTemplate.schema`.
 */
export function createTemplateAjv(options: CreateTemplateAjvOptions = {}): TemplateAjv {
  const note = options.onStrictNote;
  const ajv = new Ajv2020({
    strict: 'log',
    strictRequired: 'log',
    allowUnionTypes: true,
    allErrors: options.allErrors ?? true,
    verbose: options.verbose ?? false,
    validateFormats: true,
    logger: {
      log: () => {},
      warn: (...args: unknown[]) => note?.(args.map(String).join(' ')),
      error: () => {},
    },
  });
  ajv.addKeyword({ keyword: 'x-privacy', metaSchema: X_PRIVACY_META_SCHEMA });
  ajv.addKeyword({ keyword: 'x-i18n', metaSchema: X_I18N_META_SCHEMA });
  for (const [name, format] of Object.entries(STANDARD_FORMATS)) {
    if (!Object.hasOwn(FORMAT_VALIDATORS, name)) ajv.addFormat(name, format);
  }
  for (const [name, validate] of Object.entries(FORMAT_VALIDATORS)) {
    ajv.addFormat(name, { type: 'string', validate });
  }
  return ajv;
}
