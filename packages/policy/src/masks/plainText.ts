/**
 * Whether a code unit is "plain": one grapheme on its own that never joins a neighbour
 * (UAX #29). Plain units are ASCII other than CR, Latin-1 and Latin Extended-A/B (up to
 * U+024F, below the combining diacritics), the CJK ideograph blocks U+3400–U+4DBF and
 * U+4E00–U+9FFF. Text made of plain units has one grapheme per code unit and no surrogate,
 * so the masks can index it directly; a test checks every plain unit against the slow path.
 */
export function isPlainUnit(code: number): boolean {
  if (code < 0x250) return code !== 0x0d;
  return code >= 0x4e00 ? code <= 0x9fff : code >= 0x3400 && code <= 0x4dbf;
}

/** True when every code unit of `text` is plain (the masks' fast path: no segmenting, no copies). */
export function isPlainText(text: string): boolean {
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if (code < 0x250) {
      if (code === 0x0d) return false;
    } else if (code >= 0x4e00 ? code > 0x9fff : code < 0x3400 || code > 0x4dbf) {
      return false;
    }
  }
  return true;
}

/** Whether a code unit is JavaScript whitespace (`\s`, what `trim` and `split(/\s+/)` use). */
export function isSpaceUnit(code: number): boolean {
  if (code <= 0x20) return code === 0x20 || (code >= 0x09 && code <= 0x0d);
  if (code < 0xa0) return false;
  return (
    code === 0xa0 ||
    code === 0x1680 ||
    (code >= 0x2000 && code <= 0x200a) ||
    code === 0x2028 ||
    code === 0x2029 ||
    code === 0x202f ||
    code === 0x205f ||
    code === 0x3000 ||
    code === 0xfeff
  );
}
