import { describe, expect, it } from 'vitest';
import { DEFAULT_WORKSPACE_POLICY } from './workspacePolicy.js';

describe('DEFAULT_WORKSPACE_POLICY', () => {
  it('has the five roles of the design with their row scopes', () => {
    expect(DEFAULT_WORKSPACE_POLICY.roles.map((r) => `${r.id}:${r.rowScope}`)).toEqual([
      'admin:all',
      'manager:team',
      'rep:team',
      'compliance:all',
      'partner:own',
    ]);
  });
});
