import type { VeilRecord } from '@veil/policy';
import type { FilterOp, SortKey } from '@veil/schema';
import type { AuditInput } from './auditTypes.js';

/** A condition on a schema path; inside arrays (`/contacts/*\/name`) a row matches when any item does. */
export interface RecordFilter {
  field: string;
  op: FilterOp;
  /** Omitted for `exists` (then `true` = present; `false` = absent); an array for `in`. */
  value?: unknown;
}

/** A whole-value blind-index match; `value` already normalised by the caller. */
export interface RecordMatch {
  field: string;
  value: string;
}

/**
 * Row scope as a condition on the template's owner field, which a database can join with its
 * users and departments tables (the adapter resolves users' departments and department subtrees;
 * nobody builds a list of every user per request).
 *
 * A record is in a `condition` scope when its owner is a string and either
 * - the owner is `self` and `own` is true, or
 * - the owner is another user whose department is one of `departments`, or lies in the subtree
 *   of one of `subtrees` (resolved by the adapter from the `departments` collection).
 *
 * `owners` lists owner ids explicitly (hand-over of one user's records, maintenance jobs).
 */
export type RecordScope = { kind: 'all' } | ScopeCondition | { kind: 'owners'; ownerIds: string[] };

/** See `RecordScope`. */
export interface ScopeCondition {
  kind: 'condition';
  /** The principal's user id. */
  self: string;
  /** Whether the principal's own records are in scope. */
  own: boolean;
  /** Departments whose members' records are in scope (exactly these). */
  departments: string[];
  /** Departments whose members' records, and those of every department below them, are in scope. */
  subtrees?: string[];
}

/** Case-insensitive substring search over fields (any field matching admits the row). */
export interface RecordSearch {
  /** Compared in lower case; numbers are searched by their decimal text. */
  text: string;
  /** Schema paths of unencrypted value fields (the query guard allowed them). */
  fields: string[];
}

/**
 * An already-guarded query; the store translates and runs it and makes no privacy decision.
 * Filters, sorts, searches and groups on encrypted fields are refused with `INVALID` (encrypted
 * values can only be matched whole, through their blind index).
 */
export interface RecordQuery {
  filters?: RecordFilter[];
  match?: RecordMatch[];
  search?: RecordSearch;
  scope?: RecordScope;
  /** Sort keys in order; missing values last in both directions; ties broken by record id ascending. */
  sort?: SortKey[];
  /** Count rows per value of this field over every row the query matches (answered in `groups`). */
  groupBy?: string;
  /** Default 50, at most 1000. */
  limit?: number;
  /** Opaque keyset cursor from a previous page of the same query. */
  cursor?: string;
}

/** Rows per value of the `groupBy` field; a row counts once per distinct value, `null` when it has none. */
export interface RecordGroup {
  value: unknown;
  count: number;
}

export interface RecordPage {
  /** Read-only: an adapter may hand out the records it keeps (the embedded store's are frozen). */
  records: VeilRecord[];
  nextCursor: string | null;
  /** Rows matching the query in total. */
  total: number;
  /** With `groupBy`: counts, largest first, ties by value. */
  groups?: RecordGroup[];
}

/** A previous state of a record, kept for history; erased with the record. */
export interface RecordVersion {
  recordId: string;
  templateId: string;
  /** The version this state had. */
  version: number;
  templateVersion: number;
  /** When this state was written (its `updatedAt`). */
  updatedAt: string;
  /** When it was superseded. */
  supersededAt: string;
  /** Who superseded it. */
  supersededBy: string;
  data: Record<string, unknown>;
}

export interface CreateRecordInput {
  /** The full record; `version` must be 1. */
  record: VeilRecord;
  audit: AuditInput;
}

export interface UpdateRecordInput {
  /** The new state; `version` must be `expectedVersion + 1`. */
  record: VeilRecord;
  expectedVersion: number;
  audit: AuditInput;
  /**
   * Erasure (decision 290): keep no previous state — every earlier version of the record is
   * dropped — and, when the record has a key of its own, destroy it and seal the new state
   * under a new one, so no backup made before can decrypt what it held.
   */
  erase?: boolean;
}

export interface DeleteRecordInput {
  templateId: string;
  id: string;
  expectedVersion?: number;
  audit: AuditInput;
  /** Erasure (decision 290): also destroy the record's own key, so no earlier backup decrypts it. */
  erase?: boolean;
}

/** What the store keeps of a registered template: how to store and scope its records. */
export interface TemplateStorage {
  templateId: string;
  version: number;
  /** Pointer of the owner field. */
  owner: string;
  /** Schema paths encrypted at rest. */
  encrypted: string[];
  /** Schema paths with a blind index. */
  exact: string[];
  /**
   * Leaf schema paths of the template and the version that introduced each: a field's identity.
   * A field removed and added again later gets a new identity (and inherits nothing).
   */
  fields?: Record<string, number>;
  /**
   * Paths ever encrypted for this template: their values stay encrypted at rest even when the
   * current version no longer encrypts or mentions them.
   */
  everEncrypted?: string[];
  /**
   * The template names data subjects (`subject`): each record's encrypted values are sealed
   * under a key of the record's own, kept in the keys store (never in a data backup), which an
   * erasure destroys (crypto-shredding, decision 290).
   */
  recordKeys?: boolean;
}
