import { isValidCnResidentId } from '@veil/schema';
import type { PiiDetector } from '../piiTypes.js';
import { findAll, hasContextBefore } from '../scanView.js';

const DATE = '(?:0[1-9]|1[0-2])(?:0[1-9]|[12]\\d|3[01])';
// 18 characters, whole or grouped 6-8-4; or a 15-digit legacy ID.
const RESIDENT_ID = new RegExp(
  `(?<![0-9A-Z])(?<![0-9][.-])(?:[1-9]\\d{5} ?(?:18|19|20)\\d{2}${DATE} ?\\d{3}[0-9X]|[1-9]\\d{7}${DATE}\\d{3})(?![0-9A-Z])(?![.-][0-9])`,
  'g',
);
const WORDS = ['身份证', '身份證', '证件', '證件', '居住证', 'ID', 'IDENTITY'];

/** Resident IDs (GB 11643, residence permits included); 15-digit legacy IDs only next to an ID word. */
export const residentIdDetector: PiiDetector = {
  type: 'resident-id',
  find: (view) => findAll(view, RESIDENT_ID),
  validate(candidate, { view, today }) {
    const options = today === undefined ? {} : { today };
    if (!isValidCnResidentId(candidate.value, options)) return 0;
    const legacy = candidate.value.replace(/ /g, '').length === 15;
    // A legacy ID has no check digit: without an ID word it is just a 15-digit number.
    if (legacy) return hasContextBefore(view, candidate.start, WORDS) ? 0.85 : 0;
    return 0.99;
  },
};
