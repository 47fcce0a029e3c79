import { type ParseErrorCase, withSchema } from './parseCaseKit.js';
import { baseTemplate } from './testTemplates.js';

/** Templates refused for their text, envelope or schema keywords. */
export const SCHEMA_ERROR_CASES: ParseErrorCase[] = [
  { name: 'text that is not JSON', input: () => '{"id": ', code: 'not-json', path: '' },
  { name: 'a JSON array', input: () => '[1,2]', code: 'not-object', path: '' },
  {
    name: 'a function inside a value',
    input: () => ({ ...baseTemplate(), uiSchema: { f: () => 1 } }),
    code: 'not-json',
    path: '/uiSchema/f',
  },
  {
    name: '__proto__ from JSON.parse',
    input: () =>
      '{"id":"t","version":1,"title":"T","owner":"/ownerId","schema":{"type":"object","properties":{"a":{"type":"string","__proto__":{"x":1}}}}}',
    code: 'forbidden-key',
    path: '/schema/properties/a/__proto__',
  },
  {
    name: 'a constructor key',
    input: () => ({ ...baseTemplate(), uiSchema: { constructor: {} } }),
    code: 'forbidden-key',
    path: '/uiSchema/constructor',
  },
  {
    name: 'a misspelt envelope key',
    input: () => ({ ...baseTemplate(), ownr: '/x' }),
    code: 'envelope-invalid',
    path: '/ownr',
  },
  {
    name: 'a missing owner',
    input: () => {
      const { owner: _o, ...rest } = baseTemplate();
      return rest;
    },
    code: 'envelope-invalid',
    path: '/owner',
  },
  {
    name: 'an invalid JSON Schema type',
    input: () =>
      withSchema((s) => {
        s.properties.stage.type = 'strin';
      }),
    code: 'schema-invalid',
    path: '/schema/properties/stage/type',
  },
  {
    name: 'an unknown keyword',
    input: () =>
      withSchema((s) => {
        s.properties.stage.maxLenght = 3;
      }),
    code: 'schema-keyword-unknown',
    path: '/schema/properties/stage/maxLenght',
  },
  {
    name: 'an $id',
    input: () =>
      withSchema((s) => {
        s.$id = 'https://x';
      }),
    code: 'schema-draft-keyword',
    path: '/schema/$id',
  },
  {
    name: 'a root that is not an object',
    input: () =>
      withSchema((s) => {
        s.type = 'array';
      }),
    code: 'schema-root-not-object',
    path: '/schema/type',
  },
  {
    name: 'a typo in x-privacy',
    input: () =>
      withSchema((s) => {
        s.properties.stage['x-privacy'] = { levle: 'public' };
      }),
    code: 'privacy-invalid',
    path: '/schema/properties/stage/x-privacy/levle',
  },
  {
    name: 'an unknown level',
    input: () =>
      withSchema((s) => {
        s.properties.stage['x-privacy'] = { level: 'secret' };
      }),
    code: 'privacy-invalid',
    path: '/schema/properties/stage/x-privacy/level',
  },
  {
    name: 'a malformed mask',
    input: () =>
      withSchema((s) => {
        s.properties.stage['x-privacy'] = { mask: { style: 'partial' } };
      }),
    code: 'privacy-invalid',
    path: '/schema/properties/stage/x-privacy/mask',
  },
  {
    name: 'descending range bounds',
    input: () =>
      withSchema((s) => {
        s.properties.stage['x-privacy'] = { mask: { style: 'range', bounds: [5, 1] } };
      }),
    code: 'privacy-invalid',
    path: '/schema/properties/stage/x-privacy/mask/bounds',
  },
  {
    name: 'a malformed x-i18n',
    input: () =>
      withSchema((s) => {
        s.properties.stage['x-i18n'] = { en: { titel: 'x' } };
      }),
    code: 'i18n-invalid',
    path: '/schema/properties/stage/x-i18n/en/titel',
  },
  {
    name: 'enumNames shorter than the enum',
    input: () =>
      withSchema((s) => {
        s.properties.stage.enum = ['lead', 'won', 'lost'];
        s.properties.stage['x-i18n'] = { en: { title: 'Stage', enumNames: ['Lead', 'Won'] } };
      }),
    code: 'i18n-invalid',
    path: '/schema/properties/stage/x-i18n/en/enumNames',
  },
  {
    name: 'enumNames longer than the enum of the referenced definition',
    input: () =>
      withSchema((s) => {
        s.$defs = { stage: { type: 'string', enum: ['lead', 'won'] } };
        s.properties.stage = { $ref: '#/$defs/stage', 'x-i18n': { en: { enumNames: ['A', 'B', 'C'] } } };
      }),
    code: 'i18n-invalid',
    path: '/schema/properties/stage/x-i18n/en/enumNames',
  },
  {
    name: 'enumNames on a node without an enum',
    input: () =>
      withSchema((s) => {
        s.properties.stage['x-i18n'] = { en: { enumNames: ['Lead'] } };
      }),
    code: 'i18n-invalid',
    path: '/schema/properties/stage/x-i18n/en/enumNames',
  },
  {
    name: 'enumNames that are not strings',
    input: () =>
      withSchema((s) => {
        s.properties.stage.enum = ['lead'];
        s.properties.stage['x-i18n'] = { en: { enumNames: [1] } };
      }),
    code: 'i18n-invalid',
    path: '/schema/properties/stage/x-i18n/en/enumNames/0',
  },
  {
    name: 'x-privacy inside not (a branch that describes no stored value)',
    input: () =>
      withSchema((s) => {
        s.properties.stage.not = { type: 'number', 'x-privacy': { level: 'public' } };
      }),
    code: 'annotation-misplaced',
    path: '/schema/properties/stage/not/x-privacy',
  },
  {
    name: 'an unknown role in access',
    input: () =>
      withSchema((s) => {
        s.properties.stage['x-privacy'] = { access: { sales: 'full' } };
      }),
    code: 'role-unknown',
    path: '/schema/properties/stage/x-privacy/access/sales',
  },
  {
    name: 'an unknown role in edit',
    input: () =>
      withSchema((s) => {
        s.properties.stage['x-privacy'] = { edit: { boss: ['any'] } };
      }),
    code: 'role-unknown',
    path: '/schema/properties/stage/x-privacy/edit/boss',
  },
  {
    name: 'an unknown purpose',
    input: () =>
      withSchema((s) => {
        s.properties.stage['x-privacy'] = { purpose: 'marketing' };
      }),
    code: 'purpose-unknown',
    path: '/schema/properties/stage/x-privacy/purpose',
  },
  {
    name: 'a remote $ref',
    input: () =>
      withSchema((s) => {
        s.properties.stage = { $ref: 'https://example.com/s.json' };
      }),
    code: 'ref-remote',
    path: '/schema/properties/stage/$ref',
  },
  {
    name: 'a $ref to a missing definition',
    input: () =>
      withSchema((s) => {
        s.properties.stage = { $ref: '#/$defs/nope' };
      }),
    code: 'ref-unknown',
    path: '/schema/properties/stage/$ref',
  },
  {
    name: 'a cyclic $ref',
    input: () =>
      withSchema((s) => {
        s.$defs = { node: { type: 'object', properties: { child: { $ref: '#/$defs/node' } } } };
        s.properties.tree = { $ref: '#/$defs/node' };
      }),
    code: 'ref-cyclic',
    path: '/schema/$defs/node/properties/child/$ref',
  },
  {
    name: 'a validation keyword beside $ref',
    input: () =>
      withSchema((s) => {
        s.$defs = { d: { type: 'string' } };
        s.properties.stage = { $ref: '#/$defs/d', maxLength: 3 };
      }),
    code: 'ref-sibling-unsupported',
    path: '/schema/properties/stage/maxLength',
  },
  {
    name: 'a pattern that does not compile',
    input: () =>
      withSchema((s) => {
        s.properties.stage.pattern = '([';
      }),
    code: 'pattern-invalid',
    path: '/schema/properties/stage/pattern',
  },
  {
    name: 'a ReDoS pattern',
    input: () =>
      withSchema((s) => {
        s.properties.stage.pattern = '^(a+)+$';
      }),
    code: 'pattern-unsafe',
    path: '/schema/properties/stage/pattern',
  },
  {
    name: 'a ReDoS patternProperties key',
    input: () =>
      withSchema((s) => {
        s.properties.stage = { type: 'object', patternProperties: { '^(a|a)*$': { type: 'string' } } };
      }),
    code: 'pattern-unsafe',
    path: '/schema/properties/stage/patternProperties/^(a|a)*$',
  },
  {
    name: 'a property named *',
    input: () =>
      withSchema((s) => {
        s.properties['*'] = { type: 'string' };
      }),
    code: 'property-name-reserved',
    path: '/schema/properties/*',
  },
  {
    name: 'a property name with /',
    input: () =>
      withSchema((s) => {
        s.properties['a/b'] = { type: 'string' };
      }),
    code: 'property-name-reserved',
    path: '/schema/properties/a~1b',
  },
  {
    name: 'a property named _id',
    input: () =>
      withSchema((s) => {
        s.properties.contacts.items.properties._id = { type: 'string' };
      }),
    code: 'property-name-reserved',
    path: '/schema/properties/contacts/items/properties/_id',
  },
];
