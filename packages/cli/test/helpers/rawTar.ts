import { gzipSync } from 'node:zlib';

/** One entry of a hand-made tar: anything a hostile archive could hold. */
export interface RawEntry {
  name: string;
  /** Type flag: '0' file, '1' hard link, '2' symlink, '3' char device, '4' block device, '5' dir, '6' FIFO. */
  type?: string;
  data?: Buffer | string;
  linkname?: string;
  /** Size written in the header (default: the data's length). */
  size?: number;
}

function put(header: Buffer, offset: number, length: number, value: string): void {
  header.write(value.slice(0, length), offset, length, 'utf8');
}

function octal(value: number, length: number): string {
  return `${value.toString(8).padStart(length - 1, '0')}\0`;
}

/** A ustar header + body (padded to 512) per entry, then two zero blocks: no validation at all. */
export function rawTar(entries: readonly RawEntry[]): Buffer {
  const blocks: Buffer[] = [];
  for (const entry of entries) {
    const data = Buffer.from(entry.data ?? '');
    const header = Buffer.alloc(512);
    const name = Buffer.from(entry.name, 'utf8');
    name.copy(header, 0, 0, Math.min(100, name.length));
    put(header, 100, 8, octal(0o644, 8));
    put(header, 108, 8, octal(0, 8));
    put(header, 116, 8, octal(0, 8));
    put(header, 124, 12, octal(entry.size ?? data.length, 12));
    put(header, 136, 12, octal(0, 12));
    header.fill(0x20, 148, 156);
    put(header, 156, 1, entry.type ?? '0');
    put(header, 157, 100, entry.linkname ?? '');
    put(header, 257, 6, 'ustar\0');
    put(header, 263, 2, '00');
    let sum = 0;
    for (const byte of header) sum += byte;
    put(header, 148, 8, `${sum.toString(8).padStart(6, '0')}\0 `);
    blocks.push(header, data, Buffer.alloc((512 - (data.length % 512)) % 512));
  }
  blocks.push(Buffer.alloc(1024));
  return Buffer.concat(blocks);
}

export function rawTgz(entries: readonly RawEntry[]): Buffer {
  return gzipSync(rawTar(entries));
}
