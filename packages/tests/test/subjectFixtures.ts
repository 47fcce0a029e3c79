import type { VeilRecord } from '@veil/policy';
import type { Harness } from './api/apiHarness.js';

/** A member template whose records are each about one person (top-level subject fields). */
const memberTemplate = {
  id: 'member-intake',
  version: 1,
  title: 'Member intake',
  owner: '/ownerId',
  subject: ['/mobile', '/idNumber', '/email'],
  schema: {
    type: 'object',
    title: 'Member intake',
    required: ['ownerId'],
    properties: {
      ownerId: { type: 'string', title: 'Owner', 'x-privacy': { level: 'internal' } },
      fullName: {
        type: 'string',
        title: 'Full name',
        'x-privacy': {
          level: 'confidential',
          categories: ['identity'],
          purpose: 'contact',
          basis: 'contract',
          mask: 'name',
          retention: { days: 730, after: 'updatedAt', action: 'delete' },
        },
      },
      mobile: {
        type: 'string',
        title: 'Mobile',
        format: 'cn-mobile',
        'x-privacy': {
          level: 'confidential',
          categories: ['contact'],
          purpose: 'contact',
          basis: 'contract',
          encrypt: true,
          search: 'exact',
          retention: { days: 730, after: 'updatedAt', action: 'delete' },
        },
      },
      email: {
        type: 'string',
        title: 'E-mail',
        format: 'email',
        'x-privacy': {
          level: 'confidential',
          categories: ['contact'],
          purpose: 'contact',
          basis: 'contract',
          encrypt: true,
          search: 'exact',
          retention: { days: 730, after: 'updatedAt', action: 'delete' },
        },
      },
      idNumber: {
        type: 'string',
        title: 'ID number',
        format: 'cn-resident-id',
        'x-privacy': {
          level: 'restricted',
          categories: ['identity'],
          purpose: 'contact',
          basis: 'legal-obligation',
          search: 'exact',
          retention: { days: 730, after: 'updatedAt', action: 'delete' },
        },
      },
      remark: {
        type: 'string',
        title: 'Remark',
        'x-privacy': {
          level: 'internal',
          retention: { days: 730, after: 'updatedAt', action: 'delete' },
        },
      },
    },
  },
};

/** A person's values: a valid mobile, resident ID and e-mail, each unique to `n`. */
export function person(n: number) {
  return {
    fullName: `CANARY-PERSON-${n}-NAME`,
    mobile: `1390077${String(n).padStart(4, '0')}`,
    email: `canary-person-${n}@example.com`,
    idNumber: residentId(`11010519900307${String(n).padStart(3, '0')}`),
    remark: `CANARY-PERSON-${n}-REMARK`,
  };
}

/** A resident ID with its ISO 7064 check character. */
function residentId(first17: string): string {
  const weights = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
  const sum = [...first17].reduce((acc, digit, i) => acc + Number(digit) * (weights[i] as number), 0);
  return first17 + ('10X98765432'[sum % 11] as string);
}

/** Publishes the member template and stores members 1..count, owned by rep-a. */
export async function seedMembers(h: Harness, count: number): Promise<void> {
  const admin = await h.as('admin');
  await admin.templates.saveDraft.mutate({ template: memberTemplate });
  await admin.templates.publish.mutate({ templateId: memberTemplate.id });
  const now = new Date().toISOString();
  for (let n = 1; n <= count; n++) {
    const record: VeilRecord = {
      id: `member-${n}`,
      templateId: memberTemplate.id,
      templateVersion: 1,
      version: 1,
      createdAt: now,
      updatedAt: now,
      data: { ownerId: 'user-rep-a', ...person(n) },
    };
    await h.server.store.createRecord({
      record,
      audit: { actor: 'system', action: 'record.create', target: record.id, details: {} },
    });
  }
}
