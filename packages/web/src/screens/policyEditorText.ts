import type { WorkspacePolicyChangeKind } from '@veil/schema';
import { useCallback } from 'react';
import { useI18n } from '../app/i18n.js';

/** The policy editor's strings (kept beside it, in both languages). */
const en = {
  edit: 'Edit the policy',
  editHint:
    'The policy as JSON (without its version). Saving keeps every version; a change that weakens privacy asks for confirmation.',
  save: 'Save policy',
  saving: 'Saving…',
  cancel: 'Cancel',
  saved: 'Saved as version {v}',
  badJson: 'That is not valid JSON.',
  nothing: 'Nothing changed.',
  confirmTitle: 'This change weakens privacy',
  confirmBody: 'Saving it lets people read, write, export or do more. Check each change:',
  confirmDo: 'Save anyway',
  refused: 'The server refused:',
  'kind.role-added': 'Role added',
  'kind.role-removed': 'Role removed',
  'kind.role-kind-changed': 'Role kind changed',
  'kind.row-scope-widened': 'Sees more records',
  'kind.row-scope-narrowed': 'Sees fewer records',
  'kind.access-widened': 'Reads more',
  'kind.access-narrowed': 'Reads less',
  'kind.export-loosened': 'Export relaxed',
  'kind.export-tightened': 'Export tightened',
  'kind.edit-widened': 'Writes more',
  'kind.edit-narrowed': 'Writes less',
  'kind.capability-granted': 'Capability granted',
  'kind.capability-revoked': 'Capability revoked',
  'kind.approval-threshold-raised': 'More rows exported without approval',
  'kind.approval-threshold-lowered': 'Fewer rows exported without approval',
  'kind.purpose-added': 'Purpose added',
  'kind.purpose-removed': 'Purpose removed',
  'kind.purpose-changed': 'Purpose wording changed',
} satisfies Record<string, string> & Record<`kind.${WorkspacePolicyChangeKind}`, string>;

export type PolicyEditorTextKey = keyof typeof en;

const zhCN: Record<PolicyEditorTextKey, string> = {
  edit: '编辑策略',
  editHint: '以 JSON 表示的策略（不含版本号）。每个版本都会保留；削弱隐私保护的变更需要确认。',
  save: '保存策略',
  saving: '正在保存…',
  cancel: '取消',
  saved: '已保存为第 {v} 版',
  badJson: '这不是有效的 JSON。',
  nothing: '没有变更。',
  confirmTitle: '此变更会削弱隐私保护',
  confirmBody: '保存后，有人能查看、修改、导出或操作更多内容。请逐项核对：',
  confirmDo: '仍然保存',
  refused: '服务器拒绝：',
  'kind.role-added': '新增角色',
  'kind.role-removed': '删除角色',
  'kind.role-kind-changed': '角色类型变更',
  'kind.row-scope-widened': '可见记录范围扩大',
  'kind.row-scope-narrowed': '可见记录范围缩小',
  'kind.access-widened': '可查看更多',
  'kind.access-narrowed': '可查看更少',
  'kind.export-loosened': '导出放宽',
  'kind.export-tightened': '导出收紧',
  'kind.edit-widened': '可修改更多',
  'kind.edit-narrowed': '可修改更少',
  'kind.capability-granted': '授予权限',
  'kind.capability-revoked': '收回权限',
  'kind.approval-threshold-raised': '无需审批可导出的行数增加',
  'kind.approval-threshold-lowered': '无需审批可导出的行数减少',
  'kind.purpose-added': '新增用途',
  'kind.purpose-removed': '删除用途',
  'kind.purpose-changed': '用途说明变更',
};

const DICTIONARIES = { en, 'zh-CN': zhCN } as const;

export type PolicyEditorText = (key: PolicyEditorTextKey, vars?: Record<string, string | number>) => string;

/** The policy editor's translator, following the app's locale. */
export function usePolicyEditorText(): PolicyEditorText {
  const { locale } = useI18n();
  return useCallback(
    (key, vars) => {
      const text: string = DICTIONARIES[locale][key] ?? key;
      if (!vars) return text;
      return text.replace(/\{(\w+)\}/g, (m, name: string) => (name in vars ? String(vars[name]) : m));
    },
    [locale],
  );
}

/** Both dictionaries, for the test that they have the same keys. */
export const POLICY_EDITOR_TEXTS = DICTIONARIES;
