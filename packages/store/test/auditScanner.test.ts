import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  AuditBatchEncoder,
  type AuditInput,
  formatAuditLine,
  GENESIS_HASH,
  parseAuditLine,
  scanAuditBytes,
  scanAuditStream,
  serializeAuditBody,
} from '../src/index.js';

const AT = '2024-05-01T08:00:00.000Z';

const inputArb: fc.Arbitrary<AuditInput> = fc.record({
  actor: fc.string(),
  action: fc.constantFrom('record.read', 'auth.login', '记录.查看'),
  target: fc.string({ unit: 'grapheme' }),
  details: fc.dictionary(fc.string(), fc.oneof(fc.string({ unit: 'grapheme' }), fc.integer())),
});

/** A log of `inputs`, written the way the store writes it (one encoder batch). */
function encodeLog(inputs: AuditInput[]): Buffer {
  const encoder = new AuditBatchEncoder();
  encoder.reset(AT);
  let prev = GENESIS_HASH;
  inputs.forEach((input, i) => {
    prev = encoder.add(i + 1, prev, serializeAuditBody(input));
  });
  return Buffer.from(encoder.bytes());
}

/** Feeds a buffer to the streaming scanner through a reader, `chunk` bytes per read. */
function streamed(bytes: Buffer, chunk: number) {
  return scanAuditStream(
    async (buffer, offset, length, position) => {
      const n = Math.min(length, bytes.length - position);
      bytes.copy(buffer, offset, position, position + n);
      return n;
    },
    bytes.length,
    {},
    chunk,
  );
}

describe('audit line encoding', () => {
  it('serializes the caller part exactly like the object form, also with a field missing', () => {
    fc.assert(
      fc.property(inputArb, (input) => {
        const { actor, action, target, details } = input;
        expect(serializeAuditBody(input)).toBe(JSON.stringify({ actor, action, target, details }));
      }),
      { numRuns: 100 },
    );
    const partial = { actor: 'u1', action: 'auth.login', details: {} } as unknown as AuditInput;
    expect(serializeAuditBody(partial)).toBe('{"actor":"u1","action":"auth.login","details":{}}');
  });

  it('writes a batch with the same bytes and hashes as formatAuditLine, non-ASCII text included', () => {
    fc.assert(
      fc.property(fc.array(inputArb, { minLength: 1, maxLength: 20 }), (inputs) => {
        let prev = GENESIS_HASH;
        const expected = inputs
          .map((input, i) => {
            const { line, hash } = formatAuditLine(i + 1, prev, AT, input);
            prev = hash;
            return line;
          })
          .join('');
        const bytes = encodeLog(inputs);
        expect(bytes.toString('utf8')).toBe(expected);
        const lines = bytes.toString('utf8').split('\n').filter(Boolean);
        expect(lines.map((l) => parseAuditLine(l).target)).toEqual(inputs.map((i) => i.target));
      }),
      { numRuns: 50 },
    );
  });
});

describe('audit scanning in chunks', () => {
  const inputs = Array.from({ length: 40 }, (_, i) => ({
    actor: `u${i}`,
    action: 'record.read',
    target: `客户${i}`,
    details: { note: '🙂'.repeat(i % 7), i },
  }));
  const clean = encodeLog(inputs);

  it('verifies a clean log the same way whole or in chunks smaller than a line', async () => {
    const whole = scanAuditBytes(clean);
    expect(whole.failure).toBeUndefined();
    expect(whole.result).toMatchObject({ count: 40, tornBytes: 0, validLength: clean.length });
    for (const chunk of [1024, 64, 4096, 1 << 20]) {
      const out = await streamed(clean, chunk);
      expect(out.failure).toBeUndefined();
      expect(out.result).toEqual(whole.result);
    }
  });

  it('names the same first bad seq in chunks as whole, for edits, deletions and a torn tail', async () => {
    const lines = clean.toString('utf8').split('\n').filter(Boolean);
    const join = (ls: string[]) => Buffer.from(`${ls.join('\n')}\n`, 'utf8');
    const edited = [...lines];
    edited[17] = (edited[17] as string).replace('"i":17', '"i":71');
    const cases: [Buffer, number, string][] = [
      [join(edited), 18, 'hash-mismatch'],
      [join(lines.filter((_, i) => i !== 25)), 26, 'seq-mismatch'],
      [join([...lines.slice(0, 9), 'garbage', ...lines.slice(10)]), 10, 'malformed-line'],
    ];
    for (const [bytes, seq, reason] of cases) {
      expect(scanAuditBytes(bytes).failure).toMatchObject({ firstBadSeq: seq, reason });
      for (const chunk of [128, 1000]) {
        const out = await streamed(bytes, chunk);
        expect(out.failure).toMatchObject({ firstBadSeq: seq, reason });
        expect(out.result.count).toBe(seq - 1);
      }
    }
    const torn = clean.subarray(0, clean.length - 30);
    const out = await streamed(torn, 256);
    expect(out.result).toMatchObject({ count: 39, tornBytes: scanAuditBytes(torn).result.tornBytes });
    expect(out.result.tornBytes).toBeGreaterThan(0);
  });
});
