import type { RecordsCaller } from '../records/recordScene.js';
import { SHEET_ENCODINGS } from './decodeSheetText.js';
import { openSheet, type SheetInput } from './openSheet.js';
import { suggestMapping } from './suggestMapping.js';

/** Rows shown in the preview; values for sniffing formats come from up to this many rows. */
const PREVIEW_ROWS = 10;
const SAMPLE_ROWS = 200;

/**
 * What the importer sees before mapping: the header found, the first rows of their own file, a
 * suggested field per column, personal-looking columns, and — for a CSV that reads garbled — the
 * other encoding to try.
 */
export async function previewImport(caller: RecordsCaller, input: SheetInput) {
  const sheet = await openSheet(caller, input);
  const { grid, header } = sheet;
  const first = header.headerIndex + 1;
  const sampleRows = grid.rows.slice(first, first + SAMPLE_ROWS);
  const suggestions = suggestMapping(
    header.columns,
    (column) => sampleRows.map((row) => row[column.index]?.text ?? ''),
    sheet.targets,
  );
  const formulas = (index: number) => sampleRows.filter((row) => row[index]?.formula !== undefined).length;
  return {
    fileName: sheet.meta.fileName,
    format: sheet.format,
    encoding: sheet.encoding,
    detectedEncoding: sheet.detectedEncoding,
    mojibake: grid.mojibake,
    /** Encodings the importer may pick instead (CSV only). */
    otherEncodings: sheet.format === 'csv' ? SHEET_ENCODINGS.filter((e) => e !== sheet.encoding) : [],
    headerRow: header.headerIndex + 1,
    skippedRows: header.skippedRows,
    dataRows: grid.rows.length - first,
    columns: header.columns.map((column, i) => {
      const suggestion = suggestions[i]!;
      return {
        letter: column.letter,
        title: column.title,
        field: suggestion.field,
        by: suggestion.by,
        owner: suggestion.owner,
        personal: suggestion.personal,
        /** Personal-looking, and no field of the template takes it: drop it (minimisation). */
        unneeded: suggestion.personal !== null && suggestion.field === null,
        formulas: formulas(column.index),
      };
    }),
    rows: grid.rows.slice(first, first + PREVIEW_ROWS).map((row, i) => ({
      line: grid.lines[first + i]!,
      cells: header.columns.map((c) => row[c.index]?.text ?? ''),
    })),
    fields: sheet.targets.map((t) => ({ path: t.path, title: t.title, required: t.field.required })),
  };
}
