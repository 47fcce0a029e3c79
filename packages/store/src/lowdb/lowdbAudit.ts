import { parseAuditLine } from '../audit/auditChain.js';
import { checkAgainstCheckpoints, checkAuditStream } from '../audit/auditScanner.js';
import {
  type AuditCheckpoint,
  type AuditEntry,
  type AuditFilter,
  type AuditPage,
  type AuditRange,
  type AuditVerifyResult,
  StoreError,
} from '../store.js';
import type { LowdbCore } from './lowdbCore.js';

/** The durable audit bytes up to the current head (read inside the commit loop). */
function auditSnapshot(core: LowdbCore): Promise<{ bytes: Buffer; seq: number; head: string }> {
  return core.loop.exclusive(async () => ({
    bytes: (await core.fs.readFile(core.state.auditPath)) ?? Buffer.alloc(0),
    seq: core.state.seq,
    head: core.state.head,
  }));
}

async function auditEntries(core: LowdbCore): Promise<AuditEntry[]> {
  const { bytes, seq } = await auditSnapshot(core);
  const lines = bytes.toString('utf8').split('\n').slice(0, seq);
  return lines.map((line, index) => {
    try {
      return parseAuditLine(line);
    } catch {
      throw new StoreError(
        'CORRUPT',
        `Line ${index + 1} of ${core.state.auditPath} is damaged; run an audit verify.`,
      );
    }
  });
}

export async function listAudit(core: LowdbCore, filter: AuditFilter = {}): Promise<AuditPage> {
  const limit = Math.min(Math.max(filter.limit ?? 100, 1), 1000);
  const below = filter.cursor === undefined ? Number.POSITIVE_INFINITY : Number(filter.cursor);
  if (Number.isNaN(below)) throw new StoreError('INVALID', 'The cursor is not one this store issued.');
  const entries = await auditEntries(core);
  const out: AuditEntry[] = [];
  let nextCursor: string | null = null;
  for (let i = entries.length - 1; i >= 0; i--) {
    const entry = entries[i] as AuditEntry;
    if (entry.seq >= below) continue;
    if (filter.actor !== undefined && entry.actor !== filter.actor) continue;
    if (filter.action !== undefined && entry.action !== filter.action) continue;
    if (filter.target !== undefined && entry.target !== filter.target) continue;
    if (filter.from !== undefined && entry.at < filter.from) continue;
    if (filter.to !== undefined && entry.at >= filter.to) continue;
    if (out.length === limit) {
      nextCursor = String((out[out.length - 1] as AuditEntry).seq);
      break;
    }
    out.push(entry);
  }
  return { entries: out, nextCursor };
}

export async function* exportAudit(core: LowdbCore, range: AuditRange = {}): AsyncIterable<AuditEntry> {
  for (const entry of await auditEntries(core)) {
    if (range.fromSeq !== undefined && entry.seq < range.fromSeq) continue;
    if (range.toSeq !== undefined && entry.seq > range.toSeq) break;
    yield entry;
  }
}

export async function verifyAudit(
  core: LowdbCore,
  options: { checkpoints?: AuditCheckpoint[] } = {},
): Promise<AuditVerifyResult> {
  // Opened inside the commit loop: the file then holds whole batches up to the kept head, and
  // it is streamed afterwards in large chunks without holding up writers.
  const { reader, bytes, seq, head } = await core.loop.exclusive(async () => {
    const reader = await core.fs.openReader?.(core.state.auditPath);
    const bytes = reader ? undefined : ((await core.fs.readFile(core.state.auditPath)) ?? Buffer.alloc(0));
    return { reader, bytes, seq: core.state.seq, head: core.state.head };
  });
  const stored = await storedCheckpoints(core);
  const checkOptions = {
    upToSeq: Number.POSITIVE_INFINITY,
    stored,
    trustedPublicKey: core.keys.publicKeyPem,
    keptHead: { seq, hash: head },
  };
  if (reader === undefined)
    return checkAgainstCheckpoints(bytes ?? Buffer.alloc(0), options.checkpoints ?? [], checkOptions);
  try {
    return await checkAuditStream(reader.read, reader.size, options.checkpoints ?? [], checkOptions);
  } finally {
    await reader.close();
  }
}

async function storedCheckpoints(core: LowdbCore): Promise<AuditCheckpoint[]> {
  const bytes = await core.fs.readFile(core.state.checkpointPath);
  if (bytes === undefined) return [];
  const lines = bytes.toString('utf8').split('\n');
  lines.pop(); // empty, or a torn last line that was never synced
  return lines.filter(Boolean).map((line, index) => {
    try {
      return JSON.parse(line) as AuditCheckpoint;
    } catch {
      throw new StoreError('CORRUPT', `Line ${index + 1} of ${core.state.checkpointPath} is damaged.`);
    }
  });
}
