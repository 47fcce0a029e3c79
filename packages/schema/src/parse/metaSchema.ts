import {
  ACCESS_LEVELS,
  BASES,
  CATEGORIES,
  EXPORT_RULES,
  LEVELS,
  RELATIONS,
  SIMPLE_MASK_STYLES,
} from '../privacy.js';
import { FILTER_OPS } from '../template.js';

// Written without `$ref` so each piece can be used on its own as an Ajv keyword meta-schema.

const RETENTION_META_SCHEMA = {
  type: 'object',
  additionalProperties: false,
  required: ['days', 'after', 'action'],
  properties: {
    days: { type: 'integer', minimum: 0, maximum: 100_000 },
    after: { type: 'string', minLength: 1, maxLength: 1000 },
    action: { enum: ['anonymize', 'delete', 'archive'] },
  },
} as const;

const ACCESS_RULE_META_SCHEMA = {
  anyOf: [
    { enum: [...ACCESS_LEVELS] },
    {
      type: 'object',
      additionalProperties: false,
      minProperties: 1,
      properties: Object.fromEntries(RELATIONS.map((r) => [r, { enum: [...ACCESS_LEVELS] }])),
    },
  ],
} as const;

const MASK_META_SCHEMA = {
  anyOf: [
    { enum: [...SIMPLE_MASK_STYLES] },
    {
      type: 'object',
      additionalProperties: false,
      required: ['style'],
      properties: { style: { enum: [...SIMPLE_MASK_STYLES] } },
    },
    {
      type: 'object',
      additionalProperties: false,
      required: ['style', 'keepStart', 'keepEnd'],
      properties: {
        style: { const: 'partial' },
        keepStart: { type: 'integer', minimum: 0, maximum: 64 },
        keepEnd: { type: 'integer', minimum: 0, maximum: 64 },
      },
    },
    {
      type: 'object',
      additionalProperties: false,
      required: ['style', 'bounds'],
      properties: {
        style: { const: 'range' },
        bounds: { type: 'array', minItems: 1, maxItems: 64, items: { type: 'number' } },
        unit: { type: 'string', maxLength: 16 },
      },
    },
  ],
} as const;

/** The shape of `x-privacy` (DESIGN.md, "The vocabulary"); unknown keys such as `levle` are errors. */
export const X_PRIVACY_META_SCHEMA = {
  type: 'object',
  additionalProperties: false,
  properties: {
    level: { enum: [...LEVELS] },
    categories: { type: 'array', uniqueItems: true, items: { enum: [...CATEGORIES] } },
    purpose: { type: 'string', minLength: 1, maxLength: 200 },
    basis: { enum: [...BASES] },
    mask: MASK_META_SCHEMA,
    access: { type: 'object', additionalProperties: ACCESS_RULE_META_SCHEMA },
    edit: {
      type: 'object',
      additionalProperties: { type: 'array', uniqueItems: true, items: { enum: [...RELATIONS] } },
    },
    export: { enum: [...EXPORT_RULES] },
    retention: RETENTION_META_SCHEMA,
    encrypt: { type: 'boolean' },
    search: { enum: ['none', 'exact'] },
    scan: { type: 'boolean' },
  },
} as const;

/**
 * The shape of `x-i18n`: locale → `{ title?, description?, enumNames? }`. `enumNames` labels the
 * node's `enum` values in that locale; its length is checked against `enum` in `checkSchema`.
 */
export const X_I18N_META_SCHEMA = {
  type: 'object',
  propertyNames: { pattern: '^[a-z]{2,3}(-[A-Za-z0-9]{2,8})*$' },
  additionalProperties: {
    type: 'object',
    additionalProperties: false,
    properties: {
      title: { type: 'string' },
      description: { type: 'string' },
      enumNames: { type: 'array', items: { type: 'string', maxLength: 500 } },
    },
  },
} as const;

const POINTER = { type: 'string', maxLength: 2000 } as const;

/** The template envelope. `schema` itself is checked separately (it is a JSON Schema, compiled by Ajv). */
export const TEMPLATE_META_SCHEMA = {
  type: 'object',
  additionalProperties: false,
  required: ['id', 'version', 'title', 'schema', 'owner'],
  properties: {
    id: { type: 'string', minLength: 1, maxLength: 200 },
    version: { type: 'integer', minimum: 1 },
    title: { type: 'string', minLength: 1, maxLength: 500 },
    i18n: X_I18N_META_SCHEMA,
    description: { type: 'string' },
    schema: { type: 'object' },
    uiSchema: { type: 'object' },
    views: {
      type: 'array',
      items: {
        type: 'object',
        additionalProperties: false,
        required: ['id', 'title', 'columns'],
        properties: {
          id: { type: 'string', minLength: 1, maxLength: 200 },
          title: { type: 'string', minLength: 1 },
          i18n: X_I18N_META_SCHEMA,
          columns: { type: 'array', items: POINTER },
          filter: {
            type: 'array',
            items: {
              type: 'object',
              additionalProperties: false,
              required: ['field', 'op'],
              properties: { field: POINTER, op: { enum: [...FILTER_OPS] }, value: {} },
            },
          },
          sort: {
            type: 'array',
            items: {
              type: 'object',
              additionalProperties: false,
              required: ['field', 'dir'],
              properties: { field: POINTER, dir: { enum: ['asc', 'desc'] } },
            },
          },
        },
      },
    },
    owner: POINTER,
    due: POINTER,
    recordTitle: POINTER,
    pool: {
      type: 'object',
      additionalProperties: false,
      required: ['afterDays', 'after'],
      properties: { afterDays: { type: 'integer', minimum: 1, maximum: 3650 }, after: POINTER },
    },
    dueRules: {
      type: 'object',
      additionalProperties: false,
      properties: {
        closed: {
          type: 'object',
          additionalProperties: false,
          required: ['field', 'values'],
          properties: {
            field: POINTER,
            values: { type: 'array', items: { type: 'string', maxLength: 200 }, maxItems: 100 },
          },
        },
        onDone: {
          oneOf: [
            {
              type: 'object',
              additionalProperties: false,
              required: ['action'],
              properties: { action: { const: 'clear' } },
            },
            {
              type: 'object',
              additionalProperties: false,
              required: ['action', 'days'],
              properties: {
                action: { const: 'advance' },
                days: { type: 'integer', minimum: 1, maximum: 3650 },
              },
            },
          ],
        },
      },
    },
    subject: { type: 'array', items: POINTER },
    requireConsent: {
      type: 'array',
      maxItems: 100,
      uniqueItems: true,
      items: { type: 'string', minLength: 1, maxLength: 64 },
    },
    retention: RETENTION_META_SCHEMA,
    lint: {
      type: 'object',
      additionalProperties: false,
      properties: {
        acknowledge: {
          type: 'array',
          items: {
            type: 'object',
            additionalProperties: false,
            required: ['code', 'path', 'reason'],
            properties: {
              code: { type: 'string', minLength: 1 },
              path: { type: 'string' },
              reason: { type: 'string', minLength: 1 },
            },
          },
        },
      },
    },
  },
} as const;
