export { ARCHIVE_LIMITS, type ArchiveLimits } from './pack/archiveLimits.js';
export { checkPackContents, checkPackTemplates } from './pack/checkPack.js';
export { collectPackFiles } from './pack/collectPackFiles.js';
export { checkEntryName, collisionKey, type EntryNameProblem } from './pack/entryName.js';
export { mapTemplate } from './pack/mapTemplate.js';
export { buildIntegrity, INTEGRITY_FILE, type PackIntegrity, verifyIntegrity } from './pack/packIntegrity.js';
export {
  PACK_MANIFEST_FILE,
  PACK_MANIFEST_VERSION,
  type PackManifest,
  type PackPurpose,
  type PackRole,
} from './pack/packManifest.js';
export { packPolicy } from './pack/packPolicy.js';
export { type MappingPreview, type PrivacyChange, previewMapping } from './pack/previewMapping.js';
export { type LoadedPack, readPack } from './pack/readPack.js';
export { type ArchiveProblem, readPackArchive } from './pack/readPackArchive.js';
export { type PackMapping, resolveMapping } from './pack/resolveMapping.js';
export type { SampleSpec, TemplateSampleSpec } from './pack/sampleSpec.js';
export { type CliIo, runCli } from './program.js';
export { generateSample, SampleGenerationError } from './sample/generateSample.js';
export { VEIL_VERSION } from './version.js';
