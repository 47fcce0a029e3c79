import type { PurposeDefinition, RoleKind, RowScope } from '@veil/schema';

/** The manifest format this Veil reads; an archive with another version is refused. */
export const PACK_MANIFEST_VERSION = 1;
/** The manifest's file name at the root of a pack. */
export const PACK_MANIFEST_FILE = 'veil-pack.json';

/** A role the pack's templates name in `access` / `edit`, mapped onto a workspace role at install. */
export interface PackRole {
  /** The id the templates use. */
  id: string;
  kind: RoleKind;
  /** The row scope the author assumed when choosing the field rules. */
  rowScope: RowScope;
  /** Display title (zh-CN); translations in `i18n`. */
  title: string;
  /** Who this role is in the trade, so an installer can pick the matching workspace role. */
  expects: string;
  i18n: { en: { title: string; expects: string } };
}

/** A purpose the pack's fields name, mapped onto a workspace purpose at install. */
export interface PackPurpose extends PurposeDefinition {
  i18n: { 'zh-CN': { title: string } };
}

/** One release of the pack. */
interface PackChange {
  version: string;
  /** ISO date. */
  date: string;
  changes: string[];
}

/** `veil-pack.json`: what a pack is, what it needs and what it contains. */
export interface PackManifest {
  /** Format of this file; {@link PACK_MANIFEST_VERSION}. */
  manifestVersion: number;
  /** Lower-case letters, digits and dashes. */
  name: string;
  /** Semantic version of the pack. */
  version: string;
  /** zh-CN title and description; English in `i18n.en`. */
  title: string;
  description: string;
  i18n: { en: { title: string; description: string } };
  /** Semver range of the Veil versions the pack works with, e.g. `>=0.1.0 <1.0.0`. */
  veil: string;
  author: { name: string; email?: string; url?: string };
  /** SPDX licence id. */
  license: string;
  /** Paths of the template files inside the pack (`templates/<id>.json`). */
  templates: string[];
  /** The roles the templates expect. */
  roles: PackRole[];
  /** The purposes the templates' fields use. */
  purposes: PackPurpose[];
  /** The buyer's README explaining each privacy choice. */
  readme: string;
  /** The sample-data generator's spec (`sample-data.json`). */
  sampleData: string;
  changelog: PackChange[];
}

const SAFE_PATH = '^[A-Za-z0-9][A-Za-z0-9._-]*(/[A-Za-z0-9][A-Za-z0-9._-]*)*$';
const i18nText = (keys: string[]) => ({
  type: 'object',
  required: keys,
  additionalProperties: false,
  properties: Object.fromEntries(keys.map((k) => [k, { type: 'string', minLength: 1, maxLength: 500 }])),
});

/** JSON Schema (draft-07) of {@link PackManifest}. */
export const PACK_MANIFEST_SCHEMA = {
  type: 'object',
  additionalProperties: false,
  required: [
    'manifestVersion',
    'name',
    'version',
    'title',
    'description',
    'i18n',
    'veil',
    'author',
    'license',
    'templates',
    'roles',
    'purposes',
    'readme',
    'sampleData',
    'changelog',
  ],
  properties: {
    manifestVersion: { const: PACK_MANIFEST_VERSION },
    name: { type: 'string', pattern: '^[a-z0-9][a-z0-9-]{1,63}$' },
    version: { type: 'string', pattern: '^\\d+\\.\\d+\\.\\d+$' },
    title: { type: 'string', minLength: 1, maxLength: 100 },
    description: { type: 'string', minLength: 1, maxLength: 500 },
    i18n: {
      type: 'object',
      required: ['en'],
      additionalProperties: false,
      properties: { en: i18nText(['title', 'description']) },
    },
    veil: { type: 'string', minLength: 1, maxLength: 100 },
    author: {
      type: 'object',
      required: ['name'],
      additionalProperties: false,
      properties: {
        name: { type: 'string', minLength: 1, maxLength: 100 },
        email: { type: 'string', maxLength: 200 },
        url: { type: 'string', maxLength: 200 },
      },
    },
    license: { type: 'string', pattern: '^[A-Za-z0-9.+-]{1,64}$' },
    templates: {
      type: 'array',
      minItems: 1,
      maxItems: 20,
      uniqueItems: true,
      items: { type: 'string', pattern: SAFE_PATH, maxLength: 200 },
    },
    roles: {
      type: 'array',
      minItems: 1,
      maxItems: 20,
      items: {
        type: 'object',
        additionalProperties: false,
        required: ['id', 'kind', 'rowScope', 'title', 'expects', 'i18n'],
        properties: {
          id: { type: 'string', pattern: '^[a-z][a-z0-9-]{0,39}$' },
          kind: { enum: ['staff', 'external'] },
          rowScope: { enum: ['own', 'team', 'all'] },
          title: { type: 'string', minLength: 1, maxLength: 50 },
          expects: { type: 'string', minLength: 1, maxLength: 300 },
          i18n: {
            type: 'object',
            required: ['en'],
            additionalProperties: false,
            properties: { en: i18nText(['title', 'expects']) },
          },
        },
      },
    },
    purposes: {
      type: 'array',
      maxItems: 20,
      items: {
        type: 'object',
        additionalProperties: false,
        required: ['id', 'title', 'i18n'],
        properties: {
          id: { type: 'string', pattern: '^[a-z][a-z0-9-]{0,39}$' },
          title: { type: 'string', minLength: 1, maxLength: 200 },
          i18n: {
            type: 'object',
            required: ['zh-CN'],
            additionalProperties: false,
            properties: { 'zh-CN': i18nText(['title']) },
          },
        },
      },
    },
    readme: { type: 'string', pattern: SAFE_PATH },
    sampleData: { type: 'string', pattern: SAFE_PATH },
    changelog: {
      type: 'array',
      minItems: 1,
      items: {
        type: 'object',
        additionalProperties: false,
        required: ['version', 'date', 'changes'],
        properties: {
          version: { type: 'string', pattern: '^\\d+\\.\\d+\\.\\d+$' },
          date: { type: 'string', pattern: '^\\d{4}-\\d{2}-\\d{2}$' },
          changes: { type: 'array', minItems: 1, items: { type: 'string', minLength: 1, maxLength: 500 } },
        },
      },
    },
  },
} as const;
