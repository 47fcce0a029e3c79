import { dirname } from 'node:path';
import type { FileSystem } from '../src/index.js';

interface Inode {
  data: Buffer;
  /** What survives a power cut. */
  synced: Buffer;
}

/**
 * An in-memory file system that models what a power cut keeps: file contents only as of
 * their last fsync, folder entries (creations, renames, removals) only as of the folder's
 * last fsync. `boot()` gives a file layer; `powerCut()` kills every earlier boot's layer.
 */
export class FaultFileSystem {
  #visible = new Map<string, Inode>();
  #durable = new Map<string, Inode>();
  #dirs = new Set<string>();
  #epoch = 0;

  powerCut(): void {
    this.#epoch += 1;
    for (const inode of this.#durable.values()) inode.data = Buffer.from(inode.synced);
    this.#visible = new Map(this.#durable);
  }

  /** Every file that exists now, with its content. */
  files(): Map<string, Buffer> {
    return new Map([...this.#visible].map(([path, inode]) => [path, inode.data]));
  }

  boot(): FileSystem {
    const epoch = this.#epoch;
    const alive = (): void => {
      if (epoch !== this.#epoch) throw Object.assign(new Error('power is off'), { code: 'EIO' });
    };
    const inodeFor = (path: string, truncate: boolean): Inode => {
      let inode = this.#visible.get(path);
      if (inode === undefined) {
        inode = { data: Buffer.alloc(0), synced: Buffer.alloc(0) };
        this.#visible.set(path, inode);
      } else if (truncate) inode.data = Buffer.alloc(0);
      return inode;
    };
    const tick = () => new Promise<void>((resolve) => setImmediate(resolve));
    return {
      readFile: async (path) => {
        alive();
        const inode = this.#visible.get(path);
        return inode === undefined ? undefined : Buffer.from(inode.data);
      },
      writeFile: async (path, data, { sync }) => {
        alive();
        const inode = inodeFor(path, true);
        inode.data = Buffer.from(data);
        await tick();
        alive();
        if (sync) inode.synced = Buffer.from(inode.data);
      },
      appendFile: async (path, data, { sync }) => {
        alive();
        const inode = inodeFor(path, false);
        inode.data = Buffer.concat([inode.data, Buffer.from(data)]);
        await tick();
        alive();
        if (sync) inode.synced = Buffer.from(inode.data);
      },
      truncate: async (path, length) => {
        alive();
        const inode = this.#visible.get(path);
        if (inode === undefined) throw Object.assign(new Error('no such file'), { code: 'ENOENT' });
        inode.data = inode.data.subarray(0, length);
        inode.synced = Buffer.from(inode.data);
      },
      rename: async (from, to) => {
        alive();
        const inode = this.#visible.get(from);
        if (inode === undefined) throw Object.assign(new Error('no such file'), { code: 'ENOENT' });
        this.#visible.delete(from);
        this.#visible.set(to, inode);
      },
      unlink: async (path) => {
        alive();
        this.#visible.delete(path);
      },
      readdir: async (path) => {
        alive();
        const names = new Set<string>();
        for (const p of [...this.#visible.keys(), ...this.#dirs]) {
          if (dirname(p) === path) names.add(p.slice(path.length + 1));
        }
        return [...names].sort();
      },
      mkdir: async (path) => {
        alive();
        for (let p = path; p !== dirname(p); p = dirname(p)) this.#dirs.add(p);
      },
      syncDir: async (path) => {
        alive();
        await tick();
        alive();
        for (const p of [...this.#durable.keys()])
          if (dirname(p) === path && !this.#visible.has(p)) this.#durable.delete(p);
        for (const [p, inode] of this.#visible) if (dirname(p) === path) this.#durable.set(p, inode);
      },
      size: async (path) => {
        alive();
        return this.#visible.get(path)?.data.length;
      },
    };
  }
}
