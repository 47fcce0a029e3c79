import { isValidCnPassport } from '@veil/schema';
import type { PiiDetector } from '../piiTypes.js';
import { findAll, hasContextBefore } from '../scanView.js';

const PASSPORT = /(?<![0-9A-Z])(?:G\d{8}|E[A-HJ-NP-Z0-9]\d{7})(?![0-9A-Z])/g;
const WORDS = ['护照', '護照', 'PASSPORT'];

/** PRC passports: no check digit, so only next to 护照/passport (G2024… is as often a model number). */
export const passportDetector: PiiDetector = {
  type: 'passport',
  find: (view) => findAll(view, PASSPORT),
  validate(candidate, { view }) {
    if (!isValidCnPassport(candidate.value)) return 0;
    return hasContextBefore(view, candidate.start, WORDS) ? 0.9 : 0;
  },
};
