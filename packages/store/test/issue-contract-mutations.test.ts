import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { expect, it } from 'vitest';

const script = fileURLToPath(new URL('../../../scripts/contractMutations.mjs', import.meta.url));

// The mutation table (contractMutations.json, docs/store-contract-mutations.md) stays runnable:
// a refactor of the lowdb adapter that moves an anchor, or a renamed contract case, fails here.
// The mutations themselves run with `node scripts/contractMutations.mjs` (minutes, not in CI).
it('every contract mutation anchor still matches exactly once and names a contract case', () => {
  const run = spawnSync(process.execPath, [script, '--anchors'], { encoding: 'utf8' });
  expect(run.stdout).toMatch(/contract mutations: \d+ mutations, \d+ cases, 0 problems/);
  expect(run.status, run.stdout).toBe(0);
});
