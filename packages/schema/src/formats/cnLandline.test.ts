import { describe, expect, it } from 'vitest';
import { isValidCnLandline, normalizeCnLandline } from './cnLandline.js';

describe('cn-landline', () => {
  it.each([
    ['010-12345678', '010-12345678'],
    ['(0755) 1234567', '0755-1234567'],
    ['021 6234 5678', '021-62345678'],
    ['0571-87654321-802', '0571-87654321-802'],
    ['010-62345678转8021', '010-62345678-8021'],
    ['+86 10 62345678', '010-62345678'],
    ['０２０－８７６５４３２１', '020-87654321'],
  ])('accepts %s as %s', (value, canonical) => {
    expect(isValidCnLandline(value)).toBe(true);
    expect(normalizeCnLandline(value)).toBe(canonical);
  });

  it.each([
    '12345678', // no area code
    '010-62-345678', // dashes inside the local number
    '010-123456', // too short
    '010-623456789', // too long
    '001-62345678', // no such area code
    '13812345678', // a mobile, not a landline
    '2024-01-15',
  ])('refuses %s', (value) => {
    expect(isValidCnLandline(value)).toBe(false);
  });
});
