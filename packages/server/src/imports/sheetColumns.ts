import { VeilError, type VeilIssue } from '../errors/veilError.js';
import { importMessage, type Locale } from './importMessages.js';
import type { SheetCell } from './readSheet.js';

/** A column of the sheet, named by its header. */
export interface SheetColumn {
  /** 0-based index in the row. */
  index: number;
  /** Spreadsheet letter: A, B … AA. */
  letter: string;
  title: string;
}

export interface SheetHeader {
  /** Index (in the grid's rows) of the header row. */
  headerIndex: number;
  /** Rows above it (a title, merged group headings), skipped. */
  skippedRows: number;
  columns: SheetColumn[];
}

/** How many rows from the top may hold the header. */
const HEADER_SEARCH_ROWS = 10;

function columnLetter(index: number): string {
  let n = index + 1;
  let out = '';
  while (n > 0) {
    const r = (n - 1) % 26;
    out = String.fromCharCode(65 + r) + out;
    n = Math.floor((n - 1) / 26);
  }
  return out;
}

const filled = (row: SheetCell[] | undefined): number =>
  (row ?? []).filter((c) => c.text.trim() !== '').length;

/**
 * The header row: the first of the top rows with the most filled cells (a title row or merged
 * group headings above it have fewer), unless the importer names it (`headerRow`, 1-based).
 * Duplicate titles, and a column with data but no title, are refused by column letter.
 */
export function locateHeader(rows: SheetCell[][], locale: Locale, headerRow?: number): SheetHeader {
  let headerIndex: number;
  if (headerRow !== undefined) {
    headerIndex = headerRow - 1;
    if (filled(rows[headerIndex]) === 0)
      throw new VeilError('invalid-input', importMessage('header-row-empty', locale, { row: headerRow }));
  } else {
    headerIndex = -1;
    let best = 0;
    for (let i = 0; i < Math.min(rows.length, HEADER_SEARCH_ROWS); i++) {
      const count = filled(rows[i]);
      if (count > best) {
        best = count;
        headerIndex = i;
      }
    }
    if (headerIndex < 0) throw new VeilError('invalid-input', importMessage('file-empty', locale));
  }
  const header = rows[headerIndex] ?? [];
  const width = rows.reduce((max, row) => Math.max(max, row.length), header.length);
  const columns: SheetColumn[] = [];
  const issues: VeilIssue[] = [];
  const seen = new Map<string, string>();
  for (let index = 0; index < width; index++) {
    const letter = columnLetter(index);
    const title = (header[index]?.text ?? '').replace(/\s+/g, ' ').trim();
    if (title === '') {
      const hasData = rows.slice(headerIndex + 1).some((row) => (row[index]?.text ?? '').trim() !== '');
      if (hasData)
        issues.push({
          path: `/columns/${letter}`,
          code: 'header-empty',
          message: importMessage('header-empty', locale, { letter }),
        });
      continue;
    }
    const key = title.toLowerCase();
    const first = seen.get(key);
    if (first !== undefined) {
      issues.push({
        path: `/columns/${letter}`,
        code: 'header-duplicate',
        message: importMessage('header-duplicate', locale, { first, letter, title }),
      });
      continue;
    }
    seen.set(key, letter);
    columns.push({ index, letter, title });
  }
  if (issues.length > 0)
    throw new VeilError(
      'invalid-input',
      `${importMessage('header-unusable', locale, { row: headerIndex + 1 })} ${issues.map((i) => i.message).join(' ')}`,
      { issues },
    );
  return { headerIndex, skippedRows: headerIndex, columns };
}
