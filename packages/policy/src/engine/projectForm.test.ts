import { DEFAULT_WORKSPACE_POLICY, parseTemplate } from '@veil/schema';
import { describe, expect, it } from 'vitest';
import choiceLabels from '../../test/fixtures/engine/choiceLabels.json' with { type: 'json' };
import { TEST_KEYS } from '../../test/reference/generators.js';
import type { Directory } from '../types.js';
import { compilePolicy } from './compilePolicy.js';
import { createViewer } from './createViewer.js';

const parsed = parseTemplate(choiceLabels, DEFAULT_WORKSPACE_POLICY);
if (parsed.status !== 'ok') throw new Error(JSON.stringify(parsed.errors));
const compiled = compilePolicy(parsed.template, DEFAULT_WORKSPACE_POLICY, { keys: TEST_KEYS, locale: 'en' });
const directory: Directory = { parentOf: { east: null }, departmentOf: { alice: 'east' } };
const alice = createViewer(
  { id: 'alice', roles: ['rep'], departmentId: 'east', managedDepartmentIds: [], name: 'Alice' },
  directory,
);

type Ui = Record<string, Record<string, unknown>>;
const formIn = (locale: 'zh-CN' | 'en') => compiled.projectForm(alice, 'create', locale).uiSchema as Ui;

describe('projectForm choice labels', () => {
  it('gives an English viewer the English labels of x-i18n.en.enumNames', () => {
    const ui = formIn('en');
    expect(ui.stage!['ui:enumNames']).toEqual(['Needs confirmed', 'Negotiation']);
    expect((ui.visits!.items as Ui).channel!['ui:enumNames']).toEqual(['Phone', 'Visit']);
    expect(ui.source!['ui:enumNames']).toEqual(['Website', 'Referral']);
  });

  it('labels the choices of a multi-choice list and keeps its other ui options', () => {
    const form = compiled.projectForm(alice, 'create', 'en');
    const tags = form.uiSchema.tags as Ui;
    expect(tags['ui:widget']).toBe('checkboxes');
    expect(tags.items!['ui:enumNames']).toEqual(['Key account', 'New customer']);
    expect(form.schema.properties!.tags!.items).toMatchObject({ title: 'Tag', enum: ['key', 'new'] });
    expect(JSON.stringify(form.schema)).not.toContain('x-i18n');
  });

  it("gives a Chinese viewer the template's own ui:enumNames", () => {
    const ui = formIn('zh-CN');
    expect(ui.stage!['ui:enumNames']).toEqual(['需求确认', '商务谈判']);
    expect((ui.tags!.items as Ui)['ui:enumNames']).toEqual(['重点', '新客']);
    expect((ui.visits!.items as Ui).channel!['ui:enumNames']).toEqual(['电话', '拜访']);
    // No ui:enumNames in the template: x-i18n.zh-CN fills in.
    expect(ui.source!['ui:enumNames']).toEqual(['官网', '转介绍']);
  });

  it('does not change the compiled template between locales', () => {
    expect(formIn('en').stage!['ui:enumNames']).toEqual(['Needs confirmed', 'Negotiation']);
    expect(formIn('zh-CN').stage!['ui:enumNames']).toEqual(['需求确认', '商务谈判']);
    expect(formIn('en').stage!['ui:enumNames']).toEqual(['Needs confirmed', 'Negotiation']);
  });
});

describe('projectForm live PII scan', () => {
  const template = {
    id: 'scan',
    version: 1,
    title: 'Scan',
    owner: '/ownerId',
    schema: {
      type: 'object',
      properties: {
        ownerId: { type: 'string', title: 'Owner' },
        memo: { type: 'string', title: 'Memo', 'x-privacy': { level: 'internal', scan: true } },
        summary: { type: 'string', title: 'Summary', 'x-privacy': { categories: ['free-text'] } },
        company: { type: 'string', title: 'Company' },
      },
    },
  };
  const scanParsed = parseTemplate(template, DEFAULT_WORKSPACE_POLICY);
  if (scanParsed.status !== 'ok') throw new Error(JSON.stringify(scanParsed.errors));
  const scanCompiled = compilePolicy(scanParsed.template, DEFAULT_WORKSPACE_POLICY, {
    keys: TEST_KEYS,
    locale: 'en',
  });

  it('marks every editable field with scan on, whatever its widget, and no other', () => {
    const ui = scanCompiled.projectForm(alice, 'create', 'en').uiSchema as Ui;
    expect(ui.memo?.['ui:options']).toEqual({ veilScan: true });
    expect(ui.summary?.['ui:options']).toEqual({ veilScan: true });
    expect(ui.company).toBeUndefined();
  });

  it('does not mark a scanned field the viewer may not edit', () => {
    const ui = scanCompiled.projectForm(alice, { relation: 'team' }, 'en').uiSchema as Ui;
    expect(ui.memo?.['ui:options']).not.toMatchObject({ veilScan: true });
  });
});
