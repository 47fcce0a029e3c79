import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { create } from 'tar';

/**
 * Writes `files` as one gzipped tar at `out`: regular files only, sorted, with portable headers
 * and a fixed modification time, so the same pack gives the same bytes. Files are staged in a
 * temporary folder (removed afterwards) because the tar writer reads from disk.
 */
export async function writePackArchive(files: ReadonlyMap<string, Buffer>, out: string): Promise<void> {
  const stage = mkdtempSync(join(tmpdir(), 'veil-pack-'));
  try {
    const names = [...files.keys()].sort();
    for (const name of names) {
      const path = join(stage, ...name.split('/'));
      mkdirSync(dirname(path), { recursive: true });
      writeFileSync(path, files.get(name) as Buffer);
    }
    mkdirSync(dirname(out), { recursive: true });
    await create(
      { gzip: { level: 9 }, file: out, cwd: stage, portable: true, mtime: new Date(0), noDirRecurse: true },
      names,
    );
  } finally {
    rmSync(stage, { recursive: true, force: true });
  }
}
