import { PROCESSING_LABELS } from '../processing/processingLabels.js';
import type { ProcessingLocale } from '../processing/processingRecord.js';
import type { LintFinding } from '../sanitized.js';
import type { WorkspacePolicy } from '../workspacePolicy.js';

/**
 * The variable parts of a lint message. Values of the keys `level`, `basis`, `categories`, `kind`
 * and `roles` are vocabulary ids, shown by their label in the reader's language; any other value
 * is shown as it is (a field title, a code). Never a protected value.
 */
export type LintParams = Readonly<Record<string, string | readonly string[]>>;

/** A message per language, with `{name}` placeholders filled from the finding's params. */
export interface LintMessageText {
  en: string;
  'zh-CN': string;
}

/** The text of every lint code (rules and meta codes), keyed by code, in both languages. */
export const LINT_MESSAGES: Readonly<Record<string, LintMessageText>> = {
  parse: {
    en: '{detail}',
    'zh-CN': '模板无法解析：{detail}',
  },
  'acknowledge-error': {
    en: '"{code}" at {field} is an error and cannot be acknowledged: fix the template instead.',
    'zh-CN': '“{field}”上的 “{code}” 是错误，不能确认接受：请修改模板。',
  },
  'acknowledge-unmatched': {
    en: 'Acknowledgement of "{code}" at {field} matches no finding: remove it or fix its code or path.',
    'zh-CN': '对“{field}”上 “{code}” 的确认没有对应的检查结果：请删除它，或改正代码或路径。',
  },
  'purpose-missing': {
    en: 'Field is {level} but has no purpose: add "purpose" with a purpose id of the workspace.',
    'zh-CN': '字段为“{level}”级别，但没有处理目的：请选择工作区中的一个处理目的。',
  },
  'basis-missing': {
    en: 'Field is {level} but has no lawful basis: add "basis" (consent, contract, legal-obligation, …).',
    'zh-CN': '字段为“{level}”级别，但没有合法性基础：请选择合法性基础（同意、合同、法定义务……）。',
  },
  'mask-type-mismatch': {
    en: 'Mask "{style}" does not fit a field of type {kind}: choose a mask for {kind} values (e.g. "redact").',
    'zh-CN': '脱敏方式“{style}”不适合{kind}类型的字段：请为{kind}选择合适的脱敏方式（例如“遮盖”）。',
  },
  'restricted-exportable': {
    en: 'Restricted field is exported in clear: use "export": "deny", "approval" or "masked".',
    'zh-CN': '受限字段会被明文导出：请把导出设为“禁止”、“需审批”或“脱敏”。',
  },
  'required-hidden-from-creator': {
    en: 'Required field cannot be filled by {roles}, who can create records: make it optional, give it a default, or let those roles edit it as owner.',
    'zh-CN':
      '必填字段无法由可以新建记录的{roles}填写：请改为选填、设置默认值，或允许这些角色以负责人身份编辑。',
  },
  'looks-personal-unannotated': {
    en: 'Field looks personal but has no "x-privacy": it is treated as confidential until annotated; add "x-privacy" with its level, categories, purpose and basis.',
    'zh-CN':
      '字段看起来涉及个人信息，但没有隐私标注：在标注之前按“机密”处理；请设置级别、类别、处理目的和合法性基础。',
  },
  'retention-missing': {
    en: 'Personal field ({categories}) is kept forever: add "retention" to it or a default "retention" to the template.',
    'zh-CN': '个人信息字段（{categories}）会被永久保存：请为它或为模板设置保存期限。',
  },
  'identity-document': {
    en: 'Field collects an identity document: remove it unless the purpose requires it, and acknowledge this warning with the reason.',
    'zh-CN': '字段收集身份证件号码：除非处理目的确实需要，否则请删除；如需保留，请确认接受此提示并写明理由。',
  },
  'sensitive-without-consent': {
    en: 'Sensitive field ({categories}) has basis {basis}: use "consent" (separate consent) or acknowledge with the law that requires it.',
    'zh-CN':
      '敏感个人信息字段（{categories}）的合法性基础是“{basis}”：请改为“同意”（单独同意），或确认接受并写明要求处理的法律依据。',
  },
  'sensitive-level-low': {
    en: 'Sensitive field is only {level}: raise "level" to confidential or restricted.',
    'zh-CN': '敏感字段只是“{level}”级别：请提高到“机密”或“受限”。',
  },
  'free-text-unscanned': {
    en: 'Free-text field has "scan": false: personal numbers typed into it go unnoticed; remove "scan": false.',
    'zh-CN': '自由文本字段关闭了扫描：输入其中的个人号码不会被发现；请开启扫描。',
  },
  'search-exact-on-free-text': {
    en: 'Free-text field has "search": "exact": remove it; blind indexes are for whole identifiers such as phone numbers.',
    'zh-CN': '自由文本字段开启了精确匹配搜索：请关闭；盲索引只适用于手机号等完整标识。',
  },
  'restricted-unencrypted': {
    en: 'Restricted field has "encrypt": false: remove it so the value is encrypted at rest.',
    'zh-CN': '受限字段关闭了静态加密：请开启，使其值加密存储。',
  },
  'personal-example-value': {
    en: 'This personal field has a "default" or "examples" value: every user who opens the form receives the schema and with it that value. Remove it, or use an obviously made-up value.',
    'zh-CN':
      '此个人信息字段带有默认值或示例值：每个打开表单的用户都会收到模式，也就收到这个值。请删除它，或改用明显虚构的值。',
  },
  'branch-privacy-conflict': {
    en: 'Branches give this field different "x-privacy" annotations; the strictest applies in every branch: annotate it once, outside the branches.',
    'zh-CN': '不同分支为此字段设置了不同的隐私标注；每个分支都按最严格的标注执行：请在分支之外统一标注一次。',
  },
};

const KIND_NAMES: Record<ProcessingLocale, Record<string, string>> = {
  en: {
    string: 'text',
    number: 'number',
    integer: 'whole number',
    boolean: 'yes/no',
    object: 'group',
    array: 'list',
  },
  'zh-CN': {
    string: '文本',
    number: '数字',
    integer: '整数',
    boolean: '是/否',
    object: '分组',
    array: '列表',
  },
};

const ACCESS_NAMES: Record<ProcessingLocale, Record<string, string>> = {
  en: { hidden: 'hidden', masked: 'masked', reveal: 'reveal only', 'read-only': 'read-only' },
  'zh-CN': { hidden: '不可见', masked: '仅脱敏', reveal: '需申请查看', 'read-only': '只读' },
};

/** Options of `formatLintMessage`. */
export interface FormatLintMessageOptions {
  /** The workspace policy, for role titles in the reader's language; ids are shown without it. */
  policy?: WorkspacePolicy;
}

function roleTitle(id: string, locale: ProcessingLocale, policy: WorkspacePolicy | undefined): string {
  const role = policy?.roles.find((r) => r.id === id);
  if (role === undefined) return id;
  return role.i18n?.[locale]?.title ?? role.title ?? id;
}

function localizeParam(
  key: string,
  value: string,
  locale: ProcessingLocale,
  policy: WorkspacePolicy | undefined,
): string {
  const labels = PROCESSING_LABELS[locale];
  switch (key) {
    case 'level':
      return (labels.levelName as Record<string, string>)[value] ?? value;
    case 'basis':
      return (labels.basisName as Record<string, string>)[value] ?? value;
    case 'categories':
      return (labels.categoryName as Record<string, string>)[value] ?? value;
    case 'kind':
      return KIND_NAMES[locale][value] ?? value;
    case 'roles': {
      // "rep:masked": a role and why it cannot fill the field.
      const [role = value, why] = value.split(':');
      const title = roleTitle(role, locale, policy);
      if (why === undefined) return title;
      const reason = ACCESS_NAMES[locale][why] ?? why;
      return locale === 'zh-CN' ? `${title}（${reason}）` : `${title} (${reason})`;
    }
    default:
      return value;
  }
}

/** Fills a message text's `{name}` placeholders from params, localizing vocabulary ids. */
export function fillLintText(
  text: string,
  params: LintParams | undefined,
  locale: ProcessingLocale,
  options: FormatLintMessageOptions = {},
): string {
  const sep = PROCESSING_LABELS[locale].listSeparator;
  return text.replace(/\{(\w+)\}/g, (match, name: string) => {
    const value = params?.[name];
    if (value === undefined) return match;
    const list = typeof value === 'string' ? [value] : value;
    return list.map((v) => localizeParam(name, v, locale, options.policy)).join(sep);
  });
}

/**
 * A finding's message in the reader's language: the code's text from `LINT_MESSAGES` filled with
 * the finding's params; a code without a text (a rule added later) keeps its own message.
 */
export function formatLintMessage(
  finding: Pick<LintFinding, 'code' | 'message' | 'params'>,
  locale: ProcessingLocale,
  options: FormatLintMessageOptions = {},
): string {
  const text = LINT_MESSAGES[finding.code]?.[locale];
  if (text === undefined) return finding.message;
  return fillLintText(text, finding.params, locale, options);
}
