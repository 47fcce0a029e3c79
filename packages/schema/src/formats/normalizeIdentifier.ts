/**
 * Maps full-width ASCII variants (U+FF01–U+FF5E) and the ideographic space (U+3000) to their
 * half-width forms. Every mapped character is one UTF-16 code unit on both sides, so offsets
 * into the result are offsets into the input.
 */
export function toHalfWidth(value: string): string {
  let out = '';
  for (let i = 0; i < value.length; i++) {
    const code = value.charCodeAt(i);
    if (code >= 0xff01 && code <= 0xff5e) out += String.fromCharCode(code - 0xfee0);
    else if (code === 0x3000) out += ' ';
    else out += value[i];
  }
  return out;
}

/** Trim, full-width → half-width, upper-case, and drop the spaces and dashes written inside a number. */
export function normalizeIdentifier(value: string): string {
  return toHalfWidth(value)
    .trim()
    .toUpperCase()
    .replace(/[\s\-\u2010-\u2015]/g, '');
}

/** {@link normalizeIdentifier}, then drop a leading `+86` or `0086` country code. */
export function normalizePhoneNumber(value: string): string {
  const id = normalizeIdentifier(value);
  if (id.startsWith('+86')) return id.slice(3);
  if (id.startsWith('0086')) return id.slice(4);
  return id;
}
