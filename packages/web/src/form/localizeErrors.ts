import type { RJSFValidationError } from '@rjsf/utils';
import type { Translate } from '../app/i18n.js';
import type { MessageKey } from '../app/messages.js';

const BY_NAME: Record<string, MessageKey> = {
  required: 'err.required',
  type: 'err.type',
  format: 'err.format',
  pattern: 'err.pattern',
  minLength: 'err.minLength',
  maxLength: 'err.maxLength',
  minimum: 'err.minimum',
  maximum: 'err.maximum',
  exclusiveMinimum: 'err.minimum',
  exclusiveMaximum: 'err.maximum',
  enum: 'err.enum',
  minItems: 'err.minItems',
  maxItems: 'err.maxItems',
};

const FORMAT_NAMES: Record<string, { en: string; zh: string }> = {
  'cn-mobile': { en: 'mobile number', zh: '手机号' },
  'cn-landline': { en: 'phone number', zh: '电话号码' },
  'cn-resident-id': { en: 'resident ID number', zh: '身份证号' },
  'cn-uscc': { en: 'unified social credit code', zh: '统一社会信用代码' },
  'bank-card': { en: 'bank card number', zh: '银行卡号' },
  email: { en: 'e-mail address', zh: '电子邮箱' },
  date: { en: 'date', zh: '日期' },
  'date-time': { en: 'date and time', zh: '日期时间' },
};

/** rjsf `transformErrors`: Ajv's English messages replaced by the user's language. */
export function localizeErrors(t: Translate, locale: string) {
  return (errors: RJSFValidationError[]): RJSFValidationError[] =>
    errors.map((error) => {
      const key = (error.name && BY_NAME[error.name]) || 'err.other';
      const params = (error.params ?? {}) as { limit?: number; format?: string };
      const formatName = params.format ? FORMAT_NAMES[params.format] : undefined;
      const message = t(key, {
        limit: params.limit ?? '',
        format: formatName ? (locale === 'zh-CN' ? formatName.zh : formatName.en) : (params.format ?? ''),
      });
      return { ...error, message, stack: `${error.property ?? ''} ${message}`.trim() };
    });
}
