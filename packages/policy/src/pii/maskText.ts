import { toHalfWidth } from '@veil/schema';
import type { MaskContext } from '../masks/maskStyle.js';
import { nameMask } from '../masks/styles/nameMask.js';
import type { PiiSpan, PiiType } from './piiTypes.js';

const REDACTED = '***';
// The name mask reads neither the locale nor the hash key.
const NAME_CONTEXT: MaskContext = { locale: 'zh-CN', hashToken: () => REDACTED };
// The divisions an address keeps when masked: everything up to the last district or county.
const ADDRESS_KEPT = /^.*?(?:新区|自治区|区|县|旗)|^.*?市/;

/** An address with its district (or city) kept and every later character starred. */
function maskAddress(value: string): string {
  const kept = ADDRESS_KEPT.exec(value)?.[0] ?? '';
  const hidden = [...value.slice(kept.length)].length;
  return kept !== '' && hidden > 0 ? `${kept}${'*'.repeat(hidden)}` : REDACTED;
}

/**
 * The masked form of one found value, keeping what the default mask of its format keeps:
 * mobile 3 + 4 digits, resident ID first and last character, card last 4, e-mail the first
 * character and the domain, a name its surname (`王**`, `J***`), an address its district
 * (`浦东新区********`), a plate its region (`沪A*****`); everything else is redacted.
 */
export function maskPiiValue(type: PiiType, value: string): string {
  const half = toHalfWidth(value);
  switch (type) {
    case 'mobile': {
      const digits = half.replace(/\D/g, '');
      if (digits.length < 11) return REDACTED;
      const national = digits.slice(-11);
      return `${national.slice(0, 3)}****${national.slice(7)}`;
    }
    case 'resident-id': {
      const chars = half.replace(/[^0-9A-Za-z]/g, '');
      if (chars.length < 15) return REDACTED;
      return `${chars[0]}${'*'.repeat(chars.length - 2)}${chars.at(-1)}`;
    }
    case 'bank-card': {
      const digits = half.replace(/\D/g, '');
      return digits.length < 12 ? REDACTED : `****${digits.slice(-4)}`;
    }
    case 'email': {
      const at = half.lastIndexOf('@');
      const first = [...half.slice(0, at)][0];
      return at > 0 && first !== undefined ? `${first}***${half.slice(at)}` : REDACTED;
    }
    case 'name':
      return nameMask.apply(value, { style: 'name' }, NAME_CONTEXT);
    case 'address':
      return maskAddress(value);
    case 'plate':
      return value.length > 2 ? `${value.slice(0, 2)}${'*'.repeat(value.length - 2)}` : REDACTED;
    case 'wechat':
    case 'qq':
    case 'landline':
    case 'uscc':
    case 'passport':
    case 'hk-id':
    case 'tw-id':
      return REDACTED;
  }
}

function isHigh(code: number): boolean {
  return code >= 0xd800 && code <= 0xdbff;
}
function isLow(code: number): boolean {
  return code >= 0xdc00 && code <= 0xdfff;
}

/**
 * Replaces each span with its masked form. Spans are clamped to the text and widened so that no
 * surrogate pair is split; overlapping spans are merged and the merged stretch redacted whole.
 */
export function maskText(text: string, spans: readonly PiiSpan[]): string {
  const regions: { start: number; end: number; type: PiiType | undefined }[] = [];
  const sorted = [...spans].sort((a, b) => a.start - b.start);
  for (const span of sorted) {
    let start = Math.max(0, Math.min(text.length, Math.floor(span.start)));
    let end = Math.max(0, Math.min(text.length, Math.ceil(span.end)));
    if (start > 0 && isLow(text.charCodeAt(start)) && isHigh(text.charCodeAt(start - 1))) start--;
    if (end > 0 && end < text.length && isHigh(text.charCodeAt(end - 1)) && isLow(text.charCodeAt(end)))
      end++;
    if (!(end > start)) continue;
    const last = regions.at(-1);
    if (last && start < last.end) {
      last.end = Math.max(last.end, end);
      last.type = undefined;
    } else {
      regions.push({ start, end, type: span.type });
    }
  }
  let out = '';
  let at = 0;
  for (const { start, end, type } of regions) {
    const value = text.slice(start, end);
    out += text.slice(at, start) + (type === undefined ? REDACTED : maskPiiValue(type, value));
    at = end;
  }
  return out + text.slice(at);
}
