import type { Query, Viewer } from '@veil/policy';
import type { Relation } from '@veil/schema';
import type { RecordScope } from '@veil/store';
import { VeilError } from '../errors/veilError.js';
import type { TemplatePolicy } from '../services/templatePolicy.js';
import type { Scene } from './recordScene.js';

const PROBE = '\u0000team-probe';

/**
 * The relations the viewer's row scope admits, as `@veil/policy` decides them (its scope filter
 * asked about the principal and about a stand-in colleague of its team).
 * TODO(lead): replace with the scope condition `guardQuery` returns once policy exports it.
 */
function admittedRelations(policy: TemplatePolicy, viewer: Viewer): Set<Relation> {
  const self = viewer.principal.id;
  const base = policy.scopeFilter(viewer, [self]);
  if (base.kind === 'all') return new Set(['owner', 'team', 'any']);
  const out = new Set<Relation>();
  if (base.ownerIds.includes(self)) out.add('owner');
  const teamDepartment = viewer.teamDepartments.values().next().value;
  if (teamDepartment !== undefined) {
    const probe: Viewer = {
      ...viewer,
      departmentOf: (userId) => (userId === PROBE ? teamDepartment : viewer.departmentOf(userId)),
    };
    const team = policy.scopeFilter(probe, [PROBE]);
    if (team.kind === 'all' || team.ownerIds.includes(PROBE)) out.add('team');
  }
  return out;
}

/**
 * The row scope as a condition the store translates (no list of owners built from every user):
 * the viewer's own records and its team's departments, narrowed for blind-index matches to the
 * relations that read the matched field in full.
 */
export function scopeConditionOf(scene: Scene, relationsPerMatch: readonly Relation[][]): RecordScope {
  const admitted = admittedRelations(scene.policy, scene.viewer);
  let all = admitted.has('any');
  let own = admitted.has('owner');
  let team = admitted.has('team');
  for (const relations of relationsPerMatch) {
    if (relations.includes('any')) continue;
    all = false;
    own &&= relations.includes('owner');
    team &&= relations.includes('team');
  }
  if (all) return { kind: 'all' };
  return {
    kind: 'condition',
    self: scene.viewer.principal.id,
    own,
    departments: team ? [...scene.viewer.teamDepartments] : [],
  };
}

/** Runs `@veil/policy`'s query guard; a refusal is an error naming every offending field. */
export function guardRecordQuery(scene: Scene, query: Query): Relation[][] {
  const result = scene.policy.guardQuery(query, scene.viewer);
  // Scanned free text counts as read in full only where the viewer may also write it
  // (@veil/policy's guardQuery), matching `maskFoundPii` on reads.
  const refusals = result.status === 'refused' ? result.refusals : [];
  if (refusals.length > 0) {
    throw new VeilError(
      'query-refused',
      `This query uses fields you may not filter, sort or search on: ${refusals.map((r) => `${r.field} (${r.clause}: ${r.reason})`).join(', ')}.`,
      {
        issues: refusals.map((r) => ({
          path: r.field,
          code: r.reason,
          message: `Not allowed in ${r.clause}.`,
        })),
      },
    );
  }
  return result.status === 'allowed' ? result.matchScope.map((m) => m.relations) : [];
}

/** Fields encrypted at rest answer only whole-value matches: anything else is refused by title. */
export async function refuseEncrypted(scene: Scene, query: Query): Promise<void> {
  const storage = await scene.services.store.getTemplateStorage(scene.loaded.sanitized.id);
  const encrypted = new Set(storage?.everEncrypted ?? storage?.encrypted ?? []);
  const used = [
    ...(query.filters ?? []).map((f) => f.field),
    ...(query.sort ?? []).map((s) => s.field),
    ...(query.search?.fields ?? []),
    ...(query.groupBy ?? []),
  ].filter((field) => encrypted.has(field));
  if (used.length === 0) return;
  const titles = [...new Set(used)].map(
    (path) => scene.loaded.sanitized.fields.find((f) => f.path === path)?.title ?? 'a field',
  );
  throw new VeilError(
    'query-refused',
    `These fields are encrypted at rest and can only be found by their whole value: ${titles.join(', ')}.`,
    {
      issues: used.map((path) => ({
        path,
        code: 'encrypted',
        message: 'Search this field by its whole value.',
      })),
    },
  );
}
