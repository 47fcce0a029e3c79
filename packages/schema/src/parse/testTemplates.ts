// Test helpers only (not exported from the package).
import type { Template } from '../template.js';

/** A small valid template; tests change one thing at a time. */
export function baseTemplate(): Template {
  return {
    id: 't',
    version: 1,
    title: 'T',
    owner: '/ownerId',
    schema: {
      type: 'object',
      properties: {
        ownerId: { type: 'string' },
        stage: { type: 'string' },
        contacts: {
          type: 'array',
          items: {
            type: 'object',
            properties: { name: { type: 'string' }, phone: { type: 'string', format: 'cn-mobile' } },
          },
        },
      },
    },
  };
}
