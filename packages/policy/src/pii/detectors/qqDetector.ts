import type { PiiCandidate, PiiDetector } from '../piiTypes.js';

// QQ numbers are 5–11 digits without a leading zero; they need the cue right before them
// (QQ群 — a group — and QQ邮箱 are not a person's number; an address `12345@qq.com` is an e-mail).
const CUED =
  /(?<![A-Z])(?:QQ|扣扣)\s{0,2}(?:(?:号码|号)\s{0,2})?(?:[:：]\s{0,2})?(?:(?:是|为|IS)\s{0,2})?([1-9]\d{4,10})(?![0-9@])(?!\.\d)/g;

function findQqNumbers(view: string): PiiCandidate[] {
  const found: PiiCandidate[] = [];
  CUED.lastIndex = 0;
  for (let m = CUED.exec(view); m !== null; m = CUED.exec(view)) {
    const digits = m[1] ?? '';
    const start = m.index + m[0].length - digits.length;
    found.push({ start, end: start + digits.length, value: digits });
  }
  return found;
}

/** QQ numbers written after QQ/QQ号/扣扣. Surer than a mobile reading of the same 11 digits. */
export const qqDetector: PiiDetector = {
  type: 'qq',
  find: findQqNumbers,
  validate: () => 0.95,
};
