import { generateKeyPairSync } from 'node:crypto';
import { existsSync, writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import type { CliContext, CommandResult } from '../core/cliContext.js';
import { CliError } from '../core/cliError.js';
import { keyFingerprint } from '../pack/packIntegrity.js';

/** `veil template keygen --out PREFIX`: an Ed25519 key pair for signing packs (`PREFIX.key`, `PREFIX.pub`). */
export async function templateKeygen(ctx: CliContext, options: { out: string }): Promise<CommandResult> {
  const { t } = ctx;
  const prefix = resolve(ctx.cwd, options.out);
  const [privPath, pubPath] = [`${prefix}.key`, `${prefix}.pub`];
  for (const path of [privPath, pubPath]) {
    if (existsSync(path)) throw new CliError('file-exists', t('keygen.exists', { path }));
  }
  const { privateKey, publicKey } = generateKeyPairSync('ed25519');
  writeFileSync(privPath, privateKey.export({ type: 'pkcs8', format: 'pem' }), { mode: 0o600, flag: 'wx' });
  writeFileSync(pubPath, publicKey.export({ type: 'spki', format: 'pem' }), { mode: 0o644, flag: 'wx' });
  const fingerprint = keyFingerprint(publicKey);
  return {
    exitCode: 0,
    text: t('keygen.done', { priv: privPath, pub: pubPath, fingerprint }),
    json: { privateKey: privPath, publicKey: pubPath, fingerprint },
  };
}
