/** Retention messages a user sees, in both languages. */
const MESSAGES = {
  running: {
    en: 'A retention run is already in progress; wait until it ends, then run again.',
    'zh-CN': '已有一次保留期清理正在运行；请等它结束后再运行。',
  },
} as const;

export function retentionMessage(key: keyof typeof MESSAGES, locale: 'zh-CN' | 'en'): string {
  return MESSAGES[key][locale];
}
