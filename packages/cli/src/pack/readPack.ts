import type { Template } from '@veil/schema';
import { Ajv } from 'ajv';
import semver from 'semver';
import { CliError } from '../core/cliError.js';
import { parseJsonText } from '../core/readJsonFile.js';
import type { Translator } from '../i18n/translate.js';
import { VEIL_VERSION } from '../version.js';
import {
  PACK_MANIFEST_FILE,
  PACK_MANIFEST_SCHEMA,
  PACK_MANIFEST_VERSION,
  type PackManifest,
} from './packManifest.js';
import { assertSampleSpec, type SampleSpec } from './sampleSpec.js';

/** A pack read from its files: the manifest, its templates, README and sample-data spec. */
export interface LoadedPack {
  manifest: PackManifest;
  templates: { path: string; template: Template }[];
  readme: string;
  sample: SampleSpec;
}

let validateManifest: ReturnType<Ajv['compile']> | undefined;

function manifestValidator(): ReturnType<Ajv['compile']> {
  validateManifest ??= new Ajv({ allErrors: true, strict: true }).compile(PACK_MANIFEST_SCHEMA);
  return validateManifest;
}

function text(files: ReadonlyMap<string, Buffer>, path: string, t: Translator): string {
  const bytes = files.get(path);
  if (bytes === undefined) throw new CliError('pack-file-missing', t('pack.fileMissing', { path }));
  return bytes.toString('utf8');
}

/** Checks the manifest: known version, valid shape, compatible with this Veil. */
function checkManifest(t: Translator, value: unknown): PackManifest {
  const version = (value as { manifestVersion?: unknown } | null)?.manifestVersion;
  if (version !== PACK_MANIFEST_VERSION) {
    throw new CliError(
      'manifest-version',
      t('pack.manifestVersion', { found: JSON.stringify(version ?? null), known: PACK_MANIFEST_VERSION }),
    );
  }
  const validate = manifestValidator();
  if (!validate(value)) {
    const issues = (validate.errors ?? [])
      .slice(0, 5)
      .map((e) => `${e.instancePath || '/'} ${e.message ?? ''}`)
      .join('; ');
    throw new CliError('manifest-invalid', t('pack.manifestInvalid', { issues }));
  }
  const manifest = value as PackManifest;
  if (!semver.validRange(manifest.veil)) {
    throw new CliError(
      'manifest-invalid',
      t('pack.manifestInvalid', { issues: '/veil is not a semver range' }),
    );
  }
  if (!semver.satisfies(VEIL_VERSION, manifest.veil)) {
    throw new CliError(
      'veil-incompatible',
      t('pack.incompatible', { range: manifest.veil, version: VEIL_VERSION }),
    );
  }
  return manifest;
}

/**
 * Reads a pack from its files (a folder's or an archive's, already checked for safe names).
 * Throws a `CliError` naming the first problem.
 */
export function readPack(t: Translator, files: ReadonlyMap<string, Buffer>): LoadedPack {
  const manifest = checkManifest(t, parseJsonText(t, text(files, PACK_MANIFEST_FILE, t), PACK_MANIFEST_FILE));
  const ids = new Set<string>();
  const templates = manifest.templates.map((path) => {
    const template = parseJsonText(t, text(files, path, t), path) as Template;
    const id = (template as { id?: unknown }).id;
    if (typeof id === 'string') {
      if (ids.has(id)) throw new CliError('pack-duplicate-template', t('pack.duplicateTemplate', { id }));
      ids.add(id);
    }
    return { path, template };
  });
  const readme = text(files, manifest.readme, t);
  const sample = assertSampleSpec(
    t,
    parseJsonText(t, text(files, manifest.sampleData, t), manifest.sampleData),
    manifest.sampleData,
  );
  return { manifest, templates, readme, sample };
}
