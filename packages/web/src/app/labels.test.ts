import { DEFAULT_WORKSPACE_POLICY, LEVELS, RELATIONS } from '@veil/schema';
import { describe, expect, it } from 'vitest';
import { formatMessage, type Locale } from './i18n.js';
import { labelOf, roleLabel } from './labels.js';

const t = (locale: Locale) => (key: Parameters<typeof formatMessage>[1]) => formatMessage(locale, key);

describe('labels', () => {
  it('gives every level, relation and built-in role a label in both languages, never the raw id', () => {
    for (const locale of ['zh-CN', 'en'] as const) {
      for (const level of LEVELS) expect(labelOf(t(locale), 'level', level)).not.toBe(level);
      for (const relation of RELATIONS) expect(labelOf(t(locale), 'relation', relation)).not.toBe(relation);
      for (const role of DEFAULT_WORKSPACE_POLICY.roles)
        expect(roleLabel(t(locale), locale, role.id)).not.toBe(role.id);
    }
    expect(labelOf(t('zh-CN'), 'level', 'confidential')).toBe('机密');
    expect(labelOf(t('en'), 'action', 'record.reveal')).toBe('Value revealed');
    expect(labelOf(t('zh-CN'), 'action', 'record.reveal')).toBe('查看脱敏值');
  });

  it('shows an unknown id as it is rather than a missing-key placeholder', () => {
    expect(labelOf(t('en'), 'action', 'future.thing')).toBe('future.thing');
    expect(roleLabel(t('en'), 'en', 'auditor')).toBe('auditor');
  });

  it("prefers the workspace policy's own title of a role, in the user's language", () => {
    const roles = [
      {
        id: 'auditor',
        kind: 'staff' as const,
        rowScope: 'all' as const,
        title: '审计员',
        i18n: { en: { title: 'Auditor' } },
      },
    ];
    expect(roleLabel(t('en'), 'en', 'auditor', roles)).toBe('Auditor');
    expect(roleLabel(t('zh-CN'), 'zh-CN', 'auditor', roles)).toBe('审计员');
  });
});
