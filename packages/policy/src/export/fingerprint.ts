/**
 * A keyed fingerprint of an export: every text cell carries, right after its first character,
 * a short run of invisible characters chosen by a keyed function of the cell's visible text.
 * A key belongs to one export; the trace keeps the key, never the cells. The package computes
 * no HMAC itself: the caller passes the export's keyed function in (HMAC-SHA-256 on the server).
 */

/** The invisible marks: zero width space, non-joiner, joiner, word joiner (2 bits each). */
export const FINGERPRINT_MARKS = ['\u200b', '\u200c', '\u200d', '\u2060'] as const;

/** Marks per cell: 3 × 2 bits, so a cell agrees with a wrong key with probability 1/64. */
export const MARKS_PER_CELL = 3;

/** An export's keyed function: HMAC of a message under the export's key, as lowercase hex. */
export type FingerprintPrf = (message: string) => string;

const MARK_PATTERN = /\u200b|\u200c|\u200d|\u2060/g;
const HAS_MARK = /\u200b|\u200c|\u200d|\u2060/;

/** The text without fingerprint marks. */
export function stripFingerprint(text: string): string {
  return HAS_MARK.test(text) ? text.replace(MARK_PATTERN, '') : text;
}

/** What the key is applied to: the visible text, trimmed (chat apps and spreadsheets trim). */
function canonicalOf(text: string): string {
  return stripFingerprint(text).trim();
}

/** The marks for each first digest byte: 3 marks of 2 bits. */
const MARKS_OF_BYTE: readonly string[] = Array.from({ length: 256 }, (_, bits) => {
  let out = '';
  for (let i = 0; i < MARKS_PER_CELL; i++) out += FINGERPRINT_MARKS[(bits >> (2 * i)) & 3];
  return out;
});

function expectedMarks(prf: FingerprintPrf, canonical: string): string {
  return MARKS_OF_BYTE[Number.parseInt(prf(canonical).slice(0, 2), 16) & 255]!;
}

/** Whether a cell's text is long enough to carry marks (two visible code points at least). */
function markable(canonical: string): boolean {
  const length = canonical.length;
  if (length >= 3) return true;
  if (length < 2) return false;
  const first = canonical.charCodeAt(0);
  return first < 0xd800 || first > 0xdbff;
}

/**
 * Marks one text cell for an export: the same visible text, with the export's invisible marks
 * after its first code point. Text of fewer than two visible code points stays as it is.
 */
export function markCell(text: string, prf: FingerprintPrf): string {
  const plain = stripFingerprint(text);
  const canonical = plain.trim();
  if (!markable(canonical)) return text;
  const first = plain.charCodeAt(0);
  const split = first >= 0xd800 && first <= 0xdbff && plain.length > 1 ? 2 : 1;
  return plain.slice(0, split) + expectedMarks(prf, canonical) + plain.slice(split);
}

/** One export the trace may match: its id and keyed function. */
export interface TraceCandidate {
  exportId: string;
  prf: FingerprintPrf;
}

/** A matching export: how many marked cells of the fragment its key explains, of how many. */
export interface TraceMatch {
  exportId: string;
  matched: number;
  marked: number;
}

/** Fewest distinct marked cells that must agree before a match is reported. */
export const TRACE_MIN_CELLS = 4;

/** Splits pasted text into cells: lines, then tabs (spreadsheet copy) or commas (CSV text). */
function cellsOf(text: string): string[] {
  const cells: string[] = [];
  for (const line of text.split(/\r\n|\n|\r/)) {
    if (line.includes('\t')) {
      cells.push(...line.split('\t'));
      continue;
    }
    // A tolerant reader of CSV text: quoted cells may hold commas and doubled quotes.
    let cell = '';
    let quoted = false;
    for (let i = 0; i < line.length; i++) {
      const ch = line[i]!;
      if (quoted) {
        if (ch === '"' && line[i + 1] === '"') {
          cell += '"';
          i++;
        } else if (ch === '"') quoted = false;
        else cell += ch;
      } else if (ch === '"' && stripFingerprint(cell).trim() === '') quoted = true;
      else if (ch === ',') {
        cells.push(cell);
        cell = '';
      } else cell += ch;
    }
    cells.push(cell);
  }
  return cells;
}

/** The marks a cell carries (in order), and its visible text. */
function observe(cell: string): { canonical: string; marks: string } | null {
  const marks = cell.match(MARK_PATTERN);
  if (marks === null) return null;
  const canonical = canonicalOf(cell);
  return markable(canonical) ? { canonical, marks: marks.join('') } : null;
}

/**
 * Finds the exports a pasted fragment (rows as text: tab- or comma-separated, header or not)
 * came from: a candidate matches when its key explains at least 90% of the fragment's distinct
 * marked cells, and at least `TRACE_MIN_CELLS` of them (a wrong key explains a cell with
 * probability 1/64). Text without marks (typed by hand) matches nothing.
 */
export function traceFingerprint(rowsText: string, candidates: readonly TraceCandidate[]): TraceMatch[] {
  const observed = new Map<string, string>();
  for (const cell of cellsOf(rowsText)) {
    const seen = observe(cell);
    if (seen !== null) observed.set(`${seen.canonical}\u0000${seen.marks}`, seen.canonical);
  }
  if (observed.size < TRACE_MIN_CELLS) return [];
  const matches: TraceMatch[] = [];
  for (const candidate of candidates) {
    let matched = 0;
    for (const [key, canonical] of observed) {
      const marks = key.slice(canonical.length + 1);
      if (expectedMarks(candidate.prf, canonical) === marks) matched++;
    }
    if (matched >= TRACE_MIN_CELLS && matched >= Math.ceil(observed.size * 0.9))
      matches.push({ exportId: candidate.exportId, matched, marked: observed.size });
  }
  return matches;
}
