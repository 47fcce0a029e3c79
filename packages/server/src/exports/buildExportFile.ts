import { mkdir, rename, rm, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { compileExportRow } from '@veil/policy';
import { VeilError } from '../errors/veilError.js';
import type { Services } from '../services/services.js';
import { endExport } from './expireExports.js';
import { principalOfUser } from './exportActor.js';
import { exportAuditDetails, type StoredExport, saveExport } from './exportDocs.js';
import { exportPrf } from './exportPrf.js';
import { writeExportFile } from './writeExportFile.js';

/**
 * Builds an approved export's file from its frozen rows, reading values now and checking the
 * requester's permission again: rows they lost access to are dropped; with no access left (an
 * inactive account, or no row left) the export is void. The file is written under a temporary
 * name and renamed only when complete, so a failed build never becomes a download.
 */
export async function buildExportFile(
  services: Services,
  doc: StoredExport,
  locale: 'zh-CN' | 'en',
): Promise<StoredExport> {
  const requester = await services.store.getDoc('users', doc.requestedBy);
  if (!requester?.active) return endExport(services, doc, 'void', { actor: 'system', reason: 'access-lost' });
  const principal = principalOfUser(requester);
  const viewer = await services.policies.viewerFor(principal);
  const loaded = await services.policies.load(doc.templateId);
  const compiled = loaded.policyFor(locale);
  const builtAt = services.now().toISOString();
  const plan = compiled.planExport(
    {
      columns: doc.columns,
      rowCount: doc.meta.rowIds.length,
      format: doc.format,
      purpose: doc.purpose,
      exportId: doc.id,
      at: builtAt,
    },
    viewer,
  );
  const rowOf = compileExportRow(loaded.sanitized, plan, {
    locale,
    hashToken: (value) => services.keyring.hashToken(value),
  });
  const titles = plan.columns
    .filter((c) => c.treatment !== 'dropped')
    .map((c) => {
      const field = loaded.sanitized.fields.find((f) => f.path === c.field);
      return field?.i18n?.[locale]?.title ?? field?.title ?? c.field;
    });
  let written = 0;
  let dropped = 0;
  async function* rows(): AsyncGenerator<unknown[]> {
    for (const id of doc.meta.rowIds) {
      const record = await services.store.getRecord(doc.templateId, id);
      const projected = record ? compiled.projectRecord(record, viewer) : null;
      if (projected === null) {
        dropped += 1;
        continue;
      }
      written += 1;
      yield rowOf(projected);
    }
  }
  await mkdir(services.exportsDir, { recursive: true, mode: 0o700 });
  const fileName = `${doc.id}.${doc.format}`;
  const partial = join(services.exportsDir, `${fileName}.part`);
  try {
    await writeExportFile({
      path: partial,
      format: doc.format,
      exportId: doc.id,
      watermark: plan.watermark,
      author: requester.name,
      titles,
      rows: rows(),
      prf: exportPrf(doc.meta.fingerprintKey),
    });
  } catch (error) {
    await rm(partial, { force: true });
    await endExport(services, doc, 'void', { actor: 'system', reason: 'build-failed' });
    throw new VeilError('internal', 'The export file could not be built.', { cause: error });
  }
  if (written === 0 && doc.meta.rowIds.length > 0) {
    await rm(partial, { force: true });
    return endExport(services, doc, 'void', { actor: 'system', reason: 'access-lost' });
  }
  await rename(partial, join(services.exportsDir, fileName));
  const size = (await stat(join(services.exportsDir, fileName))).size;
  const next: StoredExport = {
    ...doc,
    status: 'ready',
    meta: { ...doc.meta, builtAt, fileName, fileSize: size, rowsWritten: written, rowsDropped: dropped },
  };
  await saveExport(services.store, next, {
    actor: 'system',
    action: 'export.build',
    target: doc.id,
    details: exportAuditDetails(next, { rowsWritten: written, rowsDropped: dropped }),
  });
  return next;
}
