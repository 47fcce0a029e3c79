import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { ACCESS_LEVELS, DEFAULT_WORKSPACE_POLICY, RELATIONS } from '@veil/schema';
import { describe, expect, it } from 'vitest';

/**
 * Regression (issue 10): role ids, relations and access levels were compared with literals in
 * routers and screens (`roles.includes('admin')`, `relation === 'team'`, `access === 'full'`), so
 * privacy decisions lived outside `@veil/policy`. This scan fails on any new comparison in the
 * server's and the web app's sources: `===`/`!==`/`==`/`!=` against such a literal, a `case`
 * label, or `.includes` / `.has` / `.indexOf` with one. Use `can`, `holds`, `guardDelete`,
 * `showsInFull`, `ownsRecord` … from `@veil/policy` instead. Looking a label up by the relation
 * the server returned (`LABELS[relation]`) is not a comparison and stays fine.
 */

const ROOT = fileURLToPath(new URL('../../../', import.meta.url));
const SCANNED = ['packages/server/src', 'packages/web/src'];
const VOCABULARY = [
  ...DEFAULT_WORKSPACE_POLICY.roles.map((r) => r.id),
  'staff',
  'external',
  ...RELATIONS,
  ...ACCESS_LEVELS,
];
const words = VOCABULARY.join('|');
const literal = `(['"\`])(?:${words})\\1`;
const PATTERNS: RegExp[] = [
  new RegExp(`(?:===|!==|==|!=)\\s*${literal}`),
  new RegExp(`${literal}\\s*(?:===|!==|==|!=)`),
  new RegExp(`\\bcase\\s+${literal}\\s*:`),
  new RegExp(`\\.(?:includes|has|indexOf)\\(\\s*${literal}\\s*\\)`),
];
/** rjsf's `ui:widget: 'hidden'` is a widget name, not an access level. */
const NOT_VOCABULARY = /ui:widget/;

/** Comparisons with a role id, relation or access level literal, as `file:line: text`. */
function findLiteralComparisons(file: string, text: string): string[] {
  const found: string[] = [];
  const lines = text.replace(/\/\*[\s\S]*?\*\//g, (c) => c.replace(/[^\n]/g, ' ')).split('\n');
  lines.forEach((raw, i) => {
    const line = raw.replace(/(^|[^:])\/\/.*$/, '$1');
    if (NOT_VOCABULARY.test(line)) return;
    if (PATTERNS.some((pattern) => pattern.test(line))) found.push(`${file}:${i + 1}: ${line.trim()}`);
  });
  return found;
}

function sourcesUnder(dir: string): string[] {
  const out: string[] = [];
  for (const name of readdirSync(dir)) {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) out.push(...sourcesUnder(path));
    else if (/\.(ts|tsx)$/.test(name) && !/\.test(-d)?\.tsx?$/.test(name)) out.push(path);
  }
  return out;
}

describe('role ids, relations and access levels outside @veil/policy', () => {
  it('are never compared with a literal in the server or the web app', () => {
    const files = SCANNED.flatMap((dir) => sourcesUnder(join(ROOT, dir)));
    expect(files.length).toBeGreaterThan(50);
    const found = files.flatMap((file) =>
      findLiteralComparisons(relative(ROOT, file), readFileSync(file, 'utf8')),
    );
    expect(found).toEqual([]);
  });

  it('catches a planted comparison of each form, and ignores labels looked up by relation', () => {
    const planted = [
      "if (ctx.session.principal.roles.includes('admin')) {",
      "const own = rows.filter((r) => r.relation === 'owner');",
      "if ('full' !== field.access) return;",
      "    case 'team':",
      'if (roles.has("compliance")) allow();',
      'const kinds = role.kind == `external`;',
    ];
    for (const line of planted) expect(findLiteralComparisons('planted.ts', line)).toHaveLength(1);
    const fine = [
      'return t(COLLEAGUE_LABEL[relation]);',
      "const [relation, setRelation] = useState<Relation>('team');",
      "if (childUi?.['ui:widget'] !== 'hidden') keep();",
      "// a comment: relation === 'owner'",
      "const relations = z.array(z.enum(['owner', 'team', 'any']));",
    ];
    for (const line of fine) expect(findLiteralComparisons('fine.ts', line)).toEqual([]);
  });
});
