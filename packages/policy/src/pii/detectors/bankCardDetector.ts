import { isCnResidentRegion, isRealDate, passesLuhn } from '@veil/schema';
import type { PiiDetector } from '../piiTypes.js';
import { findAll, hasContextBefore } from '../scanView.js';

// Whole (16–19 digits) or in groups of four with spaces or dashes; a longer grouped run is an account.
const CARD =
  /(?<![0-9A-Z])(?<![0-9][ .-])(?:\d{4}(?:[ -]\d{4}){3}(?:[ -]\d{1,3})?|\d{16,19})(?![0-9A-Z])(?![ .-][0-9])/g;
const WORDS = [
  '卡号',
  '银行卡',
  '信用卡',
  '借记卡',
  '储蓄卡',
  '工资卡',
  '账户',
  '账号',
  '帐户',
  'CARD',
  'ACCOUNT',
  'ACCT',
];

function looksLikeResidentId(digits: string): boolean {
  return (
    digits.length === 18 &&
    isCnResidentRegion(digits.slice(0, 6)) &&
    isRealDate(Number(digits.slice(6, 10)), Number(digits.slice(10, 12)), Number(digits.slice(12, 14)))
  );
}

/**
 * Bank cards: 16–19 digits passing Luhn. Luhn alone passes one number in ten, so a card also needs
 * an issuer prefix (62, 4, 5, 3) or a card word nearby; an 18-digit number shaped like a resident
 * ID always needs the word.
 */
export const bankCardDetector: PiiDetector = {
  type: 'bank-card',
  find: (view) => findAll(view, CARD),
  validate(candidate, { view }) {
    const digits = candidate.value.replace(/[ -]/g, '');
    if (digits.length < 16 || digits.length > 19 || !passesLuhn(digits)) return 0;
    const context = hasContextBefore(view, candidate.start, WORDS);
    const issuer = /^(?:62|[345])/.test(digits) && !looksLikeResidentId(digits);
    if (issuer) return context ? 0.97 : 0.9;
    return context ? 0.85 : 0;
  },
};
