/** The text encodings a CSV upload may be in: UTF-8 (with or without BOM) or GBK/GB18030 as Excel in China writes it. */
export const SHEET_ENCODINGS = ['utf-8', 'gb18030'] as const;
export type SheetEncoding = (typeof SHEET_ENCODINGS)[number];

const UTF8_BOM = [0xef, 0xbb, 0xbf];

function hasUtf8Bom(bytes: Uint8Array): boolean {
  return UTF8_BOM.every((b, i) => bytes[i] === b);
}

function isValidUtf8(bytes: Uint8Array): boolean {
  try {
    new TextDecoder('utf-8', { fatal: true }).decode(bytes);
    return true;
  } catch {
    return false;
  }
}

function hasNonAscii(bytes: Uint8Array): boolean {
  for (const b of bytes) if (b > 0x7f) return true;
  return false;
}

/** UTF-8 when the bytes carry its BOM or decode as UTF-8; else GB18030 (a superset of GBK). */
export function detectEncoding(bytes: Uint8Array): SheetEncoding {
  if (hasUtf8Bom(bytes) || isValidUtf8(bytes)) return 'utf-8';
  return 'gb18030';
}

export interface DecodedText {
  text: string;
  /**
   * The text looks garbled in this encoding (replacement characters, or valid UTF-8 bytes read
   * as GBK): the preview offers the other encoding.
   */
  mojibake: boolean;
}

/** Decodes the bytes in `encoding` (a BOM is dropped) and says whether the result looks garbled. */
export function decodeSheetText(bytes: Uint8Array, encoding: SheetEncoding): DecodedText {
  const text = new TextDecoder(encoding, { ignoreBOM: false }).decode(bytes);
  const mojibake =
    text.includes('\uFFFD') || (encoding === 'gb18030' && hasNonAscii(bytes) && isValidUtf8(bytes));
  return { text, mojibake };
}
