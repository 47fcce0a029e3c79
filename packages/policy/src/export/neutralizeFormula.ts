/** Characters that make a spreadsheet read a cell as a formula (OWASP, "CSV Injection"). */
const FORMULA_START = new Set(['=', '+', '-', '@', '\t', '\r']);

/**
 * Neutralizes a text cell against formula injection as OWASP describes: a cell that starts
 * with `=`, `+`, `-`, `@`, a tab or a carriage return gets a leading apostrophe, so Excel,
 * LibreOffice and Google Sheets show it as text. Quoting stays with the CSV library.
 */
export function neutralizeFormula(text: string): string {
  return text.length > 0 && FORMULA_START.has(text[0]!) ? `'${text}` : text;
}
