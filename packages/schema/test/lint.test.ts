import { describe, expect, it } from 'vitest';
import { LINT_META_CODES, LINT_RULES, lintTemplate } from '../src/lint/index.js';
import type { Template } from '../src/template.js';
import { FIXTURES_DIR, loadTemplate, loadWorkspacePolicy, readJson } from './loadJson.js';

const policy = loadWorkspacePolicy();
const bad = readJson<Template>(`${FIXTURES_DIR}lint/bad-template.json`);

function codesAt(template: Template, path: string): string[] {
  return lintTemplate(template, policy)
    .findings.filter((f) => f.path === path)
    .map((f) => f.code);
}

describe('lintTemplate on the bad template', () => {
  const report = lintTemplate(bad, policy);

  it('parses (the findings are lint findings, not parse errors)', () => {
    expect(report.findings.filter((f) => f.code === LINT_META_CODES.parse)).toEqual([]);
  });

  it('produces every code of the registry and both acknowledgement codes', () => {
    const expected = new Set([
      ...LINT_RULES.map((r) => r.code),
      LINT_META_CODES.acknowledgeError,
      LINT_META_CODES.acknowledgeUnmatched,
    ]);
    expect(new Set(report.findings.map((f) => f.code))).toEqual(expected);
  });

  it('is not publishable', () => {
    expect(report.publishable).toBe(false);
  });

  it('reports each finding with the rule’s severity and a path', () => {
    for (const finding of report.findings) {
      const rule = LINT_RULES.find((r) => r.code === finding.code);
      if (rule) expect(finding.severity).toBe(rule.severity);
      expect(finding.path.startsWith('/')).toBe(true);
      expect(finding.message.length).toBeGreaterThan(10);
    }
  });

  it('points at the fields concerned', () => {
    expect(codesAt(bad, '/secret')).toEqual(['purpose-missing', 'basis-missing']);
    expect(codesAt(bad, '/active')).toEqual(['mask-type-mismatch']);
    expect(codesAt(bad, '/budget')).toEqual(['required-hidden-from-creator']);
    expect(codesAt(bad, '/phone')).toEqual(['looks-personal-unannotated']);
    expect(codesAt(bad, '/fax')).toEqual(['looks-personal-unannotated', 'personal-example-value']);
    expect(codesAt(bad, '/idNumber')).toEqual([
      'restricted-exportable',
      'retention-missing',
      'identity-document',
      'sensitive-without-consent',
      'restricted-unencrypted',
    ]);
    expect(codesAt(bad, '/memo')).toEqual([
      'retention-missing',
      'free-text-unscanned',
      'search-exact-on-free-text',
    ]);
    expect(codesAt(bad, '/health')).toEqual(['retention-missing', 'sensitive-level-low']);
    expect(codesAt(bad, '/contactValue')).toContain('branch-privacy-conflict');
  });

  it('marks an acknowledged warning with its reason and refuses to acknowledge an error', () => {
    const identity = report.findings.find((f) => f.code === 'identity-document' && f.path === '/idNumber');
    expect(identity?.acknowledged).toEqual({ reason: 'Needed for a contract under real-name rules.' });
    const purpose = report.findings.find((f) => f.code === 'purpose-missing');
    expect(purpose?.acknowledged).toBeUndefined();
    expect(report.findings).toContainEqual(
      expect.objectContaining({ code: 'acknowledge-error', severity: 'error', path: '/lint/acknowledge/0' }),
    );
    expect(report.findings).toContainEqual(
      expect.objectContaining({
        code: 'acknowledge-unmatched',
        severity: 'warning',
        path: '/lint/acknowledge/2',
      }),
    );
  });
});

describe('lintTemplate', () => {
  it('returns parse errors as error findings with the parser’s code in the message', () => {
    const broken = { ...bad, owner: '/nowhere' } as Template;
    const report = lintTemplate(broken, policy);
    expect(report.publishable).toBe(false);
    expect(report.findings.length).toBeGreaterThan(0);
    for (const f of report.findings) {
      expect(f.code).toBe('parse');
      expect(f.severity).toBe('error');
    }
    expect(report.findings.map((f) => f.message).join('\n')).toContain('owner-unresolved');
  });

  it('a removed acknowledgement turns the warning back into an unacknowledged one', () => {
    const template = loadTemplate('education-enrolment');
    const { lint: _lint, ...withoutAck } = template;
    const report = lintTemplate(withoutAck, policy);
    expect(report.publishable).toBe(true);
    expect(report.findings).toEqual([
      expect.objectContaining({ code: 'identity-document', path: '/studentIdNumber' }),
    ]);
    expect(report.findings[0]?.acknowledged).toBeUndefined();
  });

  it('warnings alone do not block publishing; one error does', () => {
    const template = loadTemplate('b2b-follow-up');
    const props = template.schema.properties ?? {};
    const withWarning: Template = {
      ...template,
      schema: { ...template.schema, properties: { ...props, wechat: { type: 'string', title: '微信号' } } },
    };
    const warned = lintTemplate(withWarning, policy);
    expect(warned.findings.map((f) => f.code)).toEqual(['looks-personal-unannotated']);
    expect(warned.publishable).toBe(true);

    const withError: Template = {
      ...template,
      schema: {
        ...template.schema,
        properties: {
          ...props,
          rating: { type: 'string', title: '评级', 'x-privacy': { level: 'confidential' } },
        },
      },
    };
    const failed = lintTemplate(withError, policy);
    expect(failed.findings.map((f) => f.code)).toEqual(['purpose-missing', 'basis-missing']);
    expect(failed.publishable).toBe(false);
  });

  it('every rule has a unique code and a description', () => {
    const codes = LINT_RULES.map((r) => r.code);
    expect(new Set(codes).size).toBe(codes.length);
    for (const rule of LINT_RULES) expect(rule.description.length).toBeGreaterThan(20);
  });
});
