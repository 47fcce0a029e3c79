import type { JsonSchema } from '@veil/schema';
import { isSchema } from './schemaPaths.js';

export type FieldTypeId =
  | 'string'
  | 'longtext'
  | 'number'
  | 'integer'
  | 'boolean'
  | 'date'
  | 'enum'
  | 'object'
  | 'list';

/** One field type the builder offers: how to recognise it and how to turn a node into it. */
export interface FieldType {
  id: FieldTypeId;
  /** `ui` is the field's uiSchema node, when the template has one. */
  matches(node: JsonSchema, ui?: Readonly<Record<string, unknown>>): boolean;
  /** The rjsf widget the type asks for in the uiSchema (`setFieldType` writes or removes it). */
  widget?: string;
  /** The type-specific keywords of a node of this type (title, i18n and privacy are kept by the caller). */
  make(previous: JsonSchema): JsonSchema;
}

const STRING_KEYWORDS = ['format', 'pattern', 'minLength', 'maxLength'] as const;

function keep(previous: JsonSchema, keys: readonly string[]): JsonSchema {
  const out: JsonSchema = {};
  for (const key of keys) if (previous[key] !== undefined) out[key] = previous[key];
  return out;
}

/** Every field type, in the order the type menu shows them (most specific match first). */
export const FIELD_TYPES: readonly FieldType[] = [
  {
    id: 'date',
    matches: (n) => n.type === 'string' && n.format === 'date',
    make: () => ({ type: 'string', format: 'date' }),
  },
  {
    id: 'enum',
    matches: (n) => Array.isArray(n.enum),
    make: (p) => ({ type: 'string', enum: Array.isArray(p.enum) ? p.enum : ['a', 'b'] }),
  },
  {
    // Multi-line text: a string drawn as a textarea (notes, follow-up summaries).
    id: 'longtext',
    widget: 'textarea',
    matches: (n, ui) => n.type === 'string' && ui?.['ui:widget'] === 'textarea',
    make: (p) => ({ type: 'string', ...(p.type === 'string' ? keep(p, ['minLength', 'maxLength']) : {}) }),
  },
  {
    id: 'string',
    matches: (n) => n.type === 'string',
    make: (p) => ({ type: 'string', ...(p.type === 'string' ? keep(p, STRING_KEYWORDS) : {}) }),
  },
  {
    id: 'integer',
    matches: (n) => n.type === 'integer',
    make: (p) => ({ type: 'integer', ...keep(p, ['minimum', 'maximum']) }),
  },
  {
    id: 'number',
    matches: (n) => n.type === 'number',
    make: (p) => ({ type: 'number', ...keep(p, ['minimum', 'maximum']) }),
  },
  { id: 'boolean', matches: (n) => n.type === 'boolean', make: () => ({ type: 'boolean' }) },
  {
    id: 'object',
    matches: (n) => n.type === 'object' || isSchema(n.properties),
    make: (p) => ({
      type: 'object',
      properties: p.properties ?? (isSchema(p.items) ? (p.items.properties ?? {}) : {}),
      ...(p.required ? { required: p.required } : {}),
    }),
  },
  {
    id: 'list',
    matches: (n) => n.type === 'array',
    make: (p) => ({
      type: 'array',
      items: isSchema(p.items)
        ? p.items
        : { type: 'object', properties: p.properties ?? {}, ...(p.required ? { required: p.required } : {}) },
    }),
  },
];

/** The builder type of a schema node (unknown shapes count as `string`). */
export function fieldTypeOf(node: JsonSchema, ui?: Readonly<Record<string, unknown>>): FieldTypeId {
  return FIELD_TYPES.find((t) => t.matches(node, ui))?.id ?? 'string';
}

/** String formats offered for `string` fields (validated on the server and used for default masks). */
export const STRING_FORMATS = [
  'cn-mobile',
  'cn-landline',
  'email',
  'cn-resident-id',
  'cn-passport',
  'bank-card',
  'cn-uscc',
  'date-time',
] as const;
