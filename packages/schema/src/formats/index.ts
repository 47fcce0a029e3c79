import { isValidBankCard } from './bankCard.js';
import { isValidCnLandline } from './cnLandline.js';
import { isValidCnMobile } from './cnMobile.js';
import { isValidCnPassport } from './cnPassport.js';
import { isValidCnResidentId } from './cnResidentId.js';
import { isValidCnUscc } from './cnUscc.js';
import { isValidEmail } from './email.js';
import { isValidHkId } from './hkId.js';
import { isValidIsoDate, isValidIsoDateTime } from './isoDate.js';
import { isValidTwId } from './twId.js';

export { isValidBankCard, normalizeBankCard, passesLuhn } from './bankCard.js';
export { compactIsoDate, isRealDate } from './calendarDate.js';
export { isValidCnLandline, normalizeCnLandline } from './cnLandline.js';
export { isValidCnMobile, normalizeCnMobile } from './cnMobile.js';
export { isValidCnPassport, normalizeCnPassport } from './cnPassport.js';
export { isCnProvinceCode, isCnResidentRegion } from './cnRegion.js';
export {
  isValidCnResidentId,
  normalizeCnResidentId,
  type ResidentIdOptions,
  residentIdCheckChar,
} from './cnResidentId.js';
export { isValidCnUscc, normalizeCnUscc, USCC_ALPHABET, usccCheckChar } from './cnUscc.js';
export { isValidEmail, normalizeEmail } from './email.js';
export { hkIdCheckChar, isValidHkId, normalizeHkId } from './hkId.js';
export { isValidIsoDate, isValidIsoDateTime } from './isoDate.js';
export { normalizeForBlindIndex } from './normalizeForBlindIndex.js';
export { normalizeIdentifier, normalizePhoneNumber, toHalfWidth } from './normalizeIdentifier.js';
export { isValidTwId, normalizeTwId } from './twId.js';

/**
 * Validators registered with Ajv as string formats by the template parser. The resident-ID check
 * here cannot refuse future birth dates (no clock); callers with a clock use `isValidCnResidentId`.
 */
export const FORMAT_VALIDATORS: Record<string, (value: string) => boolean> = {
  'cn-mobile': isValidCnMobile,
  'cn-landline': isValidCnLandline,
  'cn-resident-id': (value) => isValidCnResidentId(value),
  'cn-uscc': isValidCnUscc,
  'bank-card': isValidBankCard,
  email: isValidEmail,
  date: isValidIsoDate,
  'date-time': isValidIsoDateTime,
  'cn-passport': isValidCnPassport,
  'hk-id': isValidHkId,
  'tw-id': isValidTwId,
};
