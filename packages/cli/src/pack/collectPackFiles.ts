import { lstatSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { CliError } from '../core/cliError.js';
import type { Translator } from '../i18n/translate.js';
import { ARCHIVE_LIMITS } from './archiveLimits.js';
import { checkEntryName } from './entryName.js';
import { INTEGRITY_FILE } from './packIntegrity.js';

/**
 * Every file of a pack folder by its relative path, refusing what an install would refuse
 * (links, odd names, too many or too large files). Dot-files and the integrity file are skipped.
 */
export function collectPackFiles(t: Translator, dir: string): Map<string, Buffer> {
  const files = new Map<string, Buffer>();
  const walk = (rel: string) => {
    const abs = rel === '' ? dir : join(dir, rel);
    for (const name of readdirSync(abs).sort()) {
      if (name.startsWith('.')) continue;
      const relPath = rel === '' ? name : `${rel}/${name}`;
      if (relPath === INTEGRITY_FILE) continue;
      const stat = lstatSync(join(abs, name));
      const checked = checkEntryName(relPath);
      if (!checked.ok || stat.isSymbolicLink() || !(stat.isFile() || stat.isDirectory())) {
        throw new CliError('pack-file-refused', t('pack.fileRefused', { path: relPath }));
      }
      if (stat.isDirectory()) {
        walk(relPath);
        continue;
      }
      if (stat.size > ARCHIVE_LIMITS.maxFileBytes) {
        throw new CliError('pack-file-refused', t('pack.fileRefused', { path: relPath }));
      }
      files.set(relPath, readFileSync(join(abs, name)));
      if (files.size > ARCHIVE_LIMITS.maxEntries / 2) {
        throw new CliError(
          'pack-too-many-files',
          t('pack.tooManyFiles', { max: ARCHIVE_LIMITS.maxEntries / 2 }),
        );
      }
    }
  };
  walk('');
  return files;
}
