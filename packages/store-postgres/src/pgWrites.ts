import type { VeilRecord } from '@veil/policy';
import {
  type CollectionName,
  hashReadSet,
  StoreError,
  type TemplateStorage,
  type WriteStep,
} from '@veil/store';
import type { EncodedRecord, Envelope, RecordCodec } from '@veil/store/adapter';
import type { DataKeyDoc, PgDataKeys } from './pgDataKeys.js';
import type { Queryable } from './pgTransaction.js';
import { projectRecord } from './projectRecord.js';

/** What one unit of work carries through its steps (inside one transaction). */
export interface UnitContext {
  db: Queryable;
  codec: RecordCodec;
  dataKeys: PgDataKeys;
  /** Keys created by this unit (inserted before commit). */
  newKeys: DataKeyDoc[];
  /** Collections whose revision this unit bumps. */
  touched: Set<CollectionName>;
  /** Loads (and share-locks against a concurrent registration) a template's storage rules. */
  storage(templateId: string): Promise<TemplateStorage | undefined>;
}

/** Takes the template's registration lock shared (a registration takes it exclusively). */
export async function lockTemplateShared(db: Queryable, templateId: string): Promise<void> {
  await db.query("SELECT pg_advisory_xact_lock_shared(hashtextextended('template\n' || $1, 0))", [
    templateId,
  ]);
}

/** Writes an encoded record's row (insert or replace) with its projections. */
export async function writeRecordRow(
  db: Queryable,
  stored: EncodedRecord,
  storage: TemplateStorage | undefined,
  insert: boolean,
): Promise<number> {
  const { blind, ...doc } = stored;
  const projection = projectRecord(doc.data, storage?.owner);
  const blindList = Object.entries(blind ?? {}).flatMap(([path, list]) => list.map((b) => `${path}\n${b}`));
  const values = [
    doc.templateId,
    doc.id,
    doc.version,
    projection.owner,
    JSON.stringify(doc),
    blindList,
    JSON.stringify(projection.terms),
    JSON.stringify(projection.proj),
  ];
  const sql = insert
    ? `INSERT INTO records (template_id, id, version, owner, doc, blind, terms, proj)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8) ON CONFLICT DO NOTHING`
    : `UPDATE records SET version = $3, owner = $4, doc = $5, blind = $6, terms = $7, proj = $8
       WHERE template_id = $1 AND id = $2`;
  return (await db.query(sql, values)).rowCount ?? 0;
}

function encode(ctx: UnitContext, record: VeilRecord, retired?: Record<string, Envelope>): EncodedRecord {
  return ctx.dataKeys.collect(ctx.newKeys, () => ctx.codec.encode(record, retired));
}

async function currentRow(
  ctx: UnitContext,
  templateId: string,
  id: string,
  expectedVersion: number | undefined,
) {
  const { rows } = await ctx.db.query<{ doc: EncodedRecord }>(
    'SELECT doc FROM records WHERE template_id = $1 AND id = $2 FOR UPDATE',
    [templateId, id],
  );
  const previous = rows[0]?.doc;
  if (previous === undefined) throw new StoreError('NOT_FOUND', `Record ${id} does not exist.`);
  if (expectedVersion !== undefined && previous.version !== expectedVersion) {
    throw new StoreError(
      'VERSION_CONFLICT',
      `Record ${id} is at version ${previous.version}, not ${expectedVersion}.`,
    );
  }
  return previous;
}

/** Runs one step of a unit inside its transaction; a throw rolls the whole unit back. */
export async function runStep(ctx: UnitContext, step: WriteStep): Promise<void> {
  const { db } = ctx;
  switch (step.kind) {
    case 'putDoc':
    case 'insertDoc': {
      if (typeof step.doc?.id !== 'string' || step.doc.id === '')
        throw new StoreError('INVALID', 'A document needs an id.');
      ctx.touched.add(step.name);
      const doc = JSON.stringify(step.doc);
      if (step.kind === 'putDoc') {
        await db.query(
          'INSERT INTO docs (coll, id, doc) VALUES ($1, $2, $3) ON CONFLICT (coll, id) DO UPDATE SET doc = EXCLUDED.doc',
          [step.name, step.doc.id, doc],
        );
        return;
      }
      const inserted = await db.query(
        'INSERT INTO docs (coll, id, doc) VALUES ($1, $2, $3) ON CONFLICT DO NOTHING',
        [step.name, step.doc.id, doc],
      );
      if (!inserted.rowCount)
        throw new StoreError('CONFLICT', `Document ${step.doc.id} of ${step.name} already exists.`);
      return;
    }
    case 'deleteDoc':
      ctx.touched.add(step.name);
      await db.query('DELETE FROM docs WHERE coll = $1 AND id = $2', [step.name, step.id]);
      return;
    case 'putReadSet': {
      const doc = { ...step.readSet, hash: hashReadSet(step.readSet) };
      const inserted = await db.query(
        'INSERT INTO read_sets (id, template_id, doc) VALUES ($1, $2, $3) ON CONFLICT DO NOTHING',
        [doc.id, doc.templateId, JSON.stringify(doc)],
      );
      if (!inserted.rowCount) throw new StoreError('CONFLICT', `Read set ${doc.id} already exists.`);
      return;
    }
    case 'createRecord': {
      const { record } = step;
      if (record.version !== 1)
        throw new StoreError('INVALID', `A new record starts at version 1 (record ${record.id}).`);
      const storage = await ctx.storage(record.templateId);
      const stored = encode(ctx, record);
      if ((await writeRecordRow(db, stored, storage, true)) === 0)
        throw new StoreError('CONFLICT', `Record ${record.id} already exists.`);
      return;
    }
    case 'updateRecord': {
      const { record, expectedVersion } = step;
      const storage = await ctx.storage(record.templateId);
      const previous = await currentRow(ctx, record.templateId, record.id, expectedVersion);
      if (record.version !== expectedVersion + 1)
        throw new StoreError(
          'INVALID',
          `The new version of record ${record.id} must be ${expectedVersion + 1}.`,
        );
      const version = {
        recordId: record.id,
        templateId: record.templateId,
        version: previous.version,
        templateVersion: previous.templateVersion,
        updatedAt: previous.updatedAt,
        supersededAt: record.updatedAt,
        supersededBy: step.supersededBy,
        data: previous.data,
        ...(previous.retired ? { retired: previous.retired } : {}),
      };
      await db.query(
        'INSERT INTO record_versions (template_id, record_id, version, doc) VALUES ($1, $2, $3, $4)',
        [record.templateId, record.id, previous.version, JSON.stringify(version)],
      );
      await writeRecordRow(db, encode(ctx, record, previous.retired), storage, false);
      return;
    }
    case 'deleteRecord': {
      await currentRow(ctx, step.templateId, step.id, step.expectedVersion);
      await db.query('DELETE FROM records WHERE template_id = $1 AND id = $2', [step.templateId, step.id]);
      await db.query('DELETE FROM record_versions WHERE template_id = $1 AND record_id = $2', [
        step.templateId,
        step.id,
      ]);
      return;
    }
  }
}
