import type { SanitizedField } from '@veil/schema';

/** Typical values by string format: what a masked sample and the preview show. */
const BY_FORMAT: Readonly<Record<string, string>> = {
  'cn-mobile': '13812345678',
  'cn-landline': '010-62345678',
  email: 'zhang.wei@example.com',
  'cn-resident-id': '11010519491231002X',
  'cn-passport': 'E12345678',
  'bank-card': '6222021234567890128',
  'cn-uscc': '91350100M000100Y43',
  'hk-id': 'A1234563',
  date: '2026-03-16',
  'date-time': '2026-03-16T09:30:00Z',
};

const NAME_LIKE = /(^|[^a-z])name$|姓名|联系人$|客户名/i;
const PHONE_LIKE = /phone|mobile|手机|电话/i;
const EMAIL_LIKE = /e-?mail|邮箱/i;

/** Typical free text in the author's language (the live mask sample follows the screen's). */
const WORDS = {
  'zh-CN': { name: '张伟', note: '客户说下周三再联系，手机 13812345678', company: '华东精密制造有限公司' },
  en: {
    name: 'Wei Zhang',
    note: 'Call back next Wednesday, mobile 13812345678',
    company: 'East Precision Ltd',
  },
} as const;

/** A typical value of a leaf field, for the live mask sample and the preview record. */
export function sampleValue(
  field: Pick<SanitizedField, 'kind' | 'format' | 'enum' | 'title' | 'segments' | 'privacy'>,
  locale: keyof typeof WORDS = 'zh-CN',
): unknown {
  if (Array.isArray(field.enum) && field.enum.length > 0) return field.enum[0];
  const key = field.segments.at(-1) ?? '';
  const words = `${key} ${field.title}`;
  switch (field.kind) {
    case 'boolean':
      return true;
    case 'integer':
    case 'number':
      return field.privacy.mask.style === 'range' || field.privacy.categories.includes('financial')
        ? 230000
        : 42;
    case 'array':
      return ['VIP'];
    case 'string': {
      if (field.format !== undefined && BY_FORMAT[field.format] !== undefined) return BY_FORMAT[field.format];
      if (PHONE_LIKE.test(words)) return BY_FORMAT['cn-mobile'];
      if (EMAIL_LIKE.test(words)) return BY_FORMAT.email;
      if (NAME_LIKE.test(words)) return WORDS[locale].name;
      if (field.privacy.categories.includes('free-text')) return WORDS[locale].note;
      return WORDS[locale].company;
    }
    default:
      return null;
  }
}
