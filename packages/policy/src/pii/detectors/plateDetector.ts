import type { PiiDetector } from '../piiTypes.js';
import { findAll } from '../scanView.js';

// Province abbreviation, city letter (no I/O), optional separator, then five characters
// (ordinary) or six (new energy: D/F first or last). Letters I and O are never used.
const PLATE =
  /[京津沪渝冀豫云辽黑湘皖鲁新苏浙赣鄂桂甘晋蒙陕吉闽贵粤青藏川宁琼][A-HJ-NP-Z][·•・. -]?(?:[DF][A-HJ-NP-Z0-9]\d{4}|\d{5}[DF]|[A-HJ-NP-Z0-9]{4}[A-HJ-NP-Z0-9挂学警港澳])(?![0-9A-Z])/g;

/** Mainland licence plates: `沪A12345`, `京A·D12345` (new energy), `粤B 12345D`. */
export const plateDetector: PiiDetector = {
  type: 'plate',
  find: (view) => findAll(view, PLATE),
  validate(candidate) {
    const body = candidate.value.slice(2).replace(/^[·•・. -]/, '');
    if (body.length === 6) return 0.95;
    // An ordinary plate carries at most two letters among its five characters.
    const letters = body.replace(/[^A-Z]/g, '').length;
    return letters <= 2 ? 0.9 : 0;
  },
};
