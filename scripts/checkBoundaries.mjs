// Package boundaries, checked on every verify run (`node scripts/checkBoundaries.mjs`):
// - a package imports only the @veil packages its package.json lists, through their exports
//   (no deep `@veil/x/src/…` imports, no relative path into another package);
// - the pure packages (@veil/schema, @veil/policy) import no Node module (no IO, clock or
//   randomness) and @veil/schema imports no other @veil package;
// - the web app imports the server with `import type` only;
// - no source file (tests aside) in packages/*/src is over 400 lines.
// Prints every violation with its file and line; exits 1 when there is one.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative, resolve, sep } from 'node:path';

const root = resolve(new URL('..', import.meta.url).pathname);
const packagesDir = join(root, 'packages');
const MAX_LINES = 400;
const PURE = new Set(['@veil/schema', '@veil/policy']);
const IMPORT =
  /^\s*(import|export)\s+(type\s+)?[^'"]*?from\s+['"]([^'"]+)['"]|^\s*import\s+['"]([^'"]+)['"]/gm;

function walk(dir, out = []) {
  for (const name of readdirSync(dir)) {
    const path = join(dir, name);
    if (name === 'node_modules' || name === 'dist') continue;
    if (statSync(path).isDirectory()) walk(path, out);
    else if (/\.(ts|tsx|mts)$/.test(name)) out.push(path);
  }
  return out;
}

const violations = [];
for (const dirName of readdirSync(packagesDir)) {
  const pkgDir = join(packagesDir, dirName);
  let manifest;
  try {
    manifest = JSON.parse(readFileSync(join(pkgDir, 'package.json'), 'utf8'));
  } catch {
    continue;
  }
  const name = manifest.name;
  const allowed = new Set(
    Object.keys({ ...manifest.dependencies, ...manifest.devDependencies }).filter((d) =>
      d.startsWith('@veil/'),
    ),
  );
  const srcDir = join(pkgDir, 'src');
  let files = [];
  try {
    files = walk(srcDir);
  } catch {
    continue;
  }
  for (const file of files) {
    const text = readFileSync(file, 'utf8');
    const rel = relative(root, file);
    const isTest = /\.test(-d)?\.tsx?$/.test(file);
    const lines = text.split('\n').length - (text.endsWith('\n') ? 1 : 0);
    if (!isTest && lines > MAX_LINES) violations.push(`${rel}: ${lines} lines (at most ${MAX_LINES})`);
    for (const match of text.matchAll(IMPORT)) {
      const typeOnly = match[2] !== undefined;
      const spec = match[3] ?? match[4];
      const line = text.slice(0, match.index).split('\n').length;
      const where = `${rel}:${line}`;
      if (spec.startsWith('@veil/')) {
        const target = spec.split('/').slice(0, 2).join('/');
        if (!allowed.has(target) && target !== name)
          violations.push(`${where}: ${name} imports ${target}, which its package.json does not list`);
        if (/^@veil\/[^/]+\/src(\/|$)/.test(spec)) violations.push(`${where}: deep import ${spec}`);
        if (name === '@veil/schema') violations.push(`${where}: @veil/schema imports ${target}`);
        if (name === '@veil/web' && target === '@veil/server' && !typeOnly)
          violations.push(`${where}: the web app imports @veil/server without \`import type\``);
      } else if (spec.startsWith('.')) {
        const target = resolve(file, '..', spec);
        if (!target.startsWith(pkgDir + sep))
          violations.push(`${where}: relative import ${spec} leaves ${name}`);
      } else if (
        PURE.has(name) &&
        !isTest &&
        (spec.startsWith('node:') || /^(fs|path|crypto|os|child_process)$/.test(spec))
      ) {
        violations.push(`${where}: the pure package ${name} imports ${spec}`);
      }
    }
  }
}

if (violations.length > 0) {
  console.error(`Package boundaries: ${violations.length} violation(s)`);
  for (const v of violations) console.error(`  ${v}`);
  process.exit(1);
}
console.log('Package boundaries: ok');
