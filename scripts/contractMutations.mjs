// Mutation check of the Store contract (`runStoreContract`, packages/store/src/testing/contract):
// for each contract case, packages/store/test/contractMutations.json holds a small edit of the
// lowdb adapter (anchor text → replacement) that breaks the behaviour the case checks. The
// script applies each mutation to a temporary copy of packages/store (never to the tree), runs
// only that case on the copy, and reports it killed (the case fails) or survived (it passes).
//
//   node scripts/contractMutations.mjs             every mutation; exits 1 if one survives
//   node scripts/contractMutations.mjs --case cursor   only cases whose title contains "cursor"
//   node scripts/contractMutations.mjs --markdown  also prints the table for the docs
//   node scripts/contractMutations.mjs --collateral  also runs the whole contract on each killing
//                                                  mutation: which other cases it breaks
//   node scripts/contractMutations.mjs --anchors   fast: every anchor still matches exactly once,
//                                                  every mutation names a contract case
import { spawnSync } from 'node:child_process';
import {
  cpSync,
  existsSync,
  mkdirSync,
  readdirSync,
  readFileSync,
  rmSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
import { join, resolve } from 'node:path';

const root = resolve(new URL('..', import.meta.url).pathname);
const storeDir = join(root, 'packages', 'store');
const contractDir = join(storeDir, 'src', 'testing', 'contract');
const mutationsFile = join(storeDir, 'test', 'contractMutations.json');
const contractTest = 'test/lowdb.contract.test.ts';

/** Every contract case: its group (the file's describe) and title, read from the contract's sources. */
function contractCases() {
  const cases = [];
  for (const name of readdirSync(contractDir).sort()) {
    if (!name.endsWith('Contract.ts')) continue;
    const text = readFileSync(join(contractDir, name), 'utf8');
    for (const m of text.matchAll(/\bit\(\s*'((?:[^'\\]|\\.)*)'/g)) {
      cases.push({ file: name, title: m[1].replace(/\\'/g, "'") });
    }
  }
  return cases;
}

function loadMutations() {
  return JSON.parse(readFileSync(mutationsFile, 'utf8'));
}

const count = (text, part) => (part === '' ? 0 : text.split(part).length - 1);

/** Problems with the mutations file: anchors that no longer match exactly once, unknown cases. */
function checkAnchors(mutations = loadMutations(), cases = contractCases()) {
  const problems = [];
  const titles = new Set(cases.map((c) => c.title));
  if (titles.size !== cases.length)
    problems.push('two contract cases share a title (each title names one case)');
  const seen = new Set();
  for (const m of mutations) {
    if (!titles.has(m.case)) problems.push(`"${m.case}": no contract case has this title (renamed?)`);
    if (seen.has(m.case)) problems.push(`"${m.case}": more than one mutation`);
    seen.add(m.case);
    if (!Array.isArray(m.edits) || m.edits.length === 0) problems.push(`"${m.case}": no edits`);
    for (const edit of m.edits ?? []) {
      const path = join(storeDir, edit.file);
      if (!existsSync(path)) {
        problems.push(`"${m.case}": ${edit.file} does not exist`);
        continue;
      }
      const n = count(readFileSync(path, 'utf8'), edit.anchor);
      if (n !== 1)
        problems.push(`"${m.case}": anchor found ${n} times in ${edit.file}: ${edit.anchor.slice(0, 60)}`);
      if (edit.anchor === edit.replacement) problems.push(`"${m.case}": replacement equals anchor`);
    }
  }
  const uncovered = cases.filter((c) => !seen.has(c.title)).map((c) => c.title);
  return { problems, uncovered };
}

const escapeRegExp = (text) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** A scratch copy of packages/store (sources, the lowdb contract test) that resolves like the real one. */
function makeCopy() {
  const dir = join(root, 'tmp', `contract-mutants-${process.pid}`);
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(join(dir, 'test'), { recursive: true });
  cpSync(join(storeDir, 'src'), join(dir, 'src'), { recursive: true });
  cpSync(join(storeDir, contractTest), join(dir, contractTest));
  symlinkSync(join(storeDir, 'node_modules'), join(dir, 'node_modules'), 'dir');
  const conditions = ['@veil/source', 'module', 'node', 'default'];
  const config = {
    resolve: { conditions },
    ssr: { resolve: { conditions } },
    cacheDir: join(dir, '.vite'),
    test: { include: [contractTest], testTimeout: 30_000 },
  };
  writeFileSync(join(dir, 'vitest.config.mjs'), `export default ${JSON.stringify(config, null, 2)};\n`);
  return dir;
}

/** Runs the contract on the copy (only cases matching `title` when given): per title, passed/failed. */
function runContract(dir, title) {
  const report = join(dir, 'report.json');
  rmSync(report, { force: true });
  const args = ['run', '--root', dir, '--config', join(dir, 'vitest.config.mjs'), '--reporter=json'];
  args.push(`--outputFile=${report}`);
  if (title !== undefined) args.push('-t', `${escapeRegExp(title)}$`);
  const r = spawnSync(join(root, 'node_modules', '.bin', 'vitest'), args, {
    cwd: dir,
    encoding: 'utf8',
    timeout: 300_000,
    env: { ...process.env, FORCE_COLOR: '0' },
  });
  const results = new Map();
  if (!existsSync(report)) return { results, error: `no report (exit ${r.status}): ${r.stderr.slice(-400)}` };
  const json = JSON.parse(readFileSync(report, 'utf8'));
  for (const file of json.testResults ?? []) {
    if (file.status === 'failed' && (file.assertionResults ?? []).length === 0)
      return { results, error: `the test file did not load: ${String(file.message).slice(0, 300)}` };
    for (const a of file.assertionResults ?? []) {
      if (a.status === 'passed' || a.status === 'failed') results.set(a.title, { status: a.status, a });
    }
  }
  return { results };
}

function applyEdits(dir, edits) {
  const originals = new Map();
  for (const edit of edits) {
    const path = join(dir, edit.file);
    const text = readFileSync(path, 'utf8');
    if (!originals.has(path)) originals.set(path, text);
    if (count(text, edit.anchor) !== 1) throw new Error(`anchor not found exactly once in ${edit.file}`);
    writeFileSync(
      path,
      text.replace(edit.anchor, () => edit.replacement),
    );
  }
  return () => {
    for (const [path, text] of originals) writeFileSync(path, text);
  };
}

function firstLine(a) {
  const message = (a.failureMessages ?? [])[0] ?? '';
  return message.split('\n')[0].slice(0, 160);
}

function markdownTable(rows) {
  const cell = (s) => String(s).replace(/\|/g, '\\|').replace(/\n/g, ' ');
  const withAlso = rows.some((r) => r.also !== undefined);
  const head = [
    '#',
    'Case',
    'Mutation of the lowdb adapter',
    'Where',
    'Result',
    ...(withAlso ? ['Other cases failing'] : []),
  ];
  const lines = [`| ${head.join(' | ')} |`, `|${head.map(() => '---').join('|')}|`];
  const number = new Map(rows.map((r, i) => [r.case, i + 1]));
  rows.forEach((r, i) => {
    const where = [...new Set(r.files)].map((f) => `\`${f.replace(/^src\//, '')}\``).join(', ');
    lines.push(
      `| ${i + 1} | ${cell(r.group)}: ${cell(r.case)} | ${cell(r.mutation)} | ${where} | ${r.outcome} |${
        withAlso
          ? ` ${r.also === undefined ? '' : r.also.length === 0 ? 'none' : r.also.map((t) => number.get(t) ?? cell(t)).join(', ')} |`
          : ''
      }`,
    );
  });
  return lines.join('\n');
}

function main(argv) {
  const mutations = loadMutations();
  const cases = contractCases();
  const { problems, uncovered } = checkAnchors(mutations, cases);
  if (argv.includes('--anchors')) {
    for (const p of problems) console.log(`anchor problem: ${p}`);
    for (const t of uncovered) console.log(`no mutation yet for contract case: "${t}"`);
    console.log(
      `contract mutations: ${mutations.length} mutations, ${cases.length} cases, ${problems.length} problems, ${uncovered.length} cases without a mutation`,
    );
    return problems.length === 0 ? 0 : 1;
  }
  if (problems.length > 0) {
    for (const p of problems) console.log(`anchor problem: ${p}`);
    return 1;
  }
  const collateral = argv.includes('--collateral');
  const filterAt = argv.indexOf('--case');
  const filter = filterAt === -1 ? undefined : argv[filterAt + 1];
  const selected = mutations.filter((m) => filter === undefined || m.case.includes(filter));
  const groupOf = new Map(cases.map((c) => [c.title, c.file.replace(/Contract\.ts$/, '')]));
  const dir = makeCopy();
  const cleanup = () => rmSync(dir, { recursive: true, force: true });
  for (const signal of ['SIGINT', 'SIGTERM']) {
    process.on(signal, () => {
      cleanup();
      process.exit(130);
    });
  }
  const rows = [];
  try {
    const baseline = runContract(dir);
    const failing = [...baseline.results].filter(([, r]) => r.status !== 'passed').map(([t]) => t);
    if (baseline.error || failing.length > 0 || baseline.results.size !== cases.length) {
      console.log(
        `baseline: the unmutated contract must pass on the copy (${baseline.results.size} of ${cases.length} ran; failing: ${failing.join('; ')}) ${baseline.error ?? ''}`,
      );
      return 1;
    }
    console.log(`baseline: all ${cases.length} contract cases pass on the unmutated copy`);
    for (const m of selected) {
      const restore = applyEdits(dir, m.edits);
      let outcome;
      let detail = '';
      let also;
      try {
        const run = runContract(dir, m.case);
        const result = run.results.get(m.case);
        if (run.error) outcome = `error: ${run.error}`;
        else if (run.results.size !== 1 || result === undefined)
          outcome = `error: ${run.results.size} cases ran, not just this one`;
        else if (result.status === 'failed') {
          outcome = 'killed';
          detail = firstLine(result.a);
        } else outcome = 'survived';
        if (collateral && outcome === 'killed') {
          const all = runContract(dir);
          also = [...all.results].filter(([t, r]) => t !== m.case && r.status === 'failed').map(([t]) => t);
          if (all.error) also = [`error: ${all.error}`];
        }
      } finally {
        restore();
      }
      rows.push({
        case: m.case,
        group: groupOf.get(m.case) ?? '?',
        mutation: m.mutation,
        files: m.edits.map((e) => e.file),
        outcome,
        also,
      });
      console.log(`${outcome.padEnd(8)}  ${m.case}${detail ? `\n          ${detail}` : ''}`);
      if (also !== undefined)
        console.log(`          also fails: ${also.length === 0 ? 'no other case' : also.join(' | ')}`);
    }
  } finally {
    cleanup();
  }
  const killed = rows.filter((r) => r.outcome === 'killed').length;
  if (argv.includes('--markdown')) console.log(`\n${markdownTable(rows)}\n`);
  for (const t of uncovered) console.log(`no mutation yet for contract case: "${t}"`);
  console.log(`contract mutations: ${killed} of ${rows.length} killed`);
  return killed === rows.length ? 0 : 1;
}

process.exitCode = main(process.argv.slice(2));
