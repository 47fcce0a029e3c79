import type { ColumnInfo } from '../api/types.js';

/** A cell's text: enum values by their localized names, arrays joined, objects summarised. */
export function formatCell(column: ColumnInfo | undefined, value: unknown, locale: string): string {
  if (value === null || value === undefined || value === '') return '';
  if (Array.isArray(value)) return value.map((v) => formatCell(column, v, locale)).join(', ');
  if (column?.enum && column.enumNames) {
    const index = column.enum.indexOf(value);
    if (index >= 0 && column.enumNames[index] !== undefined) return column.enumNames[index];
  }
  if (typeof value === 'number') return value.toLocaleString(locale);
  if (typeof value === 'boolean') return value ? '✓' : '✗';
  if (typeof value === 'object') return '…';
  return String(value);
}
