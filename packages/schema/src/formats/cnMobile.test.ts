import { describe, expect, it } from 'vitest';
import { isValidCnMobile, normalizeCnMobile } from './cnMobile.js';

describe('cn-mobile', () => {
  it.each([
    '13812345678',
    '+86 138-1234-5678',
    '0086 138 1234 5678',
    '８６１３８１２３４５６７８'.slice(2),
    ' 15912345678 ',
    '16212345678',
    '17012345678',
    '19912345678',
    '16101234567', // IoT 1610
    '17405123456', // IoT 1740[0-5]
    '14512345678',
  ])('accepts %s', (value) => {
    expect(isValidCnMobile(value)).toBe(true);
  });

  it.each([
    '15412345678', // 154 is not a mobile prefix
    '19412345678', // 194 neither
    '12012345678',
    '11012345678',
    '17412345678', // 174 only as 1740[0-5]
    '17406123456',
    '1381234567', // 10 digits
    '138123456789',
    '1381234567a',
    '',
  ])('refuses %s', (value) => {
    expect(isValidCnMobile(value)).toBe(false);
  });

  it('normalises full-width digits, separators and the country code', () => {
    expect(normalizeCnMobile('＋８６ １３８－１２３４－５６７８')).toBe('13812345678');
    expect(normalizeCnMobile('8613812345678')).toBe('13812345678');
  });
});
