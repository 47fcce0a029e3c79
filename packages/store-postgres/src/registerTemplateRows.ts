import type { SanitizedTemplate } from '@veil/schema';
import type { TemplateStorage } from '@veil/store';
import {
  type EncodedRecord,
  type Envelope,
  type RecordCodec,
  type StorageDoc,
  storageOf,
} from '@veil/store/adapter';
import type { DataKeyDoc, PgDataKeys } from './pgDataKeys.js';
import type { Queryable } from './pgTransaction.js';
import { writeRecordRow } from './pgWrites.js';

export interface RegisterContext {
  db: Queryable;
  codec: RecordCodec;
  dataKeys: PgDataKeys;
  newKeys: DataKeyDoc[];
  template: SanitizedTemplate;
  /** Makes the new rules the codec's (inside the exclusive lock). */
  setStorage: (storage: TemplateStorage) => void;
}

interface StoredVersion {
  recordId: string;
  templateId: string;
  version: number;
  data: Record<string, unknown>;
  retired?: Record<string, Envelope>;
}

/**
 * Keeps a template version's storage rules under the template's exclusive lock (record writes
 * take it shared); when encrypted or indexed paths or fields change, every record and version
 * is stored again, removed fields' values sealed as retired (decision 170), in this transaction.
 */
export async function registerTemplateRows(ctx: RegisterContext): Promise<TemplateStorage> {
  const { db, codec, template } = ctx;
  await db.query("SELECT pg_advisory_xact_lock(hashtextextended('template\n' || $1, 0))", [template.id]);
  const { rows } = await db.query<{ doc: StorageDoc }>(
    'SELECT doc FROM template_storage WHERE template_id = $1',
    [template.id],
  );
  const before = rows[0]?.doc;
  const storage = storageOf(template, before);
  await db.query(
    `INSERT INTO template_storage (template_id, doc) VALUES ($1, $2)
     ON CONFLICT (template_id) DO UPDATE SET doc = EXCLUDED.doc`,
    [template.id, JSON.stringify(storage)],
  );
  const { id: _id, ...result } = storage;
  ctx.setStorage(result);
  const removed = Object.keys(before?.fields ?? {}).filter((path) => !(path in (storage.fields ?? {})));
  const changed =
    removed.length > 0 ||
    before === undefined ||
    before.owner !== storage.owner ||
    JSON.stringify([before.everEncrypted ?? before.encrypted, before.exact]) !==
      JSON.stringify([storage.everEncrypted, storage.exact]);
  if (!changed) return result;
  const retire = removed.map((path) => ({ path, key: `${path}@${before?.fields?.[path] ?? 1}` }));
  const collect = <T>(fn: () => T): T => ctx.dataKeys.collect(ctx.newKeys, fn);
  const records = await db.query<{ doc: EncodedRecord }>(
    'SELECT doc FROM records WHERE template_id = $1 ORDER BY id FOR UPDATE',
    [template.id],
  );
  for (const { doc: previous } of records.rows) {
    const stored = collect(() => {
      const { record } = codec.decode(previous);
      const kept = codec.retire(template.id, record.id, record.data, retire);
      const next = codec.encode(
        { ...record, data: kept.data },
        codec.resealRetired(template.id, record.id, previous.retired),
      );
      if (kept.retired) next.retired = { ...next.retired, ...kept.retired };
      return next;
    });
    await writeRecordRow(db, stored, result, false);
  }
  const versions = await db.query<{ doc: StoredVersion }>(
    'SELECT doc FROM record_versions WHERE template_id = $1 FOR UPDATE',
    [template.id],
  );
  for (const { doc: version } of versions.rows) {
    const next = collect(() => {
      const data = codec.decryptData(version.templateId, version.recordId, version.data);
      const kept = codec.retire(version.templateId, version.recordId, data, retire);
      const out: StoredVersion = {
        ...version,
        data: codec.encryptData(version.templateId, version.recordId, kept.data),
      };
      const retired = {
        ...codec.resealRetired(version.templateId, version.recordId, version.retired),
        ...kept.retired,
      };
      if (Object.keys(retired).length > 0) out.retired = retired;
      else delete out.retired;
      return out;
    });
    await db.query(
      'UPDATE record_versions SET doc = $4 WHERE template_id = $1 AND record_id = $2 AND version = $3',
      [template.id, version.recordId, version.version, JSON.stringify(next)],
    );
  }
  return result;
}
