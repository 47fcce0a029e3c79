import type { JsonSchema, Template } from '@veil/schema';

/** The owner field every template needs: the id of the user a record belongs to. */
export const OWNER_FIELD: JsonSchema = {
  type: 'string',
  title: '负责人',
  'x-i18n': { en: { title: 'Account owner' } },
  'x-privacy': { level: 'internal' },
};

/** A fresh template: just the owner field (hidden in forms), ready for fields. */
export function newTemplate(id: string): Template {
  return {
    id,
    version: 1,
    title: '新模板',
    i18n: { en: { title: 'New template' } },
    owner: '/ownerId',
    uiSchema: { ownerId: { 'ui:widget': 'hidden' } },
    schema: {
      type: 'object',
      title: '新模板',
      'x-i18n': { en: { title: 'New template' } },
      required: ['ownerId'],
      properties: { ownerId: OWNER_FIELD },
    },
  };
}
