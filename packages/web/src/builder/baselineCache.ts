import type { Template } from '@veil/schema';

/**
 * Published versions the builder has seen, kept in this browser: while a draft exists the
 * server sends only the draft, yet the diff needs the published version. Template JSON holds
 * no customer data.
 */
const PREFIX = 'veil.builder.published.';

export function rememberPublished(template: Template): void {
  try {
    localStorage.setItem(`${PREFIX}${template.id}@${template.version}`, JSON.stringify(template));
  } catch {
    // storage full or unavailable: the diff then says the base is unknown
  }
}

export function recallPublished(id: string, version: number): Template | null {
  try {
    const text = localStorage.getItem(`${PREFIX}${id}@${version}`);
    return text ? (JSON.parse(text) as Template) : null;
  } catch {
    return null;
  }
}
