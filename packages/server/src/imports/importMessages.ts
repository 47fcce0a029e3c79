/** The locales the server answers in. */
export type Locale = 'zh-CN' | 'en';

type Params = Record<string, string | number>;
type Message = { en: string; 'zh-CN': string };

/** Every message of the import, in both languages; `{name}` is filled from params (titles, letters, counts — never a cell value of a protected field). */
const MESSAGES = {
  'header-empty': {
    en: 'Column {letter} holds data but has no title: give it one in the header row.',
    'zh-CN': '第 {letter} 列有数据但没有标题：请在标题行填写列名。',
  },
  'header-duplicate': {
    en: 'Columns {first} and {letter} are both titled "{title}": rename one so each column has its own title.',
    'zh-CN': '第 {first} 列和第 {letter} 列的标题都是"{title}"：请改名，使每列标题唯一。',
  },
  'header-unusable': {
    en: 'The header row (row {row}) cannot be used.',
    'zh-CN': '标题行（第 {row} 行）无法使用。',
  },
  'header-row-empty': {
    en: 'Row {row} is empty: pick the row that holds the column titles.',
    'zh-CN': '第 {row} 行是空的：请选择列标题所在的行。',
  },
  'file-empty': { en: 'The file is empty: it has no column titles.', 'zh-CN': '文件是空的：没有列标题。' },
  required: { en: '{field}: this field is required.', 'zh-CN': '{field}：此项必填。' },
  'not-number': {
    en: '{field} (column {column}): not a number.',
    'zh-CN': '{field}（{column} 列）：不是数字。',
  },
  'not-date': {
    en: '{field} (column {column}): not a date; write it as 2026-03-05, 2026/3/5 or 2026年3月5日.',
    'zh-CN': '{field}（{column} 列）：不是日期，请写成 2026-03-05、2026/3/5 或 2026年3月5日。',
  },
  'not-boolean': {
    en: '{field} (column {column}): write yes or no (是 / 否).',
    'zh-CN': '{field}（{column} 列）：请填写"是"或"否"。',
  },
  'not-option': {
    en: '{field} (column {column}): not one of the allowed options.',
    'zh-CN': '{field}（{column} 列）：不在可选项中。',
  },
  'formula-no-value': {
    en: '{field} (column {column}): the cell holds a formula without a computed value; save the file in the spreadsheet first.',
    'zh-CN': '{field}（{column} 列）：单元格是没有计算结果的公式，请先在表格软件中保存文件。',
  },
  invalid: { en: '{field}: {reason}', 'zh-CN': '{field}：{reason}' },
  'owner-unknown': {
    en: 'Owner (column {column}): no active user has this login or name.',
    'zh-CN': '负责人（{column} 列）：没有使用此登录名或姓名的在职用户。',
  },
  'owner-ambiguous': {
    en: 'Owner (column {column}): {count} users have this name; write the login instead.',
    'zh-CN': '负责人（{column} 列）：有 {count} 位用户同名，请改填登录名。',
  },
  'owner-forbidden': {
    en: 'Owner (column {column}): you may not give customers to this user.',
    'zh-CN': '负责人（{column} 列）：你不能把客户分配给此用户。',
  },
  'duplicate-other': {
    en: '{field}: this customer is already followed up by another rep (撞单); the row is not imported.',
    'zh-CN': '{field}：该客户已由其他业务员跟进（撞单），此行不导入。',
  },
  'duplicate-own': {
    en: '{field}: you already have this customer; the row is not imported.',
    'zh-CN': '{field}：你已有该客户，此行不导入。',
  },
  'duplicate-in-file': {
    en: '{field}: the same value is on line {first} of this file; the row is not imported.',
    'zh-CN': '{field}：与本文件第 {first} 行重复，此行不导入。',
  },
} satisfies Record<string, Message>;

export type ImportMessageCode = keyof typeof MESSAGES;

/** A message in the locale, with its parameters filled in. */
export function importMessage(code: ImportMessageCode, locale: Locale, params: Params = {}): string {
  return MESSAGES[code][locale].replace(/\{(\w+)\}/g, (_, name: string) => String(params[name] ?? ''));
}
