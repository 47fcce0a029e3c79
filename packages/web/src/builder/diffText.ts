import type { TemplateChange, TemplateChangeKind } from '@veil/schema';

/**
 * A Chinese sentence per kind of template change, for the diff panel and the publish dialog.
 * English readers get the diff's own message (it carries the old and new values).
 */
export const DIFF_TEXT_ZH: Readonly<Record<TemplateChangeKind, string>> = {
  'field-added': '新增字段。',
  'field-removed': '删除了字段：使用它的客户端和视图会出错，其数据不再显示。',
  'type-changed': '字段类型改变：已有的值可能不再通过校验。',
  'type-widened': '字段类型由整数放宽为数字。',
  'format-changed': '格式改变：已有的值可能不再通过校验。',
  'format-removed': '去掉了格式要求。',
  'enum-narrowed': '可选值减少：含已删除选项的记录不再通过校验。',
  'enum-widened': '可选值增加。',
  'made-required': '字段改为必填：缺少它的记录不再通过校验。',
  'made-optional': '字段改为选填。',
  'owner-changed': '负责人字段改变：已有记录会失去负责人。',
  'level-lowered': '敏感级别降低。',
  'level-raised': '敏感级别提高。',
  'access-widened': '{role}能看到的更多了。',
  'access-narrowed': '{role}能看到的更少了。',
  'retention-lengthened': '保存期限延长。',
  'retention-shortened': '保存期限缩短。',
  'retention-removed': '去掉了保存期限：数据将被永久保存。',
  'retention-added': '新增保存期限。',
  'retention-action-changed': '到期处理方式改变。',
  'retention-anchor-changed': '保存期限的起算日期改变。',
  'export-loosened': '导出规则放宽。',
  'export-tightened': '导出规则收紧。',
  'encryption-off': '不再静态加密。',
  'encryption-on': '今后静态加密。',
  'mask-weakened': '脱敏方式变弱：显示的内容更多。',
  'mask-strengthened': '脱敏方式变强。',
  'mask-changed': '脱敏方式改变。',
  'scan-off': '自由文本不再扫描个人号码。',
  'scan-on': '今后扫描自由文本中的个人号码。',
  'search-index-added': '新增盲索引：相同的值可以被识别。',
  'search-index-removed': '删除了盲索引。',
  'purpose-changed': '处理目的改变：为原目的取得的同意不涵盖新目的。',
  'basis-changed': '合法性基础改变。',
};

/** A change in the reader's language; `roleTitle` names the role of an access change. */
export function describeChange(
  change: Pick<TemplateChange, 'kind' | 'message' | 'role'>,
  locale: 'zh-CN' | 'en',
  roleTitle: (id: string) => string,
): string {
  if (locale !== 'zh-CN') return change.message;
  const text = DIFF_TEXT_ZH[change.kind as TemplateChangeKind];
  if (text === undefined) return change.message;
  if (!text.includes('{role}')) return text;
  return change.role ? text.replace('{role}', roleTitle(change.role)) : change.message;
}
