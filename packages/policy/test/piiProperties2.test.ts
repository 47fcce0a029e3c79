import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { detectPii, maskText, type PiiType } from '../src/pii/index.js';

// Canaries of the kinds of issue 18, each with the part that must not survive masking.
const CANARIES: { type: PiiType; written: string; secret: string }[] = [
  { type: 'name', written: '联系人王建国', secret: '建国' },
  { type: 'name', written: '对接人欧阳娜娜', secret: '娜娜' },
  { type: 'name', written: 'Contact: Kevin Zhang', secret: 'Kevin' },
  { type: 'address', written: '家住浦东新区张江路88号3栋502室', secret: '张江路88号' },
  { type: 'address', written: '地址：江苏省南京市鼓楼区中山北路200号8栋1203室', secret: '中山北路' },
  { type: 'wechat', written: '微信 zhangwei_8821', secret: 'zhangwei_8821' },
  { type: 'wechat', written: 'wxid_a1b2c3d4e5', secret: 'a1b2c3d4e5' },
  { type: 'qq', written: 'QQ号是987654321', secret: '987654321' },
  { type: 'plate', written: '车牌京A·D12345', secret: 'D12345' },
  { type: 'mobile', written: '手机138.0013.8000', secret: '0013' },
  { type: 'mobile', written: '手机一三八零零一三八零零零', secret: '零零一三' },
  { type: 'mobile', written: '手机138\u200b0013\u200b8000', secret: '0013' },
  { type: 'mobile', written: '电话(+86) 138 001 38000', secret: '001 3' },
  { type: 'mobile', written: '手机l38OO138OOO', secret: 'OO138' },
];
// Sentence parts that hold no personal data of their own, among them near-misses.
const FILLERS = [
  '，',
  '。',
  ' ',
  '客户在上海',
  '会议在3号会议室',
  '手机尾号8000',
  '订单号 SO20240315001',
  '版本 v3.8.1',
  '金额 138,001.38 元',
  '客户是上海张江科技有限公司',
  '已拉微信群',
  '客户高度认可',
  '😀',
  '\n',
];

describe('detectPii and maskText on the kinds of issue 18', () => {
  it('find every canary among fillers, and no canary secret survives masking', () => {
    const piece = fc.oneof(fc.constantFrom(...FILLERS), fc.constantFrom(...CANARIES));
    fc.assert(
      fc.property(fc.array(piece, { maxLength: 10 }), (pieces) => {
        const text = pieces.map((p) => (typeof p === 'string' ? p : `，${p.written}，`)).join('');
        const spans = detectPii(text);
        const out = maskText(text, spans);
        for (const p of pieces) {
          if (typeof p === 'string') continue;
          expect(
            spans.some((s) => s.type === p.type && p.written.endsWith(text.slice(s.start, s.end))),
            p.written,
          ).toBe(true);
          expect(out, p.written).not.toContain(p.secret);
        }
        // Fillers alone hold nothing.
        if (pieces.every((p) => typeof p === 'string')) expect(spans).toEqual([]);
      }),
      { numRuns: 300 },
    );
  });

  it('never report a span of the new kinds that reaches into a filler', () => {
    fc.assert(
      fc.property(fc.array(fc.constantFrom(...FILLERS), { maxLength: 20 }), (pieces) => {
        expect(detectPii(pieces.join(''))).toEqual([]);
      }),
      { numRuns: 200 },
    );
  });
});
