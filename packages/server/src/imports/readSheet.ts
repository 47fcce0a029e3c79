import { parse } from 'csv-parse/sync';
import ExcelJS from 'exceljs';
import { VeilError } from '../errors/veilError.js';
import { decodeSheetText, type SheetEncoding } from './decodeSheetText.js';

/** One cell as read from the file. */
export interface SheetCell {
  /** The cell as text (a formula cell: its computed result, never the formula). */
  text: string;
  /** A typed value XLSX gave (number, boolean, Date), when there is one. */
  value?: number | boolean | Date;
  /**
   * `computed`: an XLSX formula, read as its computed result (never the formula); `text`: CSV
   * text a spreadsheet would run as a formula (`=`, `@`, `+A1` …), kept as quoted text.
   */
  formula?: 'computed' | 'text';
}

/** A sheet's rows with the line (CSV) or row number (XLSX) each starts on. */
export interface SheetGrid {
  rows: SheetCell[][];
  lines: number[];
  /** For CSV: whether the decoded text looks garbled in the chosen encoding. */
  mojibake: boolean;
}

export type SheetFormat = 'csv' | 'xlsx';

/** XLSX files are zip archives. */
export function formatOf(bytes: Uint8Array): SheetFormat {
  return bytes[0] === 0x50 && bytes[1] === 0x4b ? 'xlsx' : 'csv';
}

// Text a spreadsheet would evaluate when the file is opened again (CSV injection).
const FORMULA_TEXT = /^[=@]|^[+-][^\d\s.]|^[\t\r]/;

function csvCell(text: string): SheetCell {
  return FORMULA_TEXT.test(text) ? { text, formula: 'text' } : { text };
}

function readCsv(bytes: Uint8Array, encoding: SheetEncoding): SheetGrid {
  const { text, mojibake } = decodeSheetText(bytes, encoding);
  let records: { record: string[]; info: { lines: number } }[];
  try {
    records = parse(text, {
      info: true,
      relax_column_count: true,
      skip_empty_lines: false,
      bom: true,
    }) as unknown as typeof records;
  } catch (error) {
    const line = (error as { lines?: number }).lines;
    throw new VeilError(
      'invalid-input',
      `The CSV file cannot be read${line ? ` (near line ${line})` : ''}: check its quotes, or save it again from the spreadsheet.`,
      { cause: error },
    );
  }
  const rows: SheetCell[][] = [];
  const lines: number[] = [];
  let ended = 0;
  for (const { record, info } of records) {
    rows.push(record.map(csvCell));
    lines.push(ended + 1);
    ended = info.lines;
  }
  return { rows, lines, mojibake };
}

function isoDate(date: Date): string {
  return date.toISOString().slice(0, 10);
}

function xlsxCell(value: ExcelJS.CellValue): SheetCell {
  if (value === null || value === undefined) return { text: '' };
  if (typeof value === 'number') return { text: String(value), value };
  if (typeof value === 'boolean') return { text: String(value), value };
  if (typeof value === 'string') return { text: value };
  if (value instanceof Date) return { text: isoDate(value), value };
  if ('formula' in value || 'sharedFormula' in value) {
    const result = (value as { result?: ExcelJS.CellValue }).result;
    const computed =
      result === undefined || (typeof result === 'object' && result !== null && 'error' in result)
        ? { text: '' }
        : xlsxCell(result);
    return { ...computed, formula: 'computed' };
  }
  if ('richText' in value) return { text: value.richText.map((r) => r.text).join('') };
  if ('hyperlink' in value) return { text: String(value.text ?? '') };
  if ('error' in value) return { text: '' };
  return { text: '' };
}

async function readXlsx(bytes: Uint8Array): Promise<SheetGrid> {
  const workbook = new ExcelJS.Workbook();
  try {
    await workbook.xlsx.load(Buffer.from(bytes) as unknown as ArrayBuffer);
  } catch (error) {
    throw new VeilError(
      'invalid-input',
      'The XLSX file cannot be read: save it again from the spreadsheet.',
      {
        cause: error,
      },
    );
  }
  const sheet = workbook.worksheets[0];
  if (!sheet) throw new VeilError('invalid-input', 'The XLSX file has no worksheet.');
  const rows: SheetCell[][] = [];
  const lines: number[] = [];
  sheet.eachRow({ includeEmpty: true }, (row, rowNumber) => {
    const cells: SheetCell[] = [];
    const count = Math.max(row.cellCount, 0);
    for (let c = 1; c <= count; c++) {
      const cell = row.getCell(c);
      // A merged cell's value sits in its master; the others read as empty.
      cells.push(cell.isMerged && cell.master !== cell ? { text: '' } : xlsxCell(cell.value));
    }
    rows.push(cells);
    lines.push(rowNumber);
  });
  return { rows, lines, mojibake: false };
}

/** Reads the first sheet of an upload: CSV in the given encoding, or XLSX. */
export function readSheet(bytes: Uint8Array, encoding: SheetEncoding): Promise<SheetGrid> {
  return formatOf(bytes) === 'xlsx' ? readXlsx(bytes) : Promise.resolve(readCsv(bytes, encoding));
}
