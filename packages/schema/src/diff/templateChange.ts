/** What changed between two versions of a template. */
export type TemplateChangeKind =
  /** A field exists only in the new version (breaking when required). */
  | 'field-added'
  /** A field exists only in the old version. Breaking. */
  | 'field-removed'
  /** The field's JSON type changed to one that does not accept every old value. Breaking. */
  | 'type-changed'
  /** `integer` became `number`. Compatible. */
  | 'type-widened'
  /** A `format` was added or replaced. Breaking. */
  | 'format-changed'
  /** The `format` was dropped. Compatible. */
  | 'format-removed'
  /** An enum lost values, or an enum was introduced. Breaking. */
  | 'enum-narrowed'
  /** An enum gained values, or was dropped. Compatible. */
  | 'enum-widened'
  | 'made-required'
  | 'made-optional'
  /** The owner pointer moved. Breaking. */
  | 'owner-changed'
  | 'level-lowered'
  | 'level-raised'
  /** A role reads more under some relation (e.g. masked → full). */
  | 'access-widened'
  | 'access-narrowed'
  | 'retention-lengthened'
  | 'retention-shortened'
  | 'retention-removed'
  | 'retention-added'
  /** The retention action became weaker (delete → anonymize → archive) or stronger. */
  | 'retention-action-changed'
  /** The date the period counts from moved; neither weaker nor stronger by itself. */
  | 'retention-anchor-changed'
  /** Export became more permissive (deny → masked → approval → allow). */
  | 'export-loosened'
  | 'export-tightened'
  | 'encryption-off'
  | 'encryption-on'
  /** The mask shows more (to `none`, or a partial mask keeping more characters). */
  | 'mask-weakened'
  | 'mask-strengthened'
  /** A different mask that is neither weaker nor stronger. */
  | 'mask-changed'
  | 'scan-off'
  | 'scan-on'
  /** A blind index was added (`search: exact`): equal values become recognisable. */
  | 'search-index-added'
  | 'search-index-removed'
  /** The purpose changed: consent given for the old purpose does not cover the new one. */
  | 'purpose-changed'
  | 'basis-changed';

export interface TemplateChange {
  /** Schema path of the field (`''` for the template itself). */
  path: string;
  kind: TemplateChangeKind;
  /** Breaking: records valid under the old version may be invalid under the new, or clients break. */
  classification: 'compatible' | 'breaking';
  /** Set when the change makes the field's protection weaker or stronger. */
  privacy?: 'weakens' | 'strengthens';
  /** For access changes: the role whose access changed. */
  role?: string;
  /** One sentence for the publish dialog; never a value. */
  message: string;
}

export interface TemplateDiff {
  /** Changes in field order of the new version, then removed fields. */
  changes: TemplateChange[];
  /** True when any change is breaking. */
  breaking: boolean;
  /** True when any change weakens privacy; publishing it deserves a second look. */
  weakensPrivacy: boolean;
}
