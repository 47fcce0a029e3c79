import { detectPii } from '@veil/policy';

/** One PII span found in free text: its kind and offsets, never the text. */
export interface PiiSpan {
  /** What was found: a mobile number, an e-mail, a resident ID, a bank card … */
  type: string;
  start: number;
  end: number;
}

/** The seam over `@veil/policy`'s detector (the server passes today's date; the pure package reads no clock). */
export function detectPiiSpans(text: string, today?: string): PiiSpan[] {
  return detectPii(text, today ? { today } : {}).map(({ type, start, end }) => ({ type, start, end }));
}
