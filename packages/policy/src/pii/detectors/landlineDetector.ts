import { isValidCnLandline } from '@veil/schema';
import type { PiiDetector } from '../piiTypes.js';
import { findAll } from '../scanView.js';

// The area code must be written apart (dash, space or brackets): a bare 0-led digit run is too
// often something else. An extension written `-802` or `转802` belongs to the number.
const AREA = '0(?:10|2\\d|[3-9]\\d{2})';
// After a bare space the local number must be one run: `0542 5030 3650` is a grouped account number.
const LANDLINE = new RegExp(
  `(?<![0-9A-Z])(?<![0-9][.\\-/])(?:(?:\\(${AREA}\\) ?|${AREA}-)\\d{3,4} ?\\d{4}|${AREA} \\d{7,8})(?:(?:-|转)\\d{1,6})?(?![0-9])(?![.-][0-9])`,
  'g',
);

/** Mainland landlines: `010-62345678`, `(0755) 8765432`, `021-6234 5678转802`. */
export const landlineDetector: PiiDetector = {
  type: 'landline',
  find: (view) => findAll(view, LANDLINE),
  validate: (candidate) => (isValidCnLandline(candidate.value) ? 0.85 : 0),
};
