export { detectPii } from './detectPii.js';
export { maskPiiValue, maskText } from './maskText.js';
export { PII_DETECTORS } from './piiDetectors.js';
export type {
  DetectPiiOptions,
  PiiCandidate,
  PiiDetector,
  PiiScanContext,
  PiiSpan,
  PiiType,
} from './piiTypes.js';
