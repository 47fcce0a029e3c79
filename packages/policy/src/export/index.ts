export { exportCellText } from './exportCellText.js';
export { compileExportRow, type ExportRowValues } from './exportRowValues.js';
export {
  FINGERPRINT_MARKS,
  type FingerprintPrf,
  MARKS_PER_CELL,
  markCell,
  stripFingerprint,
  TRACE_MIN_CELLS,
  type TraceCandidate,
  type TraceMatch,
  traceFingerprint,
} from './fingerprint.js';
export { neutralizeFormula } from './neutralizeFormula.js';
export {
  planShare,
  SHARE_RECIPIENT_ROLE,
  type SharePlan,
  shareRecipientPolicy,
  shareRecipientViewer,
} from './planShare.js';
