import { DEFAULT_WORKSPACE_POLICY, type JsonSchema, type Template } from '@veil/schema';
import { describe, expect, it } from 'vitest';
import { computePreview } from './computePreview.js';

function template(extra: Record<string, JsonSchema> = {}): Template {
  return {
    id: 'preview-test',
    version: 1,
    title: '测试',
    owner: '/ownerId',
    schema: {
      type: 'object',
      properties: {
        ownerId: { type: 'string', title: '负责人', 'x-privacy': { level: 'internal' } },
        phone: {
          type: 'string',
          title: '手机号',
          format: 'cn-mobile',
          'x-i18n': { en: { title: 'Mobile' } },
          'x-privacy': {
            level: 'confidential',
            categories: ['contact'],
            purpose: 'contact',
            basis: 'consent',
            mask: { style: 'partial', keepStart: 3, keepEnd: 4 },
          },
        },
        amount: {
          type: 'number',
          title: '金额',
          'x-privacy': {
            level: 'confidential',
            purpose: 'contact',
            basis: 'contract',
            mask: { style: 'range', bounds: [100000, 500000, 1000000] },
          },
        },
        ...extra,
      },
    },
  };
}

describe('computePreview', () => {
  it('shows a rep the phone masked and the amount as a range on a colleague’s record', () => {
    const result = computePreview(template(), DEFAULT_WORKSPACE_POLICY, {
      role: 'rep',
      relation: 'team',
      locale: 'zh-CN',
    });
    expect(result.status).toBe('ok');
    if (result.status !== 'ok') return;
    expect(result.data?.phone).toBe('138****5678');
    expect(result.data?.amount).toBe('10万–50万');
    expect(result.masked).toEqual(expect.arrayContaining(['/phone', '/amount']));
    const phone = result.form.schema.properties?.phone;
    expect(phone?.readOnly).toBe(true);
    expect(phone?.title).toBe('手机号');
  });

  it('shows the owner their own values in full, with English titles in English', () => {
    const result = computePreview(template(), DEFAULT_WORKSPACE_POLICY, {
      role: 'rep',
      relation: 'owner',
      locale: 'en',
    });
    if (result.status !== 'ok') throw new Error('expected ok');
    expect(result.data?.phone).toBe('13812345678');
    expect(result.masked).toEqual([]);
    expect(result.form.schema.properties?.phone?.title).toBe('Mobile');
  });

  it('hides the record from a partner whose row scope does not admit it', () => {
    const result = computePreview(template(), DEFAULT_WORKSPACE_POLICY, {
      role: 'partner',
      relation: 'any',
      locale: 'en',
    });
    if (result.status !== 'ok') throw new Error('expected ok');
    expect(result.data).toBeNull();
  });

  it('reports parse errors instead of a form', () => {
    const broken = template({ bad: { type: 'string', 'x-privacy': { level: 'secret' as never } } });
    const result = computePreview(broken, DEFAULT_WORKSPACE_POLICY, {
      role: 'rep',
      relation: 'owner',
      locale: 'en',
    });
    expect(result.status).toBe('error');
  });

  it('previews a 200-field template', () => {
    const extra: Record<string, JsonSchema> = {};
    for (let i = 0; i < 197; i++) {
      extra[`f${i}`] =
        i % 3 === 0
          ? { type: 'string', title: `字段${i}`, 'x-privacy': { level: 'internal' } }
          : i % 3 === 1
            ? { type: 'number', title: `数值${i}` }
            : { type: 'string', format: 'date', title: `日期${i}` };
    }
    const big = template(extra);
    const times: number[] = [];
    for (let run = 0; run < 12; run++) {
      const result = computePreview(big, DEFAULT_WORKSPACE_POLICY, {
        role: 'rep',
        relation: 'team',
        locale: 'zh-CN',
      });
      if (result.status !== 'ok') throw new Error('expected ok');
      expect(Object.keys(result.form.schema.properties ?? {})).toHaveLength(200);
      times.push(result.ms);
    }
    times.sort((a, b) => a - b);
    console.log(
      `200-field preview compute: median ${times[6]?.toFixed(1)} ms, first ${times[0]?.toFixed(1)}..max ${times.at(-1)?.toFixed(1)} ms`,
    );
  });
});
