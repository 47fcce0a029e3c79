export { buildProcessingRecord } from './buildProcessingRecord.js';
export { type DescribeProcessingOptions, describeProcessing } from './describeProcessing.js';
export { PROCESSING_LABELS, type ProcessingLabels } from './processingLabels.js';
export type {
  AudienceEntry,
  ProcessingAcknowledgement,
  ProcessingAudience,
  ProcessingField,
  ProcessingLocale,
  ProcessingRecord,
  ProcessingRetention,
} from './processingRecord.js';
export { renderProcessingMarkdown } from './renderProcessingMarkdown.js';
