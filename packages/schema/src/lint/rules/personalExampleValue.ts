import { isPersonalField } from '../fieldFacts.js';
import type { LintRule } from '../lintRule.js';
import { schemaNodesOf } from '../schemaNodesOf.js';

export const personalExampleValue: LintRule = {
  code: 'personal-example-value',
  severity: 'warning',
  description:
    'A personal field carries a `default` or `examples` value in its schema: the schema reaches every client, so that value does too.',
  check: ({ sanitized }) =>
    sanitized.fields
      .filter((f) => f.source === 'looks-personal' || isPersonalField(f))
      .filter((f) => schemaNodesOf(sanitized, f).some((node) => 'default' in node || 'examples' in node))
      .map((f) => ({
        path: f.path,
        message:
          'This personal field has a "default" or "examples" value: every user who opens the form receives the schema and with it that value. Remove it, or use an obviously made-up value.',
      })),
};
