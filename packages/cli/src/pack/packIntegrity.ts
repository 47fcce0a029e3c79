import { createHash, createPublicKey, type KeyObject, sign, verify } from 'node:crypto';
import { CliError } from '../core/cliError.js';
import { parseJsonText } from '../core/readJsonFile.js';
import type { Translator } from '../i18n/translate.js';

/** The integrity file at the root of a packed archive. */
export const INTEGRITY_FILE = 'veil-pack.integrity.json';

/** Checksums of every file of an archive, and optionally the author's Ed25519 signature over them. */
export interface PackIntegrity {
  version: 1;
  /** Pack name and version, signed with the checksums (a signature cannot be moved to another pack). */
  name: string;
  packVersion: string;
  algorithm: 'sha256';
  /** Hex SHA-256 of each file by its path in the archive (the integrity file itself excluded). */
  files: Record<string, string>;
  signature?: {
    algorithm: 'ed25519';
    /** The author's public key (SPKI PEM). */
    publicKey: string;
    /** Base64 signature over {@link signedBytes}. */
    value: string;
  };
}

export function sha256Hex(bytes: Buffer | string): string {
  return createHash('sha256').update(bytes).digest('hex');
}

/** `SHA256:<base64>` of the key's DER encoding, like OpenSSH prints it. */
export function keyFingerprint(key: KeyObject): string {
  const der = (key.type === 'private' ? createPublicKey(key) : key).export({ type: 'spki', format: 'der' });
  return `SHA256:${createHash('sha256').update(der).digest('base64').replace(/=+$/, '')}`;
}

/** The exact bytes signed: name, version and the sorted checksum list, as canonical JSON. */
function signedBytes(integrity: Pick<PackIntegrity, 'name' | 'packVersion' | 'files'>): Buffer {
  const files = Object.keys(integrity.files)
    .sort()
    .map((path) => [path, integrity.files[path]]);
  return Buffer.from(
    JSON.stringify({ name: integrity.name, version: integrity.packVersion, algorithm: 'sha256', files }),
    'utf8',
  );
}

/** Checksums every file and signs them when a private key is given. */
export function buildIntegrity(
  name: string,
  packVersion: string,
  files: ReadonlyMap<string, Buffer>,
  privateKey?: KeyObject,
): PackIntegrity {
  const sums: Record<string, string> = {};
  for (const path of [...files.keys()].sort()) sums[path] = sha256Hex(files.get(path) as Buffer);
  const integrity: PackIntegrity = { version: 1, name, packVersion, algorithm: 'sha256', files: sums };
  if (privateKey !== undefined) {
    const publicKey = createPublicKey(privateKey).export({ type: 'spki', format: 'pem' }).toString();
    integrity.signature = {
      algorithm: 'ed25519',
      publicKey,
      value: sign(null, signedBytes(integrity), privateKey).toString('base64'),
    };
  }
  return integrity;
}

/** What verifying found. */
export interface IntegrityVerdict {
  signed: boolean;
  /** Fingerprint of the signing key. */
  keyFingerprint?: string;
  /** Whether the signing key is one of the trusted keys passed in. */
  trusted: boolean;
}

/**
 * Checks the archive's files against its integrity file: every file listed with a matching
 * checksum and nothing unlisted; a signature, if present, must verify; with `trusted` keys it
 * must be by one of them; with `requireSignature` it must exist.
 */
export function verifyIntegrity(
  t: Translator,
  files: ReadonlyMap<string, Buffer>,
  options: { trusted?: readonly KeyObject[]; requireSignature?: boolean } = {},
): IntegrityVerdict {
  const raw = files.get(INTEGRITY_FILE);
  if (raw === undefined) throw new CliError('integrity-missing', t('install.integrityMissing'));
  const integrity = parseJsonText(t, raw.toString('utf8'), INTEGRITY_FILE) as Partial<PackIntegrity>;
  if (
    integrity.version !== 1 ||
    integrity.algorithm !== 'sha256' ||
    typeof integrity.name !== 'string' ||
    typeof integrity.packVersion !== 'string' ||
    typeof integrity.files !== 'object' ||
    integrity.files === null
  ) {
    throw new CliError('integrity-invalid', t('install.integrityInvalid'));
  }
  const listed = integrity.files;
  for (const [path, bytes] of files) {
    if (path === INTEGRITY_FILE) continue;
    const expected = listed[path];
    if (expected === undefined) throw new CliError('integrity-unlisted', t('install.unlisted', { path }));
    if (expected !== sha256Hex(bytes))
      throw new CliError('checksum-mismatch', t('install.checksum', { path }));
  }
  for (const path of Object.keys(listed)) {
    if (!files.has(path)) throw new CliError('integrity-missing-file', t('pack.fileMissing', { path }));
  }
  const trusted = options.trusted ?? [];
  const signature = integrity.signature;
  if (signature === undefined) {
    if (options.requireSignature || trusted.length > 0) {
      throw new CliError('signature-missing', t('install.signatureMissing'));
    }
    return { signed: false, trusted: false };
  }
  let key: KeyObject;
  let valid = false;
  try {
    key = createPublicKey(signature.publicKey);
    valid =
      signature.algorithm === 'ed25519' &&
      key.asymmetricKeyType === 'ed25519' &&
      verify(null, signedBytes(integrity as PackIntegrity), key, Buffer.from(signature.value, 'base64'));
  } catch (error) {
    throw new CliError('signature-invalid', t('install.signatureInvalid'), 1, { cause: error });
  }
  if (!valid) throw new CliError('signature-invalid', t('install.signatureInvalid'));
  const fingerprint = keyFingerprint(key);
  const isTrusted = trusted.some((k) => keyFingerprint(k) === fingerprint);
  if (trusted.length > 0 && !isTrusted) {
    throw new CliError('signature-untrusted', t('install.signatureUntrusted', { fingerprint }));
  }
  return { signed: true, keyFingerprint: fingerprint, trusted: isTrusted };
}
