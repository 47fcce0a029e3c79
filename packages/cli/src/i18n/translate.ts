import type { Locale } from './locale.js';
import { MESSAGES, type MessageKey } from './messages.js';

/** Parameters substituted into `{name}` placeholders. */
type MessageParams = Record<string, string | number>;

/** The message `key` in `locale`, with `{name}` placeholders filled from `params`. */
function translate(locale: Locale, key: MessageKey, params: MessageParams = {}): string {
  const text = MESSAGES[key][locale];
  return text.replace(/\{(\w+)\}/g, (whole, name: string) => (name in params ? String(params[name]) : whole));
}

/** A translator bound to one locale. */
export type Translator = (key: MessageKey, params?: MessageParams) => string;

export function createTranslator(locale: Locale): Translator {
  return (key, params) => translate(locale, key, params);
}
