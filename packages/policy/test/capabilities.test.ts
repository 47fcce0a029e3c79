import {
  type Capability,
  type CapabilityGrants,
  DEFAULT_WORKSPACE_POLICY,
  RECORD_CAPABILITIES,
  type Relation,
  WORKSPACE_CAPABILITIES,
  type WorkspacePolicy,
} from '@veil/schema';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { can, capabilitiesOf, guardDelete, holds, leastPrivilegedRole } from '../src/capabilities/index.js';
import { refCan } from './reference/referenceCapabilities.js';

const policy = DEFAULT_WORKSPACE_POLICY;
const RELATIONS: Relation[] = ['owner', 'team', 'any'];
const deletes = (roles: string[]) =>
  RELATIONS.filter((relation) => guardDelete(policy, { roles }, relation).status === 'allowed');

describe('default capabilities keep what Veil allowed before they were declared', () => {
  it('lets the owner delete their own record, a manager the team’s, an admin any; a partner none', () => {
    expect(deletes(['rep'])).toEqual(['owner']);
    expect(deletes(['compliance'])).toEqual(['owner']);
    expect(deletes(['manager'])).toEqual(['owner', 'team']);
    expect(deletes(['admin'])).toEqual(['owner', 'team', 'any']);
    expect(deletes(['partner'])).toEqual([]);
    expect(deletes(['ghost'])).toEqual([]);
    expect(deletes(['partner', 'rep'])).toEqual(['owner']);
    expect(guardDelete(policy, { roles: ['admin'] }, null)).toEqual({
      status: 'refused',
      reason: 'outside-scope',
      capability: 'records.delete',
    });
  });

  it('grants the workspace capabilities of the design', () => {
    expect(capabilitiesOf(policy, { roles: ['admin'] }).workspace).toEqual([
      'records.create',
      'templates.publish',
      'users.manage',
      'audit.read',
      'workspace.manage',
      'people.names',
      'records.claim',
    ]);
    expect(capabilitiesOf(policy, { roles: ['compliance'] }).workspace).toEqual([
      'records.create',
      'audit.read',
      'reveal.reasons.read',
      'people.names',
      'records.claim',
      'subjects.manage',
      'retention.run',
      'consents.record',
    ]);
    // Staff see colleagues' names (issue 13); an external partner does not.
    expect(can(policy, { roles: ['partner'] }, 'people.names')).toBe(false);
    expect(capabilitiesOf(policy, { roles: ['rep'] })).toEqual({
      workspace: ['records.create', 'people.names', 'records.claim'],
      records: { 'records.delete': ['owner'], 'records.reassign': [], 'records.release': ['owner'] },
    });
    expect(can(policy, { roles: ['partner'] }, 'records.claim')).toBe(false);
    expect(can(policy, { roles: ['rep'] }, 'audit.read')).toBe(false);
    expect(can(policy, { roles: ['manager'] }, 'records.reassign', 'team')).toBe(true);
    expect(holds(capabilitiesOf(policy, { roles: ['manager'] }), 'records.reassign')).toBe(true);
  });

  it('reads grants from the policy, defaulting only what it omits (older versions have none)', () => {
    const { capabilities: _omitted, ...older } = policy;
    expect(capabilitiesOf(older, { roles: ['admin'] })).toEqual(capabilitiesOf(policy, { roles: ['admin'] }));
    const narrowed: WorkspacePolicy = { ...policy, capabilities: { 'audit.read': ['compliance'] } };
    expect(can(narrowed, { roles: ['admin'] }, 'audit.read')).toBe(false);
    expect(can(narrowed, { roles: ['admin'] }, 'workspace.manage')).toBe(true);
  });
});

const ROLE_KEYS = [...policy.roles.map((r) => r.id), 'staff', 'external', '*', 'ghost'];
const relationsArb = fc.subarray(RELATIONS);
const grantsArb: fc.Arbitrary<Partial<CapabilityGrants>> = fc.record(
  {
    ...Object.fromEntries(WORKSPACE_CAPABILITIES.map((c) => [c, fc.subarray(ROLE_KEYS)])),
    ...Object.fromEntries(
      RECORD_CAPABILITIES.map((c) => [c, fc.dictionary(fc.constantFrom(...ROLE_KEYS), relationsArb)]),
    ),
  } as Record<keyof CapabilityGrants, fc.Arbitrary<never>>,
  { requiredKeys: [] },
);

describe('capabilities vs the reference model', () => {
  it('agree on every capability, role set and relation', () => {
    fc.assert(
      fc.property(grantsArb, fc.subarray([...ROLE_KEYS, 'rep', 'admin']), (capabilities, roles) => {
        const world: WorkspacePolicy = { ...policy, capabilities };
        const viewer = capabilitiesOf(world, { roles });
        for (const capability of [...WORKSPACE_CAPABILITIES, ...RECORD_CAPABILITIES] as Capability[]) {
          if ((RECORD_CAPABILITIES as readonly string[]).includes(capability)) {
            for (const relation of RELATIONS) {
              const expected = refCan(world, roles, capability, relation);
              expect(holds(viewer, capability, relation)).toBe(expected);
              expect(can(world, { roles }, capability as 'records.delete', relation)).toBe(expected);
            }
          } else {
            expect(can(world, { roles }, capability as 'audit.read')).toBe(refCan(world, roles, capability));
          }
        }
      }),
      { numRuns: 500 },
    );
  });
});

describe('leastPrivilegedRole', () => {
  it('is the rep under the default policy: team scope and the fewest capabilities among staff', () => {
    expect(leastPrivilegedRole(policy)?.id).toBe('rep');
    const onlyPartners: WorkspacePolicy = {
      ...policy,
      roles: policy.roles.filter((r) => r.kind === 'external'),
    };
    expect(leastPrivilegedRole(onlyPartners)?.id).toBe('partner');
  });
});
