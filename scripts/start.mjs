// `pnpm start`: build what the server needs and run it on the embedded store.
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';

const env = { ...process.env, TURBO_TELEMETRY_DISABLED: '1' };
const build = spawnSync('turbo', ['run', 'build', '--output-logs=errors-only'], { stdio: 'inherit', env });
if (build.status !== 0) process.exit(build.status ?? 1);
const main = 'packages/server/dist/main.js';
if (!existsSync(main)) {
  console.error('The server is not built yet: packages/server/dist/main.js is missing.');
  process.exit(1);
}
const server = spawnSync(process.execPath, [main, ...process.argv.slice(2)], { stdio: 'inherit', env });
process.exit(server.status ?? 0);
