import { existsSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import type { Template, WorkspacePolicy } from '@veil/schema';
import { collectPackFiles } from '../pack/collectPackFiles.js';
import { PACK_MANIFEST_FILE } from '../pack/packManifest.js';
import { packPolicy } from '../pack/packPolicy.js';
import { type LoadedPack, readPack } from '../pack/readPack.js';
import type { CliContext } from './cliContext.js';
import { loadPolicy } from './loadPolicy.js';
import { readJsonFile } from './readJsonFile.js';

/** One template to work on, with the workspace policy it is interpreted against. */
export interface TemplateTarget {
  /** The file, relative to the working directory. */
  file: string;
  template: Template;
  policy: WorkspacePolicy;
  /** Where the policy came from: a `--policy` file, a pack, a `workspace-policy.json` or the default. */
  policySource: string;
  /** The pack the template belongs to. */
  pack?: { dir: string; pack: LoadedPack };
}

const POLICY_FILE = 'workspace-policy.json';
const SEARCH_DEPTH = 4;

function findUp(start: string, name: string): string | undefined {
  let dir = start;
  for (let i = 0; i < SEARCH_DEPTH; i++) {
    if (existsSync(join(dir, name))) return dir;
    const parent = dirname(dir);
    if (parent === dir) return undefined;
    dir = parent;
  }
  return undefined;
}

/** Reads a pack folder (manifest, templates, README, sample spec). */
function loadPackDir(ctx: CliContext, dir: string): LoadedPack {
  return readPack(ctx.t, collectPackFiles(ctx.t, dir));
}

/**
 * Resolves command-line paths to templates: a pack folder gives its templates (with the pack's
 * policy), a folder with a `template.json` that file, a file itself. The policy is `--policy`,
 * else the enclosing pack's, else the nearest `workspace-policy.json` above, else the default.
 */
export function loadTargets(
  ctx: CliContext,
  paths: readonly string[],
  policyPath?: string,
): TemplateTarget[] {
  const explicit = policyPath === undefined ? undefined : loadPolicy(ctx.t, resolve(ctx.cwd, policyPath));
  const rel = (p: string) => relative(ctx.cwd, p) || '.';
  return paths.flatMap((path): TemplateTarget[] => {
    const abs = resolve(ctx.cwd, path);
    const isDir = existsSync(abs) && statSync(abs).isDirectory();
    if (isDir && existsSync(join(abs, PACK_MANIFEST_FILE))) {
      const pack = loadPackDir(ctx, abs);
      const policy = explicit ?? packPolicy(pack.manifest);
      return pack.templates.map((t) => ({
        file: rel(join(abs, t.path)),
        template: t.template,
        policy,
        policySource: explicit ? (policyPath as string) : `pack ${pack.manifest.name}`,
        pack: { dir: abs, pack },
      }));
    }
    const file = isDir ? join(abs, 'template.json') : abs;
    const template = readJsonFile(ctx.t, file) as Template;
    if (explicit)
      return [{ file: rel(file), template, policy: explicit, policySource: policyPath as string }];
    const packDir = findUp(dirname(file), PACK_MANIFEST_FILE);
    if (packDir !== undefined) {
      const pack = loadPackDir(ctx, packDir);
      return [
        {
          file: rel(file),
          template,
          policy: packPolicy(pack.manifest),
          policySource: `pack ${pack.manifest.name}`,
          pack: { dir: packDir, pack },
        },
      ];
    }
    const policyDir = findUp(dirname(file), POLICY_FILE);
    if (policyDir !== undefined) {
      const policyFile = join(policyDir, POLICY_FILE);
      return [
        { file: rel(file), template, policy: loadPolicy(ctx.t, policyFile), policySource: rel(policyFile) },
      ];
    }
    return [{ file: rel(file), template, policy: loadPolicy(ctx.t, undefined), policySource: 'default' }];
  });
}
