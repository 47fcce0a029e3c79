import type { Basis, Category, ExportRule, Level, Relation, RetentionAction } from '../privacy.js';
import type { ProcessingLocale } from './processingRecord.js';

/** Every word the Markdown record uses, per locale. */
export interface ProcessingLabels {
  heading(title: string): string;
  intro: string;
  overview: string;
  item: string;
  value: string;
  template: string;
  templateVersion(id: string, version: number): string;
  policyVersion: string;
  subject: string;
  defaultRetention: string;
  publishable: string;
  yes: string;
  no: string;
  none: string;
  purposes: string;
  purpose: string;
  description: string;
  basis: string;
  fields: string;
  field: string;
  path: string;
  categories: string;
  level: string;
  retention: string;
  encrypted: string;
  export: string;
  audience: string;
  full: string;
  reveal: string;
  masked: string;
  hidden: string;
  edit: string;
  maskedAs: string;
  exports: string;
  exportApproval(rows: number): string;
  acknowledged: string;
  code: string;
  finding: string;
  reason: string;
  noAcknowledgements: string;
  noPersonalFields: string;
  retentionText(days: number, anchor: string, action: string): string;
  listSeparator: string;
  /** Between a list label and its items. */
  colon: string;
  protections: string;
  blindIndex: string;
  scanned: string;
  encryptedAtRest: string;
  qualified(role: string, relations: string): string;
  createdAt: string;
  updatedAt: string;
  relation: Record<Relation, string>;
  categoryName: Record<Category, string>;
  levelName: Record<Level, string>;
  basisName: Record<Basis, string>;
  exportName: Record<ExportRule, string>;
  actionName: Record<RetentionAction, string>;
  maskPartial(keepStart: number, keepEnd: number): string;
  maskRange(bounds: string, unit: string): string;
  maskName: Record<'last4' | 'email' | 'name' | 'year' | 'initials' | 'hash' | 'redact' | 'none', string>;
}

const ZH: ProcessingLabels = {
  heading: (title) => `个人信息处理记录：${title}`,
  intro:
    '本记录由模板自动生成，列出模板收集的每一项个人信息及其目的、法律依据、保存期限和可见范围，可作为处理活动记录（GDPR 第 30 条）和个人信息保护影响评估（《个人信息保护法》第 55–56 条）的依据。',
  overview: '概况',
  item: '项目',
  value: '内容',
  template: '模板',
  templateVersion: (id, version) => `\`${id}\` 第 ${version} 版`,
  policyVersion: '工作区策略版本',
  subject: '识别个人的字段',
  defaultRetention: '默认保存期限',
  publishable: '可发布',
  yes: '是',
  no: '否',
  none: '无',
  purposes: '处理目的',
  purpose: '目的',
  description: '说明',
  basis: '法律依据',
  fields: '个人信息字段',
  field: '字段',
  path: '路径',
  categories: '类别',
  level: '级别',
  retention: '保存期限',
  encrypted: '加密存储',
  export: '导出',
  audience: '可见范围',
  full: '完整可见',
  reveal: '脱敏显示，说明理由后可查看',
  masked: '仅脱敏显示',
  hidden: '不可见',
  edit: '可编辑',
  maskedAs: '脱敏方式',
  exports: '导出内容',
  exportApproval: (rows) => `超过 ${rows} 行的导出需经理审批；导出文件带水印，限时下载一次。`,
  acknowledged: '已确认的检查提示',
  code: '代码',
  finding: '提示',
  reason: '理由',
  noAcknowledgements: '无。',
  noPersonalFields: '本模板不收集个人信息。',
  retentionText: (days, anchor, action) => `${anchor}后 ${days} 天${action}`,
  listSeparator: '、',
  colon: '：',
  protections: '保护措施',
  blindIndex: '仅整值匹配的盲索引',
  scanned: '扫描文本中的手机号、证件号、银行卡号和邮箱',
  encryptedAtRest: '加密存储',
  qualified: (role, relations) => `${role}（${relations}）`,
  createdAt: '创建时间',
  updatedAt: '更新时间',
  relation: { owner: '本人负责的记录', team: '本团队的记录', any: '其他记录' },
  categoryName: {
    identity: '身份证件',
    contact: '联系方式',
    financial: '财务',
    location: '位置',
    health: '健康',
    minor: '未成年人',
    credential: '账号凭证',
    'free-text': '自由文本',
  },
  levelName: { public: '公开', internal: '内部', confidential: '机密', restricted: '受限' },
  basisName: {
    consent: '同意',
    contract: '合同履行',
    'legal-obligation': '法定义务',
    'vital-interest': '重大利益',
    'public-interest': '公共利益',
    'legitimate-interest': '正当利益',
  },
  exportName: { allow: '明文', masked: '脱敏', approval: '需审批', deny: '禁止' },
  actionName: { anonymize: '匿名化', delete: '删除', archive: '归档' },
  maskPartial: (s, e) => `保留前 ${s} 位和后 ${e} 位`,
  maskRange: (bounds, unit) => `区间（分界 ${bounds}${unit ? ` ${unit}` : ''}）`,
  maskName: {
    last4: '仅显示后 4 位',
    email: '邮箱脱敏',
    name: '姓名脱敏',
    year: '仅显示年份',
    initials: '仅显示首字母',
    hash: '哈希',
    redact: '完全遮盖',
    none: '不脱敏',
  },
};

const EN: ProcessingLabels = {
  heading: (title) => `Record of processing: ${title}`,
  intro:
    'Generated from the template: every item of personal information it collects, with its purpose, lawful basis, retention and who sees it — the record of processing activities (GDPR Art. 30) and the input of a personal information protection impact assessment (PIPL Art. 55–56).',
  overview: 'Overview',
  item: 'Item',
  value: 'Value',
  template: 'Template',
  templateVersion: (id, version) => `\`${id}\` version ${version}`,
  policyVersion: 'Workspace policy version',
  subject: 'Fields identifying the person',
  defaultRetention: 'Default retention',
  publishable: 'Publishable',
  yes: 'yes',
  no: 'no',
  none: 'none',
  purposes: 'Purposes',
  purpose: 'Purpose',
  description: 'Description',
  basis: 'Lawful basis',
  fields: 'Personal fields',
  field: 'Field',
  path: 'Path',
  categories: 'Categories',
  level: 'Level',
  retention: 'Retention',
  encrypted: 'Encrypted',
  export: 'Export',
  audience: 'Who sees what',
  full: 'In full',
  reveal: 'Masked, revealed with a reason',
  masked: 'Masked only',
  hidden: 'Not at all',
  edit: 'May edit',
  maskedAs: 'Mask',
  exports: 'What exports may contain',
  exportApproval: (rows) =>
    `Exports of more than ${rows} rows need a manager's approval; files are watermarked and downloadable once for a limited time.`,
  acknowledged: 'Acknowledged lint findings',
  code: 'Code',
  finding: 'Finding',
  reason: 'Reason',
  noAcknowledgements: 'None.',
  noPersonalFields: 'This template collects no personal information.',
  retentionText: (days, anchor, action) => `${days} days after ${anchor}, then ${action}`,
  listSeparator: ', ',
  colon: ': ',
  protections: 'Safeguards',
  blindIndex: 'blind index for whole-value matches only',
  scanned: 'text scanned for phone, ID, bank card numbers and e-mails',
  encryptedAtRest: 'encrypted at rest',
  qualified: (role, relations) => `${role} (${relations})`,
  createdAt: 'creation',
  updatedAt: 'the last update',
  relation: { owner: 'own records', team: "team's records", any: 'other records' },
  categoryName: {
    identity: 'identity document',
    contact: 'contact',
    financial: 'financial',
    location: 'location',
    health: 'health',
    minor: 'minor',
    credential: 'credential',
    'free-text': 'free text',
  },
  levelName: {
    public: 'public',
    internal: 'internal',
    confidential: 'confidential',
    restricted: 'restricted',
  },
  basisName: {
    consent: 'consent',
    contract: 'contract',
    'legal-obligation': 'legal obligation',
    'vital-interest': 'vital interest',
    'public-interest': 'public interest',
    'legitimate-interest': 'legitimate interest',
  },
  exportName: { allow: 'in clear', masked: 'masked', approval: 'after approval', deny: 'never' },
  actionName: { anonymize: 'anonymize', delete: 'delete', archive: 'archive' },
  maskPartial: (s, e) => `keep first ${s} and last ${e}`,
  maskRange: (bounds, unit) => `range (bounds ${bounds}${unit ? ` ${unit}` : ''})`,
  maskName: {
    last4: 'last 4 only',
    email: 'e-mail mask',
    name: 'name mask',
    year: 'year only',
    initials: 'initials',
    hash: 'hash',
    redact: 'redacted',
    none: 'none',
  },
};

/** The labels of each locale the record is written in. */
export const PROCESSING_LABELS: Readonly<Record<ProcessingLocale, ProcessingLabels>> = {
  'zh-CN': ZH,
  en: EN,
};
