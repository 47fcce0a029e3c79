import { can, type VeilRecord } from '@veil/policy';
import type { Scene } from '../records/recordScene.js';
import { parsePointer } from '../services/recordData.js';
import type { ImportMessageCode } from './importMessages.js';

export type OwnerAnswer =
  | { ok: true; userId: string }
  | { ok: false; code: ImportMessageCode; count?: number };

function withOwner(scene: Scene, userId: string): VeilRecord {
  const segments = parsePointer(scene.loaded.sanitized.owner);
  const data: Record<string, unknown> = {};
  let cursor = data;
  for (const segment of segments.slice(0, -1)) {
    const next: Record<string, unknown> = {};
    cursor[segment] = next;
    cursor = next;
  }
  cursor[segments.at(-1) ?? 'ownerId'] = userId;
  return {
    id: 'owner-probe',
    templateId: scene.loaded.sanitized.id,
    templateVersion: scene.loaded.doc.version,
    version: 1,
    createdAt: '',
    updatedAt: '',
    data,
  };
}

/**
 * Resolves an owner cell to a user: by login, else by display name. Two users with one name are
 * ambiguous (never guessed); giving a customer to someone else needs `records.reassign` for them.
 * Each distinct cell is looked up once (two indexed lookups), never by listing every user.
 */
export function ownerResolver(scene: Scene) {
  const cache = new Map<string, Promise<OwnerAnswer>>();
  const lookup = async (text: string): Promise<OwnerAnswer> => {
    const store = scene.services.store;
    const byLogin = (await store.listDocs('users', { login: text.toLowerCase() })).filter((u) => u.active);
    const candidates =
      byLogin.length > 0 ? byLogin : (await store.listDocs('users', { name: text })).filter((u) => u.active);
    if (candidates.length === 0) return { ok: false, code: 'owner-unknown' };
    if (candidates.length > 1) return { ok: false, code: 'owner-ambiguous', count: candidates.length };
    const userId = candidates[0]!.id;
    if (userId === scene.actor) return { ok: true, userId };
    const relation = scene.policy.relationOf(withOwner(scene, userId), scene.viewer);
    if (relation === null || !can(scene.policy.policy, scene.viewer.principal, 'records.reassign', relation))
      return { ok: false, code: 'owner-forbidden' };
    return { ok: true, userId };
  };
  return (text: string): Promise<OwnerAnswer> => {
    const key = text.trim();
    let answer = cache.get(key);
    if (!answer) {
      answer = lookup(key);
      cache.set(key, answer);
    }
    return answer;
  };
}
