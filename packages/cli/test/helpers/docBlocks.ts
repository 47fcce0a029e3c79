import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

/** A shell block of a Markdown file, with the marker on the line before it (if any). */
export interface DocBlock {
  /** Repository-relative file. */
  file: string;
  /** 1-based line of the opening fence. */
  line: number;
  code: string;
  marker: { kind: 'skip'; reason: string } | { kind: 'exit'; code: number } | undefined;
}

const SHELL = new Set(['sh', 'bash', 'shell']);
const MARKER = /^<!--\s*docs-test:\s*(skip:\s*(.*?)|exit\s+(\d+))\s*-->$/;

/** Every ```sh / ```bash / ```shell block of the file. */
export function shellBlocks(root: string, file: string): DocBlock[] {
  const lines = readFileSync(join(root, file), 'utf8').split('\n');
  const blocks: DocBlock[] = [];
  for (let i = 0; i < lines.length; i++) {
    const open = /^```(\w+)\s*$/.exec(lines[i] ?? '');
    if (!open) continue;
    const end = lines.findIndex((l, j) => j > i && /^```\s*$/.test(l));
    if (end === -1) break;
    if (SHELL.has(open[1] ?? '')) {
      let prev = i - 1;
      while (prev >= 0 && (lines[prev] ?? '').trim() === '') prev--;
      const m = MARKER.exec((lines[prev] ?? '').trim());
      const marker = m
        ? m[3] !== undefined
          ? { kind: 'exit' as const, code: Number(m[3]) }
          : { kind: 'skip' as const, reason: (m[2] ?? '').trim() }
        : undefined;
      blocks.push({ file, line: i + 1, code: lines.slice(i + 1, end).join('\n'), marker });
    }
    i = end;
  }
  return blocks;
}

/** `README.md` and every `docs/*.md`. */
export function docFiles(root: string): string[] {
  return [
    'README.md',
    ...readdirSync(join(root, 'docs'))
      .filter((f) => f.endsWith('.md'))
      .map((f) => `docs/${f}`),
  ].sort();
}
