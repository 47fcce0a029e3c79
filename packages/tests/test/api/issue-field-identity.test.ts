import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type ApiClient, type Harness, startHarness } from './apiHarness.js';

const SECRET = 'SECRET-OF-THE-OLD-FIELD-4711';
const NEW_SECRET = 'VALUE-OF-THE-NEW-FIELD-0815';

const secretField = {
  type: 'string',
  title: 'Secret',
  'x-privacy': {
    level: 'confidential',
    categories: ['contact'],
    purpose: 'contact',
    basis: 'consent',
    mask: 'redact',
    encrypt: true,
    access: { rep: { owner: 'full', team: 'reveal', any: 'hidden' } },
  },
};

function template(withSecret: boolean) {
  return {
    id: 'identity-test',
    version: 1,
    title: '字段身份',
    owner: '/ownerId',
    schema: {
      type: 'object',
      title: '字段身份',
      required: ['ownerId', 'title'],
      properties: {
        ownerId: { type: 'string', title: 'Owner', 'x-privacy': { level: 'internal' } },
        title: { type: 'string', title: 'Title', 'x-privacy': { level: 'internal' } },
        ...(withSecret ? { secret: secretField } : {}),
      },
    },
  };
}

let root: string;
let h: Harness;
let admin: ApiClient;

async function everyFile(dir: string): Promise<string> {
  const parts: string[] = [];
  for (const entry of await readdir(dir, { withFileTypes: true, recursive: true })) {
    if (entry.isFile()) parts.push(await readFile(join(entry.parentPath, entry.name), 'utf8'));
  }
  return parts.join('\n');
}

async function publish(withSecret: boolean): Promise<number> {
  await admin.templates.saveDraft.mutate({ template: template(withSecret) });
  return (await admin.templates.publish.mutate({ templateId: 'identity-test', confirm: true })).version;
}

beforeAll(async () => {
  root = await mkdtemp(join(tmpdir(), 'veil-identity-'));
  h = await startHarness({
    dataDir: join(root, 'data'),
    keysDir: join(root, 'keys'),
    seed: { customers: 0 },
  });
  admin = await h.as('admin');
});
afterAll(async () => {
  await h?.close();
  await rm(root, { recursive: true, force: true });
});

describe('a field removed and re-created with the same name (issue 10)', () => {
  it('inherits no reveal grant and no value, and the old value never reaches disk in clear', async () => {
    const repA = await h.as('rep-a');
    const repB = await h.as('rep-b');
    expect(await publish(true)).toBe(1);
    const created = await repA.records.create.mutate({
      templateId: 'identity-test',
      changes: [
        { pointer: '/title', value: 'Identity' },
        { pointer: '/secret', value: SECRET },
      ],
    });
    const id = created.record?.id as string;
    const revealed = await repB.records.reveal.mutate({
      templateId: 'identity-test',
      id,
      pointer: '/secret',
      reason: 'Customer asked for a call back',
    });
    expect(revealed.record?.data.secret).toBe(SECRET);

    // Version 2 removes the field; version 3 creates a field of the same name again.
    expect(await publish(false)).toBe(2);
    expect((await repA.records.get.query({ templateId: 'identity-test', id })).data.secret).toBeUndefined();
    expect(await publish(true)).toBe(3);
    const owner = await repA.records.get.query({ templateId: 'identity-test', id });
    expect(owner.data.secret).toBeUndefined();
    await repA.records.update.mutate({
      templateId: 'identity-test',
      id,
      version: owner.version,
      changes: [{ pointer: '/secret', value: NEW_SECRET }],
    });
    // The colleague's grant was for the old field: the new field's value stays masked for them.
    const colleague = await repB.records.get.query({ templateId: 'identity-test', id });
    expect(colleague.data.secret).not.toBe(NEW_SECRET);
    expect(colleague.masked).toContain('/secret');
    expect(JSON.stringify(colleague)).not.toContain(SECRET);
    const history = await repA.records.history.query({ templateId: 'identity-test', id });
    expect(JSON.stringify(history)).not.toContain(SECRET);

    const disk = await everyFile(join(root, 'data'));
    expect(disk).toContain('Identity');
    expect(disk).not.toContain(SECRET);
    expect(disk).not.toContain(NEW_SECRET);
    expect(disk).not.toContain(Buffer.from(JSON.stringify(SECRET)).toString('base64'));
  });
});
