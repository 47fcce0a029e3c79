import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { AccessMap } from '../privacy.js';
import type { SanitizedTemplate } from '../sanitized.js';
import { DEFAULT_WORKSPACE_POLICY, type WorkspacePolicy } from '../workspacePolicy.js';
import { createTemplateAjv } from './createTemplateAjv.js';
import { parseTemplate } from './parseTemplate.js';
import { baseTemplate } from './testTemplates.js';

const policy = DEFAULT_WORKSPACE_POLICY;
const fixture = (name: string) =>
  readFileSync(new URL(`../../test/fixtures/parse/${name}.json`, import.meta.url), 'utf8');

function ok(input: unknown, p: WorkspacePolicy = policy): SanitizedTemplate {
  const r = parseTemplate(input, p);
  if (r.status !== 'ok') throw new Error(JSON.stringify(r.errors, null, 2));
  return r.template;
}
const field = (t: SanitizedTemplate, path: string) => {
  const f = t.fields.find((x) => x.path === path);
  if (!f) throw new Error(`no field ${path}`);
  return f;
};

describe('parseTemplate on the follow-up fixture', () => {
  const t = ok(fixture('follow-up'));

  it('lists every field depth first, arrays of objects with * and tags as one leaf', () => {
    expect(t.fields.map((f) => f.path)).toEqual([
      '/ownerId',
      '/company',
      '/company/companyName',
      '/company/uscc',
      '/company/address',
      '/stage',
      '/dealSize',
      '/lastContactAt',
      '/nextContactAt',
      '/contacts',
      '/contacts/*/name',
      '/contacts/*/phone',
      '/contacts/*/email',
      '/contacts/*/idNumber',
      '/followUps',
      '/followUps/*/date',
      '/followUps/*/notes',
      '/tags',
    ]);
    expect(field(t, '/contacts/*/phone')).toMatchObject({
      segments: ['contacts', '*', 'phone'],
      parent: '/contacts/*',
      leaf: true,
    });
    expect(field(t, '/contacts')).toMatchObject({ kind: 'array', leaf: false });
    expect(field(t, '/tags')).toMatchObject({ kind: 'array', leaf: true });
    expect(field(t, '/company').i18n).toEqual({ en: { title: 'Company' } });
    expect(field(t, '/contacts/*/name').required).toBe(true);
  });

  it('inlines $refs, drops $defs and keeps the result compilable by the server Ajv', () => {
    expect(JSON.stringify(t.schema)).not.toContain('$ref');
    expect(t.schema.$defs).toBeUndefined();
    const validate = createTemplateAjv().compile(t.schema);
    expect(validate({ ownerId: 'u1', company: {} })).toBe(true);
    expect(validate({ ownerId: 'u1', company: {}, tags: ['NOT OK!'] })).toBe(false);
  });

  it('combines x-privacy beside a $ref with the definition by taking the stricter of each key', () => {
    const phone = field(t, '/contacts/*/phone');
    expect(phone.source).toBe('explicit');
    expect(phone.format).toBe('cn-mobile');
    expect(phone.title).toBe('手机');
    // definition says rep: full; beside the ref rep: owner full, team masked → stricter per relation.
    expect(phone.privacy.access.rep).toEqual({ owner: 'full', team: 'masked', any: 'hidden' });
    expect(phone.privacy.search).toBe('exact');
    expect(phone.privacy.export).toBe('masked');
    expect(phone.privacy.mask).toEqual({ style: 'partial', keepStart: 3, keepEnd: 4 });
  });

  it('inherits the items annotation and resolves defaults by format', () => {
    const email = field(t, '/contacts/*/email');
    expect(email.source).toBe('inherited');
    expect(email.privacy).toMatchObject({
      level: 'confidential',
      categories: ['contact'],
      purpose: 'contact',
      basis: 'consent',
    });
    expect(email.privacy.mask).toEqual({ style: 'email' });
    const id = field(t, '/contacts/*/idNumber');
    expect(id.privacy).toMatchObject({ level: 'restricted', encrypt: true, export: 'deny' });
    expect(id.privacy.mask).toEqual({ style: 'partial', keepStart: 1, keepEnd: 1 });
    expect(id.privacy.access.admin).toEqual({ owner: 'hidden', team: 'hidden', any: 'hidden' });
  });

  it('resolves retention: own inside an item as a schema path, else the template default for personal fields', () => {
    expect(field(t, '/followUps/*/notes').privacy.retention).toEqual({
      days: 365,
      after: '/followUps/*/date',
      action: 'delete',
    });
    expect(field(t, '/followUps/*/notes').privacy.scan).toBe(true);
    expect(field(t, '/dealSize').privacy.retention).toEqual({
      days: 1095,
      after: '/lastContactAt',
      action: 'anonymize',
    });
    expect(field(t, '/stage').privacy.retention).toBeUndefined();
  });

  it('fills the envelope and defaults', () => {
    expect(t).toMatchObject({
      id: 'customer-follow-up',
      version: 1,
      owner: '/ownerId',
      due: '/nextContactAt',
      policyVersion: 3,
    });
    expect(t.subject).toEqual(['/contacts/*/name', '/contacts/*/phone']);
    expect(t.acknowledgements).toHaveLength(1);
    expect(t.views[0]?.id).toBe('due-today');
  });
});

describe('parseTemplate on a plain JSON Schema without annotations', () => {
  const t = ok(fixture('plain-schema'));
  it('marks personal-looking fields confidential (looks-personal) and the rest internal', () => {
    const bySource = Object.fromEntries(t.fields.map((f) => [f.path, `${f.source}:${f.privacy.level}`]));
    expect(bySource).toEqual({
      '/owner': 'default:internal',
      '/customerName': 'looks-personal:confidential',
      '/mobile': 'looks-personal:confidential',
      '/contactEmail': 'looks-personal:confidential',
      '/productName': 'default:internal',
      '/budget': 'default:internal',
      '/visitNotes': 'looks-personal:confidential',
    });
    expect(t.uiSchema).toEqual({});
    expect(t.views).toEqual([]);
    expect(t.subject).toEqual([]);
    expect(t.acknowledgements).toEqual([]);
  });
  it('accepts an already parsed value as well as text', () => {
    expect(ok(JSON.parse(fixture('plain-schema'))).fields).toHaveLength(t.fields.length);
  });
});

describe('access and edit resolution', () => {
  const withPolicy = (access: AccessMap, fieldAccess?: AccessMap): SanitizedTemplate => {
    const p: WorkspacePolicy = {
      ...policy,
      levelDefaults: { ...policy.levelDefaults, internal: { access, export: 'allow' } },
    };
    const tpl = baseTemplate();
    tpl.schema.properties!.stage = fieldAccess
      ? { type: 'string', 'x-privacy': { access: fieldAccess } }
      : { type: 'string' };
    return ok(tpl, p);
  };

  it('role id beats kind beats *', () => {
    const t = withPolicy({ '*': 'masked', staff: 'reveal', rep: 'full' });
    const a = field(t, '/stage').privacy.access;
    expect(a.rep?.any).toBe('full');
    expect(a.manager?.any).toBe('reveal');
    expect(a.partner?.any).toBe('masked');
  });

  it('falls back from owner to team to any, and nothing matching is hidden', () => {
    const t = withPolicy({ staff: { team: 'masked' }, rep: { owner: 'full', any: 'reveal' } });
    const a = field(t, '/stage').privacy.access;
    expect(a.rep).toEqual({ owner: 'full', team: 'reveal', any: 'reveal' });
    expect(a.manager).toEqual({ owner: 'masked', team: 'masked', any: 'hidden' });
    expect(a.partner).toEqual({ owner: 'hidden', team: 'hidden', any: 'hidden' });
  });

  it("a field's access overrides the level default key by key", () => {
    const t = withPolicy({ staff: 'full', external: 'hidden' }, { external: 'masked' });
    const a = field(t, '/stage').privacy.access;
    expect(a.partner?.owner).toBe('masked');
    expect(a.rep?.any).toBe('full');
  });

  it('edit needs a listed relation (team covers owner) and full access', () => {
    const tpl = baseTemplate();
    tpl.schema.properties!.stage = {
      type: 'string',
      'x-privacy': { level: 'confidential', edit: { staff: ['team'] } },
    };
    const f = field(ok(tpl), '/stage');
    // rep reads in full only as owner; team is listed but its access is masked.
    expect(f.privacy.edit.rep).toEqual({ owner: true, team: false, any: false });
    // the manager reads team in full (confidential default) and team is listed.
    expect(f.privacy.edit.manager).toEqual({ owner: true, team: true, any: false });
    expect(f.privacy.edit.partner).toEqual({ owner: false, team: false, any: false });
  });

  it('without edit the workspace editDefault applies', () => {
    const f = field(ok(baseTemplate()), '/stage');
    expect(f.privacy.edit.rep).toEqual({ owner: true, team: false, any: false });
    expect(f.privacy.edit.manager).toEqual({ owner: true, team: true, any: false });
  });
});
