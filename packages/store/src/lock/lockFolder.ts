import { randomBytes } from 'node:crypto';
import {
  closeSync,
  fsyncSync,
  linkSync,
  mkdirSync,
  openSync,
  readdirSync,
  readFileSync,
  renameSync,
  rmSync,
  writeSync,
} from 'node:fs';
import { hostname } from 'node:os';
import { join } from 'node:path';
import { StoreError } from '../store.js';

/** The lock file's name inside a locked folder. */
const LOCK_FILE = '.veil.lock';

/** What a lock file holds: who holds the folder. */
interface LockHolder {
  pid: number;
  host: string;
  /** ISO time the lock was taken. */
  startedAt: string;
  /** Linux: the kernel's boot id (a lock from before a reboot is stale). */
  bootId?: string;
  /** Linux: the holder's start time in clock ticks since boot (a reused PID is not the holder). */
  processStart?: string;
  /** Random per lock: release removes the file only while it is still this lock. */
  token: string;
}

/** A held folder lock. */
export interface FolderLock {
  readonly path: string;
  /** Removes the lock file if it is still ours; idempotent. */
  release(): void;
}

/** Locks held by this process, by token (released on exit; a second open here is refused). */
const held = new Map<string, string>();
let exitHookInstalled = false;

function readProc(path: string): string | undefined {
  try {
    return readFileSync(path, 'utf8');
  } catch {
    return undefined;
  }
}

function processStartOf(pid: number): string | undefined {
  const stat = readProc(`/proc/${pid}/stat`);
  if (stat === undefined) return undefined;
  // The command name (field 2) may hold spaces and parentheses: count fields after the last ')'.
  return stat.slice(stat.lastIndexOf(')') + 2).split(' ')[19];
}

const bootId = (): string | undefined => readProc('/proc/sys/kernel/random/boot_id')?.trim();

function describe(holder: LockHolder): string {
  return `PID ${holder.pid} on host ${holder.host} (since ${holder.startedAt})`;
}

type Liveness = { alive: true } | { alive: false; why: string };

/** Whether the holder may still be running. A lock of another host is never judged stale. */
function livenessOf(holder: LockHolder): Liveness {
  if (holder.host !== hostname()) return { alive: true };
  const boot = bootId();
  if (holder.bootId !== undefined && boot !== undefined && holder.bootId !== boot)
    return { alive: false, why: 'taken before the last reboot' };
  if (holder.pid === process.pid && holder.processStart === processStartOf(process.pid))
    return held.has(holder.token) ? { alive: true } : { alive: false, why: 'released by this process' };
  try {
    process.kill(holder.pid, 0);
  } catch (error) {
    // EPERM: the process exists under another user.
    if ((error as NodeJS.ErrnoException).code === 'ESRCH')
      return { alive: false, why: 'its process is gone' };
    return { alive: true };
  }
  const start = processStartOf(holder.pid);
  if (holder.processStart !== undefined && start !== undefined && start !== holder.processStart)
    return { alive: false, why: 'its PID now belongs to another process' };
  return { alive: true };
}

function parseHolder(text: string): LockHolder | undefined {
  try {
    const value = JSON.parse(text) as Partial<LockHolder>;
    if (typeof value.pid === 'number' && typeof value.host === 'string' && typeof value.token === 'string')
      return value as LockHolder;
  } catch {
    // an unreadable lock file: see below
  }
  return undefined;
}

function readText(path: string): string | undefined {
  try {
    return readFileSync(path, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw error;
  }
}

/** Writes the lock to a temp file and links it into place: the lock file never exists half written. */
function tryCreate(path: string, holder: LockHolder): boolean {
  const temp = `${path}.${holder.pid}.${holder.token}.tmp`;
  const fd = openSync(temp, 'wx', 0o600);
  try {
    writeSync(fd, JSON.stringify(holder));
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
  try {
    linkSync(temp, path);
    return true;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'EEXIST') return false;
    throw error;
  } finally {
    rmSync(temp, { force: true });
  }
}

/**
 * Removes a stale lock file, but only if it still holds the content judged stale: it is first
 * renamed aside (atomic), and put back when another process replaced it meanwhile.
 */
function removeStale(path: string, staleText: string): void {
  const aside = `${path}.stale.${process.pid}.${randomBytes(6).toString('hex')}`;
  try {
    renameSync(path, aside);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return;
    throw error;
  }
  if (readText(aside) !== staleText) {
    try {
      linkSync(aside, path);
    } catch {
      // a third process took the folder meanwhile; its lock stays in place
    }
  }
  rmSync(aside, { force: true });
}

/**
 * Takes the exclusive lock of a folder (creating the folder, mode 0700, when missing): a lock
 * file made with an atomic link, holding PID, host, boot id and process start time. A lock
 * whose process is gone (same host) is stale and taken over; a live one — or one held on
 * another host, which cannot be checked from here — refuses with `LOCKED`, naming the holder.
 * Reliable on local file systems; on NFS only when every server runs on the same host.
 */
export function lockFolder(folder: string, options: { what: string }): FolderLock {
  mkdirSync(folder, { recursive: true, mode: 0o700 });
  const path = join(folder, LOCK_FILE);
  const start = processStartOf(process.pid);
  const boot = bootId();
  const holder: LockHolder = {
    pid: process.pid,
    host: hostname(),
    startedAt: new Date().toISOString(),
    ...(boot === undefined ? {} : { bootId: boot }),
    ...(start === undefined ? {} : { processStart: start }),
    token: randomBytes(12).toString('hex'),
  };
  for (let attempt = 0; attempt < 5; attempt++) {
    if (tryCreate(path, holder)) {
      removeLockLeftovers(folder);
      return hold(path, holder.token);
    }
    const text = readText(path);
    if (text === undefined) continue;
    const current = parseHolder(text);
    // An unreadable lock was never complete (it is linked whole), so it is left over from a crash.
    if (current !== undefined && livenessOf(current).alive) {
      const remote = current.host !== hostname();
      throw new StoreError(
        'LOCKED',
        `The ${options.what} ${folder} is already in use by Veil ${describe(current)}. ` +
          (remote
            ? `If that host no longer runs Veil, remove ${path} and start again.`
            : 'Stop that server first, or use another folder.'),
      );
    }
    removeStale(path, text);
  }
  throw new StoreError('LOCKED', `Could not take the lock ${path}: other processes keep taking it.`);
}

/** Temp and set-aside lock files a crash left behind (only ever made while taking a lock). */
const LOCK_LEFTOVER = /^\.veil\.lock\.(\d+\.[0-9a-f]{24}\.tmp|stale\.\d+\.[0-9a-f]{12})$/;

function removeLockLeftovers(folder: string): void {
  for (const name of readdirSync(folder)) {
    // Another process's temp file may be in use right now: only those of dead processes go.
    const pid = Number(/^\.veil\.lock\.(?:stale\.)?(\d+)\./.exec(name)?.[1]);
    if (LOCK_LEFTOVER.test(name) && pid !== process.pid && !isRunning(pid))
      rmSync(join(folder, name), { force: true });
  }
}

function isRunning(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code !== 'ESRCH';
  }
}

function hold(path: string, token: string): FolderLock {
  held.set(token, path);
  if (!exitHookInstalled) {
    exitHookInstalled = true;
    process.on('exit', () => {
      for (const [heldToken, heldPath] of held) releaseLock(heldPath, heldToken);
    });
  }
  return { path, release: () => releaseLock(path, token) };
}

function releaseLock(path: string, token: string): void {
  if (!held.delete(token)) return;
  const text = readText(path);
  if (text !== undefined && parseHolder(text)?.token === token) rmSync(path, { force: true });
}
