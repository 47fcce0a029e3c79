import { isCnProvinceCode, isValidCnUscc } from '@veil/schema';
import type { PiiDetector } from '../piiTypes.js';
import { findAll, hasContextBefore } from '../scanView.js';

const USCC = /(?<![0-9A-Z])[0-9A-HJ-NPQRTUWXY]{2}\d{6}[0-9A-HJ-NPQRTUWXY]{10}(?![0-9A-Z])/g;
// Registering authority → entity types it issues (GB 32100 appendix).
const ENTITY_TYPES: Record<string, string> = {
  '1': '1239',
  '2': '19',
  '3': '123459',
  '4': '129',
  '5': '1239',
  '6': '129',
  '7': '129',
  '8': '19',
  '9': '123',
  A: '19',
  N: '1239',
  Y: '1',
};
const WORDS = ['信用代码', '税号', '纳税人识别号', '营业执照', '执照', 'USCC', 'TAX ID', 'CREDIT CODE'];

/**
 * Unified social credit codes: check character, a known registering authority and entity type,
 * a real province in the region. An all-digit code also needs a word such as 税号 nearby, since
 * one 18-digit order number in 31 passes the check character.
 */
export const usccDetector: PiiDetector = {
  type: 'uscc',
  find: (view) => findAll(view, USCC),
  validate(candidate, { view }) {
    const code = candidate.value;
    if (!isValidCnUscc(code)) return 0;
    if (!(ENTITY_TYPES[code[0] ?? ''] ?? '').includes(code[1] ?? '-')) return 0;
    const region = code.slice(2, 8);
    if (!isCnProvinceCode(region) && region !== '100000') return 0;
    const context = hasContextBefore(view, candidate.start, WORDS);
    if (/^\d+$/.test(code) && !context) return 0;
    return context ? 0.97 : 0.9;
  },
};
