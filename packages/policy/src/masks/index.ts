import type { ResolvedMask } from '@veil/schema';

/** What a mask may need besides the value. */
export interface MaskContext {
  locale: 'zh-CN' | 'en';
  hashToken: (value: string) => string;
}

// Placeholder until the mask registry lands: everything is redacted.
export function maskValue(_mask: ResolvedMask, value: unknown, _ctx: MaskContext): unknown {
  if (value === null || value === undefined) return value;
  return '***';
}
