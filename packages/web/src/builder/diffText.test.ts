import { describe, expect, it } from 'vitest';
import { DIFF_TEXT_ZH, describeChange } from './diffText.js';

describe('describeChange', () => {
  it('has a Chinese sentence for every kind of change', () => {
    for (const text of Object.values(DIFF_TEXT_ZH)) expect(text).toMatch(/[\u4e00-\u9fff]/);
  });

  it('names the role of an access change by its title in Chinese, and keeps the English message', () => {
    const change = { kind: 'access-widened' as const, role: 'rep', message: 'Role rep reads more: team.' };
    expect(describeChange(change, 'zh-CN', () => '业务员')).toBe('业务员能看到的更多了。');
    expect(describeChange(change, 'en', () => 'Sales rep')).toBe('Role rep reads more: team.');
  });

  it('falls back to the message for a kind it does not know', () => {
    expect(describeChange({ kind: 'future' as never, message: 'Later.' }, 'zh-CN', (r) => r)).toBe('Later.');
  });
});
