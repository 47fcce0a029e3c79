import { describe, expect, it } from 'vitest';
import { formatMessage } from '../app/i18n.js';
import { summarizeDetails } from './summarizeDetails.js';

const en = (key: Parameters<typeof formatMessage>[1], vars?: Record<string, string | number>) =>
  formatMessage('en', key, vars);

describe('summarizeDetails', () => {
  it('counts the records and fields of a read instead of listing every field', () => {
    const text = summarizeDetails(
      {
        kind: 'read',
        templateId: 'b2b',
        records: [
          {
            ref: 'r1',
            id: 'a',
            fields: [
              { path: '/company', access: 'full' },
              { path: '/m', access: 'masked' },
            ],
          },
          { ref: 'r2', id: 'b', fields: [{ path: '/company', access: 'full' }] },
        ],
      },
      en,
    );
    expect(text).toBe('2 record(s) · 2 field(s) in full, 1 masked');
    expect(text).not.toContain('/company');
  });

  it('shows other details as short key: value pairs', () => {
    expect(summarizeDetails({ from: ['rep'], to: ['rep', 'manager'] }, en)).toBe(
      'From: rep · To: rep, manager',
    );
  });

  it('translates the keys and yes/no values for a Chinese reader, and names the fields a write touched', () => {
    const zh = (key: Parameters<typeof formatMessage>[1], vars?: Record<string, string | number>) =>
      formatMessage('zh-CN', key, vars);
    expect(summarizeDetails({ successor: 'user-rep-b', reassigned: 58, seed: true }, zh)).toBe(
      '接手人: user-rep-b · 移交客户数: 58 · 演示数据: 是',
    );
    const write = summarizeDetails(
      { kind: 'write', records: [{ ref: 'r', id: 'a', fields: [{ path: '/stage', access: 'full' }] }] },
      zh,
    );
    expect(write).toBe('1 个字段：/stage');
    expect(write).not.toContain('records');
  });
});
