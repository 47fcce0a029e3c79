import { DEFAULT_WORKSPACE_POLICY, diffWorkspacePolicy } from '@veil/schema';
import { describe, expect, it } from 'vitest';
import { formatMessage, type Locale } from '../app/i18n.js';
import { describePolicyChange } from './describePolicyChange.js';
import { POLICY_EDITOR_TEXTS, type PolicyEditorTextKey } from './policyEditorText.js';

const helpers = (locale: Locale) => ({
  t: (key: Parameters<typeof formatMessage>[1]) => formatMessage(locale, key),
  tx: (key: PolicyEditorTextKey) => POLICY_EDITOR_TEXTS[locale][key],
  locale,
  roles: DEFAULT_WORKSPACE_POLICY.roles,
});

describe('the policy confirmation', () => {
  it('names each weakening change in the user’s language: kind, level, role, relation and levels', () => {
    const next = structuredClone(DEFAULT_WORKSPACE_POLICY);
    next.levelDefaults.confidential.access.rep = 'full';
    const [first] = diffWorkspacePolicy(DEFAULT_WORKSPACE_POLICY, next).changes;
    expect(describePolicyChange(first!, helpers('en'))).toBe(
      'Reads more · Confidential · Sales rep · Department · Masked → Full',
    );
    expect(describePolicyChange(first!, helpers('zh-CN'))).toBe(
      '可查看更多 · 机密 · 业务员 · 本部门 · 脱敏 → 完整可见',
    );
  });

  it('has every string in both languages', () => {
    expect(Object.keys(POLICY_EDITOR_TEXTS['zh-CN']).sort()).toEqual(
      Object.keys(POLICY_EDITOR_TEXTS.en).sort(),
    );
  });
});
