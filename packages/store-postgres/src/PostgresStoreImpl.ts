import { randomBytes } from 'node:crypto';
import type { VeilRecord } from '@veil/policy';
import type { SanitizedTemplate } from '@veil/schema';
import {
  type AuditCheckpoint,
  type AuditEntry,
  type AuditFilter,
  type AuditInput,
  type AuditPage,
  type AuditRange,
  type AuditVerifyResult,
  type CollectionName,
  type CollectionTypes,
  type CreateRecordInput,
  computeBlindIndex,
  type DeleteRecordInput,
  type DocWhere,
  type KeyMaterial,
  type LoginAttemptDoc,
  type LoginFailureInput,
  normalizeExact,
  type ReadSetDoc,
  type ReadSetFilter,
  type RecordPage,
  type RecordQuery,
  type RecordVersion,
  StoreError,
  serializeAuditBody,
  type TemplateStorage,
  type UnitOfWork,
  type UnitResult,
  type UpdateRecordInput,
  type WriteStep,
} from '@veil/store';
import { checkQuery, type EncodedRecord, type Envelope, RecordCodec } from '@veil/store/adapter';
import type pg from 'pg';
import { loginFailure } from './loginFailure.js';
import type { PostgresStore, PostgresStoreOptions } from './openPostgresStore.js';
import {
  appendAuditEntries,
  exportAuditEntries,
  listAuditPage,
  verifyAuditChain,
  writeCheckpoint,
} from './pgAudit.js';
import { type DataKeyDoc, DataKeyNotLoaded, PgDataKeys } from './pgDataKeys.js';
import { countRows, queryPage } from './pgQuery.js';
import { eraseFromReadSetRows, listReadSetRows } from './pgReadSets.js';
import { inTransaction, type Queryable } from './pgTransaction.js';
import { lockTemplateShared, runStep, type UnitContext } from './pgWrites.js';
import { registerTemplateRows } from './registerTemplateRows.js';

const clone = <T>(v: T): T => structuredClone(v);

/** The `Store` port on PostgreSQL (see `openPostgresStore`). */
export class PostgresStoreImpl implements PostgresStore {
  readonly dataKeys: PgDataKeys;
  readonly #pool: pg.Pool;
  readonly #now: () => Date;
  readonly #storage = new Map<string, TemplateStorage>();
  readonly codec: RecordCodec;
  #closed = false;

  constructor(
    pool: pg.Pool,
    readonly keys: KeyMaterial,
    options: PostgresStoreOptions,
    readonly migrated: number[],
  ) {
    this.#pool = pool;
    this.#now = options.now ?? (() => new Date());
    this.dataKeys = new PgDataKeys(keys);
    const normalize = options.normalize ?? ((_p: string, v: string) => normalizeExact(v));
    this.codec = new RecordCodec({
      keys: this.dataKeys,
      blindIndexKey: keys.blindIndexKey,
      normalize,
      storageOf: (templateId) => this.#storage.get(templateId),
    });
  }

  get #db(): pg.Pool {
    if (this.#closed) throw new StoreError('CLOSED', 'The store is closed.');
    return this.#pool;
  }

  /** Runs a synchronous decode; loads data keys made by another server once when one is missing. */
  async #decoding<T>(fn: () => T): Promise<T> {
    try {
      return fn();
    } catch (error) {
      if (!(error instanceof DataKeyNotLoaded)) throw error;
      await this.dataKeys.reload(this.#db);
      try {
        return fn();
      } catch (again) {
        if (again instanceof DataKeyNotLoaded)
          throw new StoreError('CORRUPT', 'An encrypted value names an unknown data key.');
        throw again;
      }
    }
  }

  async #loadStorage(db: Queryable, templateId: string): Promise<TemplateStorage | undefined> {
    const { rows } = await db.query<{ doc: TemplateStorage }>(
      'SELECT doc FROM template_storage WHERE template_id = $1',
      [templateId],
    );
    const storage = rows[0]?.doc;
    if (storage === undefined) this.#storage.delete(templateId);
    else this.#storage.set(templateId, storage);
    return storage;
  }

  /** One transaction: steps, data keys they created, revisions, then audit entries (the head lock last). */
  async #unit<T>(
    bodies: string[],
    work: (ctx: UnitContext) => Promise<T>,
  ): Promise<{ value: T; entries: AuditEntry[] }> {
    let newKeys: DataKeyDoc[] = [];
    const out = await inTransaction(this.#db, async (client) => {
      newKeys = [];
      const locked = new Set<string>();
      const ctx: UnitContext = {
        db: client,
        codec: this.codec,
        dataKeys: this.dataKeys,
        newKeys,
        touched: new Set(),
        storage: async (templateId) => {
          if (!locked.has(templateId)) {
            await lockTemplateShared(client, templateId);
            locked.add(templateId);
          }
          return this.#loadStorage(client, templateId);
        },
      };
      const value = await work(ctx);
      await this.dataKeys.insert(client, newKeys);
      if (ctx.touched.size > 0) {
        await client.query('UPDATE doc_revisions SET rev = rev + 1 WHERE coll = ANY($1::text[])', [
          [...ctx.touched].sort(),
        ]);
      }
      const entries = await appendAuditEntries(client, bodies, this.#now);
      return { value, entries };
    });
    this.dataKeys.committed(newKeys);
    return out;
  }

  // --- collections
  async getDoc<K extends CollectionName>(name: K, id: string): Promise<CollectionTypes[K] | undefined> {
    const { rows } = await this.#db.query('SELECT doc FROM docs WHERE coll = $1 AND id = $2', [name, id]);
    return rows[0]?.doc;
  }

  async listDocs<K extends CollectionName>(
    name: K,
    where?: DocWhere<CollectionTypes[K]>,
  ): Promise<CollectionTypes[K][]> {
    const values: unknown[] = [name];
    const conditions = ['coll = $1'];
    for (const [key, value] of Object.entries(where ?? {})) {
      if (value === undefined) continue;
      values.push(key, JSON.stringify(value));
      conditions.push(`doc->$${values.length - 1} = $${values.length}::jsonb`);
    }
    const { rows } = await this.#db.query(
      `SELECT doc FROM docs WHERE ${conditions.join(' AND ')} ORDER BY id`,
      values,
    );
    return rows.map((r) => r.doc);
  }

  async docsRevision(names: readonly CollectionName[]): Promise<string> {
    const { rows } = await this.#db.query<{ coll: string; rev: string }>(
      'SELECT coll, rev FROM doc_revisions WHERE coll = ANY($1::text[]) ORDER BY coll',
      [[...names]],
    );
    return rows.map((r) => `${r.coll}:${r.rev}`).join(',');
  }

  putDoc<K extends CollectionName>(name: K, doc: CollectionTypes[K], audit?: AuditInput): Promise<void> {
    return this.#steps([{ kind: 'putDoc', name, doc } as WriteStep], audit);
  }

  insertDoc<K extends CollectionName>(name: K, doc: CollectionTypes[K], audit?: AuditInput): Promise<void> {
    return this.#steps([{ kind: 'insertDoc', name, doc } as WriteStep], audit);
  }

  async #steps(steps: WriteStep[], audit?: AuditInput): Promise<void> {
    await this.commit({ steps, ...(audit ? { audit: [audit] } : {}) });
  }

  async deleteDoc<K extends CollectionName>(name: K, id: string, audit?: AuditInput): Promise<boolean> {
    const bodies = audit ? [serializeAuditBody(audit)] : [];
    const { value } = await this.#unit(bodies, async (ctx) => {
      ctx.touched.add(name);
      const deleted = await ctx.db.query('DELETE FROM docs WHERE coll = $1 AND id = $2', [name, id]);
      return (deleted.rowCount ?? 0) > 0;
    });
    return value;
  }

  recordLoginFailure(input: LoginFailureInput): Promise<LoginAttemptDoc> {
    return inTransaction(this.#db, (client) => loginFailure(client, input, this.#now));
  }

  // --- units of work
  async commit(unit: UnitOfWork): Promise<UnitResult> {
    const steps = unit.steps.map((step) => (step.kind === 'putReadSet' ? step : clone(step)));
    const bodies = (unit.audit ?? []).map(serializeAuditBody);
    const { entries } = await this.#unit(bodies, async (ctx) => {
      for (const step of steps) await runStep(ctx, step);
    });
    return { entries };
  }

  // --- templates
  async registerTemplate(template: SanitizedTemplate): Promise<TemplateStorage> {
    await this.dataKeys.reload(this.#db);
    let newKeys: DataKeyDoc[] = [];
    const result = await inTransaction(this.#db, async (client) => {
      newKeys = [];
      const out = await registerTemplateRows({
        db: client,
        codec: this.codec,
        dataKeys: this.dataKeys,
        newKeys,
        template,
        setStorage: (storage) => this.#storage.set(template.id, storage),
      });
      await this.dataKeys.insert(client, newKeys);
      return out;
    });
    this.dataKeys.committed(newKeys);
    return result;
  }

  async getTemplateStorage(templateId: string): Promise<TemplateStorage | undefined> {
    const storage = await this.#loadStorage(this.#db, templateId);
    return storage === undefined ? undefined : clone(storage);
  }

  // --- records
  async createRecord(input: CreateRecordInput): Promise<VeilRecord> {
    const record = clone(input.record);
    await this.commit({ steps: [{ kind: 'createRecord', record }], audit: [input.audit] });
    return clone(record);
  }

  async updateRecord(input: UpdateRecordInput): Promise<VeilRecord> {
    const record = clone(input.record);
    const step: WriteStep = {
      kind: 'updateRecord',
      record,
      expectedVersion: input.expectedVersion,
      supersededBy: input.audit.actor,
    };
    await this.commit({ steps: [step], audit: [input.audit] });
    return clone(record);
  }

  async deleteRecord(input: DeleteRecordInput): Promise<void> {
    const step: WriteStep = { kind: 'deleteRecord', templateId: input.templateId, id: input.id };
    if (input.expectedVersion !== undefined) step.expectedVersion = input.expectedVersion;
    await this.commit({ steps: [step], audit: [input.audit] });
  }

  #decodeRecords = (docs: unknown[]): Promise<VeilRecord[]> =>
    this.#decoding(() => docs.map((doc) => this.codec.decode(doc as EncodedRecord).record));

  async getRecord(templateId: string, id: string): Promise<VeilRecord | undefined> {
    const { rows } = await this.#db.query('SELECT doc FROM records WHERE template_id = $1 AND id = $2', [
      templateId,
      id,
    ]);
    if (rows[0] === undefined) return undefined;
    return (await this.#decodeRecords([rows[0].doc]))[0];
  }

  async #queryDeps(templateId: string, query: RecordQuery) {
    checkQuery(query, await this.#loadStorage(this.#db, templateId));
    return {
      db: this.#db,
      blind: (field: string, value: string) => computeBlindIndex(this.keys.blindIndexKey, field, value),
      decode: this.#decodeRecords,
    };
  }

  async queryRecords(templateId: string, query: RecordQuery): Promise<RecordPage> {
    return queryPage(await this.#queryDeps(templateId, query), templateId, query);
  }

  async countRecords(templateId: string, query: RecordQuery): Promise<number> {
    return countRows(await this.#queryDeps(templateId, query), templateId, query);
  }

  async listRecordVersions(templateId: string, id: string): Promise<RecordVersion[]> {
    const { rows } = await this.#db.query<{ doc: RecordVersion & { retired?: unknown } }>(
      'SELECT doc FROM record_versions WHERE template_id = $1 AND record_id = $2 ORDER BY version',
      [templateId, id],
    );
    return this.#decoding(() =>
      rows.map(({ doc: { retired: _retired, ...v } }) => ({
        ...v,
        data: this.codec.decryptData(templateId, id, v.data),
      })),
    );
  }

  // --- notes and read sets
  async putNote(text: string): Promise<string> {
    const id = `note_${randomBytes(12).toString('base64url')}`;
    await this.#unit([], async (ctx) => {
      const env = ctx.dataKeys.collect(ctx.newKeys, () => this.codec.seal('notes', `note\n${id}`, text));
      await ctx.db.query('INSERT INTO notes (id, env) VALUES ($1, $2)', [id, JSON.stringify(env)]);
    });
    return id;
  }

  async getNote(id: string): Promise<string | undefined> {
    const { rows } = await this.#db.query<{ env: Envelope }>('SELECT env FROM notes WHERE id = $1', [id]);
    const env = rows[0]?.env;
    if (env === undefined) return undefined;
    return this.#decoding(() => this.codec.open(env, `note\n${id}`, 'the notes table') as string);
  }

  async eraseNote(id: string): Promise<boolean> {
    const deleted = await this.#db.query('DELETE FROM notes WHERE id = $1', [id]);
    return (deleted.rowCount ?? 0) > 0;
  }

  listReadSets(filter: ReadSetFilter): Promise<ReadSetDoc[]> {
    return listReadSetRows(this.#db, filter);
  }

  eraseFromReadSets(filter: ReadSetFilter): Promise<number> {
    return eraseFromReadSetRows(this.#db, filter);
  }

  // --- audit
  async appendAudit(input: AuditInput): Promise<AuditEntry> {
    const { entries } = await this.#unit([serializeAuditBody(input)], async () => undefined);
    return entries[0] as AuditEntry;
  }
  listAudit(filter?: AuditFilter): Promise<AuditPage> {
    return listAuditPage(this.#db, filter);
  }
  exportAudit(range?: AuditRange): AsyncIterable<AuditEntry> {
    return exportAuditEntries(this.#db, range);
  }
  verifyAudit(options?: { checkpoints?: AuditCheckpoint[] }): Promise<AuditVerifyResult> {
    return verifyAuditChain(this.#db, this.keys, options?.checkpoints ?? []);
  }
  exportCheckpoint(): Promise<AuditCheckpoint> {
    return inTransaction(this.#db, (client) => writeCheckpoint(client, this.keys, this.#now));
  }

  async close(): Promise<void> {
    if (this.#closed) return;
    this.#closed = true;
    await this.#pool.end();
  }
}
