import { describe, expect, it } from 'vitest';
import { EXPORTS_DICTIONARIES } from './exportsText.js';

const CJK = /[\u3000-\u303f\u4e00-\u9fff\uff00-\uffef]/;

describe('issue: the export and share screens in both languages', () => {
  it('has the same keys in both dictionaries, every Chinese value translated', () => {
    const en = EXPORTS_DICTIONARIES.en;
    const zh = EXPORTS_DICTIONARIES['zh-CN'];
    expect(Object.keys(zh).sort()).toEqual(Object.keys(en).sort());
    const untranslated = Object.entries(zh).filter(
      ([, v]) => /[A-Za-z]{2,}/.test(v.replace(/\{\w+\}/g, '')) && !CJK.test(v),
    );
    expect(untranslated).toEqual([]);
    const vars = (text: string) => [...text.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();
    for (const key of Object.keys(en) as (keyof typeof en)[])
      expect(vars(zh[key]), key).toEqual(vars(en[key]));
  });
});
