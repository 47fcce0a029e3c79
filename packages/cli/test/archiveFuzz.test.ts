import { gunzipSync, gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { CliError } from '../src/core/cliError.js';
import { readPack, readPackArchive, verifyIntegrity } from '../src/index.js';
import { packEntries, packFiles, t } from './helpers/packFixtures.js';
import { rawTar } from './helpers/rawTar.js';

/** Seeded generator, so a failing case can be replayed. */
function random(seed: number): () => number {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let x = Math.imul(a ^ (a >>> 15), 1 | a);
    x = (x + Math.imul(x ^ (x >>> 7), 61 | x)) ^ x;
    return ((x ^ (x >>> 14)) >>> 0) / 4294967296;
  };
}

const tar = rawTar(packEntries(packFiles('car-dealership')));

/** The whole read path an install runs before writing anything. */
async function check(bytes: Buffer): Promise<'accepted' | string> {
  try {
    const files = await readPackArchive(t, bytes);
    verifyIntegrity(t, files);
    readPack(t, files);
    return 'accepted';
  } catch (error) {
    if (error instanceof CliError) return error.code;
    throw error;
  }
}

describe('fuzzed pack archives', () => {
  it('the unmutated archive is accepted', async () => {
    expect(await check(gzipSync(tar))).toBe('accepted');
  });

  it('a mutated tar stream is refused with a known code or still verifies — never an unexpected throw', async () => {
    const outcomes = new Map<string, number>();
    for (let seed = 1; seed <= 120; seed++) {
      const next = random(seed);
      const bytes = Buffer.from(tar);
      const flips = 1 + Math.floor(next() * 8);
      // Mostly headers (the first blocks of each entry), sometimes anywhere.
      for (let i = 0; i < flips; i++) {
        const at =
          next() < 0.7
            ? Math.floor(next() * 512) + 512 * Math.floor(next() * 6)
            : Math.floor(next() * bytes.length);
        bytes[at] = Math.floor(next() * 256);
      }
      const outcome = await check(gzipSync(bytes));
      outcomes.set(outcome, (outcomes.get(outcome) ?? 0) + 1);
    }
    expect(outcomes.has('internal')).toBe(false);
    // Most mutations must be caught; a flip in padding may leave the archive intact.
    const refused = [...outcomes].filter(([k]) => k !== 'accepted').reduce((n, [, v]) => n + v, 0);
    expect(refused).toBeGreaterThan(60);
  });

  it('a truncated or bit-flipped gzip stream is refused', async () => {
    const gz = gzipSync(tar);
    for (let seed = 1; seed <= 40; seed++) {
      const next = random(seed);
      const bytes = Buffer.from(gz.subarray(0, Math.max(10, Math.floor(next() * gz.length))));
      const at = 10 + Math.floor(next() * (bytes.length - 10));
      bytes[at] = (bytes[at] ?? 0) ^ 0xff;
      const outcome = await check(bytes);
      expect(outcome).not.toBe('accepted');
      expect(outcome).toMatch(/^(archive|integrity|checksum|json|pack|manifest)/);
    }
    expect(gunzipSync(gz).equals(tar)).toBe(true);
  });
});
