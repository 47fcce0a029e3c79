import { describe, expect, it } from 'vitest';
import { isValidCnUscc } from './cnUscc.js';

describe('cn-uscc', () => {
  it.each([
    '91110000600037341L',
    '91310115MA1K3YJ22H',
    '52440300MJL123450J',
    '12100000400000043A',
    '91110000600037341l',
  ])('accepts %s', (value) => {
    expect(isValidCnUscc(value)).toBe(true);
  });

  it.each([
    ['91110000600037341M', 'wrong check character'],
    ['91310115MA1K3YJ22J', 'wrong check character'],
    ['91110000600O37341L', 'O is not in the alphabet'],
    ['9111000060003734L', '17 characters'],
    ['9111AB00600037341L', 'region must be digits'],
  ])('refuses %s (%s)', (value) => {
    expect(isValidCnUscc(value)).toBe(false);
  });
});
