/**
 * Normalises a whole value for its blind index, as DESIGN.md says: full-width → half-width
 * (NFKC), trimmed; phone-like values lose spaces, dashes, brackets and a leading +86/0086;
 * e-mail-like values are lower-cased. Callers normalise query values the same way.
 */
export function normalizeExact(value: string): string {
  const text = value.normalize('NFKC').trim();
  if (text.includes('@')) return text.toLowerCase();
  if (/^[+\d][\d\s\-()]*$/.test(text)) {
    const digits = text.replace(/[\s\-()]/g, '');
    return digits.replace(/^(\+86|0086)(?=\d{11}$)/, '');
  }
  return text.replace(/\s+/g, ' ').toUpperCase();
}
