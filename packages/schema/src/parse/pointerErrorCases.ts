import { type ParseErrorCase, withSchema } from './parseCaseKit.js';
import { baseTemplate } from './testTemplates.js';

/** Templates refused for envelope pointers that name no field, and for nesting. */
export const POINTER_ERROR_CASES: ParseErrorCase[] = [
  {
    name: 'owner naming no field',
    input: () => ({ ...baseTemplate(), owner: '/nobody' }),
    code: 'owner-unresolved',
    path: '/owner',
  },
  {
    name: 'owner inside an array',
    input: () => ({ ...baseTemplate(), owner: '/contacts/*/name' }),
    code: 'owner-unresolved',
    path: '/owner',
  },
  {
    name: 'due naming no field',
    input: () => ({ ...baseTemplate(), due: '/when' }),
    code: 'due-unresolved',
    path: '/due',
  },
  {
    name: 'a closed-stage rule naming no field',
    input: () => ({ ...baseTemplate(), dueRules: { closed: { field: '/phase', values: ['won'] } } }),
    code: 'due-rules-unresolved',
    path: '/dueRules/closed/field',
  },
  {
    name: 'a record title inside an array',
    input: () => ({ ...baseTemplate(), recordTitle: '/contacts/*/name' }),
    code: 'record-title-unresolved',
    path: '/recordTitle',
  },
  {
    name: 'a subject naming no field',
    input: () => ({ ...baseTemplate(), subject: ['/contacts/*/name', '/contacts/0/phone'] }),
    code: 'subject-unresolved',
    path: '/subject/1',
  },
  {
    name: 'a view column naming no field',
    input: () => ({ ...baseTemplate(), views: [{ id: 'v', title: 'V', columns: ['/stage', '/stag'] }] }),
    code: 'view-field-unresolved',
    path: '/views/0/columns/1',
  },
  {
    name: 'a view filter naming no field',
    input: () => ({
      ...baseTemplate(),
      views: [{ id: 'v', title: 'V', columns: [], filter: [{ field: '/x', op: 'exists' }] }],
    }),
    code: 'view-field-unresolved',
    path: '/views/0/filter/0/field',
  },
  {
    name: 'a view sort naming no field',
    input: () => ({
      ...baseTemplate(),
      views: [{ id: 'v', title: 'V', columns: [], sort: [{ field: '/x', dir: 'asc' }] }],
    }),
    code: 'view-field-unresolved',
    path: '/views/0/sort/0/field',
  },
  {
    name: 'two views with one id',
    input: () => ({
      ...baseTemplate(),
      views: [
        { id: 'v', title: 'V', columns: [] },
        { id: 'v', title: 'W', columns: [] },
      ],
    }),
    code: 'view-id-duplicate',
    path: '/views/1/id',
  },
  {
    name: 'a root retention after naming no field',
    input: () => ({ ...baseTemplate(), retention: { days: 1, after: '/lastSeen', action: 'delete' } }),
    code: 'retention-after-unresolved',
    path: '/retention/after',
  },
  {
    name: 'an item retention pointing outside the item',
    input: () =>
      withSchema((s) => {
        s.properties.contacts.items['x-privacy'] = {
          retention: { days: 1, after: '/stage', action: 'delete' },
        };
      }),
    code: 'retention-after-unresolved',
    path: '/schema/properties/contacts/items/x-privacy/retention/after',
  },
  {
    name: 'a child level below its annotated ancestor',
    input: () =>
      withSchema((s) => {
        s.properties.contacts['x-privacy'] = { level: 'confidential' };
        s.properties.contacts.items.properties.name['x-privacy'] = { level: 'internal' };
      }),
    code: 'annotation-weaker',
    path: '/schema/properties/contacts/items/properties/name/x-privacy',
  },
  {
    name: 'a child access more generous than its ancestor',
    input: () =>
      withSchema((s) => {
        s.properties.contacts['x-privacy'] = { level: 'confidential' };
        s.properties.contacts.items.properties.name['x-privacy'] = { access: { rep: 'full' } };
      }),
    code: 'annotation-weaker',
    path: '/schema/properties/contacts/items/properties/name/x-privacy',
  },
  {
    name: 'a child export looser than its ancestor',
    input: () =>
      withSchema((s) => {
        s.properties.contacts['x-privacy'] = { export: 'deny' };
        s.properties.contacts.items.properties.name['x-privacy'] = { export: 'masked' };
      }),
    code: 'annotation-weaker',
    path: '/schema/properties/contacts/items/properties/name/x-privacy',
  },
  {
    name: 'fields nested deeper than 32',
    input: () =>
      withSchema((s) => {
        let node = s;
        for (let i = 0; i < 34; i++) {
          node.properties.n = { type: 'object', properties: {} };
          node = node.properties.n;
        }
      }),
    code: 'too-deep',
    path: `/schema${'/properties/n'.repeat(33)}`,
  },
];
