/**
 * The `x-privacy` vocabulary: the JSON shapes an author writes on any property of a
 * template's schema (see DESIGN.md, "The vocabulary").
 */

/** Sensitivity; picks the defaults for everything else. */
export type Level = 'public' | 'internal' | 'confidential' | 'restricted';
export const LEVELS: readonly Level[] = ['public', 'internal', 'confidential', 'restricted'];

/** PII categories, for the processing record and lint. */
export type Category =
  | 'identity'
  | 'contact'
  | 'financial'
  | 'location'
  | 'health'
  | 'minor'
  | 'credential'
  | 'free-text';
export const CATEGORIES: readonly Category[] = [
  'identity',
  'contact',
  'financial',
  'location',
  'health',
  'minor',
  'credential',
  'free-text',
];

/** Lawful basis (PIPL Art. 13, GDPR Art. 6). */
export type Basis =
  | 'consent'
  | 'contract'
  | 'legal-obligation'
  | 'vital-interest'
  | 'public-interest'
  | 'legitimate-interest';
export const BASES: readonly Basis[] = [
  'consent',
  'contract',
  'legal-obligation',
  'vital-interest',
  'public-interest',
  'legitimate-interest',
];

/** Read access, most generous first: `full > reveal > masked > hidden`. */
export type AccessLevel = 'full' | 'reveal' | 'masked' | 'hidden';
export const ACCESS_LEVELS: readonly AccessLevel[] = ['hidden', 'masked', 'reveal', 'full'];

/** A principal's relation to a record, most specific first. */
export type Relation = 'owner' | 'team' | 'any';
export const RELATIONS: readonly Relation[] = ['owner', 'team', 'any'];

/** One access level for every relation, or one per relation (missing relations fall back to less specific ones). */
export type AccessRule = AccessLevel | Partial<Record<Relation, AccessLevel>>;

/** Keyed by role id, role kind (`staff`, `external`) or `*`; the most specific key wins. */
export type AccessMap = Record<string, AccessRule>;

/** Keyed by role id, role kind or `*`: the relations under which that role may write the field. */
export type EditMap = Record<string, Relation[]>;

/** What an export may contain. */
export type ExportRule = 'allow' | 'masked' | 'approval' | 'deny';
export const EXPORT_RULES: readonly ExportRule[] = ['allow', 'masked', 'approval', 'deny'];

/** Mask styles that take no options. */
export type SimpleMaskStyle = 'last4' | 'email' | 'name' | 'year' | 'initials' | 'hash' | 'redact' | 'none';
export const SIMPLE_MASK_STYLES: readonly SimpleMaskStyle[] = [
  'last4',
  'email',
  'name',
  'year',
  'initials',
  'hash',
  'redact',
  'none',
];

/** Keep the first `keepStart` and last `keepEnd` characters, star the rest. */
export interface PartialMask {
  style: 'partial';
  keepStart: number;
  keepEnd: number;
}

/** Show which bucket a number falls in: `10万–50万`, `< 10万`, `≥ 100万`. */
export interface RangeMask {
  style: 'range';
  /** Ascending bucket boundaries. */
  bounds: number[];
  /** Currency or unit shown with the bucket, e.g. `CNY`. */
  unit?: string;
}

/** A mask as written: a style name or an object. */
/** Every mask style, in the order an author picks from (the ones with options first). */
export const MASK_STYLE_NAMES: readonly ResolvedMask['style'][] = ['partial', 'range', ...SIMPLE_MASK_STYLES];

export type MaskSpec = SimpleMaskStyle | PartialMask | RangeMask | { style: SimpleMaskStyle };

/** A mask after parsing: always an object. */
export type ResolvedMask = PartialMask | RangeMask | { style: SimpleMaskStyle };

export type RetentionAction = 'anonymize' | 'delete' | 'archive';

export interface RetentionRule {
  /** How many days after `after` the data may be kept. */
  days: number;
  /** JSON pointer to a date in the record (inside an array item: relative to the item), or `createdAt` / `updatedAt`. */
  after: string;
  /** What happens when the period ends. */
  action: RetentionAction;
}

export type SearchMode = 'none' | 'exact';

/** The `x-privacy` annotation as an author writes it. Every key is optional. */
export interface XPrivacy {
  /** Sensitivity; picks the defaults for everything else. */
  level?: Level;
  /** PII categories. */
  categories?: Category[];
  /** Why it is collected: an id from the workspace's purposes. */
  purpose?: string;
  /** Lawful basis. */
  basis?: Basis;
  /** How a masked value is shown. */
  mask?: MaskSpec;
  /** Read access per role (or kind, or `*`) and relation; overrides the level default key by key. */
  access?: AccessMap;
  /** Who may write it, by role and relation. */
  edit?: EditMap;
  /** What an export may contain. */
  export?: ExportRule;
  /** How long it is kept. */
  retention?: RetentionRule;
  /** Encrypted at rest (default on from `restricted`). */
  encrypt?: boolean;
  /** `exact` keeps a keyed blind index so a whole value can be matched. */
  search?: SearchMode;
  /** Free text is scanned for PII (default on for `free-text`). */
  scan?: boolean;
}

/** Translations of a schema node's title, description and enum labels, keyed by locale (`en`, `zh-CN`). */
export type XI18n = Record<
  string,
  {
    title?: string;
    description?: string;
    /** Labels of the node's `enum` values in this locale, same order and length as `enum`. */
    enumNames?: string[];
  }
>;
