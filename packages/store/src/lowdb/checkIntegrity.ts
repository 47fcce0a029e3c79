import { StoreError } from '../store.js';
import { hashBytes, manifestKey } from './dataManifest.js';
import { parseJsonFile } from './durableJsonAdapter.js';
import type { IntegrityProblem, IntegrityReport } from './integrityReport.js';
import type { LowdbCore } from './lowdbCore.js';
import type { ShardFile } from './lowdbTypes.js';

/**
 * Reads every data file the manifest lists back from disk and checks it: its bytes against the
 * hash of what the store last wrote there, and every record and version in a shard against its
 * MAC; plus the records quarantined at open. Each file is read between two batches (so it is the
 * file the entry describes) and checked without holding up writers. A maintenance operation: it
 * reads the whole store.
 */
export async function checkIntegrity(core: LowdbCore): Promise<IntegrityReport> {
  const { state, loop, fs } = core;
  const problems: IntegrityProblem[] = [];
  const named = new Set<string>();
  let files = 0;
  let records = 0;
  const keys = await loop.exclusive(async () => [...state.manifest.keys()].sort());
  for (const key of keys) {
    const path = state.path(...key.split('/'));
    const file = key;
    const { bytes, entry, dirty } = await loop.exclusive(async () => ({
      bytes: await fs.readFile(path),
      entry: state.manifest.get(key),
      // Written since the last WAL cut: no hash yet (the WAL covers it); its records' MACs are checked.
      dirty: state.manifestDirty.has(key),
    }));
    if (entry === undefined) continue; // gone meanwhile (a backup import)
    files += 1;
    if (bytes === undefined) {
      problems.push({ kind: 'file-missing', file });
      continue;
    }
    if (!dirty && hashBytes(bytes) !== entry.hash) problems.push({ kind: 'file-changed', file });
    if (!key.startsWith('records/')) continue;
    let shard: ShardFile;
    try {
      shard = parseJsonFile<ShardFile>(path, bytes);
    } catch (error) {
      if (!(error instanceof StoreError)) throw error;
      continue; // reported as changed above
    }
    for (const stored of shard.records ?? []) {
      records += 1;
      if (core.codec.macValid(stored)) continue;
      const { templateId, id: recordId } = stored;
      named.add(`${templateId}\n${recordId}`);
      problems.push({ kind: 'record-mac', file, templateId, recordId });
    }
    for (const version of shard.versions ?? []) {
      records += 1;
      if (core.codec.macValid(version)) continue;
      const { templateId, recordId } = version;
      problems.push({ kind: 'version-mac', file, templateId, recordId, version: version.version });
    }
  }
  for (const found of state.quarantine.values()) {
    if (found.reason !== 'decrypt' || named.has(`${found.templateId}\n${found.recordId}`)) continue;
    problems.push({
      kind: 'record-decrypt',
      file: manifestKey(state.dir, found.file),
      templateId: found.templateId,
      recordId: found.recordId,
    });
  }
  return { ok: problems.length === 0, files, records, problems };
}
