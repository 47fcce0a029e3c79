import { can } from '@veil/policy';
import { VeilError } from '../errors/veilError.js';
import { type RecordsCaller, type Scene, sceneOf } from '../records/recordScene.js';
import { detectEncoding, type SheetEncoding } from './decodeSheetText.js';
import { type ImportTarget, importTargets } from './importTargets.js';
import { loadUpload, type UploadMeta } from './importUploads.js';
import { formatOf, readSheet, type SheetFormat, type SheetGrid } from './readSheet.js';
import { locateHeader, type SheetHeader } from './sheetColumns.js';

export interface SheetInput {
  uploadId: string;
  templateId: string;
  /** CSV only: read the bytes in this encoding instead of the detected one. */
  encoding?: SheetEncoding | undefined;
  /** 1-based row of the column titles, when the detected one is wrong. */
  headerRow?: number | undefined;
}

export interface OpenSheet {
  scene: Scene;
  meta: UploadMeta;
  format: SheetFormat;
  encoding: SheetEncoding | null;
  detectedEncoding: SheetEncoding | null;
  grid: SheetGrid;
  header: SheetHeader;
  targets: ImportTarget[];
}

/** The caller's upload read for a template: only someone who may create records imports them. */
export async function openSheet(caller: RecordsCaller, input: SheetInput): Promise<OpenSheet> {
  const scene = await sceneOf(caller, input.templateId);
  if (!can(scene.policy.policy, scene.viewer.principal, 'records.create'))
    throw new VeilError('forbidden', 'You may not create records (capability "records.create").');
  const { meta, bytes } = await loadUpload(caller.services, caller.principal.id, input.uploadId);
  const format = formatOf(bytes);
  const detectedEncoding = format === 'csv' ? detectEncoding(bytes) : null;
  const encoding = format === 'csv' ? (input.encoding ?? detectedEncoding) : null;
  const grid = await readSheet(bytes, encoding ?? 'utf-8');
  const header = locateHeader(grid.rows, caller.locale, input.headerRow);
  return {
    scene,
    meta,
    format,
    encoding,
    detectedEncoding,
    grid,
    header,
    targets: importTargets(scene.loaded.sanitized, caller.locale),
  };
}
