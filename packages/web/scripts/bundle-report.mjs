// Prints the gzip size of the JavaScript a signed-in rep downloads for the customer list and
// the record form (the entry chunk and every chunk it imports statically; the admin builder is
// a dynamic import and is left out) and fails above the budget.
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';

const BUDGET_KB = 250;
const dist = join(dirname(fileURLToPath(import.meta.url)), '..', 'dist');
const manifest = JSON.parse(readFileSync(join(dist, '.vite', 'manifest.json'), 'utf8'));

const entry = Object.entries(manifest).find(([, chunk]) => chunk.isEntry);
if (!entry) throw new Error('bundle-report: no entry chunk in the Vite manifest');

const needed = new Set();
const visit = (key) => {
  if (needed.has(key)) return;
  needed.add(key);
  for (const imported of manifest[key]?.imports ?? []) visit(imported);
};
visit(entry[0]);

const rows = [...needed].map((key) => {
  const file = manifest[key].file;
  const bytes = readFileSync(join(dist, file));
  return { file, raw: bytes.length, gzip: gzipSync(bytes).length };
});
const lazy = Object.values(manifest)
  .filter((chunk) => chunk.isDynamicEntry)
  .map((chunk) => chunk.file);

const kb = (n) => (n / 1024).toFixed(1);
const total = rows.reduce((sum, r) => sum + r.gzip, 0);
console.log('JavaScript a signed-in rep needs for the list and the form:');
for (const r of rows) console.log(`  ${r.file}  ${kb(r.raw)} KB raw, ${kb(r.gzip)} KB gzip`);
console.log(
  `  total ${kb(total)} KB gzip (budget ${BUDGET_KB} KB); loaded lazily, not counted: ${lazy.join(', ') || 'none'}`,
);
if (total > BUDGET_KB * 1024) {
  console.error(`bundle-report: ${kb(total)} KB gzip is over the ${BUDGET_KB} KB budget`);
  process.exit(1);
}
