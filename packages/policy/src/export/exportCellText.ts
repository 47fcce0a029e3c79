/**
 * A cell's text in an export file: `''` for nothing, arrays (values of a column inside an
 * array, one per item) joined with `, ` as the list view joins them, numbers and booleans
 * as JSON writes them, objects as JSON.
 */
export function exportCellText(value: unknown): string {
  if (value === null || value === undefined) return '';
  if (Array.isArray(value))
    return value
      .map(exportCellText)
      .filter((text) => text !== '')
      .join(', ');
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'boolean' || typeof value === 'bigint')
    return String(value);
  return JSON.stringify(value);
}
