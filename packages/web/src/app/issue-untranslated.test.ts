import { describe, expect, it } from 'vitest';
import { BUILDER_DICTIONARIES } from '../builder/builderText.js';
import { en } from './messages.js';
import { zhCN } from './messagesZhCN.js';

/**
 * Values of the Chinese dictionaries that may stay in Latin letters: names and codes that read
 * the same in both languages. Anything else without a Chinese character is an untranslated string.
 */
const LATIN_ALLOWED = new Set<string>(['appName']);

const CJK = /[\u3000-\u303f\u4e00-\u9fff\uff00-\uffef]/;
const LATIN_WORD = /[A-Za-z]{2,}/;

function untranslated(dict: Record<string, string>): string[] {
  return Object.entries(dict)
    .filter(([key, value]) => !LATIN_ALLOWED.has(key) && LATIN_WORD.test(value.replace(/\{\w+\}/g, '')))
    .filter(([, value]) => !CJK.test(value))
    .map(([key, value]) => `${key}: ${value}`);
}

describe('issue: every interface string in both languages', () => {
  it('has every message key in both app dictionaries', () => {
    expect(Object.keys(zhCN).sort()).toEqual(Object.keys(en).sort());
    for (const [key, value] of Object.entries(zhCN)) expect(value.trim(), key).not.toBe('');
  });

  it('has every builder key in both builder dictionaries', () => {
    expect(Object.keys(BUILDER_DICTIONARIES['zh-CN']).sort()).toEqual(
      Object.keys(BUILDER_DICTIONARIES.en).sort(),
    );
  });

  it('leaves no Chinese value in English words (except allowed names and codes)', () => {
    expect(untranslated(zhCN)).toEqual([]);
    expect(untranslated(BUILDER_DICTIONARIES['zh-CN'])).toEqual([]);
  });

  it('keeps the placeholders of each message in both languages', () => {
    const vars = (text: string) => [...text.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();
    for (const key of Object.keys(en) as (keyof typeof en)[])
      expect(vars(zhCN[key]), key).toEqual(vars(en[key]));
    for (const key of Object.keys(BUILDER_DICTIONARIES.en) as (keyof typeof BUILDER_DICTIONARIES.en)[])
      expect(vars(BUILDER_DICTIONARIES['zh-CN'][key]), key).toEqual(vars(BUILDER_DICTIONARIES.en[key]));
  });
});
