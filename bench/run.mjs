#!/usr/bin/env node
// Veil benchmark harness: `pnpm bench` (= `node bench/run.mjs`).
//
// Benchmarks import the BUILT packages by relative path (`../../packages/<pkg>/dist/index.js`),
// so run `pnpm build` first. Each module `bench/suites/*.bench.mjs` exports `name` and
// `run({ size, reps, smoke })`, which returns one result or an array of results:
//   { figure, unit, baseline, ratio, target?, met?, metric?, size?, ...extra }
// `ratio` is figure / baseline measured in the same run, so figures from different machines
// compare through it. `size` is undefined unless `--size` is given (the suite's default),
// `reps` is the suite's inner repetition count. A suite may export
// `harness = { warmup, repetitions }` when it repeats internally and is too slow to rerun.
//
// The harness calls each suite `warmup` times (discarded), then `repetitions` times, and
// reports per metric the median figure, baseline and ratio and the spread
// ((max − min) / median of the figure). `target`/`met` come from the median run (by ratio).
// It prints a table and writes bench/results/latest.json and latest.md, stamped with the
// git commit, date, Node version, core count and load average. A partial run (any of --only,
// --size, --reps, --repetitions, --warmup, --budget) writes <tmpdir>/veil-bench/partial.{json,md}
// instead, so it never replaces the committed results.
//
// Flags:
//   --smoke           tiny sizes, one repetition, no warm-up (CI: checks the suites run; no
//                     timing is asserted); writes bench/results/smoke.{json,md} instead
//   --only a,b        run only suites whose name contains one of these
//   --size N          pass this size to every suite
//   --reps N          inner repetitions passed to suites
//   --repetitions N   harness repetitions (default 5)      --warmup N   warm-up runs (default 1)
//   --strict          exit 1 when a result reports met: false (never in --smoke)
//   --budget S        seconds each suite may spend on warm-up + repetitions (default 100; a
//                     further run starts only if the last one's duration still fits; ≥ 1 run)
// Run with `node --expose-gc bench/run.mjs` to collect garbage between runs.
import { execFileSync } from 'node:child_process';
import { mkdir, readdir, writeFile } from 'node:fs/promises';
import os from 'node:os';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import { formatMarkdown, formatTable, summarize } from './lib/report.mjs';

const here = fileURLToPath(new URL('.', import.meta.url));
const SMOKE_SIZE = 200;
/** Seconds a suite may spend on warm-ups and repetitions (override: harness.budgetS, --budget). */
const DEFAULT_BUDGET_S = 100;

function readOptions() {
  const { values } = parseArgs({
    options: {
      smoke: { type: 'boolean', default: false },
      only: { type: 'string' },
      size: { type: 'string' },
      reps: { type: 'string' },
      repetitions: { type: 'string' },
      warmup: { type: 'string' },
      strict: { type: 'boolean', default: false },
      budget: { type: 'string' },
    },
  });
  const int = (text, flag) => {
    if (text === undefined) return undefined;
    const n = Number(text);
    if (!Number.isInteger(n) || n < 0) throw new Error(`--${flag} needs a whole number, got "${text}"`);
    return n;
  };
  const smoke = values.smoke;
  return {
    smoke,
    only: values.only
      ?.split(',')
      .map((s) => s.trim())
      .filter(Boolean),
    size: int(values.size, 'size') ?? (smoke ? SMOKE_SIZE : undefined),
    reps: int(values.reps, 'reps') ?? (smoke ? 1 : undefined),
    repetitions: int(values.repetitions, 'repetitions'),
    warmup: int(values.warmup, 'warmup'),
    strict: values.strict && !smoke,
    budget: int(values.budget, 'budget'),
    partial: [values.only, values.size, values.reps, values.repetitions, values.warmup, values.budget].some(
      (v) => v !== undefined,
    ),
  };
}

function git(args) {
  try {
    return execFileSync('git', args, {
      cwd: here,
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'ignore'],
    }).trim();
  } catch {
    return undefined;
  }
}

const loadavg = () => os.loadavg().map((x) => Math.round(x * 100) / 100);

function stamp(mode, options, run) {
  const cpus = os.cpus();
  return {
    commit: git(['rev-parse', 'HEAD']) ?? 'unknown',
    dirty: (git(['status', '--porcelain', '--untracked-files=no']) ?? '') !== '',
    date: new Date().toISOString(),
    node: process.version,
    cores: typeof os.availableParallelism === 'function' ? os.availableParallelism() : cpus.length,
    cpu: cpus[0]?.model.trim() ?? 'unknown',
    platform: `${process.platform}-${process.arch}`,
    mode,
    warmup: options.warmup,
    repetitions: options.repetitions,
    loadavg: { start: run.loadStart, end: loadavg() },
    durationS: Math.round((performance.now() - run.started) / 1000),
  };
}

async function loadSuites(only) {
  const dir = new URL('./suites/', import.meta.url);
  const files = (await readdir(dir)).filter((f) => f.endsWith('.bench.mjs')).sort();
  const suites = [];
  for (const file of files) {
    const fallback = file.replace(/\.bench\.mjs$/, '');
    if (only && !only.some((o) => fallback.includes(o))) continue;
    try {
      const mod = await import(pathToFileURL(fileURLToPath(new URL(file, dir))).href);
      if (typeof mod.run !== 'function') throw new Error('exports no run({ size, reps })');
      suites.push({ name: mod.name ?? fallback, run: mod.run, harness: mod.harness ?? {}, file });
    } catch (error) {
      suites.push({ name: fallback, file, loadError: explain(error) });
    }
  }
  return suites;
}

function explain(error) {
  const message = error instanceof Error ? error.message : String(error);
  if (error?.code === 'ERR_MODULE_NOT_FOUND' && /dist/.test(message)) {
    return `${message} — build the packages first (pnpm build)`;
  }
  return message;
}

/**
 * Warm-up and repetitions, within the suite's time budget: a further call starts only while
 * the time spent so far plus the last call's duration stays inside it (at least one repetition
 * always runs; warm-ups are dropped first). Keeps `pnpm bench` inside 15 minutes on a loaded
 * 2-core machine while a fast machine still gets every repetition.
 */
async function runSuite(suite, options) {
  const warmup = options.warmup ?? suite.harness.warmup ?? (options.smoke ? 0 : 1);
  const repetitions = Math.max(
    1,
    options.repetitions ?? suite.harness.repetitions ?? (options.smoke ? 1 : 5),
  );
  const budgetMs = (options.budget ?? suite.harness.budgetS ?? DEFAULT_BUDGET_S) * 1000;
  const input = { size: options.size, reps: options.reps, smoke: options.smoke };
  const started = performance.now();
  let last = 0;
  const fits = () => performance.now() - started + last <= budgetMs;
  let warmed = 0;
  for (; warmed < warmup && (warmed === 0 || fits()); warmed++) {
    const t = performance.now();
    await suite.run(input);
    last = performance.now() - t;
    // One warm-up that eats a third of the budget leaves the rest to the timed runs.
    if (last * 3 > budgetMs) {
      warmed += 1;
      break;
    }
  }
  const runs = [];
  while (runs.length < repetitions && (runs.length === 0 || fits())) {
    globalThis.gc?.();
    const t = performance.now();
    const result = await suite.run(input);
    last = performance.now() - t;
    runs.push(Array.isArray(result) ? result : [result]);
  }
  return {
    rows: summarize(suite.name, runs, input),
    plan: { suite: suite.name, warmup: warmed, repetitions: runs.length, asked: { warmup, repetitions } },
  };
}

async function main() {
  const options = readOptions();
  const mode = options.smoke ? 'smoke' : 'full';
  const run = { started: performance.now(), loadStart: loadavg() };
  const suites = await loadSuites(options.only);
  if (suites.length === 0) throw new Error('no suite matched (bench/suites/*.bench.mjs)');
  const results = [];
  const errors = [];
  const plans = [];
  for (const suite of suites) {
    if (suite.loadError) {
      errors.push({ suite: suite.name, message: suite.loadError });
      console.error(`✗ ${suite.name}: ${suite.loadError}`);
      continue;
    }
    process.stdout.write(`… ${suite.name}\n`);
    const started = performance.now();
    try {
      const { rows, plan } = await runSuite(suite, options);
      results.push(...rows);
      plans.push({ ...plan, seconds: Math.round((performance.now() - started) / 1000) });
      console.log(`✓ ${suite.name} (${((performance.now() - started) / 1000).toFixed(1)} s)`);
    } catch (error) {
      errors.push({ suite: suite.name, message: explain(error) });
      console.error(`✗ ${suite.name}: ${explain(error)}`);
    }
  }
  const report = { stamp: { ...stamp(mode, options, run), suites: plans }, results, errors };
  console.log(`\n${formatTable(results)}`);
  // Only a complete run replaces the committed latest.*; a partial one (--only, --size …)
  // goes to the temp folder so it never clobbers them.
  const partial = !options.smoke && options.partial;
  const outDir = partial
    ? pathToFileURL(`${join(os.tmpdir(), 'veil-bench')}/`)
    : new URL('./results/', import.meta.url);
  await mkdir(outDir, { recursive: true });
  const base = options.smoke ? 'smoke' : partial ? 'partial' : 'latest';
  await writeFile(new URL(`${base}.json`, outDir), `${JSON.stringify(report, null, 2)}\n`);
  await writeFile(new URL(`${base}.md`, outDir), formatMarkdown(report));
  console.log(`\nwrote ${fileURLToPath(new URL(`${base}.json`, outDir))} and ${base}.md`);
  const unmet = results.filter((r) => r.met === false);
  if (errors.length > 0) process.exitCode = 1;
  if (options.strict && unmet.length > 0) {
    console.error(`targets not met: ${unmet.map((r) => `${r.suite}/${r.metric}`).join(', ')}`);
    process.exitCode = 1;
  }
}

main().catch((error) => {
  console.error(error instanceof Error ? error.message : error);
  process.exitCode = 1;
});
