/** A stored record (or one of its versions) the store will not serve: it failed a check at open. */
export interface QuarantinedRecord {
  templateId: string;
  recordId: string;
  /** Set when only a previous version (history) failed; the record itself is served. */
  version?: number;
  /** The shard file holding it. */
  file: string;
  /** `mac`: its bytes do not match their MAC (edited or damaged); `decrypt`: a value does not decrypt. */
  reason: 'mac' | 'decrypt';
}

/** One finding of `checkIntegrity`. Names files (relative to the data folder, `/`-separated) and ids only, never a value. */
export type IntegrityProblem =
  | { kind: 'file-missing' | 'file-changed'; file: string }
  | { kind: 'record-mac' | 'record-decrypt'; file: string; templateId: string; recordId: string }
  | { kind: 'version-mac'; file: string; templateId: string; recordId: string; version: number };

/** What `checkIntegrity` found: the data files against the manifest, every stored record against its MAC. */
export interface IntegrityReport {
  ok: boolean;
  /** Data files checked (collection files and record shards). */
  files: number;
  /** Stored records and versions checked. */
  records: number;
  problems: IntegrityProblem[];
}
