import { isValidTwId } from '@veil/schema';
import type { PiiDetector } from '../piiTypes.js';
import { findAll, hasContextBefore } from '../scanView.js';

const TWID = /(?<![0-9A-Z])[A-Z][12]\d{8}(?![0-9A-Z])/g;
const WORDS = ['台湾', '臺灣', '台灣', '台胞', '身分证', '身分證', '身份证', 'TAIWAN', 'TW ID', 'ID'];

/** Taiwan national IDs (check digit); less certain without a word such as 身分證/Taiwan nearby. */
export const twIdDetector: PiiDetector = {
  type: 'tw-id',
  find: (view) => findAll(view, TWID),
  validate(candidate, { view }) {
    if (!isValidTwId(candidate.value)) return 0;
    return hasContextBefore(view, candidate.start, WORDS) ? 0.95 : 0.7;
  },
};
