import { parseTemplate, type SanitizedTemplate } from '@veil/schema';
import type { Translator } from '../i18n/translate.js';
import { CliError } from './cliError.js';
import type { TemplateTarget } from './loadTargets.js';

/** The sanitized template, or a failure listing why it does not parse. */
export function requireParsed(
  t: Translator,
  target: Pick<TemplateTarget, 'file' | 'template' | 'policy'>,
): SanitizedTemplate {
  const parsed = parseTemplate(target.template, target.policy);
  if (parsed.status === 'ok') return parsed.template;
  const first = parsed.errors[0];
  throw new CliError(
    'template-invalid',
    t('template.invalid', {
      file: target.file,
      count: parsed.errors.length,
      first: first ? `${first.path || '/'}: ${first.message}` : '',
    }),
    1,
    { details: { errors: parsed.errors } },
  );
}
