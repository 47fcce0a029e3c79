import { StoreError } from '../store.js';
import type { LowdbCore } from './lowdbCore.js';
import type { TemplateState } from './lowdbTypes.js';

/** The quarantine key of a record (or of one of its versions). */
export function quarantineKey(templateId: string, recordId: string, version?: number): string {
  return version === undefined ? `${templateId}\n${recordId}` : `${templateId}\n${recordId}\n${version}`;
}

/**
 * Decodes a template's stored records into the plaintext rows queries run on. A record whose MAC
 * does not match (with `requireMac`: the folder's format has MACs) or that does not decrypt is
 * quarantined instead — kept in its shard as found, never served — and so is a version whose MAC
 * does not match; everything else is served (decision 242).
 */
export function decodeTemplate(core: LowdbCore, state: TemplateState, requireMac = true): void {
  const { quarantine } = core.state;
  state.plain.clear();
  state.shardOf.clear();
  for (const key of [...quarantine.keys()]) if (key.startsWith(`${state.id}\n`)) quarantine.delete(key);
  for (const shard of state.shards) {
    if (shard === undefined) continue;
    const file = core.state.shardPath(state.id, shard.no);
    for (const stored of shard.stored.values()) {
      const other = state.shardOf.get(stored.id);
      if (other !== undefined) {
        // Only a copied or restored shard file can hold a record a second time.
        throw new StoreError(
          'CORRUPT',
          `Record ${stored.id} is stored twice, in ${core.state.shardPath(state.id, other)} and ${file}: ` +
            'one of the files was copied or restored. Restore the data folder from a backup.',
        );
      }
      state.shardOf.set(stored.id, shard.no);
      let reason: 'mac' | 'decrypt' | undefined =
        requireMac && !core.codec.macValid(stored) ? 'mac' : undefined;
      if (reason === undefined) {
        try {
          state.plain.set(stored.id, core.codec.decode(stored));
          continue;
        } catch (error) {
          if (!(error instanceof StoreError)) throw error;
          reason = 'decrypt';
        }
      }
      quarantine.set(quarantineKey(state.id, stored.id), {
        templateId: state.id,
        recordId: stored.id,
        file,
        reason,
      });
    }
    if (!requireMac) continue;
    for (const version of shard.versions) {
      if (core.codec.macValid(version)) continue;
      const { recordId } = version;
      quarantine.set(quarantineKey(state.id, recordId, version.version), {
        templateId: state.id,
        recordId,
        version: version.version,
        file,
        reason: 'mac',
      });
    }
  }
}

/** `CORRUPT` for a quarantined record: it names the record and its file, never a value. */
export function quarantinedError(
  core: LowdbCore,
  templateId: string,
  recordId: string,
): StoreError | undefined {
  const found = core.state.quarantine.get(quarantineKey(templateId, recordId));
  if (found === undefined) return undefined;
  return new StoreError(
    'CORRUPT',
    `Record ${recordId} of template ${templateId} is quarantined: its stored bytes in ${found.file} ` +
      `${found.reason === 'mac' ? 'do not match their MAC' : 'do not decrypt'}. Restore it from a backup.`,
  );
}
