import { isValidCnMobile } from '@veil/schema';
import type { PiiDetector } from '../piiTypes.js';
import { compact, findAll, hasContextBefore } from '../scanView.js';

// Left: no letter or digit (a code like JDVA138…), no digit joined by `.`/`-` (2024-138…, 0.138…).
// Right: no digit, no `.`/`-` joining another digit (an amount 13812345678.00).
const MOBILE =
  /(?<![0-9A-Z])(?<![0-9][.-])(?:(?:\+86|0086)[ -]?)?1\d{2}(?:[ -]?\d{4}){2}(?![0-9])(?![.-][0-9])/g;
const WORDS = ['手机', '电话', '联系', '微信', '号码', 'MOBILE', 'PHONE', 'TEL', 'CALL', 'CONTACT'];

/** Mainland mobile numbers, with or without `+86`/`0086`, written whole or as 3-4-4 groups. */
export const mobileDetector: PiiDetector = {
  type: 'mobile',
  find: (view) => findAll(view, MOBILE),
  validate(candidate, { view }) {
    if (!isValidCnMobile(compact(candidate.value))) return 0;
    return hasContextBefore(view, candidate.start, WORDS) ? 0.97 : 0.9;
  },
};
