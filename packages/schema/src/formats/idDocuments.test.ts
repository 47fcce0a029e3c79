import { describe, expect, it } from 'vitest';
import { isValidCnPassport } from './cnPassport.js';
import { isValidHkId, normalizeHkId } from './hkId.js';
import { isValidTwId } from './twId.js';

describe('cn-passport', () => {
  it.each(['G12345678', 'E12345678', 'EA1234567', 'ea1234567'])('accepts %s', (value) => {
    expect(isValidCnPassport(value)).toBe(true);
  });
  it.each(['G1234567', 'EI1234567', 'EO1234567', 'A12345678', 'G123456789'])('refuses %s', (value) => {
    expect(isValidCnPassport(value)).toBe(false);
  });
});

describe('hk-id', () => {
  it.each(['A123456(3)', 'A1234563', 'AB987654(3)', 'Z683365(A)', 'K000000(0)', 'a123456(3)'])(
    'accepts %s',
    (value) => {
      expect(isValidHkId(value)).toBe(true);
    },
  );
  it.each(['A123456(4)', 'AB987654(2)', 'Z683365(0)', 'A12345(3)', 'ABC123456(3)', '1123456(3)'])(
    'refuses %s',
    (value) => {
      expect(isValidHkId(value)).toBe(false);
    },
  );
  it('prints the bracketed form', () => {
    expect(normalizeHkId('a1234563')).toBe('A123456(3)');
  });
});

describe('tw-id', () => {
  it.each(['A123456789', 'F131000107', 'B223456782', 'a123456789'])('accepts %s', (value) => {
    expect(isValidTwId(value)).toBe(true);
  });
  it.each(['A123456788', 'F131000106', 'A323456789', 'A12345678', '1123456789'])('refuses %s', (value) => {
    expect(isValidTwId(value)).toBe(false);
  });
});
