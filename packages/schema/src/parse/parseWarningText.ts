import type { ParseWarning, ParseWarningCode } from './parseIssue.js';

type Locale = 'zh-CN' | 'en';
type Params = Record<string, string>;

const TEXT: Record<ParseWarningCode, Record<Locale, (p: Params) => string>> = {
  'format-unknown': {
    en: (p) =>
      `The format "${p.format}" is not known, so it is ignored: values are not checked against it. Use a standard format (email, date, uri, uuid …) or a "pattern" if values must be checked.`,
    'zh-CN': (p) =>
      `格式 "${p.format}" 未知，已忽略：取值不会按它检查。如需检查，请改用标准格式（email、date、uri、uuid …）或 "pattern"。`,
  },
  'keyword-without-type': {
    en: (p) =>
      `"${p.keyword}" only applies to ${p.type} values, but this schema does not say "type": "${p.type}", so other values skip it. Add "type": "${p.type}" here (or to every branch) if that is what it holds.`,
    'zh-CN': (p) =>
      `"${p.keyword}" 只作用于 ${p.type} 类型的值，但这里没有写 "type": "${p.type}"，其他类型的值会跳过它。如果这里存的就是 ${p.type}，请加上 "type": "${p.type}"（或在每个分支中加上）。`,
  },
  'tuple-open': {
    en: (p) =>
      `This tuple lists ${p.count} items but does not say whether there may be fewer or more: add "minItems": ${p.count} and "items": false if it always has exactly ${p.count}.`,
    'zh-CN': (p) =>
      `这个元组列出了 ${p.count} 项，但没有说明能否更少或更多：如果总是正好 ${p.count} 项，请加上 "minItems": ${p.count} 和 "items": false。`,
  },
  'required-undeclared': {
    en: (p) =>
      `"required" names "${p.property}", which is not declared in "properties" beside it (it may be declared in a branch). That works; declare it beside "required" too if it should always show in forms.`,
    'zh-CN': (p) =>
      `"required" 中的 "${p.property}" 没有在旁边的 "properties" 中声明（可能在分支中声明）。这样可以使用；如果它应始终出现在表单中，请在旁边也声明它。`,
  },
  'condition-incomplete': {
    en: (p) =>
      p.keyword === 'if'
        ? 'This "if" has no "then" or "else", so it has no effect: add the branch it should select, or remove it.'
        : `This "${p.keyword}" has no "if" beside it, so it has no effect: add the "if" condition, or remove it.`,
    'zh-CN': (p) =>
      p.keyword === 'if'
        ? '这个 "if" 没有 "then" 或 "else"，不起作用：请补上要选择的分支，或删除它。'
        : `这个 "${p.keyword}" 旁边没有 "if"，不起作用：请补上 "if" 条件，或删除它。`,
  },
  'property-matches-pattern': {
    en: (p) =>
      `The property "${p.property}" also matches the patternProperties pattern "${p.pattern}", so both schemas apply to it. Rename the property or narrow the pattern if that is not intended.`,
    'zh-CN': (p) =>
      `属性 "${p.property}" 同时匹配 patternProperties 的模式 "${p.pattern}"，两个 schema 都会作用于它。如非有意，请改名或收窄模式。`,
  },
  'schema-note': {
    en: (p) => `The schema compiler notes: ${p.note}. Check that this part does what you expect.`,
    'zh-CN': (p) => `Schema 编译器提示：${p.note}。请确认这部分符合预期。`,
  },
};

/** A warning with its English message (and the params every locale's message is built from). */
export function parseWarning(code: ParseWarningCode, path: string, params: Params): ParseWarning {
  return { path, code, params, message: TEXT[code].en(params) };
}

/** The message of a parse warning in a locale (the English one for a warning without params). */
export function describeParseWarning(
  warning: { code: string; message: string; params?: Params },
  locale: Locale,
): string {
  const text = TEXT[warning.code as ParseWarningCode];
  if (text === undefined || warning.params === undefined) return warning.message;
  return text[locale](warning.params);
}
