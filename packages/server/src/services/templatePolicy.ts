import type { CompiledPolicy, Keyring } from '@veil/policy';
import { compilePolicy } from '@veil/policy';
import type { SanitizedTemplate, WorkspacePolicy } from '@veil/schema';

/** Every privacy decision the server makes about one template version goes through this (from `@veil/policy`). */
export type TemplatePolicy = CompiledPolicy;

export function createTemplatePolicy(
  template: SanitizedTemplate,
  policy: WorkspacePolicy,
  keys: Keyring,
  locale: 'zh-CN' | 'en',
): TemplatePolicy {
  return compilePolicy(template, policy, { keys, locale });
}
