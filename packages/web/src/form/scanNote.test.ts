import { PII_DETECTORS } from '@veil/policy';
import { describe, expect, it } from 'vitest';
import { en } from '../app/messages.js';
import { zhCN } from '../app/messagesZhCN.js';
import { scanNote } from './scanNote.js';

describe('scanNote', () => {
  it('warns about the kinds of issue 18 and masks them with the shared registry', () => {
    const scan = scanNote(
      '客户王建国说下周再谈，家住浦东新区张江路88号3栋502室，微信 zhangwei_8821',
      '2026-12-03',
    );
    expect(scan.kinds).toEqual(['name', 'address', 'wechat']);
    expect(scan.masked).toBe('客户王**说下周再谈，家住浦东新区************，微信 ***');
  });

  it('has a label in both languages for every kind the registry reports', () => {
    for (const kind of Object.keys(PII_DETECTORS)) {
      const key = `pii.kind.${kind}`;
      expect(en, key).toHaveProperty([key]);
      expect(zhCN, key).toHaveProperty([key]);
    }
  });
});
