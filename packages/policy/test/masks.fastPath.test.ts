import { createHmac } from 'node:crypto';
import type { ResolvedMask, SanitizedTemplate } from '@veil/schema';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { compilePolicy, createViewer } from '../src/engine/index.js';
import { isSimpleText } from '../src/masks/graphemes.js';
import { compileMask, type MaskContext, maskValue } from '../src/masks/index.js';
import { isPlainText, isPlainUnit, isSpaceUnit } from '../src/masks/plainText.js';
import type { VeilRecord } from '../src/types.js';

// Independent oracles: the platform's grapheme segmenter and regular expressions.
const oracle = new Intl.Segmenter(undefined, { granularity: 'grapheme' });
const graphemesOf = (text: string) => Array.from(oracle.segment(text), (part) => part.segment);
const HAN = /^\p{Script=Han}/u;
const COMPOUND = [
  '欧阳',
  '司马',
  '诸葛',
  '上官',
  '东方',
  '皇甫',
  '尉迟',
  '公孙',
  '慕容',
  '长孙',
  '宇文',
  '司徒',
];
const SEPARATORS = ['·', '・', '•', '‧'];

const hmac = (value: string) => createHmac('sha256', 'fast-path-key').update(value).digest('hex');
const zh: MaskContext = { locale: 'zh-CN', hashToken: hmac };
const en: MaskContext = { locale: 'en', hashToken: hmac };

/** Reference `name`: whitespace words; Han words keep the surname, others the first grapheme. */
function referenceName(text: string): string {
  const words = text
    .trim()
    .split(/\s+/u)
    .filter((word) => word !== '');
  return words
    .map((word) => {
      const g = graphemesOf(word);
      if (!HAN.test(word)) return `${g[0]}***`;
      const head = g.length >= 3 && COMPOUND.includes(g.slice(0, 2).join('')) ? 2 : 1;
      return (
        g.slice(0, head).join('') +
        g
          .slice(head)
          .map((c) => (SEPARATORS.includes(c) ? c : '*'))
          .join('')
      );
    })
    .join(' ');
}

/** Reference `initials`. */
function referenceInitials(text: string): string {
  const words = text
    .trim()
    .split(/\s+/u)
    .filter((word) => word !== '');
  return words
    .map((word) => {
      const g = graphemesOf(word);
      if (!HAN.test(word)) return `${(g[0] ?? '').toUpperCase()}.`;
      const head = g.length >= 3 && COMPOUND.includes(g.slice(0, 2).join('')) ? 2 : 1;
      return `${g.slice(0, head).join('')}.`;
    })
    .join('');
}

/** Reference `email`. */
function referenceEmail(value: string): string {
  const text = value.trim();
  if (text === '') return '';
  const at = text.lastIndexOf('@');
  if (at <= 0 || at === text.length - 1) return '***';
  const local = graphemesOf(text.slice(0, at));
  return `${local.length >= 2 ? local[0] : ''}***${text.slice(at)}`;
}

/** Reference `last4`. */
function referenceLast4(text: string): string {
  if (text === '') return '';
  const g = graphemesOf(text);
  return `****${g.slice(g.length - Math.min(4, Math.floor(g.length / 2))).join('')}`;
}

// Plain text (the fast path) mixed with units that force the general path: combining marks,
// emoji, CR LF, Hangul jamo, other separators, full-width space.
const PIECES = [
  ...'abcXYZ019 .-_@',
  'é',
  'ß',
  'ŉ',
  '\t',
  '\n',
  '\u00a0',
  '·',
  '张',
  '伟',
  '欧阳',
  '司马',
  '㐀',
  '龥',
  'e\u0301',
  '👍🏽',
  '\r\n',
  'ᄀ',
  '・',
  '\u3000',
];
const mixedText = fc.string({ unit: fc.constantFrom(...PIECES), maxLength: 14 });
const plainText = fc.string({
  unit: fc.constantFrom(...PIECES.filter((piece) => isPlainText(piece))),
  maxLength: 14,
});
const text = fc.oneof(plainText, mixedText);

describe('plain text: the masks fast path', () => {
  it('every plain code unit is one grapheme next to any neighbour, and never a surrogate', () => {
    let plain = 0;
    const wrong: number[] = [];
    for (let code = 0; code <= 0xffff; code++) {
      if (!isPlainUnit(code)) continue;
      plain++;
      // The slow path's own test checks every character it calls simple against the segmenter.
      if ((code >= 0xd800 && code <= 0xdfff) || !isSimpleText(String.fromCharCode(code))) wrong.push(code);
    }
    expect(wrong).toEqual([]);
    expect(plain).toBeGreaterThan(27_000);
    expect(isPlainUnit(0x0d)).toBe(false);
    expect(isPlainText('张伟 John\t·')).toBe(true);
    for (const text of ['e\u0301', '👍', '\r', '가', '・', '\u3000']) expect(isPlainText(text)).toBe(false);
  });

  it('plain Han units are exactly the plain units of the Han script', () => {
    const wrong: number[] = [];
    for (let code = 0; code <= 0xffff; code++) {
      if (isPlainUnit(code) && code >= 0x3400 !== HAN.test(String.fromCharCode(code))) wrong.push(code);
    }
    expect(wrong).toEqual([]);
  });

  it('isSpaceUnit is JavaScript whitespace', () => {
    const wrong: number[] = [];
    for (let code = 0; code <= 0xffff; code++) {
      if (isSpaceUnit(code) !== /\s/u.test(String.fromCharCode(code))) wrong.push(code);
    }
    expect(wrong).toEqual([]);
  });

  it('name, initials, email and last4 agree with segmenter references on plain and mixed text', () => {
    fc.assert(
      fc.property(text, fc.constantFrom(zh, en), (value, ctx) => {
        expect(maskValue({ style: 'name' }, value, ctx)).toBe(referenceName(value));
        expect(maskValue({ style: 'initials' }, value, ctx)).toBe(referenceInitials(value));
        expect(maskValue({ style: 'email' }, value, ctx)).toBe(referenceEmail(value));
        expect(maskValue({ style: 'last4' }, value, ctx)).toBe(referenceLast4(value));
      }),
      { numRuns: 1500 },
    );
  });

  it('masks typical values as the display rules say', () => {
    expect(maskValue({ style: 'name' }, '欧阳娜娜', zh)).toBe('欧阳**');
    expect(maskValue({ style: 'name' }, ' 阿卜杜·热合曼  John Doe ', zh)).toBe('阿**·*** J*** D***');
    expect(maskValue({ style: 'initials' }, 'john ronald 欧阳娜娜', zh)).toBe('J.R.欧阳.');
    expect(maskValue({ style: 'email' }, ' zhang.wei@example.com ', zh)).toBe('z***@example.com');
    expect(maskValue({ style: 'email' }, 'é@x.cn', zh)).toBe('***@x.cn');
    expect(maskValue({ style: 'last4' }, '13812345678', zh)).toBe('****5678');
    expect(maskValue({ style: 'last4' }, 13812345678, zh)).toBe('****5678');
    expect(maskValue({ style: 'partial', keepStart: 3, keepEnd: 4 }, '13812345678', zh)).toBe('138****5678');
  });
});

const MASKS: ResolvedMask[] = [
  { style: 'last4' },
  { style: 'partial', keepStart: 3, keepEnd: 4 },
  { style: 'partial', keepStart: 1, keepEnd: 1 },
  { style: 'email' },
  { style: 'name' },
  { style: 'range', bounds: [100000, 500000, 1000000], unit: 'CNY' },
  { style: 'range', bounds: [10, 20], unit: '$' },
  { style: 'year' },
  { style: 'initials' },
  { style: 'hash' },
  { style: 'redact' },
  { style: 'none' },
  { style: 'no-such-style' } as unknown as ResolvedMask,
];

const anyValue = fc.oneof(
  text,
  fc.string({ unit: 'grapheme', maxLength: 12 }),
  fc.string({ unit: 'binary', maxLength: 12 }),
  fc.double(),
  fc.integer(),
  fc.boolean(),
  fc.constantFrom(null, undefined, '', '1990-05-17', '250000', Number.NaN, 10n),
  fc.array(fc.oneof(text, fc.integer(), fc.constant(null)), { maxLength: 3 }),
  fc.object({ maxDepth: 1 }),
);

describe('compileMask', () => {
  it('gives exactly what maskValue gives, for every style and any value', () => {
    fc.assert(
      fc.property(fc.constantFrom(...MASKS), anyValue, fc.constantFrom(zh, en), (mask, value, ctx) => {
        expect(compileMask(mask, ctx)(value)).toEqual(maskValue(mask, value, ctx));
      }),
      { numRuns: 3000 },
    );
  });
});

describe('compiled projection of a flat plan', () => {
  const field = (key: string, kind: 'string' | 'number', mask: ResolvedMask) => ({
    path: `/${key}`,
    segments: [key],
    parent: '',
    kind,
    leaf: true,
    title: key,
    i18n: {},
    required: false,
    source: 'explicit',
    privacy: {
      level: 'confidential',
      categories: [],
      mask,
      encrypt: false,
      search: 'none',
      scan: false,
      export: 'masked',
      access: { rep: { owner: 'masked', team: 'masked', any: 'hidden' } },
      edit: { rep: { owner: false, team: false, any: false } },
    },
  });
  const owner = { ...field('ownerId', 'string', { style: 'redact' }) };
  owner.privacy = { ...owner.privacy, access: { rep: { owner: 'full', team: 'full', any: 'full' } } };
  const template = {
    id: 't',
    version: 1,
    title: 't',
    i18n: {},
    schema: {
      type: 'object',
      properties: { ownerId: { type: 'string' }, phone: { type: 'string' }, amount: { type: 'number' } },
    },
    uiSchema: {},
    views: [],
    owner: '/ownerId',
    subject: [],
    acknowledgements: [],
    fields: [
      owner,
      field('phone', 'string', { style: 'last4' }),
      field('amount', 'number', { style: 'range', bounds: [100000], unit: 'CNY' }),
    ],
    policyVersion: 1,
  } as unknown as SanitizedTemplate;
  const compiled = compilePolicy(
    template,
    {
      version: 1,
      roles: [{ id: 'rep', kind: 'staff', rowScope: 'own' }],
      purposes: [],
      levelDefaults: {},
      editDefault: {},
      exportApprovalRows: 100,
    } as never,
    { keys: { hashToken: hmac, blindIndex: () => '', auditRef: () => '' } as never, locale: 'zh-CN' },
  );
  const viewer = createViewer(
    { id: 'u1', roles: ['rep'], departmentId: null, managedDepartmentIds: [] },
    { parentOf: {}, departmentOf: {} },
  );
  const recordOf = (id: string, data: Record<string, unknown>): VeilRecord => ({
    id,
    templateId: 't',
    templateVersion: 1,
    version: 1,
    createdAt: '2024-01-01T00:00:00.000Z',
    updatedAt: '2024-01-01T00:00:00.000Z',
    data,
  });

  it('lists exactly the masked values that are present, and lists stay independent per record', () => {
    const [a, b, c, d] = compiled.projectRecords(
      [
        recordOf('a', { ownerId: 'u1', phone: '13812345678', amount: 250000 }),
        recordOf('b', { ownerId: 'u1', phone: null, amount: 5 }),
        recordOf('c', { ownerId: 'u1', phone: '13900001111', amount: 7 }),
        recordOf('d', { ownerId: 'u1', phone: '13900001111' }),
      ],
      viewer,
    );
    expect(a?.data).toEqual({ ownerId: 'u1', phone: '****5678', amount: '≥ 10万元' });
    expect(a?.masked).toEqual(['/phone', '/amount']);
    expect(b?.data).toEqual({ ownerId: 'u1', phone: null, amount: '< 10万元' });
    expect(b?.masked).toEqual(['/amount']);
    expect(d?.masked).toEqual(['/phone']);
    // A caller changing one record's list must not change another's.
    a?.masked.push('/extra');
    expect(c?.masked).toEqual(['/phone', '/amount']);
    expect(
      compiled.projectRecord(recordOf('e', { ownerId: 'u1', phone: '1', amount: 1 }), viewer)?.masked,
    ).toEqual(['/phone', '/amount']);
  });
});
