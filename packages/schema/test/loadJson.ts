import { readdirSync, readFileSync, statSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { Template } from '../src/template.js';
import type { WorkspacePolicy } from '../src/workspacePolicy.js';

/** The repository's `templates/` folder. */
export const TEMPLATES_DIR = fileURLToPath(new URL('../../../templates/', import.meta.url));
/** This package's `test/fixtures/` folder. */
export const FIXTURES_DIR = fileURLToPath(new URL('./fixtures/', import.meta.url));

export function readJson<T>(path: string): T {
  return JSON.parse(readFileSync(path, 'utf8')) as T;
}

/** The example workspace policy the templates are written against. */
export function loadWorkspacePolicy(): WorkspacePolicy {
  return readJson<WorkspacePolicy>(`${TEMPLATES_DIR}workspace-policy.json`);
}

/** Names of the example templates (folders of `templates/` holding a `template.json`). */
export function exampleTemplateNames(): string[] {
  return readdirSync(TEMPLATES_DIR)
    .filter((name) => statSync(`${TEMPLATES_DIR}${name}`).isDirectory())
    .filter((name) => {
      try {
        return statSync(`${TEMPLATES_DIR}${name}/template.json`).isFile();
      } catch {
        return false;
      }
    })
    .sort();
}

export function loadTemplate(name: string): Template {
  return readJson<Template>(`${TEMPLATES_DIR}${name}/template.json`);
}
