import { describe, expect, it } from 'vitest';
import {
  formatLintMessage,
  LINT_MESSAGES,
  LINT_META_CODES,
  LINT_RULES,
  lintTemplate,
} from '../src/lint/index.js';
import { describeProcessing } from '../src/processing/index.js';
import type { Template } from '../src/template.js';
import { FIXTURES_DIR, loadWorkspacePolicy, readJson } from './loadJson.js';

const policy = loadWorkspacePolicy();
const bad = readJson<Template>(`${FIXTURES_DIR}lint/bad-template.json`);
const CJK = /[\u4e00-\u9fff]/;

describe('lint messages in both languages', () => {
  it('has an English and a Chinese text for every rule and meta code', () => {
    for (const code of [...LINT_RULES.map((r) => r.code), ...Object.values(LINT_META_CODES)]) {
      const text = LINT_MESSAGES[code];
      expect(text, code).toBeDefined();
      expect(text?.en, code).not.toMatch(CJK);
      expect(text?.['zh-CN'], code).toMatch(CJK);
    }
  });

  it('gives every finding of the bad template a Chinese message with every placeholder filled', () => {
    const report = lintTemplate(bad, policy);
    for (const finding of report.findings) {
      const zh = formatLintMessage(finding, 'zh-CN', { policy });
      expect(zh, finding.code).toMatch(CJK);
      expect(zh, finding.code).not.toMatch(/\{\w+\}/);
      expect(formatLintMessage(finding, 'en')).toBe(finding.message);
    }
  });

  it('names levels, categories and roles by their Chinese labels, not their ids', () => {
    const report = lintTemplate(bad, policy);
    const purpose = report.findings.find((f) => f.code === 'purpose-missing');
    expect(purpose && formatLintMessage(purpose, 'zh-CN')).toContain('机密');
    const blocked = report.findings.find((f) => f.code === 'required-hidden-from-creator');
    const zh = blocked ? formatLintMessage(blocked, 'zh-CN', { policy }) : '';
    expect(zh).toContain('业务员');
    expect(zh).not.toMatch(/\brep\b/);
  });

  it('keeps the message of a code without a text (a rule added later)', () => {
    expect(formatLintMessage({ code: 'future-rule', message: 'Something to fix.' }, 'zh-CN')).toBe(
      'Something to fix.',
    );
  });

  it('shows acknowledged findings in the language of the processing record', () => {
    const template: Template = {
      id: 'ids',
      version: 1,
      title: '客户',
      owner: '/owner',
      schema: {
        type: 'object',
        properties: {
          owner: { type: 'string', title: '负责人' },
          passport: {
            type: 'string',
            title: '护照号',
            'x-privacy': {
              level: 'restricted',
              categories: ['identity'],
              purpose: 'contact',
              basis: 'consent',
              retention: { days: 30, after: 'updatedAt', action: 'delete' },
            },
          },
        },
      },
      lint: { acknowledge: [{ code: 'identity-document', path: '/passport', reason: '签证需要' }] },
    } as Template;
    const zh = describeProcessing(template, policy, { locale: 'zh-CN' }).record.acknowledgements;
    expect(zh.map((a) => a.message).join()).toContain('身份证件');
    const en = describeProcessing(template, policy, { locale: 'en' }).record.acknowledgements;
    expect(en.map((a) => a.message).join()).toContain('identity document');
  });
});

describe('issue: identity-document on a name', () => {
  it('does not call a customer name an identity document, but still flags a passport number', () => {
    const template = {
      id: 'names',
      version: 1,
      title: '客户',
      owner: '/owner',
      schema: {
        type: 'object',
        properties: {
          owner: { type: 'string', title: '负责人' },
          customerName: {
            type: 'string',
            title: '客户姓名',
            'x-privacy': { level: 'confidential', categories: ['identity'] },
          },
          passportNo: { type: 'string', title: '护照号码', 'x-privacy': { level: 'restricted' } },
        },
      },
    } as Template;
    const hits = lintTemplate(template, policy)
      .findings.filter((f) => f.code === 'identity-document')
      .map((f) => f.path);
    expect(hits).toEqual(['/passportNo']);
  });
});
