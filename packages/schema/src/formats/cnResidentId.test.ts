import { describe, expect, it } from 'vitest';
import { isValidCnResidentId, normalizeCnResidentId, residentIdCheckChar } from './cnResidentId.js';

describe('cn-resident-id', () => {
  it.each([
    '11010519491231002X',
    '11010519491231002x',
    '830000199201300022', // Taiwan residents' residence permit
    '810000199001010027', // Hong Kong residents' residence permit
    '440305199003071236',
    '310115200002290048', // 29 February of a leap year
    '110105 19491231 002X',
    '１１０１０５１９４９１２３１００２Ｘ',
    '110105491231002', // 15-digit legacy ID
  ])('accepts %s', (value) => {
    expect(isValidCnResidentId(value)).toBe(true);
  });

  it.each([
    ['110105194912310021', 'wrong check digit'],
    ['440305199003071235', 'wrong check digit'],
    ['910105194912310025', 'no province 91'],
    ['830100199201300022', 'residence permits are exactly 830000'],
    ['110105194902300020', '30 February'],
    ['310115190002290045', '1900 was not a leap year'],
    ['11010519491231002', '17 characters'],
    ['110105491331002', 'legacy ID with month 13'],
    ['1101051949123100XX', 'letters inside'],
  ])('refuses %s (%s)', (value) => {
    expect(isValidCnResidentId(value)).toBe(false);
  });

  it('refuses a birth date after the given today, and accepts it without one', () => {
    const first17 = '11010520300101001';
    const future = `${first17}${residentIdCheckChar(first17)}`;
    expect(isValidCnResidentId(future)).toBe(true);
    expect(isValidCnResidentId(future, { today: '2025-06-01' })).toBe(false);
    expect(isValidCnResidentId('11010519491231002X', { today: '2025-06-01T10:00:00Z' })).toBe(true);
    expect(isValidCnResidentId('11010519491231002X', { today: '1949-12-30' })).toBe(false);
  });

  it('normalises case and spacing', () => {
    expect(normalizeCnResidentId(' 110105-19491231-002x ')).toBe('11010519491231002X');
  });
});
