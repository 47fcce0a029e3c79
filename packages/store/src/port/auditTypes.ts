import type { AuditDetails } from '@veil/policy';

/** What a caller hands in; `seq`, `at`, `prevHash` and `hash` are assigned by the store. */
export interface AuditInput {
  /** User id, or `system`. */
  actor: string;
  /** Dotted action name: `record.create`, `auth.login`, `template.publish` … */
  action: string;
  /** What the action is about (an id or a keyed reference); never a personal value. */
  target: string;
  /** From `@veil/policy`'s `auditDetails` or any JSON without personal values. */
  details: AuditDetails | Record<string, unknown>;
}

/** One entry of the hash-chained audit log. */
export interface AuditEntry {
  /** 1-based, gapless. */
  seq: number;
  /** ISO time assigned by the store's clock. */
  at: string;
  actor: string;
  action: string;
  target: string;
  details: AuditDetails | Record<string, unknown>;
  /** Hash of the previous entry (64 zeros for seq 1). */
  prevHash: string;
  /** sha256 hex over the stored JSON bytes of the entry without its hash (which hold `prevHash`). */
  hash: string;
}

export interface AuditFilter {
  actor?: string;
  action?: string;
  target?: string;
  /** Inclusive ISO lower bound on `at`. */
  from?: string;
  /** Exclusive ISO upper bound on `at`. */
  to?: string;
  /** Default 100. */
  limit?: number;
  /** Opaque cursor from a previous page. */
  cursor?: string;
}

export interface AuditPage {
  entries: AuditEntry[];
  nextCursor: string | null;
}

/** A range of sequence numbers, inclusive. */
export interface AuditRange {
  fromSeq?: number;
  toSeq?: number;
}

/** An Ed25519-signed statement of the chain head; an auditor keeps copies outside the data folder. */
export interface AuditCheckpoint {
  seq: number;
  headHash: string;
  at: string;
  /** Base64 Ed25519 signature over the UTF-8 bytes of `${seq}\n${headHash}\n${at}`. */
  signature: string;
  /** SPKI PEM of the signing key. */
  publicKey: string;
}

export type AuditVerifyFailure =
  | 'hash-mismatch'
  | 'seq-mismatch'
  | 'prev-hash-mismatch'
  | 'malformed-line'
  | 'truncated'
  | 'checkpoint-mismatch'
  | 'checkpoint-signature';

export type AuditVerifyResult =
  | { ok: true; count: number; head: string }
  | { ok: false; firstBadSeq: number; reason: AuditVerifyFailure; message: string };
