import { describe, expect, it } from 'vitest';
import { formatMessage } from '../app/i18n.js';
import { en } from '../app/messages.js';
import { zhCN } from '../app/messagesZhCN.js';
import { localizeErrors } from './localizeErrors.js';

describe('localizeErrors', () => {
  it('replaces Ajv messages by the user’s language, naming the format', () => {
    const zh = localizeErrors((k, v) => formatMessage('zh-CN', k, v), 'zh-CN');
    const [err] = zh([
      {
        name: 'format',
        params: { format: 'cn-mobile' },
        property: '.mobile',
        stack: '',
        message: 'must match format',
      },
    ]);
    expect(err?.message).toBe('不是有效的手机号');
    const english = localizeErrors((k, v) => formatMessage('en', k, v), 'en');
    expect(english([{ name: 'maxLength', params: { limit: 50 }, stack: '' }])[0]?.message).toBe(
      'At most 50 characters',
    );
  });

  it('has every UI string in both languages', () => {
    expect(Object.keys(zhCN).sort()).toEqual(Object.keys(en).sort());
    expect(Object.values(zhCN).every((v) => v.length > 0)).toBe(true);
  });
});
