import { join } from 'node:path';
import { writeDataFormat } from './dataFormat.js';
import { FORMAT_VERSION, MAC_FORMAT } from './dataManifest.js';
import { decodeTemplate } from './decodeTemplate.js';
import type { LowdbCore } from './lowdbCore.js';
import { exportBackup } from './lowdbMaintenance.js';

/** Where the upgrade keeps the backup it makes before it changes any file. */
function upgradeBackupPath(dataDir: string): string {
  return join(dataDir, 'backups', `before-format-${FORMAT_VERSION}.json`);
}

/**
 * Brings an older data folder to `FORMAT_VERSION` in place, after recovery: format 1 got its
 * manifest at the open's WAL cut; before format 3 records had no MACs, so every shard is sealed
 * (after a backup of the folder as found), one shard per batch — an interrupted upgrade is
 * simply done again at the next open, since `meta.json` says the new format only at the end.
 */
export async function upgradeDataFolder(core: LowdbCore): Promise<void> {
  const found = core.recovery.formatFound;
  if (found >= FORMAT_VERSION) return;
  if (found < MAC_FORMAT) {
    const templates = [...core.state.templates.values()];
    if (templates.some((state) => state.shards.some(Boolean))) {
      await core.fs.mkdir(join(core.state.dir, 'backups'));
      await exportBackup(core, upgradeBackupPath(core.state.dir));
    }
    for (const state of templates) {
      for (const shard of state.shards) {
        if (shard === undefined) continue;
        await core.loop.submit(() => {
          for (const stored of shard.stored.values()) core.codec.sealMac(stored);
          for (const version of shard.versions) core.codec.sealMac(version);
          const records = [...shard.stored.values()];
          return {
            ops: [{ t: 'shard-set', tpl: state.id, shard: shard.no, records, versions: shard.versions }],
            result: () => undefined,
          };
        });
      }
      decodeTemplate(core, state);
    }
  }
  await writeDataFormat(core.fs, core.state.path('meta.json'), core.keys);
}
