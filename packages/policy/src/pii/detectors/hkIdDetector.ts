import { isValidHkId } from '@veil/schema';
import type { PiiDetector } from '../piiTypes.js';
import { findAll, hasContextBefore } from '../scanView.js';

const HKID = /(?<![0-9A-Z])[A-Z]{1,2}\d{6}(?:\([0-9A]\)|[0-9A])(?![0-9A-Z])/g;
const WORDS = ['香港身份证', '香港身份證', '身份证', '身份證', 'HKID', 'HK ID', 'IDENTITY CARD'];

/**
 * Hong Kong identity cards. The printed form `A123456(3)` is distinctive; without brackets the
 * check character passes one code in eleven, so the bare form needs an ID word nearby.
 */
export const hkIdDetector: PiiDetector = {
  type: 'hk-id',
  find: (view) => findAll(view, HKID),
  validate(candidate, { view }) {
    if (!isValidHkId(candidate.value)) return 0;
    const context = hasContextBefore(view, candidate.start, WORDS);
    if (candidate.value.endsWith(')')) return context ? 0.97 : 0.9;
    return context ? 0.85 : 0;
  },
};
