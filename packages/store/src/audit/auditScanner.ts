import { hash } from 'node:crypto';
import type { AuditCheckpoint, AuditVerifyResult } from '../store.js';
import { checkpointSignatureValid, GENESIS_HASH } from './auditChain.js';

const NEWLINE = 0x0a;
const SEQ_OPEN = Buffer.from('{"seq":', 'latin1');
const PREV_OPEN = Buffer.from(',"prevHash":"', 'latin1');
const TAB = 0x09;

export interface ScanResult {
  /** Complete lines. */
  count: number;
  head: string;
  /** Byte length of the complete lines. */
  validLength: number;
  /** Bytes after the last newline (a torn append). */
  tornBytes: number;
  /** Byte offset of each line start, by seq − 1. */
  offsets?: number[];
}

type Failure = Extract<AuditVerifyResult, { ok: false }>;

function fail(firstBadSeq: number, reason: Failure['reason'], message: string): Failure {
  return { ok: false, firstBadSeq, reason, message };
}

export interface ScanOptions {
  /** Stop after this seq. */
  upToSeq?: number;
  /** Collect the hash at these seqs (for checkpoints). */
  wantHashes?: Set<number>;
  /** Collect each line's byte offset. */
  collectOffsets?: boolean;
}

export interface ScanOutput {
  result: ScanResult;
  failure?: Failure;
  hashes: Map<number, string>;
}

/**
 * Walks stored audit bytes, fed in chunks of whole lines: each line must carry the next seq and
 * the previous hash in its prefix, and end in sha256 of its JSON bytes. Compares bytes in
 * place (no decoding to strings, no parsing); the one string per line is the computed hash.
 */
export class AuditScanner {
  readonly hashes = new Map<number, string>();
  readonly offsets: number[] | undefined;
  failure: Failure | undefined;
  /** Complete lines verified. */
  count = 0;
  /** Byte length of the verified lines. */
  validLength = 0;
  /** Hash of the last verified line (the genesis hash before the first). */
  head = GENESIS_HASH;
  readonly #limit: number;
  readonly #want: Set<number> | undefined;

  constructor(options: ScanOptions = {}) {
    this.#limit = options.upToSeq ?? Number.POSITIVE_INFINITY;
    this.#want = options.wantHashes;
    this.offsets = options.collectOffsets ? [] : undefined;
  }

  /** Whether scanning stopped (a failure, or `upToSeq` reached). */
  get done(): boolean {
    return this.failure !== undefined || this.count >= this.#limit;
  }

  /**
   * Scans the complete lines of `bytes[from, to)`, which continue the bytes scanned so far.
   * Returns the index after the last line consumed (the rest is a partial line, or unscanned).
   */
  scan(bytes: Buffer, from = 0, to = bytes.length): number {
    let pos = from;
    let seq = this.count;
    let prev = this.head;
    const base = this.validLength - from;
    const want = this.#want;
    const offsets = this.offsets;
    while (pos < to && seq < this.#limit) {
      const end = bytes.indexOf(NEWLINE, pos);
      if (end === -1 || end >= to) break;
      const expected = seq + 1;
      const tab = end - 65;
      if (tab < pos || bytes[tab] !== TAB) {
        this.#stop(
          seq,
          prev,
          pos + base,
          fail(expected, 'malformed-line', `Audit line ${expected} is not a stored entry.`),
        );
        return pos;
      }
      // `{"seq":<expected>,"prevHash":"<previous hash>"` compared byte by byte.
      let ok = tab - pos > SEQ_OPEN.length + PREV_OPEN.length + 65;
      for (let i = 0; ok && i < SEQ_OPEN.length; i++) ok = bytes[pos + i] === SEQ_OPEN[i];
      let at = pos + SEQ_OPEN.length;
      let parsed = 0;
      for (let digit = bytes[at] ?? 0; digit >= 0x30 && digit <= 0x39 && at < tab; digit = bytes[at] ?? 0) {
        parsed = parsed * 10 + digit - 0x30;
        at += 1;
      }
      ok = ok && parsed === expected;
      for (let i = 0; ok && i < PREV_OPEN.length; i++) ok = bytes[at + i] === PREV_OPEN[i];
      if (!ok) {
        this.#stop(
          seq,
          prev,
          pos + base,
          fail(expected, 'seq-mismatch', `Audit entry ${expected} is missing or moved.`),
        );
        return pos;
      }
      const hashAt = at + PREV_OPEN.length;
      ok = bytes[hashAt + 64] === 0x22;
      for (let i = 0; ok && i < 64; i++) ok = bytes[hashAt + i] === prev.charCodeAt(i);
      if (!ok) {
        this.#stop(
          seq,
          prev,
          pos + base,
          fail(expected, 'prev-hash-mismatch', `Audit entry ${expected} does not follow entry ${seq}.`),
        );
        return pos;
      }
      const digest = hash('sha256', bytes.subarray(pos, tab), 'hex');
      for (let i = 0; ok && i < 64; i++) ok = bytes[tab + 1 + i] === digest.charCodeAt(i);
      if (!ok) {
        this.#stop(
          seq,
          prev,
          pos + base,
          fail(expected, 'hash-mismatch', `Audit entry ${expected} was changed after it was written.`),
        );
        return pos;
      }
      offsets?.push(pos + base);
      if (want?.has(expected)) this.hashes.set(expected, digest);
      prev = digest;
      seq = expected;
      pos = end + 1;
    }
    this.count = seq;
    this.head = prev;
    this.validLength = pos + base;
    return pos;
  }

  #stop(seq: number, prev: string, validLength: number, failure: Failure): void {
    this.count = seq;
    this.head = prev;
    this.validLength = validLength;
    this.failure = failure;
  }

  /** The scan's outcome; `size` is the byte length of everything that was fed. */
  output(size: number): ScanOutput {
    const result: ScanResult = {
      count: this.count,
      head: this.head,
      validLength: this.validLength,
      tornBytes: this.failure === undefined && this.count < this.#limit ? size - this.validLength : 0,
    };
    if (this.offsets !== undefined) result.offsets = this.offsets;
    const out: ScanOutput = { result, hashes: this.hashes };
    if (this.failure !== undefined) out.failure = this.failure;
    return out;
  }
}

/** Scans a whole log held in memory (see `AuditScanner`). */
export function scanAuditBytes(bytes: Buffer, options: ScanOptions = {}): ScanOutput {
  const scanner = new AuditScanner(options);
  scanner.scan(bytes);
  return scanner.output(bytes.length);
}

/** Reads `length` bytes at `position` into `buffer` at `offset`; returns the count read. */
export type ReadAt = (buffer: Buffer, offset: number, length: number, position: number) => Promise<number>;

/** Scans the first `size` bytes of a log read in large chunks, never holding it whole. */
export async function scanAuditStream(
  read: ReadAt,
  size: number,
  options: ScanOptions = {},
  chunkSize = 8 * 1024 * 1024,
): Promise<ScanOutput> {
  const scanner = new AuditScanner(options);
  let buf = Buffer.allocUnsafe(Math.max(1024, Math.min(chunkSize, size)));
  let filled = 0;
  let position = 0;
  while (position < size && !scanner.done) {
    if (filled === buf.length) {
      // One line longer than the buffer: grow it.
      const bigger = Buffer.allocUnsafe(buf.length * 2);
      buf.copy(bigger, 0, 0, filled);
      buf = bigger;
    }
    const n = await read(buf, filled, Math.min(buf.length - filled, size - position), position);
    if (n <= 0) break;
    position += n;
    filled += n;
    const consumed = scanner.scan(buf, 0, filled);
    if (scanner.done) break;
    buf.copy(buf, 0, consumed, filled);
    filled -= consumed;
  }
  return scanner.output(position);
}

export interface CheckpointOptions {
  upToSeq?: number;
  /** Checkpoints from the data folder: they must carry this store's key. */
  stored?: readonly AuditCheckpoint[];
  trustedPublicKey?: string;
  keptHead?: { seq: number; hash: string };
}

function scanOptionsFor(checkpoints: readonly AuditCheckpoint[], options: CheckpointOptions): ScanOptions {
  const want = new Set([...checkpoints, ...(options.stored ?? [])].map((cp) => cp.seq));
  if (options.keptHead) want.add(options.keptHead.seq);
  const scanOptions: ScanOptions = { wantHashes: want };
  if (options.upToSeq !== undefined) scanOptions.upToSeq = options.upToSeq;
  return scanOptions;
}

/** Checks a chain held in memory against checkpoints (signature, then head hash at their seq). */
export function checkAgainstCheckpoints(
  bytes: Buffer,
  checkpoints: readonly AuditCheckpoint[],
  options: CheckpointOptions,
): AuditVerifyResult {
  return checkScan(scanAuditBytes(bytes, scanOptionsFor(checkpoints, options)), checkpoints, options);
}

/** `checkAgainstCheckpoints` over the first `size` bytes of a log read in chunks. */
export async function checkAuditStream(
  read: ReadAt,
  size: number,
  checkpoints: readonly AuditCheckpoint[],
  options: CheckpointOptions,
): Promise<AuditVerifyResult> {
  const scan = await scanAuditStream(read, size, scanOptionsFor(checkpoints, options));
  return checkScan(scan, checkpoints, options);
}

function checkScan(
  { result, failure, hashes }: ScanOutput,
  checkpoints: readonly AuditCheckpoint[],
  options: CheckpointOptions,
): AuditVerifyResult {
  const stored = new Set(options.stored ?? []);
  const all = [...checkpoints, ...stored];
  if (failure) return failure;
  if (result.tornBytes > 0) {
    return fail(result.count + 1, 'malformed-line', `Audit entry ${result.count + 1} is cut off.`);
  }
  const sorted = all.sort((a, b) => a.seq - b.seq);
  for (const cp of sorted) {
    if (!checkpointSignatureValid(cp) || (stored.has(cp) && cp.publicKey !== options.trustedPublicKey)) {
      return fail(
        Math.min(cp.seq, result.count + 1),
        'checkpoint-signature',
        `The checkpoint at entry ${cp.seq} has no valid signature.`,
      );
    }
    if (cp.seq > result.count) {
      return fail(
        result.count + 1,
        'truncated',
        `The log ends at entry ${result.count} but a checkpoint covers entry ${cp.seq}.`,
      );
    }
    if (hashes.get(cp.seq) !== cp.headHash) {
      return fail(
        cp.seq,
        'checkpoint-mismatch',
        `Entries up to ${cp.seq} differ from the signed checkpoint: the log was rewritten.`,
      );
    }
  }
  const kept = options.keptHead;
  if (kept !== undefined) {
    if (kept.seq > result.count) {
      return fail(
        result.count + 1,
        'truncated',
        `The log ends at entry ${result.count} but ${kept.seq} entries were written.`,
      );
    }
    if (kept.seq > 0 && hashes.get(kept.seq) !== kept.hash) {
      return fail(
        kept.seq,
        'checkpoint-mismatch',
        `Entry ${kept.seq} differs from the one this store wrote.`,
      );
    }
  }
  return { ok: true, count: result.count, head: result.head };
}
