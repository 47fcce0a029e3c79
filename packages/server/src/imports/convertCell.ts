import { isValidCnMobile, normalizeCnMobile, type SanitizedField } from '@veil/schema';
import type { ImportMessageCode } from './importMessages.js';
import type { ImportTarget } from './importTargets.js';
import type { SheetCell } from './readSheet.js';

export type Converted = { ok: true; value: unknown } | { ok: false; code: ImportMessageCode };

// Excel's day 0 is 1899-12-30 (it counts 1900 as a leap year).
const EXCEL_EPOCH = Date.UTC(1899, 11, 30);
const DAY_MS = 86_400_000;

function pad(n: number): string {
  return String(n).padStart(2, '0');
}

function ymd(y: number, m: number, d: number): string | null {
  const date = new Date(Date.UTC(y, m - 1, d));
  if (date.getUTCFullYear() !== y || date.getUTCMonth() !== m - 1 || date.getUTCDate() !== d) return null;
  return `${y}-${pad(m)}-${pad(d)}`;
}

/** 2026-03-05, 2026/3/5, 2026.3.5, 2026年3月5日, an Excel serial day (46086) or an XLSX date. */
function parseSheetDate(cell: SheetCell): string | null {
  if (cell.value instanceof Date) return cell.value.toISOString().slice(0, 10);
  const text = cell.text.normalize('NFKC').trim();
  const written = /^(\d{4})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})\s*日?(?:[ T].*)?$/.exec(text);
  if (written) return ymd(Number(written[1]), Number(written[2]), Number(written[3]));
  if (/^\d{5}(\.\d+)?$/.test(text)) {
    const serial = Math.floor(Number(text));
    if (serial >= 20_000 && serial <= 80_000)
      return new Date(EXCEL_EPOCH + serial * DAY_MS).toISOString().slice(0, 10);
  }
  return null;
}

/** 1,200 · ¥1,200.50 · 12万 · 12.5万元 · 3,000元 */
function parseSheetNumber(cell: SheetCell): number | null {
  if (typeof cell.value === 'number') return cell.value;
  const text = cell.text.normalize('NFKC').trim().replace(/^[¥$]/, '').replace(/,/g, '').replace(/\s+/g, '');
  const match = /^(-?\d+(?:\.\d+)?)(万元?|元)?$/.exec(text);
  if (!match) return null;
  const n = Number(match[1]);
  return match[2]?.startsWith('万') ? Math.round(n * 10_000 * 100) / 100 : n;
}

const YES = new Set(['是', '有', 'y', 'yes', 'true', '1', '√']);
const NO = new Set(['否', '无', 'n', 'no', 'false', '0', '×']);

function optionOf(field: SanitizedField, labelLists: string[][], text: string): unknown {
  const options = field.enum ?? [];
  const exact = options.find((o) => String(o) === text);
  if (exact !== undefined) return exact;
  for (const labels of labelLists) {
    const index = labels.indexOf(text);
    if (index >= 0) return options[index];
  }
  const lower = text.toLowerCase();
  return options.find((o) => String(o).toLowerCase() === lower);
}

/** A cell as the field's value; `undefined` value for an empty cell. Codes name the problem, never the value. */
export function convertCell(cell: SheetCell, target: ImportTarget): Converted {
  const field = target.field;
  const text = cell.text.trim();
  if (cell.formula === 'computed' && cell.value === undefined && text === '')
    return { ok: false, code: 'formula-no-value' };
  if (text === '') return { ok: true, value: undefined };
  if (field.enum) {
    const option = optionOf(field, target.optionLabels, text);
    return option === undefined ? { ok: false, code: 'not-option' } : { ok: true, value: option };
  }
  switch (field.kind) {
    case 'number':
    case 'integer': {
      const n = parseSheetNumber(cell);
      if (n === null || (field.kind === 'integer' && !Number.isInteger(n)))
        return { ok: false, code: 'not-number' };
      return { ok: true, value: n };
    }
    case 'boolean': {
      const key = text.toLowerCase();
      if (YES.has(key)) return { ok: true, value: true };
      if (NO.has(key)) return { ok: true, value: false };
      return { ok: false, code: 'not-boolean' };
    }
    default: {
      if (field.format === 'date') {
        const date = parseSheetDate(cell);
        return date === null ? { ok: false, code: 'not-date' } : { ok: true, value: date };
      }
      // A mobile number written with +86, spaces or dashes is stored as its 11 digits.
      if (field.format === 'cn-mobile' && isValidCnMobile(text))
        return { ok: true, value: normalizeCnMobile(text) };
      // CSV text a spreadsheet would run as a formula is kept as text, quoted so it never runs.
      if (cell.formula === 'text') return { ok: true, value: `'${text}` };
      return { ok: true, value: cell.value instanceof Date ? cell.text : text };
    }
  }
}
