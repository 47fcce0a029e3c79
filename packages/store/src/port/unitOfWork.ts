import type { AuditDetails, VeilRecord } from '@veil/policy';
import type { AuditEntry, AuditInput } from './auditTypes.js';
import type { CollectionName, CollectionTypes } from './collectionTypes.js';

type DocStep<Kind extends string> = {
  [K in CollectionName]: { kind: Kind; name: K; doc: CollectionTypes[K] };
}[CollectionName];

/** One change of a unit of work. */
export type WriteStep =
  /** Insert or replace a document. */
  | DocStep<'putDoc'>
  /** Insert a document; the whole unit fails with `CONFLICT` when the id exists (immutable documents). */
  | DocStep<'insertDoc'>
  | { kind: 'deleteDoc'; name: CollectionName; id: string }
  /** `CONFLICT` when the id exists; `version` must be 1. */
  | { kind: 'createRecord'; record: VeilRecord }
  /** `VERSION_CONFLICT` unless the stored version is `expectedVersion`; keeps the previous state as a version. */
  | {
      kind: 'updateRecord';
      record: VeilRecord;
      expectedVersion: number;
      supersededBy: string;
      /** Erasure: no previous state kept, earlier versions dropped, the record re-keyed (see `UpdateRecordInput`). */
      erase?: boolean;
    }
  /** `NOT_FOUND` when absent; `VERSION_CONFLICT` when `expectedVersion` is given and differs. */
  | {
      kind: 'deleteRecord';
      templateId: string;
      id: string;
      expectedVersion?: number;
      /** Erasure: the record's own key is destroyed too (see `DeleteRecordInput`). */
      erase?: boolean;
    }
  /**
   * Stores a read set beside an audit entry (see `ReadSetDoc`). The store takes the read set as
   * given, without a copy (one is written per list): the caller must not change it afterwards.
   */
  | { kind: 'putReadSet'; readSet: ReadSetInput };

/**
 * Changes and audit entries that commit together or not at all, on every adapter: when one step
 * fails (a conflict, a missing record), nothing of the unit is kept and the error is thrown.
 */
export interface UnitOfWork {
  steps: WriteStep[];
  /** Appended in order, in the same commit. */
  audit?: AuditInput[];
}

export interface UnitResult {
  /** The audit entries, in the order given. */
  entries: AuditEntry[];
}

/**
 * What a read showed, kept beside its audit entry (erasable with the records): the entry itself
 * carries only the read set's id, `readSetHash` and counts, so it stays small whatever the page size.
 */
export interface ReadSetInput {
  /** Unique id, chosen by the caller (the audit entry names it). */
  id: string;
  templateId: string;
  actor: string;
  /** ISO time of the read. */
  at: string;
  /** Per record: its id, its audit reference and the fields read with their access level. */
  records: AuditDetails['records'];
}

/** A stored read set (see `ReadSetInput`) with its hash. */
export interface ReadSetDoc extends ReadSetInput {
  /** sha256 hex of the JSON of the input (what the audit entry carries as `readSetHash`). */
  hash: string;
}

/** Filter of `listReadSets`. */
export interface ReadSetFilter {
  templateId: string;
  /** Read sets that include this record. */
  recordId: string;
}

/** An atomic failed-login count (the lockout holds across servers sharing a database). */
export interface LoginFailureInput {
  /** The counted key (a keyed reference of the login name). */
  id: string;
  /** ISO time of this failure. */
  at: string;
  /** Failures older than this (since the last one) start a new count. */
  windowMs: number;
  /** Lock once this many failures are counted. */
  lockAfter: number;
  /** How long a lock lasts. */
  lockMs: number;
  /** The audit entry written with the count (`details: { failures }`). */
  audit: { actor: string; target: string; action: string; lockedAction: string };
}
