import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';

/** What the docs test does with a block. */
type BlockKind =
  /** A shell block (`sh`, `bash`, `shell`, `console`): run with bash. */
  | 'shell'
  /** A JavaScript/TypeScript block (an API call): run with node as an ES module. */
  | 'script'
  /** Anything else (JSON, a folder listing, output): not run. */
  | 'other';

/** The directives of the `<!-- docs-test: … -->` comment before a block (`;`-separated). */
interface BlockMarker {
  /** `skip`: the block is not run; the reason is the rendered line between comment and block. */
  skip?: string;
  /** `exit N`: the exit code the block ends with (default 0). */
  exit?: number;
  /** `setup NAME`: a fixture the sandbox gets before the block runs (e.g. `store`). */
  setup?: string[];
  /** `output`: this (non-command) block shows output the previous block must print. */
  output?: boolean;
}

/** A fenced code block of a Markdown file. */
export interface DocBlock {
  /** Repository-relative file. */
  file: string;
  /** 1-based line of the opening fence. */
  line: number;
  lang: string;
  kind: BlockKind;
  code: string;
  marker: BlockMarker;
  /** A `skip` comment without a rendered reason line, or a directive the test does not know. */
  problem?: string;
}

const SHELL = new Set(['sh', 'bash', 'shell', 'console', 'zsh']);
const SCRIPT = new Set(['js', 'mjs', 'javascript', 'ts', 'typescript']);
const COMMENT = /^<!--\s*docs-test:\s*(.*?)\s*-->$/;
/** The rendered reason of a skipped block (English or Chinese pages). */
const VISIBLE_REASON = /^\*(?:Not run by the docs test|文档测试不运行此段)[:：]\s*(.+?)\*$/;
/** A line that shows a command: what an unlabelled block must not hold unmarked. */
export const COMMAND_LINE = /^\s*(?:\$\s+)?(?:[A-Z_]+=\S*\s+)*(?:veil|pnpm|npx|node|curl)\s/;

function kindOf(lang: string): BlockKind {
  if (SHELL.has(lang)) return 'shell';
  if (SCRIPT.has(lang)) return 'script';
  return 'other';
}

function parseMarker(body: string): { marker: BlockMarker; problem?: string } {
  const marker: BlockMarker = {};
  for (const part of body.split(';').map((p) => p.trim())) {
    const exit = /^exit\s+(\d+)$/.exec(part);
    const setup = /^setup\s+([\w-]+)$/.exec(part);
    if (part === 'skip') marker.skip = '';
    else if (part === 'output') marker.output = true;
    else if (exit) marker.exit = Number(exit[1]);
    else if (setup) marker.setup = [...(marker.setup ?? []), setup[1] as string];
    else return { marker, problem: `unknown docs-test directive "${part}"` };
  }
  return { marker };
}

/** Every fenced block (``` or ~~~, at any indent) of the file, with its marker. */
export function docBlocks(root: string, file: string): DocBlock[] {
  const lines = readFileSync(join(root, file), 'utf8').split('\n');
  const blocks: DocBlock[] = [];
  for (let i = 0; i < lines.length; i++) {
    const open = /^(\s*)(`{3,}|~{3,})\s*([\w-]*)/.exec(lines[i] ?? '');
    if (!open) continue;
    const indent = (open[1] ?? '').length;
    const fence = open[2] as string;
    const close = new RegExp(`^\\s*${fence[0] === '`' ? '`' : '~'}{${fence.length},}\\s*$`);
    let end = i + 1;
    while (end < lines.length && !close.test(lines[end] ?? '')) end++;
    const lang = (open[3] ?? '').toLowerCase();
    const code = lines
      .slice(i + 1, end)
      .map((l) => l.slice(Math.min(indent, l.length - l.trimStart().length)))
      .join('\n');
    // Walk back over blank lines: a rendered reason paragraph, then the comment.
    let prev = i - 1;
    const skipBlank = () => {
      while (prev >= 0 && (lines[prev] ?? '').trim() === '') prev--;
    };
    skipBlank();
    let top = prev;
    while (top >= 0 && (lines[top] ?? '').trim() !== '' && !COMMENT.test((lines[top] ?? '').trim())) top--;
    const paragraph = lines
      .slice(top + 1, prev + 1)
      .map((l) => l.trim())
      .join(' ');
    const visible = VISIBLE_REASON.exec(paragraph);
    let reason: string | undefined;
    if (visible && top < prev) {
      reason = visible[1];
      prev = top;
      skipBlank();
    }
    const line = (lines[prev] ?? '').trim();
    const comment = COMMENT.exec(line);
    const parsed = comment ? parseMarker(comment[1] ?? '') : { marker: {} };
    let problem = parsed.problem;
    if (parsed.marker.skip !== undefined) {
      if (reason === undefined)
        problem = 'a skipped block needs its reason rendered: "*Not run by the docs test: …*" before it';
      else parsed.marker.skip = reason;
    }
    blocks.push({
      file,
      line: i + 1,
      lang,
      kind: kindOf(lang),
      code,
      marker: parsed.marker,
      ...(problem ? { problem } : {}),
    });
    i = end;
  }
  return blocks;
}

/** `README.md` and every Markdown page under `docs/` except the decisions. */
export function docFiles(root: string): string[] {
  const out = ['README.md'];
  const walk = (rel: string) => {
    for (const name of readdirSync(join(root, rel))) {
      const path = `${rel}/${name}`;
      if (path === 'docs/decisions') continue;
      if (statSync(join(root, path)).isDirectory()) walk(path);
      else if (name.endsWith('.md')) out.push(path);
    }
  };
  walk('docs');
  return out.sort();
}
