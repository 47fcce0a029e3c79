import type { Viewer } from '../types.js';
import type { EngineCore } from './engineCore.js';

/** What a store must filter on so a list never loads a row outside the viewer's scope. */
export type ScopeFilter = { kind: 'all' } | { kind: 'owners'; ownerIds: string[] };

/**
 * The owners whose records the viewer's row scope admits, among `allUserIds` (in their order).
 * Records without a string owner have relation `any`, so only an `all` scope reaches them.
 */
export function scopeFilter(core: EngineCore, viewer: Viewer, allUserIds: readonly string[]): ScopeFilter {
  const admitted = core.tablesFor(viewer).admitted;
  if (admitted.includes('any')) return { kind: 'all' };
  const team = admitted.includes('team');
  const owner = admitted.includes('owner');
  const ownerIds: string[] = [];
  for (const userId of allUserIds) {
    if (userId === viewer.principal.id) {
      if (owner) ownerIds.push(userId);
      continue;
    }
    if (!team) continue;
    const department = viewer.departmentOf(userId);
    if (department !== undefined && viewer.teamDepartments.has(department)) ownerIds.push(userId);
  }
  return { kind: 'owners', ownerIds };
}
