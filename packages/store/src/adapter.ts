// The adapter-neutral pieces a `Store` adapter outside this package builds on (the PostgreSQL
// one): the record codec (encryption at rest, blind indexes, retired values), the query guard,
// template storage rules, schema paths, cursors, the audit line format and scanner. Importing
// them keeps one implementation of each; nothing here is part of the per-request port.
export { checkQuery } from './records/checkQuery.js';
export { type Envelope, isEnvelope, openBytes, sealBytes } from './records/fieldCipher.js';
export { decodeCursor, encodeCursor, type QueryCursor } from './records/queryCursor.js';
export {
  type DataKeyRing,
  type EncodedRecord,
  RecordCodec,
  type RecordCodecOptions,
  type RetiredField,
} from './records/recordCodec.js';
export { pointerSegments, valuesAt } from './records/schemaPaths.js';
export { type StorageDoc, storageOf } from './records/templateStorage.js';
