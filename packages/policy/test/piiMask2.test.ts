import { describe, expect, it } from 'vitest';
import { detectPii, maskPiiValue, maskText } from '../src/pii/index.js';

const masked = (text: string) => maskText(text, detectPii(text));

describe('maskText on the kinds of issue 18', () => {
  it('keeps a name its surname, an address its district, a plate its region; redacts chat ids', () => {
    expect(
      masked(
        '客户王建国说下周再谈，家住浦东新区张江路88号3栋502室，微信 zhangwei_8821，QQ 12345678，车牌沪A12345',
      ),
    ).toBe('客户王**说下周再谈，家住浦东新区************，微信 ***，QQ ***，车牌沪A*****');
  });

  it('masks compound surnames and English names as the name mask does', () => {
    expect(masked('欧阳娜娜女士同意了。')).toBe('欧阳**女士同意了。');
    expect(masked('Contact: John Smith, procurement.')).toBe('Contact: J*** S***, procurement.');
  });

  it('keeps the city when an address has no district, and redacts an address with neither', () => {
    expect(maskPiiValue('address', '杭州市文三路478号')).toBe('杭州市*******');
    expect(maskPiiValue('address', '张江路88号')).toBe('***');
    expect(maskPiiValue('address', '上海市浦东新区张江路1599弄3号502室')).toBe(
      '上海市浦东新区**************',
    );
  });

  it('masks evasively written numbers by what they are', () => {
    expect(masked('手机 138.0013.8000')).toBe('手机 138****8000');
    expect(masked('电话(+86) 138 0013 8000，下午打')).toBe('电话138****8000，下午打');
    expect(masked('号码一三八零零一三八零零零')).toBe('号码***');
    expect(masked('手机138\u200b0013\u200b8000')).toBe('手机138****8000');
  });
});
