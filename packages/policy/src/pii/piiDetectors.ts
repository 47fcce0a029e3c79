import { bankCardDetector } from './detectors/bankCardDetector.js';
import { emailDetector } from './detectors/emailDetector.js';
import { hkIdDetector } from './detectors/hkIdDetector.js';
import { landlineDetector } from './detectors/landlineDetector.js';
import { mobileDetector } from './detectors/mobileDetector.js';
import { passportDetector } from './detectors/passportDetector.js';
import { residentIdDetector } from './detectors/residentIdDetector.js';
import { twIdDetector } from './detectors/twIdDetector.js';
import { usccDetector } from './detectors/usccDetector.js';
import type { PiiDetector, PiiType } from './piiTypes.js';

/** One detector per PII type. */
export const PII_DETECTORS: Readonly<Record<PiiType, PiiDetector>> = {
  mobile: mobileDetector,
  landline: landlineDetector,
  'resident-id': residentIdDetector,
  uscc: usccDetector,
  'bank-card': bankCardDetector,
  email: emailDetector,
  passport: passportDetector,
  'hk-id': hkIdDetector,
  'tw-id': twIdDetector,
};
