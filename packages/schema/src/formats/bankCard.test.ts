import { describe, expect, it } from 'vitest';
import { isValidBankCard, passesLuhn } from './bankCard.js';

describe('bank-card', () => {
  it.each(['4111111111111111', '6222021000000000009', '5432 1098 7654 3212', '4111-1111-1111-1111'])(
    'accepts %s',
    (value) => {
      expect(isValidBankCard(value)).toBe(true);
    },
  );

  it.each([
    ['4111111111111112', 'Luhn fails'],
    ['6222021000000000008', 'Luhn fails'],
    ['411111111111111', '15 digits'],
    ['42424242424242424242', '20 digits'],
    ['4111 1111 1111 111a', 'letter'],
  ])('refuses %s (%s)', (value) => {
    expect(isValidBankCard(value)).toBe(false);
  });

  it('implements Luhn', () => {
    expect(passesLuhn('79927398713')).toBe(true);
    expect(passesLuhn('79927398710')).toBe(false);
  });
});
