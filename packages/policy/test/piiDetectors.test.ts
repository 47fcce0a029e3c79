import { residentIdCheckChar } from '@veil/schema';
import { describe, expect, it } from 'vitest';
import { detectPii, type PiiType } from '../src/pii/index.js';

/** The values found in a text, as `type:value`. */
function found(text: string, today?: string): string[] {
  const spans = detectPii(text, today === undefined ? {} : { today });
  return spans.map((s) => `${s.type}:${text.slice(s.start, s.end)}`);
}
const none = (text: string) => expect(found(text), text).toEqual([]);
const one = (type: PiiType, text: string, value: string) =>
  expect(found(text), text).toEqual([`${type}:${value}`]);

describe('mobile detector', () => {
  it.each([
    ['客户手机13812345678，下周回访', '13812345678'],
    ['13812345678是新号码', '13812345678'],
    ['回电请拨138 1234 5678', '138 1234 5678'],
    ['call +86 138-1234-5678 after 5pm', '+86 138-1234-5678'],
    ['0086 15912345678', '0086 15912345678'],
    ['手机１３８１２３４５６７８', '１３８１２３４５６７８'],
    ['IoT card 17405123456', '17405123456'],
    ['电话13812345678email', '13812345678'],
  ])('finds %s', (text, value) => one('mobile', text, value));

  it.each([
    '时间戳1718092800123',
    '号码15412345678打不通',
    '号码19412345678打不通',
    '急救120转12012345678',
    '金额13812345678.00元',
    'version v13.8.1234',
    '订单2024-13812345678',
    '运单JDVA13812345678',
    'SF1381234567890',
    '8613812345678',
  ])('ignores %s', none);

  it('finds two numbers separated by a slash or a space', () => {
    expect(found('13812345678/13912345678 13712345678')).toEqual([
      'mobile:13812345678',
      'mobile:13912345678',
      'mobile:13712345678',
    ]);
  });
});

describe('landline detector', () => {
  it.each([
    ['座机010-62345678', '010-62345678'],
    ['总机(0755) 8765432找前台', '(0755) 8765432'],
    ['tel 021 62345678', '021 62345678'],
    ['座机0571-8765 4321转802号分机', '0571-8765 4321转802'],
    ['（０２０）８７６５４３２１', '（０２０）８７６５４３２１'],
  ])('finds %s', (text, value) => one('landline', text, value));

  it.each([
    '2024-03-15',
    '对公账户6222 0542 5030 3650 1234 12',
    '07551234567',
    '15.03.2024',
    '订单20240315-0871234567',
  ])('ignores %s', none);
});

describe('resident-id detector', () => {
  it.each([
    ['身份证号11010519491231002X。', '11010519491231002X'],
    ['ID 11010519491231002x', '11010519491231002x'],
    ['110105 19491231 002X', '110105 19491231 002X'],
    ['居住证830000199201300022', '830000199201300022'],
    ['老身份证110105491231002', '110105491231002'],
  ])('finds %s', (text, value) => one('resident-id', text, value));

  it.each([
    '发票号码110105194912310021',
    '订单号202403151234567890',
    '快递单号110105491231002', // 15 digits, no ID word: a tracking number
    '1101051949123100211',
  ])('ignores %s', none);

  it('refuses a birth date after today when today is given', () => {
    const first17 = '11010520300101001';
    const future = `${first17}${residentIdCheckChar(first17)}`;
    expect(found(`身份证${future}`)).toEqual([`resident-id:${future}`]);
    expect(found(`身份证${future}`, '2025-06-01')).toEqual([]);
  });

  it('prefers the resident ID over a card when an ID also passes Luhn', () => {
    expect(found('身份证440305199003071156')).toEqual(['resident-id:440305199003071156']);
  });
});

describe('uscc detector', () => {
  it.each([
    ['税号91110000600037341L', '91110000600037341L'],
    ['营业执照 91440300MA5FTR1P0J', '91440300MA5FTR1P0J'],
    ['Tax ID: 914403001000000020', '914403001000000020'],
  ])('finds %s', (text, value) => one('uscc', text, value));

  it.each([
    '税号91110000600037341M', // check character
    '订单914403001000000020', // all digits, no word such as 税号
    '税号951100006000373418', // 9 issues entity types 1–3 only
  ])('ignores %s', none);
});

describe('bank-card detector', () => {
  it.each([
    ['退款到6222021000001234565', '6222021000001234565'],
    ['card 4111 1111 1111 1111 declined', '4111 1111 1111 1111'],
    ['卡号：9558801234567890128', '9558801234567890128'],
    ['Account number for the wire: 9558801234567890128', '9558801234567890128'],
  ])('finds %s', (text, value) => one('bank-card', text, value));

  it.each([
    '退款到6222021000001234566', // Luhn
    '编号9558801234567890128', // no issuer prefix, no card word
    '收款卡号6222021000001234565123', // 22 digits
    '对公账户6222 0210 0000 1234 5651 23',
    '发票号码440305199003071008', // ID-shaped, Luhn-valid, no card word
    '发票号码32050619640511340X', // 17 Luhn-valid digits are the head of an ID-shaped code
    '卡号6222021000001234565（张三），备注：202403151234567891',
  ])('ignores a non-card in %s', (text) => {
    expect(
      found(text).filter((f) => f.startsWith('bank-card:') && !f.endsWith('6222021000001234565')),
    ).toEqual([]);
  });
});

describe('email detector', () => {
  it.each([
    ['邮箱zhang.san@example.com，请查收', 'zhang.san@example.com'],
    ['mail to Amy.Zhou+crm@corp.example.org.', 'Amy.Zhou+crm@corp.example.org'],
    ['电话13812345678email li@163.com', 'li@163.com'],
    ['emailwang@qq.com', 'wang@qq.com'],
  ])('finds %s', (text, value) => {
    expect(found(text)).toContain(`email:${value}`);
  });

  it.each(['@张三 请回复', 'a@b', 'user@localhost', '价格 5@10元', 'foo@bar.c0m'])('ignores %s', none);
});

describe('passport, hk-id and tw-id detectors', () => {
  it.each([
    ['passport', '护照号G12345678', 'G12345678'],
    ['passport', 'Passport EA1234567 expires', 'EA1234567'],
    ['hk-id', '客户 A123456(3) 已登记', 'A123456(3)'],
    ['hk-id', 'HKID C6686689', 'C6686689'],
    ['tw-id', '身分證字號A123456789', 'A123456789'],
  ] as const)('finds %s in %s', (type, text, value) => one(type, text, value));

  it.each([
    '型号G20231108', // passport shape without a passport word
    '护照号G1234567',
    '客户 A123456(4) 已登记', // HK check digit
    '批次C6686689', // bare HK ID without an ID word
    '身分證字號A123456788', // TW check digit
    'SKU-AB1234567',
  ])('ignores %s', none);
});

describe('detectPii', () => {
  it('reports spans in text order with confidences between 0 and 1', () => {
    const spans = detectPii('邮箱a@example.com，手机13812345678，身份证11010519491231002X');
    expect(spans.map((s) => s.type)).toEqual(['email', 'mobile', 'resident-id']);
    for (const span of spans) {
      expect(span.confidence).toBeGreaterThan(0);
      expect(span.confidence).toBeLessThanOrEqual(1);
    }
  });

  it('stays linear on adversarial input', () => {
    const long = `${'a.'.repeat(40_000)}@${'b-'.repeat(40_000)}`;
    expect(detectPii(long)).toEqual([]);
    expect(detectPii('1 '.repeat(50_000))).toEqual([]);
    expect(detectPii(`${'1'.repeat(100_000)}`)).toEqual([]);
    expect(detectPii(`${'8'.repeat(50_000)} 13812345678`)).toHaveLength(1);
  });
});
