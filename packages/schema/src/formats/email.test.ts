import { describe, expect, it } from 'vitest';
import { isValidEmail, normalizeEmail } from './email.js';

describe('email', () => {
  it.each(['a@example.com', 'zhang.san+crm@mail.example.com.cn', 'Li_Lei@Example.ORG', ' wang@163.com '])(
    'accepts %s',
    (value) => {
      expect(isValidEmail(value)).toBe(true);
    },
  );

  it.each([
    'a@b',
    '@example.com',
    'a@@example.com',
    'a b@example.com',
    'a@-example.com',
    '.a@example.com',
    'a..b@x.com',
    'a@example.c0m',
    '张三@example.com',
  ])('refuses %s', (value) => {
    expect(isValidEmail(value)).toBe(false);
  });

  it('lower-cases and half-widths', () => {
    expect(normalizeEmail(' Ａ@Example.COM ')).toBe('a@example.com');
  });
});
