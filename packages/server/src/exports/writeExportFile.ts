import { once } from 'node:events';
import { createWriteStream, type WriteStream } from 'node:fs';
import { pipeline } from 'node:stream/promises';
import { exportCellText, type FingerprintPrf, markCell, neutralizeFormula } from '@veil/policy';
import { stringify } from 'csv-stringify';
import ExcelJS from 'exceljs';

/** One cell as the file holds it. */
type FileCell = string | number | boolean | null;

/** What goes into an export file besides its rows. */
export interface ExportFileOptions {
  /** Where to write (a temporary name; the caller renames it when complete). */
  path: string;
  format: 'csv' | 'xlsx' | 'json';
  exportId: string;
  /** Who, when, purpose, export id: the first row, the XLSX header/footer and document properties. */
  watermark: string;
  /** The requester's display name, for the document's author property. */
  author: string;
  /** Column titles in order. */
  titles: string[];
  /** Rows of values (as `compileExportRow` gives them), streamed. */
  rows: AsyncIterable<unknown[]>;
  /** The export's fingerprint. */
  prf: FingerprintPrf;
}

/**
 * A value as a file cell: numbers and booleans stay typed; text carries the export's fingerprint
 * marks and, for spreadsheets, is neutralized against formula injection.
 */
function cellOf(value: unknown, prf: FingerprintPrf, spreadsheet: boolean): FileCell {
  if (value === null || value === undefined) return null;
  if (typeof value === 'number' || typeof value === 'boolean') return value;
  const text = exportCellText(value);
  if (text === '') return null;
  const marked = markCell(text, prf);
  return spreadsheet ? neutralizeFormula(marked) : marked;
}

function cellsOfRow(row: unknown[], prf: FingerprintPrf, spreadsheet: boolean): FileCell[] {
  const cells = new Array<FileCell>(row.length);
  for (let i = 0; i < row.length; i++) cells[i] = cellOf(row[i], prf, spreadsheet);
  return cells;
}

async function writeCsv(options: ExportFileOptions): Promise<void> {
  // The BOM makes Excel read the file as UTF-8 (Chinese text).
  const stringifier = stringify({ bom: true });
  const done = pipeline(stringifier, createWriteStream(options.path));
  // Rows are written straight into the stringifier; only back-pressure awaits.
  let broken = false;
  const failed = done.then(
    () => undefined,
    () => {
      broken = true;
    },
  );
  try {
    stringifier.write([neutralizeFormula(options.watermark)]);
    stringifier.write(options.titles.map(neutralizeFormula));
    for await (const row of options.rows) {
      if (broken) break;
      if (!stringifier.write(cellsOfRow(row, options.prf, true)))
        await Promise.race([once(stringifier, 'drain'), failed]);
    }
    stringifier.end();
  } catch (error) {
    stringifier.destroy(error as Error);
  }
  await done;
}

/** `&` starts a header/footer code in XLSX; a literal one is doubled. */
const headerText = (text: string) => text.replace(/&/g, '&&');

async function writeXlsx(options: ExportFileOptions): Promise<void> {
  const workbook = new ExcelJS.stream.xlsx.WorkbookWriter({
    filename: options.path,
    useSharedStrings: false,
    useStyles: false,
  });
  workbook.creator = options.author;
  workbook.lastModifiedBy = options.author;
  workbook.title = options.watermark;
  workbook.subject = options.watermark;
  workbook.description = options.watermark;
  workbook.keywords = `veil-export ${options.exportId}`;
  const sheet = workbook.addWorksheet('Export', {
    headerFooter: {
      oddHeader: `&L${headerText(options.watermark)}`,
      oddFooter: `&L${headerText(options.watermark)}&RPage &P / &N`,
    },
  });
  sheet.addRow([neutralizeFormula(options.watermark)]).commit();
  sheet.addRow(options.titles.map(neutralizeFormula)).commit();
  for await (const row of options.rows) sheet.addRow(cellsOfRow(row, options.prf, true)).commit();
  sheet.commit();
  await workbook.commit();
}

async function write(stream: WriteStream, text: string): Promise<void> {
  if (!stream.write(text)) await once(stream, 'drain');
}

async function writeJson(options: ExportFileOptions): Promise<void> {
  const stream = createWriteStream(options.path);
  const closed = once(stream, 'close');
  try {
    await write(
      stream,
      `{"exportId":${JSON.stringify(options.exportId)},"watermark":${JSON.stringify(options.watermark)},"columns":${JSON.stringify(options.titles)},"rows":[`,
    );
    let first = true;
    for await (const row of options.rows) {
      await write(stream, `${first ? '\n' : ',\n'}${JSON.stringify(cellsOfRow(row, options.prf, false))}`);
      first = false;
    }
    await write(stream, '\n]}\n');
  } finally {
    stream.end();
  }
  await closed;
}

/** Writes an export file as a stream, with a library for each format; rejects on any failure. */
export async function writeExportFile(options: ExportFileOptions): Promise<void> {
  switch (options.format) {
    case 'csv':
      return writeCsv(options);
    case 'xlsx':
      return writeXlsx(options);
    case 'json':
      return writeJson(options);
  }
}
