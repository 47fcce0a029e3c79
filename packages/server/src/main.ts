import { existsSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { DEMO_PASSWORD, DEMO_USERS } from './seed/seedDemo.js';
import { startServer } from './startServer.js';

const env = process.env;

/** `VEIL_MASTER_KEY`: 32 bytes as base64 or 64 hex digits; the key never touches the disk. */
function masterKeyFromEnv(value: string | undefined): Buffer | undefined {
  if (!value) return undefined;
  const key = /^[0-9a-f]{64}$/i.test(value) ? Buffer.from(value, 'hex') : Buffer.from(value, 'base64');
  if (key.length !== 32) {
    process.stderr.write('VEIL_MASTER_KEY must be 32 bytes, as base64 or 64 hex digits.\n');
    process.exit(1);
  }
  return key;
}
const masterKey = masterKeyFromEnv(env.VEIL_MASTER_KEY);
/** `VEIL_TRUSTED_PROXIES`: comma-separated peer IPs whose `X-Forwarded-For` is believed. */
const trustedProxies = (env.VEIL_TRUSTED_PROXIES ?? '')
  .split(',')
  .map((address) => address.trim())
  .filter(Boolean);
/**
 * `VEIL_DATABASE_URL` (with `VEIL_STORE=postgres`, or alone): PostgreSQL, shared by as many
 * servers as needed; `VEIL_DATABASE_SCHEMA` (default `veil`). Without it: the embedded store.
 */
function databaseFromEnv(): { url: string; schema?: string } | undefined {
  const kind = env.VEIL_STORE ?? (env.VEIL_DATABASE_URL ? 'postgres' : 'embedded');
  if (kind === 'embedded' || kind === 'lowdb') return undefined;
  if (kind !== 'postgres' || !env.VEIL_DATABASE_URL) {
    process.stderr.write('VEIL_STORE=postgres needs VEIL_DATABASE_URL (postgres://user@host:5432/db).\n');
    process.exit(1);
  }
  return {
    url: env.VEIL_DATABASE_URL,
    ...(env.VEIL_DATABASE_SCHEMA ? { schema: env.VEIL_DATABASE_SCHEMA } : {}),
  };
}
const database = databaseFromEnv();
const webRoot = resolve(join(dirname(fileURLToPath(import.meta.url)), '..', '..', 'web', 'dist'));
const server = await startServer({
  port: Number(env.PORT ?? 3000),
  host: env.HOST ?? '127.0.0.1',
  dataDir: resolve(env.VEIL_DATA_DIR ?? '.veil-data'),
  keysDir: resolve(env.VEIL_KEYS_DIR ?? '.veil-keys'),
  ...(masterKey ? { masterKey } : {}),
  ...(database ? { database } : {}),
  ...(env.VEIL_TLS_CERT ? { tlsCert: env.VEIL_TLS_CERT } : {}),
  ...(env.VEIL_TLS_KEY ? { tlsKey: env.VEIL_TLS_KEY } : {}),
  webRoot: existsSync(webRoot) ? webRoot : null,
  http: { trustedProxies },
  // The demo data is written in one language: `VEIL_DEMO_LOCALE=en` for English (default zh-CN).
  seed: { locale: env.VEIL_DEMO_LOCALE === 'en' ? 'en' : 'zh-CN' },
}).catch((error: unknown) => {
  // An operator's mistake (a second server on the folder, a missing file) gets one clear line.
  process.stderr.write(`Veil did not start: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});

process.stdout.write(`\nVeil is running at ${server.url}\n`);
process.stdout.write(`Demo logins (password for all: ${DEMO_PASSWORD}):\n`);
for (const user of DEMO_USERS) process.stdout.write(`  ${user.login.padEnd(11)} ${user.roles.join(', ')}\n`);
process.stdout.write('\n');

const stop = () => {
  server.close().then(
    () => process.exit(0),
    () => process.exit(1),
  );
};
process.on('SIGINT', stop);
process.on('SIGTERM', stop);
