import {
  createHash,
  createPrivateKey,
  createPublicKey,
  generateKeyPairSync,
  type KeyObject,
  randomBytes,
} from 'node:crypto';
import {
  chmodSync,
  closeSync,
  existsSync,
  fsyncSync,
  mkdirSync,
  openSync,
  readFileSync,
  realpathSync,
  renameSync,
  writeSync,
} from 'node:fs';
import { dirname, isAbsolute, join, relative, resolve, sep } from 'node:path';
import { StoreError } from '../store.js';
import { assertKeyFilesPresent } from './assertKeyFilesPresent.js';

/** The secrets of a workspace, loaded from the keys folder (never from the data folder). */
export interface KeyMaterial {
  /** Master keys by key id; data keys are wrapped by `currentMasterKid`. */
  masterKeys: Map<string, Buffer>;
  currentMasterKid: string;
  /** False when the master key came from the caller (e.g. `VEIL_MASTER_KEY`): it cannot be rotated here. */
  masterRotatable: boolean;
  blindIndexKey: Buffer;
  hashMaskKey: Buffer;
  auditRefKey: Buffer;
  signingKey: KeyObject;
  /** SPKI PEM of the checkpoint signing key. */
  publicKeyPem: string;
  keysDir: string;
}

export const KEY_FILES = {
  master: 'master.json',
  blindIndex: 'blind-index.key',
  hashMask: 'hash-mask.key',
  auditRef: 'audit-ref.key',
  signing: 'checkpoint-signing.pem',
} as const;

function realOrResolved(path: string): string {
  // The folder may not exist yet: resolve its nearest existing ancestor for symlinks.
  const absolute = resolve(path);
  let probe = absolute;
  const rest: string[] = [];
  while (!existsSync(probe)) {
    const parent = dirname(probe);
    if (parent === probe) return absolute;
    rest.unshift(probe.slice(parent.length + (parent.endsWith(sep) ? 0 : 1)));
    probe = parent;
  }
  return join(realpathSync(probe), ...rest);
}

/** True when `inner` is `outer` or lies inside it. */
export function isInside(inner: string, outer: string): boolean {
  const rel = relative(realOrResolved(outer), realOrResolved(inner));
  return rel === '' || (!rel.startsWith('..') && !isAbsolute(rel));
}

function writeSecretFile(path: string, content: string): void {
  const temp = `${path}.tmp`;
  const fd = openSync(temp, 'w', 0o600);
  try {
    writeSync(fd, content);
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
  chmodSync(temp, 0o600);
  renameSync(temp, path);
  const dirFd = openSync(dirname(path), 'r');
  try {
    fsyncSync(dirFd);
  } finally {
    closeSync(dirFd);
  }
}

function readOrCreate(path: string, create: () => string): string {
  if (existsSync(path)) return readFileSync(path, 'utf8');
  const content = create();
  writeSecretFile(path, content);
  return content;
}

function symmetricKey(path: string): Buffer {
  const text = readOrCreate(path, () => `${randomBytes(32).toString('base64')}\n`);
  const key = Buffer.from(text.trim(), 'base64');
  if (key.length !== 32)
    throw new StoreError('CONFIG', `Key file ${path} does not hold a 32-byte base64 key.`);
  return key;
}

interface MasterFile {
  current: string;
  keys: Record<string, string>;
}

function newKid(): string {
  return `mk-${randomBytes(6).toString('hex')}`;
}

/**
 * Opens (creating on first use) the keys folder: mode 0700, files 0600. With `storeHasData` (the
 * data folder is not new) a missing key file is an error naming it, never a new key.
 */
export function loadKeys(options: {
  keysDir: string;
  dataDir: string;
  masterKey?: Buffer;
  storeHasData?: boolean;
}): KeyMaterial {
  const { keysDir, dataDir } = options;
  if (isInside(keysDir, dataDir)) {
    throw new StoreError(
      'CONFIG',
      'The keys folder must lie outside the data folder (a copied data folder must not carry its keys).',
    );
  }
  if (isInside(dataDir, keysDir)) {
    throw new StoreError('CONFIG', 'The data folder must not lie inside the keys folder.');
  }
  mkdirSync(keysDir, { recursive: true, mode: 0o700 });
  chmodSync(keysDir, 0o700);
  if (options.storeHasData)
    assertKeyFilesPresent(
      keysDir,
      Object.values(KEY_FILES).filter((f) => f !== KEY_FILES.master || !options.masterKey),
    );

  let masterKeys: Map<string, Buffer>;
  let currentMasterKid: string;
  let masterRotatable = true;
  if (options.masterKey !== undefined) {
    if (options.masterKey.length !== 32) throw new StoreError('CONFIG', 'The master key must be 32 bytes.');
    currentMasterKid = `mk-env-${createHash('sha256').update(options.masterKey).digest('hex').slice(0, 12)}`;
    masterKeys = new Map([[currentMasterKid, options.masterKey]]);
    masterRotatable = false;
  } else {
    const path = join(keysDir, KEY_FILES.master);
    const text = readOrCreate(path, () => {
      const kid = newKid();
      return JSON.stringify({
        current: kid,
        keys: { [kid]: randomBytes(32).toString('base64') },
      } satisfies MasterFile);
    });
    let file: MasterFile;
    try {
      file = JSON.parse(text) as MasterFile;
    } catch {
      throw new StoreError('CONFIG', `Key file ${path} is damaged.`);
    }
    if (typeof file?.keys !== 'object' || file.keys === null)
      throw new StoreError('CONFIG', `Key file ${path} is damaged (no keys).`);
    masterKeys = new Map(
      Object.entries(file.keys).map(([kid, b64]) => [kid, Buffer.from(String(b64), 'base64')]),
    );
    for (const [kid, key] of masterKeys)
      if (key.length !== 32)
        throw new StoreError('CONFIG', `Key file ${path} is damaged: key ${kid} is not 32 bytes.`);
    currentMasterKid = file.current;
    if (!masterKeys.has(currentMasterKid))
      throw new StoreError('CONFIG', `Key file ${path} names a missing current key.`);
  }

  const signingPath = join(keysDir, KEY_FILES.signing);
  const signingPem = readOrCreate(signingPath, () =>
    generateKeyPairSync('ed25519').privateKey.export({ type: 'pkcs8', format: 'pem' }).toString(),
  );
  let signingKey: KeyObject;
  try {
    signingKey = createPrivateKey(signingPem);
  } catch (error) {
    // OpenSSL's own message names neither the file nor what to do.
    throw new StoreError(
      'CONFIG',
      `Key file ${signingPath} is damaged: it is not a PEM private key. Restore it from the keys backup.`,
      { cause: error },
    );
  }
  if (signingKey.asymmetricKeyType !== 'ed25519')
    throw new StoreError('CONFIG', `Key file ${signingPath} does not hold an Ed25519 key.`);
  const publicKeyPem = createPublicKey(signingKey).export({ type: 'spki', format: 'pem' }).toString();

  return {
    masterKeys,
    currentMasterKid,
    masterRotatable,
    blindIndexKey: symmetricKey(join(keysDir, KEY_FILES.blindIndex)),
    hashMaskKey: symmetricKey(join(keysDir, KEY_FILES.hashMask)),
    auditRefKey: symmetricKey(join(keysDir, KEY_FILES.auditRef)),
    signingKey,
    publicKeyPem,
    keysDir,
  };
}

/** Adds a new current master key (kept beside the old ones until `dropMasterKeys`). */
export function addMasterKey(keys: KeyMaterial): string {
  if (!keys.masterRotatable) return keys.currentMasterKid;
  const kid = newKid();
  const key = randomBytes(32);
  keys.masterKeys.set(kid, key);
  keys.currentMasterKid = kid;
  saveMasterFile(keys);
  return kid;
}

/** Forgets every master key but the current one. */
export function dropOldMasterKeys(keys: KeyMaterial): void {
  if (!keys.masterRotatable) return;
  for (const kid of [...keys.masterKeys.keys()])
    if (kid !== keys.currentMasterKid) keys.masterKeys.delete(kid);
  saveMasterFile(keys);
}

function saveMasterFile(keys: KeyMaterial): void {
  const file: MasterFile = {
    current: keys.currentMasterKid,
    keys: Object.fromEntries([...keys.masterKeys].map(([kid, key]) => [kid, key.toString('base64')])),
  };
  writeSecretFile(join(keys.keysDir, KEY_FILES.master), JSON.stringify(file));
}
