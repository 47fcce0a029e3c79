import { join } from 'node:path';
import { GENESIS_HASH } from '../audit/auditChain.js';
import { RowTable } from '../records/rowTable.js';
import type { StorageDoc } from '../records/templateStorage.js';
import { type DepartmentDoc, StoreError, type UserDoc } from '../store.js';
import type { ManifestEntry } from './dataManifest.js';
import { type AnyDoc, dirNameOf, type Shard, type TemplateState } from './lowdbTypes.js';
import { ReadSetLog } from './readSetLog.js';

/** The embedded store's memory and file layout: collections, record shards, the audit head. */
export class LowdbState {
  readonly dir: string;
  readonly docs = new Map<string, Map<string, AnyDoc>>();
  readonly collectionApplied = new Map<string, number>();
  readonly templates = new Map<string, TemplateState>();
  readonly readSets = new ReadSetLog();
  /** The manifest's entries as of the files now in place (written out when the WAL is cut). */
  readonly manifest = new Map<string, ManifestEntry>();
  /** A backup import has started and not finished: the manifest says so until one does. */
  importing = false;
  batchNo = 0;
  seq = 0;
  head = GENESIS_HASH;
  #children: Map<string, string[]> | null = null;
  #members: Map<string, string[]> | null = null;
  readonly #revisions = new Map<string, number>();
  #epoch = 0;

  constructor(dir: string) {
    this.dir = dir;
  }

  path(...parts: string[]): string {
    return join(this.dir, ...parts);
  }
  get auditPath(): string {
    return this.path('audit', 'audit.jsonl');
  }
  get checkpointPath(): string {
    return this.path('audit', 'checkpoints.jsonl');
  }
  get readSetPath(): string {
    return this.path('audit', 'readsets.jsonl');
  }
  get walPath(): string {
    return this.path('wal.jsonl');
  }
  collectionPath(name: string): string {
    return this.path('collections', `${name}.json`);
  }
  shardPath(templateId: string, no: number): string {
    return this.path('records', dirNameOf(templateId), `${String(no).padStart(6, '0')}.json`);
  }

  collection(name: string): Map<string, AnyDoc> {
    const docs = this.docs.get(name);
    if (docs === undefined) throw new StoreError('INVALID', `Unknown collection ${name}.`);
    return docs;
  }

  storage(templateId: string): StorageDoc | undefined {
    return this.docs.get('storage')?.get(templateId) as StorageDoc | undefined;
  }

  templateState(templateId: string): TemplateState {
    let state = this.templates.get(templateId);
    if (state === undefined) {
      state = { id: templateId, shards: [], shardOf: new Map(), plain: new RowTable() };
      this.templates.set(templateId, state);
    }
    return state;
  }

  shard(state: TemplateState, no: number): Shard {
    let shard = state.shards[no];
    if (shard === undefined) {
      shard = { no, appliedBatch: 0, stored: new Map(), versions: [] };
      state.shards[no] = shard;
    }
    return shard;
  }

  /** Call when a document of a collection changes. */
  docChanged(name: string): void {
    this.#revisions.set(name, (this.#revisions.get(name) ?? 0) + 1);
    if (name === 'departments' || name === 'users') {
      this.#children = null;
      this.#members = null;
    }
  }

  /** Call when collections were replaced wholesale (a restore, a batch the disk refused). */
  allDocsChanged(): void {
    this.#epoch += 1;
    this.#children = null;
    this.#members = null;
  }

  /** A token that changes whenever a document of one of `names` changes (see `Store.docsRevision`). */
  docsRevision(names: readonly string[]): string {
    return `${this.#epoch}:${names.map((name) => this.#revisions.get(name) ?? 0).join(',')}`;
  }

  /** Department id → ids of the users in it, rebuilt only after users or departments changed. */
  departmentMembers(): Map<string, string[]> {
    if (this.#members !== null) return this.#members;
    const members = new Map<string, string[]>();
    for (const user of this.collection('users').values() as Iterable<UserDoc>) {
      if (!user.departmentId) continue;
      const list = members.get(user.departmentId);
      if (list === undefined) members.set(user.departmentId, [user.id]);
      else list.push(user.id);
    }
    this.#members = members;
    return members;
  }

  /** Department id → child ids, rebuilt only after the departments collection changed. */
  departmentChildren(): Map<string, string[]> {
    if (this.#children !== null) return this.#children;
    const children = new Map<string, string[]>();
    for (const doc of this.collection('departments').values() as Iterable<DepartmentDoc>) {
      if (doc.parentId === null) continue;
      const list = children.get(doc.parentId);
      if (list === undefined) children.set(doc.parentId, [doc.id]);
      else list.push(doc.id);
    }
    this.#children = children;
    return children;
  }
}
