import { describe, expect, it } from 'vitest';
import { FORMAT_VALIDATORS, normalizeForBlindIndex } from './index.js';
import { isValidIsoDate, isValidIsoDateTime } from './isoDate.js';

describe('FORMAT_VALIDATORS', () => {
  it('registers every format the template parser needs, with real checks', () => {
    const samples: Record<string, [string, string]> = {
      'cn-mobile': ['13812345678', '15412345678'],
      'cn-landline': ['010-62345678', '010-123'],
      'cn-resident-id': ['11010519491231002X', '110105194912310021'],
      'cn-uscc': ['91110000600037341L', '91110000600037341M'],
      'bank-card': ['4111111111111111', '4111111111111112'],
      email: ['a@example.com', 'a@example'],
      date: ['2024-02-29', '2023-02-29'],
      'date-time': ['2024-02-29T08:30:00+08:00', '2024-02-29T24:00:00Z'],
      'cn-passport': ['G12345678', 'G1234567'],
      'hk-id': ['A123456(3)', 'A123456(4)'],
      'tw-id': ['A123456789', 'A123456788'],
    };
    for (const [format, [good, bad]] of Object.entries(samples)) {
      const validate = FORMAT_VALIDATORS[format];
      expect(validate, format).toBeDefined();
      expect(validate?.(good), `${format} accepts`).toBe(true);
      expect(validate?.(bad), `${format} refuses`).toBe(false);
    }
  });
});

describe('date formats', () => {
  it('checks calendar reality and time ranges', () => {
    expect(isValidIsoDate('2000-02-29')).toBe(true);
    expect(isValidIsoDate('1900-02-29')).toBe(false);
    expect(isValidIsoDate('2024-13-01')).toBe(false);
    expect(isValidIsoDate('2024-1-01')).toBe(false);
    expect(isValidIsoDateTime('2024-03-15T08:00:00.123Z')).toBe(true);
    expect(isValidIsoDateTime('2024-03-15 08:00:00+08:00')).toBe(true);
    expect(isValidIsoDateTime('2024-03-15T08:00:00')).toBe(false);
    expect(isValidIsoDateTime('2024-03-15T08:60:00Z')).toBe(false);
  });
});

describe('normalizeForBlindIndex', () => {
  it('makes equal phone numbers written differently match', () => {
    const forms = [
      '13812345678',
      '+86 138-1234-5678',
      '＋８６１３８１２３４５６７８',
      ' 0086 138 1234 5678 ',
    ];
    expect(new Set(forms.map((v) => normalizeForBlindIndex('cn-mobile', v)))).toEqual(
      new Set(['13812345678']),
    );
    expect(normalizeForBlindIndex('cn-landline', '010-6234 5678')).toBe('01062345678');
  });

  it('lower-cases e-mail, upper-cases identifiers, and only trims and half-widths the rest', () => {
    expect(normalizeForBlindIndex('email', ' Zhang.San@Example.COM ')).toBe('zhang.san@example.com');
    expect(normalizeForBlindIndex('cn-resident-id', '110105 19491231 002x')).toBe('11010519491231002X');
    expect(normalizeForBlindIndex(undefined, ' Ａcme Co-Ltd ')).toBe('Acme Co-Ltd');
    expect(normalizeForBlindIndex('date', '2024-01-15')).toBe('2024-01-15');
  });
});
