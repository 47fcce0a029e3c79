/** One PII span found in free text. */
export interface PiiSpan {
  /** What was found: `cn-mobile`, `email`, `cn-resident-id`, `bank-card`, … */
  type: string;
  start: number;
  end: number;
}

// Seam over @veil/policy's detector; until it lands, a conservative local pattern set.
const PATTERNS: { type: string; pattern: RegExp }[] = [
  {
    type: 'cn-resident-id',
    pattern:
      /(?<!\d)[1-9]\d{5}(?:18|19|20)\d{2}(?:0[1-9]|1[0-2])(?:0[1-9]|[12]\d|3[01])\d{3}[\dXx](?![\dXx])/g,
  },
  { type: 'bank-card', pattern: /(?<!\d)(?:62|4|5|3)\d{14,18}(?!\d)/g },
  { type: 'cn-mobile', pattern: /(?<!\d)(?:\+?86[ -]?)?1[3-9]\d[ -]?\d{4}[ -]?\d{4}(?!\d)/g },
  { type: 'email', pattern: /[A-Za-z0-9._%+-]+@[A-Za-z0-9.-]+\.[A-Za-z]{2,}/g },
];

export function detectPiiSpans(text: string): PiiSpan[] {
  const spans: PiiSpan[] = [];
  for (const { type, pattern } of PATTERNS) {
    for (const match of text.matchAll(pattern)) {
      const start = match.index ?? 0;
      const end = start + match[0].length;
      if (!spans.some((s) => start < s.end && end > s.start)) spans.push({ type, start, end });
    }
  }
  return spans.sort((a, b) => a.start - b.start);
}
