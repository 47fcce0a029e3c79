import { isEnvelope, pointerSegments, valuesAt } from '@veil/store/adapter';

/** What a stored row carries beside its encoded record, so that queries run as SQL. */
export interface RecordProjection {
  /** The first value at the template's owner pointer, when it is a string. */
  owner: string | null;
  /**
   * Indexed (GIN) sets per schema path: `=<path>` the values and array items there (what `eq`,
   * `in` and `neq` compare), `[]<path>` the array items only (what `contains` finds in arrays).
   */
  terms: Record<string, unknown[]>;
  /**
   * Per schema path: `v` the values (groups; objects as a marker), `t` lower-cased search text,
   * `l` lower-cased strings (for `contains`), `k` range keys, `s` the sort key of the first value.
   */
  proj: Record<string, unknown>;
}

const OBJECT_MARKER = { $: 'object' };

function escapeSegment(segment: string): string {
  return segment.replace(/~/g, '~0').replace(/\//g, '~1');
}

const isScalar = (v: unknown) => typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean';

/** A text whose order (byte order, `COLLATE "C"`) is the store's sort order of JSON values. */
export function sortKey(value: unknown): string {
  if (typeof value === 'number') {
    const buf = Buffer.alloc(8);
    buf.writeDoubleBE(value === 0 ? 0 : value);
    if (value < 0) for (let i = 0; i < 8; i++) buf[i] = ~(buf[i] as number) & 0xff;
    else buf[0] = (buf[0] as number) | 0x80;
    return `0${buf.toString('hex')}`;
  }
  if (typeof value === 'string') return `1${value}`;
  if (typeof value === 'boolean') return value ? '21' : '20';
  return `3${JSON.stringify(value)}`;
}

function push(map: Record<string, unknown[]>, key: string, value: unknown): void {
  const list = map[key];
  if (list === undefined) map[key] = [value];
  else list.push(value);
}

/**
 * Projects an encoded record's data (encrypted values are envelopes and are skipped whole: no
 * projection ever holds a value of an encrypted path) into the columns queries use. Values are
 * found as `valuesAt` finds them: objects by key, arrays by `*`, nulls absent.
 */
export function projectRecord(
  data: Record<string, unknown>,
  ownerPointer: string | undefined,
): RecordProjection {
  const terms: Record<string, unknown[]> = {};
  const values: Record<string, unknown[]> = {};
  const walk = (node: unknown, path: string): void => {
    if (node === null || node === undefined || isEnvelope(node)) return;
    const plainArray = Array.isArray(node) && node.every((item) => item === null || isScalar(item));
    push(values, path, isScalar(node) || plainArray ? node : OBJECT_MARKER);
    if (isScalar(node)) push(terms, `=${path}`, node);
    if (Array.isArray(node)) {
      for (const item of node) {
        if (isScalar(item)) {
          push(terms, `=${path}`, item);
          push(terms, `[]${path}`, item);
        }
      }
      for (const item of node) walk(item, `${path}/*`);
    } else if (typeof node === 'object') {
      for (const [key, value] of Object.entries(node as Record<string, unknown>))
        walk(value, `${path}/${escapeSegment(key)}`);
    }
  };
  for (const [key, value] of Object.entries(data)) walk(value, `/${escapeSegment(key)}`);
  const proj: Record<string, unknown> = {};
  for (const [path, list] of Object.entries(values)) {
    proj[`v${path}`] = list;
    proj[`s${path}`] = sortKey(list[0]);
    const text: string[] = [];
    const lower: string[] = [];
    const ranges: string[] = [];
    for (const value of list) {
      if (typeof value === 'string') {
        lower.push(value.toLowerCase());
        ranges.push(sortKey(value));
      } else if (typeof value === 'number') ranges.push(sortKey(value));
      for (const item of Array.isArray(value) ? value : [value]) {
        if (typeof item === 'string') text.push(item.toLowerCase());
        else if (typeof item === 'number') text.push(String(item));
      }
    }
    if (text.length > 0) proj[`t${path}`] = text;
    if (lower.length > 0) proj[`l${path}`] = lower;
    if (ranges.length > 0) proj[`k${path}`] = ranges;
  }
  const owner = ownerPointer === undefined ? undefined : valuesAt(data, pointerSegments(ownerPointer))[0];
  return { owner: typeof owner === 'string' ? owner : null, terms, proj };
}
