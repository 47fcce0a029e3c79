// The number view: the scan view with numbers written to slip past a pattern put back into the
// shape the number detectors read. Inside a run of digit-like characters, Chinese numerals
// (with 幺 for 1) and look-alike letters (O for 0, I/l for 1) become digits, separators (space,
// `.`, `-`, `·`) and zero-width characters are dropped, and `(+86)` becomes `+86`. Each
// character of the number view remembers the stretch of the text it came from, so spans found
// in it map back to the text as written.

const ZERO_WIDTH = new Set([0x200b, 0x200c, 0x200d, 0x2060, 0xfeff, 0x00ad]);
const NUMERALS: Record<string, string> = {
  零: '0',
  〇: '0',
  一: '1',
  幺: '1',
  二: '2',
  两: '2',
  三: '3',
  四: '4',
  五: '5',
  六: '6',
  七: '7',
  八: '8',
  九: '9',
  壹: '1',
  贰: '2',
  叁: '3',
  肆: '4',
  伍: '5',
  陆: '6',
  柒: '7',
  捌: '8',
  玖: '9',
};
const LOOK_ALIKES: Record<string, string> = { O: '0', I: '1', L: '1' };
/** Longer letter runs are words, never digits (and the look-up stays bounded). */
const MAX_LOOK_ALIKE_WORD = 3;
const SEPARATORS = new Set([' ', '.', '-', '·', '—', '–']);
/** Fewer digit-like characters than this and a run is no phone, ID or card number: left as written. */
const MIN_RUN_DIGITS = 10;

/** The number view and, per character, the stretch of the text it stands for. */
export interface NumberView {
  view: string;
  /** Text offset of the first code unit each character stands for. */
  starts: number[];
  /** Text offset just past the last code unit each character stands for. */
  ends: number[];
}

function isAsciiLetter(ch: string): boolean {
  return ch >= 'A' && ch <= 'Z';
}

/** Whether the letter at `i` is a look-alike standing alone among digits (not inside a word such as NO or OIL-). */
function isLookAlikeDigit(view: string, i: number): boolean {
  if (LOOK_ALIKES[view[i] ?? ''] === undefined) return false;
  let a = i;
  while (a > 0 && i - a <= MAX_LOOK_ALIKE_WORD && isAsciiLetter(view[a - 1] ?? '')) a--;
  let b = i + 1;
  while (b < view.length && b - a <= MAX_LOOK_ALIKE_WORD && isAsciiLetter(view[b] ?? '')) b++;
  if (b - a > MAX_LOOK_ALIKE_WORD) return false;
  for (let k = a; k < b; k++) if (LOOK_ALIKES[view[k] ?? ''] === undefined) return false;
  // A look-alike word needs a digit right next to it.
  return (
    /[0-9]/.test(view[a - 1] ?? '') || /[0-9]/.test(view[b] ?? '') || NUMERALS[view[b] ?? ''] !== undefined
  );
}

function digitAt(view: string, i: number): string | undefined {
  const ch = view[i] ?? '';
  if (ch >= '0' && ch <= '9') return ch;
  return NUMERALS[ch] ?? (isLookAlikeDigit(view, i) ? LOOK_ALIKES[ch] : undefined);
}

interface Run {
  start: number;
  end: number;
  digits: string;
  /** Text offsets of each digit. */
  at: number[];
  /** Number of digits in the first group, before the first separator. */
  firstGroup: number;
  evasive: boolean;
  /** Written with `.` or `·` between groups. */
  dotted: boolean;
}

/** The run of digit-like characters starting at `start` (a digit-like character). */
function readRun(view: string, start: number): Run {
  let digits = '';
  const at: number[] = [];
  let firstGroup = -1;
  let evasive = false;
  let dotted = false;
  const groups: number[] = [];
  let groupEnd = 0;
  let i = start;
  let end = start;
  while (i < view.length) {
    const digit = digitAt(view, i);
    if (digit !== undefined) {
      if (digit !== view[i]) evasive = true;
      digits += digit;
      at.push(i);
      i++;
      end = i;
      continue;
    }
    // Separators between two digits: zero-width characters, then at most one space, one of
    // `.-·—–` and one space (`138 - 0013 - 8000`), then zero-width characters.
    let j = i;
    let zeroWidth = false;
    while (j < view.length && ZERO_WIDTH.has(view.charCodeAt(j))) {
      j++;
      zeroWidth = true;
    }
    if (view[j] === ' ') j++;
    if (SEPARATORS.has(view[j] ?? '') && view[j] !== ' ') j++;
    if (view[j] === ' ' && j > i && view[j - 1] !== ' ') j++;
    while (j < view.length && ZERO_WIDTH.has(view.charCodeAt(j))) {
      j++;
      zeroWidth = true;
    }
    if (j === i || digitAt(view, j) === undefined) break;
    if (zeroWidth) evasive = true;
    const separator = view.slice(i, j).replace(/[ \u200b-\u200d\u2060\ufeff\u00ad]/g, '');
    if (separator === '.' || separator === '·') dotted = true;
    else if (separator === '—' || separator === '–' || j - i > 1) evasive = true;
    if (firstGroup < 0) firstGroup = digits.length;
    groups.push(digits.length - (groups.length === 0 ? 0 : groupEnd));
    groupEnd = digits.length;
    i = j;
  }
  groups.push(digits.length - groupEnd);
  // Dots make a phone number evasive only in groups of three or more (138.0013.8000) or one
  // digit apiece: 13.4.3656.4291 is a version string, 2024.03.15.1380 a build number.
  if (dotted && (groups.every((g) => g >= 3) || groups.every((g) => g === 1))) evasive = true;
  return { start, end, digits, at, firstGroup: firstGroup < 0 ? digits.length : firstGroup, evasive, dotted };
}

/** Whether separators split the digits other than as the plain detectors read them (3-4-4, 4-4-4-4, 6-8-4). */
function oddlyGrouped(view: string, run: Run): boolean {
  if (run.dotted) return false;
  const groups = view
    .slice(run.start, run.end)
    .split(/[ -]/)
    .map((g) => g.length);
  if (groups.length === 1) return false;
  const shape = groups.join(',');
  return !/^(?:3,4,4|4,4,4,4(?:,[1-3])?|6,8,4|[34],[78])$/.test(shape);
}

// Where a run may start: a digit, a numeral, a look-alike letter, or the `(` of `(+86)`.
const RUN_START = /[0-9零〇一幺二两三四五六七八九壹贰叁肆伍陆柒捌玖OIL(]/g;
const PREFIX = '(+86)';

/** One stretch of the view rewritten: `chars[k]` stands for text offsets `starts[k]`–`ends[k]`. */
interface Edit {
  start: number;
  end: number;
  chars: string;
  starts: number[];
  ends: number[];
}

/** The edit that writes a run (and the `(+86)` before it, if any) as the number detectors read it. */
function editOf(view: string, run: Run, prefixAt: number | undefined): Edit {
  const edit: Edit = { start: prefixAt ?? run.start, end: run.end, chars: '', starts: [], ends: [] };
  const put = (ch: string, start: number, end: number) => {
    edit.chars += ch;
    edit.starts.push(start);
    edit.ends.push(end);
  };
  // `86-138…` / `86 138…`: the country code written without its plus (`+86 …` keeps its own).
  if (
    prefixAt === undefined &&
    view[run.start - 1] !== '+' &&
    run.firstGroup === 2 &&
    run.digits.length === 13 &&
    run.digits.startsWith('86')
  ) {
    put('+', run.start, run.start);
  }
  if (prefixAt !== undefined) {
    put('+', prefixAt, prefixAt + 2);
    put('8', prefixAt + 2, prefixAt + 3);
    put('6', prefixAt + 3, prefixAt + 5);
  }
  run.at.forEach((offset, k) => {
    put(run.digits[k] ?? '', offset, offset + 1);
    // An area code written apart stays apart: the landline detector needs it so.
    if (k + 1 === run.firstGroup && /^0[1-9]\d{1,2}$/.test(run.digits.slice(0, k + 1)))
      put('-', offset + 1, offset + 1);
  });
  return edit;
}

/**
 * The number view of a scan view, or `undefined` when no number in it is written evasively
 * (then the plain pass has seen everything). Linear: the runs are found by one regular
 * expression scan, each character of a run is read once, and the view is only rebuilt when a
 * run was rewritten.
 */
export function toNumberView(view: string): NumberView | undefined {
  const edits: Edit[] = [];
  RUN_START.lastIndex = 0;
  for (let m = RUN_START.exec(view); m !== null; m = RUN_START.exec(view)) {
    let i = m.index;
    let prefixAt: number | undefined;
    if (view[i] === '(') {
      if (!view.startsWith(PREFIX, i)) continue;
      prefixAt = i;
      i += PREFIX.length;
      while (i < view.length && i - (prefixAt + PREFIX.length) < 2 && (view[i] === ' ' || view[i] === '-'))
        i++;
    }
    if (digitAt(view, i) === undefined) continue;
    const run = readRun(view, i);
    RUN_START.lastIndex = Math.max(run.end, i + 1);
    const qualifies =
      run.digits.length >= MIN_RUN_DIGITS &&
      (prefixAt !== undefined || run.evasive || oddlyGrouped(view, run));
    if (qualifies) edits.push(editOf(view, run, prefixAt));
  }
  if (edits.length === 0) return undefined;
  let out = '';
  const starts: number[] = [];
  const ends: number[] = [];
  let at = 0;
  for (const edit of edits) {
    out += view.slice(at, edit.start);
    for (let k = at; k < edit.start; k++) {
      starts.push(k);
      ends.push(k + 1);
    }
    out += edit.chars;
    for (let k = 0; k < edit.starts.length; k++) {
      starts.push(edit.starts[k] ?? 0);
      ends.push(edit.ends[k] ?? 0);
    }
    at = edit.end;
  }
  out += view.slice(at);
  for (let k = at; k < view.length; k++) {
    starts.push(k);
    ends.push(k + 1);
  }
  return { view: out, starts, ends };
}
