import type { Relation, WorkspacePolicy } from '@veil/schema';
import { admittedRelations, FULL, rankOf, scopeWidth } from './accessRank.js';
import type { FieldTree } from './fieldTree.js';

/** Per-field decisions for one set of roles, computed once and shared by every viewer holding that set. */
export interface RoleSetTables {
  /** Relations the widest row scope among the roles admits (most specific first). */
  admitted: Relation[];
  /** Effective read rank per relation and field index: max over roles of the min along the field's containers. */
  access: Record<Relation, Uint8Array>;
  /** 1 where some role may write the field for that relation (and reads it in full). */
  editable: Record<Relation, Uint8Array>;
}

const RELATIONS: readonly Relation[] = ['owner', 'team', 'any'];

export function buildRoleSetTables(
  tree: FieldTree,
  policy: WorkspacePolicy,
  roles: readonly string[],
): RoleSetTables {
  const known = new Set(policy.roles.map((role) => role.id));
  const roleIds = [...new Set(roles)].filter((role) => known.has(role));
  let width = 0;
  for (const role of policy.roles)
    if (roleIds.includes(role.id)) width = Math.max(width, scopeWidth(role.rowScope));
  const count = tree.nodes.length;
  const access = { owner: new Uint8Array(count), team: new Uint8Array(count), any: new Uint8Array(count) };
  const editable = { owner: new Uint8Array(count), team: new Uint8Array(count), any: new Uint8Array(count) };
  for (const relation of RELATIONS) {
    for (const role of roleIds) {
      // Per role: a field is never more generous than the containers around it.
      const chain = new Uint8Array(count);
      for (const node of tree.nodes) {
        const own = rankOf(node.field.privacy.access[role]?.[relation]);
        const inherited = node.parent === null ? FULL : chain[node.parent.index]!;
        const rank = Math.min(own, inherited);
        chain[node.index] = rank;
        if (rank > access[relation][node.index]!) access[relation][node.index] = rank;
        if (rank === FULL && node.field.privacy.edit[role]?.[relation] === true)
          editable[relation][node.index] = 1;
      }
    }
  }
  return { admitted: admittedRelations(width), access, editable };
}
