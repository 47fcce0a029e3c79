import { describe, expect, it } from 'vitest';
import { schemaFingerprint } from './schemaFingerprint.js';

const base = () => ({
  type: 'object',
  title: '跟进',
  properties: {
    phone: { type: 'string', format: 'cn-mobile', title: '手机', 'x-privacy': { level: 'confidential' } },
    items: { type: 'array', items: { type: 'object', properties: { note: { type: 'string' } } } },
  },
});

describe('schemaFingerprint', () => {
  it('ignores titles, descriptions and annotations that cannot change the compile verdict', () => {
    const edited = base() as Record<string, unknown> & ReturnType<typeof base>;
    edited.title = 'Follow-up';
    edited.description = 'new';
    edited.properties.phone['x-privacy'] = { level: 'restricted' };
    (edited.properties.items.items.properties.note as Record<string, unknown>)['x-i18n'] = {
      en: { title: 'Note' },
    };
    expect(schemaFingerprint(edited)).toBe(schemaFingerprint(base()));
  });

  it('tells apart every structural change', () => {
    const fp = schemaFingerprint(base());
    const changes: ((s: ReturnType<typeof base>) => void)[] = [
      (s) => {
        s.properties.phone.type = 'number';
      },
      (s) => {
        s.properties.phone.format = 'email';
      },
      (s) => {
        (s.properties.items.items.properties.note as Record<string, unknown>).maxLength = 3;
      },
      (s) => {
        // A title that is not a string fails the meta-schema: it must not share a verdict.
        (s.properties.phone as Record<string, unknown>).title = 7;
      },
    ];
    for (const change of changes) {
      const s = base();
      change(s);
      expect(schemaFingerprint(s)).not.toBe(fp);
    }
  });

  it('keeps properties named like annotations, and annotation-looking keys inside values', () => {
    const withTitle = { type: 'object', properties: { title: { type: 'string' } } };
    const withDescription = { type: 'object', properties: { description: { type: 'string' } } };
    expect(schemaFingerprint(withTitle)).not.toBe(schemaFingerprint(withDescription));
    const a = { type: 'object', enum: [{ title: 'a' }] };
    const b = { type: 'object', enum: [{ title: 'b' }] };
    expect(schemaFingerprint(a)).not.toBe(schemaFingerprint(b));
  });
});
