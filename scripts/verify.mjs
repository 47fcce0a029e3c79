// The one test command: build, typecheck, lint and every test, then one summary line.
// Run through `pnpm verify` (see README); .ci/run runs exactly the README command.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync } from 'node:fs';

const env = { ...process.env, TURBO_TELEMETRY_DISABLED: '1', DO_NOT_TRACK: '1', FORCE_COLOR: '0' };
let passed = 0;
let failed = 0;

function run(label, cmd, args) {
  console.log(`\n== ${label}: ${cmd} ${args.join(' ')}`);
  const r = spawnSync(cmd, args, { stdio: 'inherit', env });
  if (r.status !== 0) {
    console.log(`== ${label} failed (exit ${r.status})`);
    return false;
  }
  return true;
}

function ensureChromium() {
  if (existsSync('/usr/bin/chromium')) return true;
  console.log('\n== chromium not found: installing Debian chromium for the browser tests');
  return (
    run('apt-get update', 'apt-get', ['update', '-qq']) &&
    run('install chromium', 'apt-get', ['install', '-y', '-qq', 'chromium'])
  );
}

// The PostgreSQL suites (vitest project integration-postgres) need the database at
// VEIL_TEST_DATABASE_URL (default 127.0.0.1:5432/test): started here when it is down; under
// CI=true the suites then fail, not skip, if it stays unreachable.
const PG_HOST = ['-h', '127.0.0.1', '-p', '5432'];
function postgresUp() {
  return spawnSync('pg_isready', [...PG_HOST, '-t', '3'], { stdio: 'ignore' }).status === 0;
}
function ensurePostgres() {
  if (process.env.VEIL_TEST_DATABASE_URL || postgresUp()) return true;
  console.log('\n== PostgreSQL is not answering at 127.0.0.1:5432: starting it');
  const tries = [
    ['pg_ctlcluster', ['15', 'main', 'start']],
    ['service', ['postgresql', 'start']],
  ];
  for (const [cmd, args] of tries) {
    spawnSync(cmd, args, { stdio: 'inherit' });
    for (let i = 0; i < 20 && !postgresUp(); i++) spawnSync('sleep', ['0.5']);
    if (postgresUp()) return true;
  }
  console.log(
    '== PostgreSQL is still unreachable at 127.0.0.1:5432: the PostgreSQL suites will fail (CI=true).',
  );
  return false;
}

const steps = [
  ['chromium', ensureChromium],
  ['postgres', ensurePostgres],
  ['build', () => run('build', 'turbo', ['run', 'build', '--output-logs=errors-only'])],
  ['typecheck', () => run('typecheck', 'turbo', ['run', 'typecheck', '--output-logs=errors-only'])],
  ['lint', () => run('lint', 'biome', ['check', '.'])],
  ['boundaries', () => run('boundaries', 'node', ['scripts/checkBoundaries.mjs'])],
  // Unused exports and types (knip.json): a new one fails CI, so dead code cannot pile up.
  ['knip', () => run('knip', 'knip', ['--no-progress'])],
];
for (const [name, step] of steps) {
  if (!step()) {
    failed += 1;
    console.log(`step failed: ${name}`);
  }
}

mkdirSync('test-results', { recursive: true });
const report = 'test-results/vitest.json';
run('tests', 'vitest', ['run', '--reporter=default', '--reporter=json', `--outputFile.json=${report}`]);
if (existsSync(report)) {
  const json = JSON.parse(readFileSync(report, 'utf8'));
  passed += json.numPassedTests ?? 0;
  const failedTests = json.numFailedTests ?? 0;
  // A file that fails to load has no failing test of its own: count it once.
  failed += failedTests > 0 ? failedTests : (json.numFailedTestSuites ?? 0);
  if ((json.numTotalTests ?? 0) === 0) failed += 1;
} else {
  failed += 1;
}
console.log(`tests: ${passed} passed, ${failed} failed`);
process.exit(failed === 0 ? 0 : 1);
