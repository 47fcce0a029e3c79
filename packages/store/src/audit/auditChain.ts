import { createHash, createPublicKey, type KeyObject, sign, verify } from 'node:crypto';
import type { AuditCheckpoint, AuditEntry, AuditInput, AuditVerifyResult } from '../store.js';

export const GENESIS_HASH = '0'.repeat(64);
const NEWLINE = 0x0a;
const SEQ_OPEN = Buffer.from('{"seq":', 'latin1');
const PREV_OPEN = Buffer.from(',"prevHash":"', 'latin1');
const TAB = 0x09;

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
  const hash = createHash('sha256').update(json).digest('hex');
  return { line: `${json}\t${hash}\n`, hash };
}

/** The caller's part of an entry, serialized once when it is handed in. */
export function serializeAuditBody(input: AuditInput): string {
  return JSON.stringify({
    actor: input.actor,
    action: input.action,
    target: input.target,
    details: input.details,
  });
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

/**
 * Walks the stored bytes: each line must carry the next seq and the previous hash in its
 * prefix, and its hash must be sha256(prevHash + '\n' + the stored JSON bytes).
 * `wantHashes` collects the hash at those seqs (for checkpoints).
 */
export function scanAuditBytes(
  bytes: Buffer,
  options: { upToSeq?: number; wantHashes?: Set<number>; collectOffsets?: boolean } = {},
): { result: ScanResult; failure?: Failure; hashes: Map<number, string> } {
  const hashes = new Map<number, string>();
  const offsets: number[] | undefined = options.collectOffsets ? [] : undefined;
  const genesis = Buffer.from(GENESIS_HASH, 'latin1');
  const scratch = Buffer.alloc(64);
  // Where the previous hash lies: in `genesis` for the first entry, then inside `bytes`.
  let prevSource: Buffer = genesis;
  let prevStart = 0;
  let seq = 0;
  let pos = 0;
  const limit = options.upToSeq ?? Number.POSITIVE_INFINITY;
  const prevString = (): string => prevSource.toString('latin1', prevStart, prevStart + 64);
  const partial = (): ScanResult => ({ count: seq, head: prevString(), validLength: pos, tornBytes: 0 });
  while (pos < bytes.length && seq < limit) {
    const end = bytes.indexOf(NEWLINE, pos);
    if (end === -1) break;
    const expected = seq + 1;
    const tab = bytes.lastIndexOf(TAB, end);
    if (tab < pos || end - tab - 1 !== 64) {
      return {
        result: partial(),
        failure: fail(expected, 'malformed-line', `Audit line ${expected} is not a stored entry.`),
        hashes,
      };
    }
    // `{"seq":<expected>,"prevHash":"` compared byte by byte, without allocating.
    let at = pos + SEQ_OPEN.length;
    let parsed = 0;
    for (let digit = bytes[at] ?? 0; digit >= 0x30 && digit <= 0x39 && at < tab; digit = bytes[at] ?? 0) {
      parsed = parsed * 10 + digit - 0x30;
      at += 1;
    }
    if (
      bytes.compare(SEQ_OPEN, 0, SEQ_OPEN.length, pos, pos + SEQ_OPEN.length) !== 0 ||
      parsed !== expected ||
      bytes.compare(PREV_OPEN, 0, PREV_OPEN.length, at, at + PREV_OPEN.length) !== 0
    ) {
      return {
        result: partial(),
        failure: fail(expected, 'seq-mismatch', `Audit entry ${expected} is missing or moved.`),
        hashes,
      };
    }
    const hashAt = at + PREV_OPEN.length;
    if (
      bytes.compare(prevSource, prevStart, prevStart + 64, hashAt, hashAt + 64) !== 0 ||
      bytes[hashAt + 64] !== 0x22
    ) {
      return {
        result: partial(),
        failure: fail(
          expected,
          'prev-hash-mismatch',
          `Audit entry ${expected} does not follow entry ${seq}.`,
        ),
        hashes,
      };
    }
    scratch.write(createHash('sha256').update(bytes.subarray(pos, tab)).digest('hex'), 0, 'latin1');
    if (bytes.compare(scratch, 0, 64, tab + 1, end) !== 0) {
      return {
        result: partial(),
        failure: fail(expected, 'hash-mismatch', `Audit entry ${expected} was changed after it was written.`),
        hashes,
      };
    }
    offsets?.push(pos);
    if (options.wantHashes?.has(expected)) hashes.set(expected, bytes.toString('latin1', tab + 1, end));
    prevSource = bytes;
    prevStart = tab + 1;
    seq = expected;
    pos = end + 1;
  }
  const result: ScanResult = {
    count: seq,
    head: prevString(),
    validLength: pos,
    tornBytes: seq < limit ? bytes.length - pos : 0,
  };
  if (offsets !== undefined) result.offsets = offsets;
  return { result, hashes };
}

/** Checks a scanned chain against checkpoints (signature, then head hash at their seq). */
export function checkAgainstCheckpoints(
  bytes: Buffer,
  checkpoints: readonly AuditCheckpoint[],
  options: {
    upToSeq?: number;
    /** Checkpoints from the data folder: they must carry this store's key. */
    stored?: readonly AuditCheckpoint[];
    trustedPublicKey?: string;
    keptHead?: { seq: number; hash: string };
  },
): AuditVerifyResult {
  const stored = new Set(options.stored ?? []);
  const all = [...checkpoints, ...stored];
  const want = new Set(all.map((cp) => cp.seq));
  if (options.keptHead) want.add(options.keptHead.seq);
  const scanOptions: { upToSeq?: number; wantHashes: Set<number> } = { wantHashes: want };
  if (options.upToSeq !== undefined) scanOptions.upToSeq = options.upToSeq;
  const { result, failure, hashes } = scanAuditBytes(bytes, scanOptions);
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
