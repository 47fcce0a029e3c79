import { serializeAuditBody } from '../audit/auditChain.js';
import type { Envelope } from '../records/fieldCipher.js';
import type { EncodedRecord } from '../records/recordCodec.js';
import type { RowTable } from '../records/rowTable.js';
import {
  type AuditEntry,
  type AuditInput,
  COLLECTION_NAMES,
  type ReadSetDoc,
  type RecordVersion,
} from '../store.js';

/** A record at rest (see `EncodedRecord`). */
export type StoredRecord = EncodedRecord;
export type StoredVersion = RecordVersion & { retired?: Record<string, Envelope>; mac?: string };
/** Undo steps of a unit of work being applied, run in reverse when a step fails. */
export type Undo = (() => void)[];

export interface DataKeyDoc {
  id: string;
  scope: string;
  gen: number;
  masterKid: string;
  iv: string;
  tag: string;
  ct: string;
}
export interface NoteDoc {
  id: string;
  env: Envelope;
}
export interface AnyDoc {
  id: string;
}

const INTERNAL = ['dataKeys', 'notes', 'storage'] as const;
export const ALL_COLLECTIONS: readonly string[] = [...COLLECTION_NAMES, ...INTERNAL];

export interface CollectionFile {
  appliedBatch: number;
  docs: AnyDoc[];
}
export interface ShardFile {
  templateId: string;
  shard: number;
  appliedBatch: number;
  records: StoredRecord[];
  versions: StoredVersion[];
}

/** One change of a batch, as the WAL holds it (stored records only: never a clear encrypted value). */
export type Op =
  | { t: 'doc-put'; coll: string; doc: AnyDoc }
  | { t: 'doc-del'; coll: string; id: string }
  | { t: 'rec-put'; tpl: string; shard: number; record: StoredRecord; version?: StoredVersion }
  | { t: 'rec-del'; tpl: string; shard: number; id: string }
  | { t: 'shard-set'; tpl: string; shard: number; records: StoredRecord[]; versions: StoredVersion[] }
  /** A read set appended to `readsets.jsonl`. */
  | { t: 'rs-put'; doc: ReadSetDoc }
  /** Every read set, after an erasure (the file is rewritten). */
  | { t: 'rs-set'; docs: ReadSetDoc[] };

export interface WalBatch {
  b: number;
  lines: string;
  ops: Op[];
}

export interface Shard {
  no: number;
  appliedBatch: number;
  stored: Map<string, StoredRecord>;
  versions: StoredVersion[];
}
export interface TemplateState {
  id: string;
  shards: Shard[];
  shardOf: Map<string, number>;
  plain: RowTable;
}

/** What one request does inside the commit loop: validate, change memory, return ops and audit. */
export interface Prepared<T> {
  ops: Op[];
  audits?: SerializedAudit[];
  result: (entries: AuditEntry[]) => T;
}
/** An audit input and its JSON, serialized once when handed in (later changes by the caller do not count). */
export interface SerializedAudit {
  input: AuditInput;
  body: string;
}
export function serialized(input: AuditInput): SerializedAudit {
  return { input, body: serializeAuditBody(input) };
}

/** The folder name of a template's shards. */
export function dirNameOf(templateId: string): string {
  return /^[A-Za-z0-9_-]{1,80}$/.test(templateId)
    ? templateId
    : `x-${Buffer.from(templateId).toString('hex')}`;
}

export function clone<T>(value: T): T {
  return structuredClone(value);
}

/** The backup file `exportBackup` writes. */
export interface BackupFile {
  format: 'veil-backup';
  /** 2: records and versions carry MACs; 1 (older): they are sealed on import. */
  version: 1 | 2;
  createdAt: string;
  collections: Record<string, AnyDoc[]>;
  shards: ShardFile[];
  /** The audit log's stored bytes, verbatim. */
  audit: string;
  checkpoints: string;
  /** `readsets.jsonl`, verbatim (absent in older backups). */
  readSets?: string;
}
