import { lintTemplate, type SanitizedTemplate } from '@veil/schema';
import { CliError } from '../core/cliError.js';
import { requireParsed } from '../core/requireParsed.js';
import { validateRecords } from '../core/validateRecords.js';
import type { Locale } from '../i18n/locale.js';
import type { Translator } from '../i18n/translate.js';
import { generateSample, SampleGenerationError } from '../sample/generateSample.js';
import { INTEGRITY_FILE } from './packIntegrity.js';
import { PACK_MANIFEST_FILE } from './packManifest.js';
import { packPolicy } from './packPolicy.js';
import type { LoadedPack } from './readPack.js';

/** Refuses any file a pack does not declare (only the manifest's files and root `*.md` may be in it). */
export function checkPackContents(t: Translator, files: ReadonlyMap<string, Buffer>, pack: LoadedPack): void {
  const { manifest } = pack;
  const declared = new Set([
    PACK_MANIFEST_FILE,
    INTEGRITY_FILE,
    manifest.readme,
    manifest.sampleData,
    ...manifest.templates,
  ]);
  for (const path of files.keys()) {
    if (declared.has(path) || /^[A-Za-z0-9._-]+\.md$/.test(path)) continue;
    throw new CliError('pack-unexpected-file', t('pack.unexpected', { path }));
  }
}

/**
 * Every template of the pack parses and lints with no error and no unacknowledged warning against
 * the pack's policy, and the pack's sample data validates. Returns the sanitized templates.
 */
export function checkPackTemplates(t: Translator, pack: LoadedPack, locale: Locale): SanitizedTemplate[] {
  const policy = packPolicy(pack.manifest);
  return pack.templates.map(({ path, template }) => {
    const sanitized = requireParsed(t, { file: path, template, policy });
    const open = lintTemplate(template, policy).findings.filter((f) => f.acknowledged === undefined);
    if (open.length > 0) {
      throw new CliError('template-lint', t('pack.lint', { file: path, count: open.length }), 1, {
        details: { findings: open },
      });
    }
    let records: unknown[];
    try {
      records = generateSample(sanitized, pack.sample);
    } catch (error) {
      if (!(error instanceof SampleGenerationError)) throw error;
      throw new CliError('sample-failed', t('sample.failed', { file: path, reason: error.message }));
    }
    const issues = validateRecords(sanitized, records, locale);
    if (issues.length > 0) {
      throw new CliError('sample-invalid', t('pack.sampleRecords', { file: path, count: issues.length }), 1, {
        details: { issues },
      });
    }
    return sanitized;
  });
}
