import { addressDetector } from './detectors/addressDetector.js';
import { bankCardDetector } from './detectors/bankCardDetector.js';
import { emailDetector } from './detectors/emailDetector.js';
import { hkIdDetector } from './detectors/hkIdDetector.js';
import { landlineDetector } from './detectors/landlineDetector.js';
import { mobileDetector } from './detectors/mobileDetector.js';
import { nameDetector } from './detectors/nameDetector.js';
import { passportDetector } from './detectors/passportDetector.js';
import { plateDetector } from './detectors/plateDetector.js';
import { qqDetector } from './detectors/qqDetector.js';
import { residentIdDetector } from './detectors/residentIdDetector.js';
import { twIdDetector } from './detectors/twIdDetector.js';
import { usccDetector } from './detectors/usccDetector.js';
import { wechatDetector } from './detectors/wechatDetector.js';
import type { PiiDetector, PiiType } from './piiTypes.js';

/** One detector per PII type: the one registry behind the web warning, the server scan and masking. */
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
  name: nameDetector,
  address: addressDetector,
  wechat: wechatDetector,
  qq: qqDetector,
  plate: plateDetector,
};

/** The detectors run again over the number view (numbers written evasively, see `numberView.ts`). */
export const NUMBER_DETECTORS: readonly PiiDetector[] = [
  mobileDetector,
  landlineDetector,
  residentIdDetector,
  bankCardDetector,
  qqDetector,
];
