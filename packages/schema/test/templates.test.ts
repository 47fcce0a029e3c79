import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { lintTemplate } from '../src/lint/index.js';
import { parseTemplate } from '../src/parse/index.js';
import { describeProcessing } from '../src/processing/index.js';
import { DEFAULT_WORKSPACE_POLICY } from '../src/workspacePolicy.js';
import { exampleTemplateNames, loadTemplate, loadWorkspacePolicy, TEMPLATES_DIR } from './loadJson.js';

const policy = loadWorkspacePolicy();
const names = exampleTemplateNames();
const update = process.env.UPDATE_GOLDEN === '1';

describe('templates/workspace-policy.json', () => {
  it('is the default workspace policy with the purposes the example templates need', () => {
    const { purposes, ...rest } = policy;
    const { purposes: defaultPurposes, ...defaultRest } = DEFAULT_WORKSPACE_POLICY;
    expect(rest).toEqual(defaultRest);
    expect(purposes.slice(0, defaultPurposes.length)).toEqual(defaultPurposes);
    expect(purposes.map((p) => p.id)).toEqual(['contact', 'membership', 'marketing', 'enrolment', 'safety']);
    for (const p of purposes) expect(p.i18n?.['zh-CN']?.title).toBeTruthy();
  });
});

describe('example templates', () => {
  it('there are at least three', () => {
    expect(names).toEqual(
      expect.arrayContaining(['b2b-follow-up', 'education-enrolment', 'retail-membership']),
    );
  });

  describe.each(names)('%s', (name) => {
    const template = loadTemplate(name);

    it('parses against the example workspace policy', () => {
      const parsed = parseTemplate(template, policy);
      expect(parsed.status === 'error' ? parsed.errors : []).toEqual([]);
    });

    it('has an English translation on every schema node', () => {
      const parsed = parseTemplate(template, policy);
      if (parsed.status !== 'ok') throw new Error('does not parse');
      const untranslated = parsed.template.fields.filter((f) => !f.i18n.en?.title).map((f) => f.path);
      expect(untranslated).toEqual([]);
      expect(template.i18n?.en?.title).toBeTruthy();
      for (const view of template.views ?? []) expect(view.i18n?.en?.title).toBeTruthy();
    });

    it('lints with no error and no unacknowledged warning, so it can be published', () => {
      const report = lintTemplate(template, policy);
      expect(report.findings.filter((f) => f.acknowledged === undefined)).toEqual([]);
      expect(report.publishable).toBe(true);
    });

    it('describes its processing exactly as the reviewed golden record (zh-CN)', () => {
      const { record, markdown } = describeProcessing(template, policy);
      const mdPath = `${TEMPLATES_DIR}${name}/processing.golden.md`;
      const jsonPath = `${TEMPLATES_DIR}${name}/processing.golden.json`;
      const json = `${JSON.stringify(record, null, 2)}\n`;
      if (update || !existsSync(mdPath)) {
        writeFileSync(mdPath, markdown);
        writeFileSync(jsonPath, json);
      }
      expect(markdown).toBe(readFileSync(mdPath, 'utf8'));
      expect(json).toBe(readFileSync(jsonPath, 'utf8'));
    });

    it('writes the same record in English with English headings and titles', () => {
      const zh = describeProcessing(template, policy).record;
      const { record, markdown } = describeProcessing(template, policy, { locale: 'en' });
      expect(markdown.startsWith(`# Record of processing: ${template.i18n?.en?.title}`)).toBe(true);
      expect(markdown).toContain('## Personal fields');
      expect(markdown).toContain('## Who sees what');
      expect(markdown).not.toContain('## 个人信息字段');
      expect(record.fields.map((f) => f.path)).toEqual(zh.fields.map((f) => f.path));
      expect(record.fields.map((f) => f.audience)).toEqual(zh.fields.map((f) => f.audience));
    });

    it('is deterministic', () => {
      expect(describeProcessing(template, policy).markdown).toBe(
        describeProcessing(template, policy).markdown,
      );
    });
  });
});

describe('processing record of the enrolment template', () => {
  const template = loadTemplate('education-enrolment');
  const { record, markdown } = describeProcessing(template, policy, { locale: 'en' });
  const field = (path: string) => {
    const found = record.fields.find((f) => f.path === path);
    if (found === undefined) throw new Error(`no ${path}`);
    return found;
  };

  it('lists only personal fields', () => {
    const paths = record.fields.map((f) => f.path);
    expect(paths).toContain('/studentIdNumber');
    expect(paths).toContain('/guardian/mobile');
    expect(paths).toContain('/followUps/*/notes');
    expect(paths).not.toContain('/course');
    expect(paths).not.toContain('/ownerId');
  });

  it('shows the resident ID hidden from reps and managers, entered by admins, revealable by compliance, encrypted, never exported', () => {
    const id = field('/studentIdNumber');
    expect(id.encrypted).toBe(true);
    expect(id.export).toBe('deny');
    expect(id.audience.full).toEqual([
      { role: 'admin', relations: ['owner', 'team', 'any'], everywhere: true },
    ]);
    expect(id.audience.edit).toEqual([
      { role: 'admin', relations: ['owner', 'team', 'any'], everywhere: true },
    ]);
    expect(id.audience.reveal.map((e) => e.role)).toEqual(['compliance']);
    expect(id.audience.hidden.map((e) => e.role)).toEqual(['manager', 'rep', 'partner']);
    expect(id.retention).toEqual({
      days: 365,
      after: '/courseEndAt',
      afterTitle: 'Course ends',
      action: 'delete',
      source: 'field',
    });
  });

  it('qualifies access by relation where it differs: a rep reads the guardian mobile in full only on own records', () => {
    const mobile = field('/guardian/mobile');
    expect(mobile.audience.full).toContainEqual({ role: 'rep', relations: ['owner'], everywhere: false });
    expect(mobile.audience.masked).toContainEqual({ role: 'rep', relations: ['team'], everywhere: false });
    expect(markdown).toContain('Sales rep (own records)');
    expect(mobile.retention).toEqual({
      days: 1095,
      after: '/lastContactAt',
      afterTitle: 'Last contact',
      action: 'delete',
      source: 'template',
    });
    expect(markdown).toContain('1095 days after Last contact, then delete');
  });

  it('carries the acknowledged lint warning with its reason', () => {
    expect(record.acknowledgements).toEqual([
      expect.objectContaining({ code: 'identity-document', path: '/studentIdNumber' }),
    ]);
    expect(markdown).toContain('student accident insurance');
  });
});
