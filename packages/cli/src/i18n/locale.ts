/** The two languages of every user-visible string. */
export type Locale = 'zh-CN' | 'en';

/**
 * The locale of the terminal: `LC_ALL`, then `LC_MESSAGES`, then `LANG` (POSIX order); any
 * `zh*` value is Chinese, anything else (including `C` and unset) English.
 */
export function localeFromEnv(env: NodeJS.ProcessEnv): Locale {
  const value = env.LC_ALL || env.LC_MESSAGES || env.LANG || '';
  return /^zh/i.test(value) ? 'zh-CN' : 'en';
}
