import type { SanitizedField } from '@veil/schema';
import type { ImportTarget } from './importTargets.js';
import type { SheetColumn } from './sheetColumns.js';

/** Why a column is proposed for a field. */
type SuggestionBasis = 'title' | 'synonym' | 'values';

export interface ColumnSuggestion {
  column: string;
  /** Schema path, or `null` when nothing fits. */
  field: string | null;
  by: SuggestionBasis | null;
  /** The column looks like the owner (负责人 / 业务员 / owner). */
  owner: boolean;
  /** The column looks personal (a phone, an ID number …); flagged when it maps to no field. */
  personal: string | null;
}

/** One kind of column, with the headers and value shapes that reveal it and the fields it fits. */
interface ColumnKind {
  id: string;
  header: RegExp;
  values?: RegExp;
  personal?: boolean;
  fits: (field: SanitizedField) => boolean;
}

const titled = (field: SanitizedField, pattern: RegExp) =>
  [field.title, ...Object.values(field.i18n).map((t) => t.title ?? ''), field.segments.at(-1) ?? ''].some(
    (t) => pattern.test(t),
  );

/** The registry of column kinds (headers in zh-CN and English, and value formats). */
const KINDS: ColumnKind[] = [
  {
    id: 'mobile',
    header: /手机|电话|联系方式|mobile|phone|\btel\b/i,
    values: /^(\+?86[\s-]?)?1[3-9]\d[\s-]?\d{4}[\s-]?\d{4}$/,
    personal: true,
    fits: (f) => f.format === 'cn-mobile' || titled(f, /手机|电话|mobile|phone/i),
  },
  {
    id: 'email',
    header: /邮箱|邮件|e-?mail/i,
    values: /^[^@\s]+@[^@\s]+\.[^@\s]+$/,
    personal: true,
    fits: (f) => f.format === 'email' || titled(f, /邮箱|e-?mail/i),
  },
  {
    id: 'uscc',
    header: /信用代码|uscc|credit code/i,
    values: /^[0-9A-HJ-NPQRTUWXY]{2}\d{6}[0-9A-HJ-NPQRTUWXY]{10}$/,
    fits: (f) => f.format === 'cn-uscc',
  },
  {
    id: 'resident-id',
    header: /身份证|证件号|id ?(card|number|no)/i,
    values: /^\d{17}[\dXx]$/,
    personal: true,
    fits: (f) => f.format === 'cn-resident-id',
  },
  {
    id: 'company',
    header: /公司|单位|客户名称|企业|company|customer|account/i,
    fits: (f) => titled(f, /公司|company/i),
  },
  {
    id: 'contact-name',
    header: /联系人|姓名|contact|name/i,
    personal: true,
    fits: (f) => f.privacy.categories.includes('contact') && titled(f, /姓名|name/i),
  },
  {
    id: 'next-date',
    header: /下次|计划|next/i,
    fits: (f) => f.format === 'date' && titled(f, /下次|next/i),
  },
  {
    id: 'last-date',
    header: /最近|上次|last/i,
    fits: (f) => f.format === 'date' && titled(f, /最近|last/i),
  },
  {
    id: 'amount',
    header: /金额|成交|预算|amount|deal|value/i,
    values: /^[¥￥]?-?[\d,]+(\.\d+)?\s*(万|万元|元)?$/,
    fits: (f) => f.kind === 'number' || f.kind === 'integer',
  },
  { id: 'stage', header: /阶段|状态|stage|status/i, fits: (f) => titled(f, /阶段|stage/i) },
];

const OWNER_HEADER = /负责人|业务员|销售|跟进人|归属|owner|\brep\b|sales ?rep/i;

function normal(text: string): string {
  return text
    .normalize('NFKC')
    .toLowerCase()
    .replace(/[\s_\-()（）:：*]/g, '');
}

function valuesLookLike(samples: string[], pattern: RegExp): boolean {
  const filled = samples.filter((s) => s.trim() !== '');
  return filled.length > 0 && filled.filter((s) => pattern.test(s.trim())).length / filled.length >= 0.8;
}

/**
 * Proposes a field for each column: a header equal to a field's title in any language first, then
 * a known synonym (手机 / 电话 / mobile → the phone field …), then the values' shape (mobile
 * numbers, e-mails, credit codes). Each field is proposed for one column at most.
 */
export function suggestMapping(
  columns: SheetColumn[],
  samples: (column: SheetColumn) => string[],
  targets: ImportTarget[],
): ColumnSuggestion[] {
  const taken = new Set<string>();
  const free = (path: string) => !taken.has(path);
  const out = new Map<string, ColumnSuggestion>();
  const kindOf = (column: SheetColumn): ColumnKind | undefined =>
    KINDS.find((k) => k.header.test(column.title)) ??
    KINDS.find((k) => k.values && valuesLookLike(samples(column), k.values));
  for (const column of columns) {
    const kind = kindOf(column);
    const owner = OWNER_HEADER.test(column.title);
    out.set(column.letter, {
      column: column.letter,
      field: null,
      by: null,
      owner,
      personal: kind?.personal ? kind.id : null,
    });
  }
  const assign = (column: SheetColumn, path: string, by: SuggestionBasis) => {
    taken.add(path);
    const current = out.get(column.letter)!;
    out.set(column.letter, { ...current, field: path, by });
  };
  for (const column of columns) {
    const key = normal(column.title);
    const match = targets.find((t) => free(t.path) && t.titles.some((title) => normal(title) === key));
    if (match) assign(column, match.path, 'title');
  }
  for (const column of columns) {
    const current = out.get(column.letter)!;
    if (current.field !== null || current.owner) continue;
    const byHeader = KINDS.find((k) => k.header.test(column.title));
    const byValues = KINDS.find((k) => k.values && valuesLookLike(samples(column), k.values));
    for (const [kind, by] of [
      [byHeader, 'synonym'],
      [byValues, 'values'],
    ] as const) {
      if (!kind) continue;
      const target = targets.find((t) => free(t.path) && kind.fits(t.field));
      if (target) {
        assign(column, target.path, by);
        break;
      }
    }
  }
  return columns.map((c) => out.get(c.letter)!);
}
