const FULL_WIDTH = /[\uff01-\uff5e\u3000]/;
const FULL_WIDTH_ALL = /[\uff01-\uff5e\u3000]/g;
const LOWER = /[a-z]/;

/**
 * Full-width forms to half-width (as `toHalfWidth` of `@veil/schema`), replacing only the
 * characters that change: a note without full-width characters is returned as it is.
 */
export function toHalfWidthText(text: string): string {
  if (!FULL_WIDTH.test(text)) return text;
  return text.replace(FULL_WIDTH_ALL, (ch) =>
    ch === '\u3000' ? ' ' : String.fromCharCode(ch.charCodeAt(0) - 0xfee0),
  );
}

/**
 * The text detectors scan: full-width forms half-width and ASCII letters upper-case. Every
 * change maps one UTF-16 code unit to one, so an offset in the view is an offset in the text.
 */
export function toScanView(text: string): string {
  const half = toHalfWidthText(text);
  return LOWER.test(half) ? half.replace(/[a-z]+/g, (letters) => letters.toUpperCase()) : half;
}

/** How far before a candidate (in code units) a context word may stand. */
const CONTEXT_WINDOW = 32;

// A context word names the value in its own clause: `收款卡号…（张三），备注：<order>` is no card.
const CLAUSE_END = /[。！？；;，,\n]/g;

/** True when one of the (upper-case) words occurs in the window just before `start`, in the same clause. */
export function hasContextBefore(view: string, start: number, words: readonly string[]): boolean {
  let window = view.slice(Math.max(0, start - CONTEXT_WINDOW), start);
  let clauseStart = 0;
  for (const match of window.matchAll(CLAUSE_END)) clauseStart = match.index + 1;
  window = window.slice(clauseStart);
  return words.some((word) => window.includes(word));
}

/** All matches of a global regular expression as candidates. */
export function findAll(view: string, pattern: RegExp): { start: number; end: number; value: string }[] {
  const found: { start: number; end: number; value: string }[] = [];
  pattern.lastIndex = 0;
  for (let match = pattern.exec(view); match !== null; match = pattern.exec(view)) {
    found.push({ start: match.index, end: match.index + match[0].length, value: match[0] });
    if (match[0].length === 0) pattern.lastIndex++;
  }
  return found;
}

/** The characters of a candidate without separators: `+86 138-1234-5678` → `+8613812345678`. */
export function compact(value: string): string {
  return value.replace(/[\s\-()]/g, '');
}
