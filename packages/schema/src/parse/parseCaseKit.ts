import type { Template } from '../template.js';
import type { ParseIssueCode } from './parseIssue.js';
import { baseTemplate } from './testTemplates.js';

export type Tpl = Template & Record<string, unknown>;
// biome-ignore lint/suspicious/noExplicitAny: tests write deliberately malformed schemas
export type Loose = any;

/** One malformed template, and the issue code and pointer it must be refused with. */
export interface ParseErrorCase {
  name: string;
  input: () => unknown;
  code: ParseIssueCode;
  path: string;
}

/** The base template with its schema (and optionally its envelope) changed. */
export function withSchema(mutate: (s: Loose) => void, envelope: (t: Tpl) => void = () => {}): Tpl {
  const t = baseTemplate() as Tpl;
  mutate(t.schema as Loose);
  envelope(t);
  return t;
}
