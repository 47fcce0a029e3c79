import { MASK_FITS } from '@veil/schema';
import { sliceGraphemes } from '../graphemes.js';
import type { MaskStyle } from '../maskStyle.js';
import { REDACTED, STAR, textOf } from '../maskText.js';
import { isHanPlainUnit, plainHanHead, splitNameWords } from '../nameWords.js';
import { isPlainText, isPlainUnit, isSpaceUnit } from '../plainText.js';

// Middle dots separate the parts of transliterated and minority names (阿卜杜·热合曼).
const NAME_SEPARATORS: ReadonlySet<string> = new Set(['·', '・', '•', '‧']);
// The only separator that is a plain code unit.
const MIDDLE_DOT = 0xb7;
const STARS = Array.from({ length: 16 }, (_, i) => STAR.repeat(i));

function stars(n: number): string {
  return STARS[n] ?? STAR.repeat(n);
}

/**
 * One plain word without whitespace or middle dot (most names): `张*`, `欧阳**`, `J***`.
 * `undefined` when the text is anything else.
 */
function maskPlainWord(text: string): string | undefined {
  const n = text.length;
  if (n === 0) return undefined;
  for (let i = 0; i < n; i++) {
    const code = text.charCodeAt(i);
    if (!isPlainUnit(code) || code === MIDDLE_DOT || isSpaceUnit(code)) return undefined;
  }
  if (!isHanPlainUnit(text.charCodeAt(0))) return text[0] + REDACTED;
  const head = plainHanHead(text, 0, n);
  return text.slice(0, head) + stars(n - head);
}

/** `nameMask` on plain text: words found by code unit, no arrays, one grapheme per unit. */
function maskPlainName(text: string): string {
  let out = '';
  const n = text.length;
  let i = 0;
  while (i < n) {
    while (i < n && isSpaceUnit(text.charCodeAt(i))) i++;
    if (i >= n) break;
    const start = i;
    while (i < n && !isSpaceUnit(text.charCodeAt(i))) i++;
    let word: string;
    if (isHanPlainUnit(text.charCodeAt(start))) {
      const head = start + plainHanHead(text, start, i);
      word = text.slice(start, head);
      let hidden = 0;
      for (let j = head; j < i; j++) {
        if (text.charCodeAt(j) === MIDDLE_DOT) {
          word += `${stars(hidden)}·`;
          hidden = 0;
        } else {
          hidden++;
        }
      }
      word += stars(hidden);
    } else {
      word = text[start] + REDACTED;
    }
    out = out === '' ? word : `${out} ${word}`;
  }
  return out;
}

/**
 * Chinese names keep the surname and show one `*` per remaining character (`张三丰` →
 * `张**`, `欧阳娜娜` → `欧阳**`); other words keep their first letter and a fixed `***`
 * (`John Doe` → `J*** D***`). Words are masked one by one, so `张三 John` → `张* J***`.
 */
export const nameMask: MaskStyle<'name'> = {
  style: 'name',
  fits: (kind) => MASK_FITS.name.includes(kind),
  apply(value) {
    if (typeof value === 'string') {
      const word = maskPlainWord(value);
      if (word !== undefined) return word;
      if (isPlainText(value)) return maskPlainName(value);
    }
    const text = textOf(value);
    if (text === undefined) return REDACTED;
    const masked: string[] = [];
    for (const word of splitNameWords(text)) {
      let out = sliceGraphemes(word.graphemes, 0, word.head);
      if (word.han) {
        for (let i = word.head; i < word.graphemes.length; i++) {
          const g = word.graphemes[i] ?? '';
          out += NAME_SEPARATORS.has(g) ? g : STAR;
        }
      } else {
        out += REDACTED;
      }
      masked.push(out);
    }
    return masked.join(' ');
  },
  // A function of its own (not a shared wrapper), so a caller's call site stays monomorphic.
  compile: (mask, ctx) => (value) => nameMask.apply(value, mask, ctx),
};
