import { describeProcessing, isPersonalField, lintTemplate, parseTemplate } from '@veil/schema';
import { describe, expect, it } from 'vitest';
import { validateRecords } from '../src/core/validateRecords.js';
import { generateSample, packPolicy, readPack } from '../src/index.js';
import { PACK_NAMES, packFiles, t } from './helpers/packFixtures.js';

const TRADES = [
  'b2b-saas-sales',
  'car-dealership',
  'insurance-agent',
  'medical-aesthetics',
  'real-estate-viewing',
  'recruitment-headhunting',
  'training-enrolment',
  'wealth-management',
];

describe('bundled template packs', () => {
  it('are the eight trades', () => {
    expect(PACK_NAMES).toEqual(TRADES);
  });

  describe.each(PACK_NAMES)('%s', (name) => {
    const pack = readPack(t, packFiles(name));
    const policy = packPolicy(pack.manifest);

    it('has a manifest naming its roles, purposes, Veil range and changelog', () => {
      expect(pack.manifest.name).toBe(name);
      expect(pack.manifest.roles.map((r) => r.id)).toEqual(expect.arrayContaining(['admin', 'compliance']));
      expect(pack.manifest.purposes.length).toBeGreaterThan(0);
      expect(pack.manifest.changelog[0]?.version).toBe(pack.manifest.version);
    });

    it.each(pack.templates.map((x) => [x.path, x.template] as const))(
      '%s parses and lints clean',
      (_path, template) => {
        const parsed = parseTemplate(template, policy);
        expect(parsed.status === 'error' ? parsed.errors : []).toEqual([]);
        const report = lintTemplate(template, policy);
        expect(report.findings.filter((f) => f.acknowledged === undefined)).toEqual([]);
        expect(report.publishable).toBe(true);
      },
    );

    it('every field has an English title and every personal field is explained in the README', () => {
      for (const { template } of pack.templates) {
        const parsed = parseTemplate(template, policy);
        if (parsed.status !== 'ok') throw new Error('does not parse');
        expect(parsed.template.fields.filter((f) => !f.i18n.en?.title).map((f) => f.path)).toEqual([]);
        const unexplained = parsed.template.fields
          .filter((f) => f.leaf && isPersonalField(f) && f.privacy.categories.length > 0)
          .filter((f) => !pack.readme.includes(`| ${f.i18n.en?.title} · ${f.title} |`))
          .map((f) => f.path);
        expect(unexplained).toEqual([]);
        expect(pack.readme).toContain('Deliberately not collected');
      }
    });

    it('its seeded sample data validates, and the same seed gives the same data', () => {
      for (const { template } of pack.templates) {
        const parsed = parseTemplate(template, policy);
        if (parsed.status !== 'ok') throw new Error('does not parse');
        const records = generateSample(parsed.template, pack.sample);
        expect(records).toHaveLength(pack.sample.count);
        expect(validateRecords(parsed.template, records, 'en')).toEqual([]);
        expect(generateSample(parsed.template, pack.sample)).toEqual(records);
        expect(generateSample(parsed.template, pack.sample, { seed: pack.sample.seed + 1 })).not.toEqual(
          records,
        );
      }
    });

    it('builds its processing record in both languages', () => {
      for (const { template } of pack.templates) {
        const zh = describeProcessing(template, policy);
        const en = describeProcessing(template, policy, { locale: 'en' });
        expect(zh.record.publishable).toBe(true);
        expect(zh.record.fields.length).toBeGreaterThan(1);
        expect(en.record.fields.map((f) => f.path)).toEqual(zh.record.fields.map((f) => f.path));
        for (const f of en.record.fields) expect(f.purpose?.id ?? 'none').not.toBe('none');
      }
    });
  });

  it('keeps health data of the aesthetics clinic restricted to doctors, encrypted and never exported', () => {
    const pack = readPack(t, packFiles('medical-aesthetics'));
    const { record } = describeProcessing(pack.templates[0]!.template, packPolicy(pack.manifest), {
      locale: 'en',
    });
    const field = record.fields.find((f) => f.path === '/contraindications');
    expect(field).toMatchObject({
      level: 'restricted',
      encrypted: true,
      export: 'deny',
      purpose: { id: 'treatment' },
    });
    expect(field?.audience.full.map((e) => e.role)).toEqual(['doctor']);
    expect(field?.audience.reveal.map((e) => e.role)).toEqual(['compliance']);
    expect(field?.audience.hidden.map((e) => e.role)).toEqual(
      expect.arrayContaining(['consultant', 'manager']),
    );
  });
});
