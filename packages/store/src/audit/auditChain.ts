import { createPublicKey, hash, type KeyObject, sign, verify } from 'node:crypto';
import type { AuditCheckpoint, AuditEntry, AuditInput } from '../store.js';

export const GENESIS_HASH = '0'.repeat(64);

/**
 * One stored line: `<entry JSON without hash>\t<hash hex>\n`, hash = sha256(JSON bytes).
 * The JSON starts with `{"seq":N,"prevHash":"…",` so verifying compares that prefix and
 * hashes the stored bytes without parsing or re-serializing. JSON never holds a raw tab.
 */
export function formatAuditLine(
  seq: number,
  prevHash: string,
  at: string,
  input: AuditInput | string,
): { line: string; hash: string } {
  const body = typeof input === 'string' ? input : serializeAuditBody(input);
  const json = `{"seq":${seq},"prevHash":"${prevHash}","at":${JSON.stringify(at)},${body.slice(1)}`;
  // The JSON holds prevHash at a fixed place, so hashing exactly its bytes chains the entries.
  const digest = hash('sha256', json, 'hex');
  return { line: `${json}\t${digest}\n`, hash: digest };
}

/** The caller's part of an entry, serialized once when it is handed in. */
export function serializeAuditBody(input: AuditInput): string {
  const { actor, action, target, details } = input;
  // Built directly (same bytes as stringifying `{ actor, action, target, details }`), unless a
  // field is missing, where the object form drops the key.
  if (actor === undefined || action === undefined || target === undefined || details === undefined)
    return JSON.stringify({ actor, action, target, details });
  return `{"actor":${JSON.stringify(actor)},"action":${JSON.stringify(action)},"target":${JSON.stringify(target)},"details":${JSON.stringify(details)}}`;
}

/** Hashes one line's JSON bytes (the audit chain's hash); exported for the benchmark's baseline. */
export function hashAuditJson(bytes: Buffer): string {
  return hash('sha256', bytes, 'hex');
}

/** The unhashed variant of the batch encoder (benchmarks only: such a log never verifies). */
export const ZERO_HASH = (_bytes: Buffer): string => GENESIS_HASH;

/** Appends audit lines into one growing Buffer for a group commit (one write, one fsync). */
export class AuditBatchEncoder {
  #buf: Buffer = Buffer.allocUnsafe(64 * 1024);
  #len = 0;
  readonly #hash: (bytes: Buffer) => string;
  #atJson = '""';
  #at = '';

  constructor(hashJson: (bytes: Buffer) => string = hashAuditJson) {
    this.#hash = hashJson;
  }

  /** Starts a batch whose entries carry the time `at`. */
  reset(at: string): void {
    this.#len = 0;
    if (at !== this.#at) {
      this.#at = at;
      this.#atJson = JSON.stringify(at);
    }
  }

  get length(): number {
    return this.#len;
  }

  /**
   * Writes `<prefix><body minus its "{">\t<hash>\n` straight into the batch buffer and
   * returns the hash of exactly the stored JSON bytes.
   */
  add(seq: number, prevHash: string, body: string): string {
    const prefix = `{"seq":${seq},"prevHash":"${prevHash}","at":${this.#atJson},`;
    // A UTF-16 unit never takes more than 3 UTF-8 bytes.
    this.#ensure(prefix.length + body.length * 3 + 66);
    const buf = this.#buf;
    const start = this.#len;
    // The body's "{" lands on the prefix's last byte, which the prefix then overwrites with ",".
    const bodyAt = start + prefix.length - 1;
    const end = bodyAt + buf.write(body, bodyAt, 'utf8');
    buf.write(prefix, start, 'latin1');
    const digest = this.#hash(buf.subarray(start, end));
    buf[end] = 0x09;
    buf.write(digest, end + 1, 'latin1');
    buf[end + 65] = 0x0a;
    this.#len = end + 66;
    return digest;
  }

  /** The batch's bytes (a view: valid until the next `reset`). */
  bytes(): Buffer {
    return this.#buf.subarray(0, this.#len);
  }

  #ensure(extra: number): void {
    if (this.#len + extra <= this.#buf.length) return;
    const next = Buffer.allocUnsafe(Math.max(this.#buf.length * 2, this.#len + extra));
    this.#buf.copy(next, 0, 0, this.#len);
    this.#buf = next;
  }
}

/** Parses one line (without its newline). */
export function parseAuditLine(line: string): AuditEntry {
  const tab = line.lastIndexOf('\t');
  const entry = JSON.parse(line.slice(0, tab)) as Omit<AuditEntry, 'hash'>;
  return { ...entry, hash: line.slice(tab + 1) };
}

function checkpointMessage(seq: number, headHash: string, at: string): Buffer {
  return Buffer.from(`${seq}\n${headHash}\n${at}`, 'utf8');
}

export function signCheckpoint(
  seq: number,
  headHash: string,
  at: string,
  key: KeyObject,
  publicKey: string,
): AuditCheckpoint {
  const signature = sign(null, checkpointMessage(seq, headHash, at), key).toString('base64');
  return { seq, headHash, at, signature, publicKey };
}

export function checkpointSignatureValid(cp: AuditCheckpoint): boolean {
  try {
    return verify(
      null,
      checkpointMessage(cp.seq, cp.headHash, cp.at),
      createPublicKey(cp.publicKey),
      Buffer.from(cp.signature, 'base64'),
    );
  } catch {
    return false;
  }
}
