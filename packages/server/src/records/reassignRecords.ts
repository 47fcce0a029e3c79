import { can, type VeilRecord } from '@veil/policy';
import type { WriteStep } from '@veil/store';
import { VeilError } from '../errors/veilError.js';
import { mayOwnRecords } from '../routers/userAccountProcedures.js';
import { parsePointer } from '../services/recordData.js';
import { withStore } from '../services/storeErrors.js';
import { type RecordsCaller, recordInScope, sceneOf } from './recordScene.js';

export interface ReassignInput {
  templateId: string;
  ids: string[];
  /** The new owner's user id. */
  to: string;
}

function withOwner(record: VeilRecord, segments: string[], owner: string, now: string): VeilRecord {
  const data = structuredClone(record.data);
  let container: Record<string, unknown> = data;
  for (const segment of segments.slice(0, -1)) {
    const next = container[segment];
    if (next === null || typeof next !== 'object') container[segment] = {};
    container = container[segment] as Record<string, unknown>;
  }
  container[segments.at(-1) as string] = owner;
  return { ...record, version: record.version + 1, updatedAt: now, data };
}

/**
 * Hands records to another owner (issue 13): each record must be in the caller's scope with
 * `records.reassign` granted on its relation, and the new owner an active person who may own
 * customers and whose records the caller could still reassign (a manager stays inside their
 * subtree). All records move in one unit of work with a `record.reassign` entry each, or none.
 */
export async function reassignRecords(caller: RecordsCaller, input: ReassignInput) {
  const scene = await sceneOf(caller, input.templateId);
  const en = scene.locale === 'en';
  const policy = scene.policy.policy;
  const owner = scene.loaded.sanitized.owner;
  const segments = parsePointer(owner);
  const target = await scene.services.store.getDoc('users', input.to);
  const refuseTarget = () => {
    throw new VeilError(
      'forbidden',
      en
        ? 'This person cannot take over these customers: choose someone active in your team who may own customers.'
        : '此人不能接手这些客户：请选择您团队中可以拥有客户的在职人员。',
    );
  };
  if (!target?.active || !(await mayOwnRecords(scene.services, target.roles))) refuseTarget();
  const probe: VeilRecord = withOwner(
    {
      id: '',
      templateId: input.templateId,
      templateVersion: 0,
      version: 0,
      createdAt: '',
      updatedAt: '',
      data: {},
    },
    segments,
    input.to,
    '',
  );
  const targetRelation = scene.policy.relationOf(probe, scene.viewer);
  if (targetRelation === null || !can(policy, scene.viewer.principal, 'records.reassign', targetRelation))
    refuseTarget();
  const now = scene.services.now().toISOString();
  const steps: WriteStep[] = [];
  const moved: { record: VeilRecord; from: unknown }[] = [];
  for (const id of [...new Set(input.ids)]) {
    const { record, relation } = await recordInScope(scene, id);
    if (!can(policy, scene.viewer.principal, 'records.reassign', relation))
      throw new VeilError(
        'forbidden',
        en
          ? 'You may not hand over this customer (capability "records.reassign"); nothing was changed.'
          : '您不能转交此客户（需要"records.reassign"权限）；未做任何更改。',
      );
    const from = parsePointer(owner).reduce<unknown>(
      (v, k) => (v !== null && typeof v === 'object' ? (v as Record<string, unknown>)[k] : undefined),
      record.data,
    );
    if (from === input.to) continue;
    steps.push({
      kind: 'updateRecord',
      record: withOwner(record, segments, input.to, now),
      expectedVersion: record.version,
      supersededBy: scene.actor,
    });
    moved.push({ record, from });
  }
  if (steps.length > 0)
    await withStore(() =>
      scene.services.store.commit({
        steps,
        audit: moved.map(({ record, from }) => ({
          actor: scene.actor,
          action: 'record.reassign',
          target: record.id,
          details: {
            templateId: scene.loaded.sanitized.id,
            ...(typeof from === 'string' ? { from } : {}),
            to: input.to,
            fields: [owner],
          },
        })),
      }),
    );
  return { reassigned: steps.length };
}
