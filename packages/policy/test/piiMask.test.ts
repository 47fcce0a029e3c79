import { describe, expect, it } from 'vitest';
import { detectPii, maskPiiValue, maskText } from '../src/pii/index.js';

describe('maskText', () => {
  it('keeps only what the default mask of each type keeps', () => {
    const text =
      '张三 手机+86 138-1234-5678，身份证11010519491231002X，卡号6222 0210 0000 1234 565，邮箱zhang.san@example.com，座机010-62345678，税号91110000600037341L';
    expect(maskText(text, detectPii(text))).toBe(
      '张三 手机138****5678，身份证1****************X，卡号****4565，邮箱z***@example.com，座机***，税号***',
    );
  });

  it('masks full-width numbers and leaves text without spans alone', () => {
    const text = '电话１３８１２３４５６７８。';
    expect(maskText(text, detectPii(text))).toBe('电话138****5678。');
    expect(maskText('没有个人信息 😀', [])).toBe('没有个人信息 😀');
  });

  it('never splits a surrogate pair, whatever offsets it is given', () => {
    const text = '😀13812345678😀';
    const masked = maskText(text, [{ type: 'mobile', start: 1, end: 14, confidence: 1 }]);
    expect(masked).toBe('138****5678');
    expect(masked).not.toMatch(/[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/);
    expect(maskText('a😀b', [{ type: 'passport', start: 2, end: 3, confidence: 1 }])).toBe('a***b');
  });

  it('clamps spans to the text and redacts overlapping spans as one stretch', () => {
    expect(maskText('13812345678', [{ type: 'mobile', start: -5, end: 99, confidence: 1 }])).toBe(
      '138****5678',
    );
    const overlapping = [
      { type: 'mobile' as const, start: 0, end: 11, confidence: 1 },
      { type: 'bank-card' as const, start: 5, end: 15, confidence: 1 },
    ];
    expect(maskText('138123456781234 end', overlapping)).toBe('*** end');
  });

  it('redacts a value its type cannot mask partially', () => {
    expect(maskPiiValue('mobile', '12345')).toBe('***');
    expect(maskPiiValue('email', '@example.com')).toBe('***');
    expect(maskPiiValue('resident-id', '110105491231002')).toBe('1*************2');
  });
});
