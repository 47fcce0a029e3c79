import { describe, expect, it } from 'vitest';
import { DEFAULT_WORKSPACE_POLICY, type WorkspacePolicy } from '../workspacePolicy.js';
import { diffWorkspacePolicy } from './diffWorkspacePolicy.js';

const base = DEFAULT_WORKSPACE_POLICY;
const withChange = (change: (p: WorkspacePolicy) => void): WorkspacePolicy => {
  const next = structuredClone(base);
  change(next);
  return next;
};

describe('diffWorkspacePolicy', () => {
  it('finds nothing between equal policies', () => {
    expect(diffWorkspacePolicy(base, structuredClone(base))).toEqual({ changes: [], weakensPrivacy: false });
  });

  it('classifies letting reps read colleagues’ phones in full as access widened, with old and new levels', () => {
    const next = withChange((p) => {
      p.levelDefaults.confidential.access.rep = 'full';
    });
    const diff = diffWorkspacePolicy(base, next);
    expect(diff.weakensPrivacy).toBe(true);
    expect(diff.changes).toEqual([
      expect.objectContaining({
        path: '/levelDefaults/confidential/access',
        kind: 'access-widened',
        privacy: 'weakens',
        role: 'rep',
        relation: 'team',
        from: 'masked',
        to: 'full',
      }),
      expect.objectContaining({
        kind: 'access-widened',
        role: 'rep',
        relation: 'any',
        from: 'masked',
        to: 'full',
      }),
    ]);
    // The reverse is a narrowing, which needs no confirmation.
    const back = diffWorkspacePolicy(next, base);
    expect(back.weakensPrivacy).toBe(false);
    expect(back.changes.map((c) => c.kind)).toEqual(['access-narrowed', 'access-narrowed']);
  });

  it('classifies relaxed exports, a higher approval threshold and granted capabilities as weakening', () => {
    const next = withChange((p) => {
      p.levelDefaults.confidential.export = 'allow';
      p.exportApprovalRows = 1000;
      p.capabilities = { ...p.capabilities, 'audit.read': ['admin', 'compliance', 'manager'] };
      p.capabilities['records.delete'] = { staff: ['owner'], manager: ['any'], admin: ['any'] };
    });
    const diff = diffWorkspacePolicy(base, next);
    expect(diff.weakensPrivacy).toBe(true);
    const kinds = diff.changes.map((c) => [c.kind, c.role ?? '', c.relation ?? '', c.capability ?? '']);
    expect(kinds).toEqual(
      expect.arrayContaining([
        ['capability-granted', 'manager', '', 'audit.read'],
        ['capability-granted', 'manager', 'any', 'records.delete'],
        ['export-loosened', '', '', ''],
        ['approval-threshold-raised', '', '', ''],
      ]),
    );
    expect(diff.changes.every((c) => c.privacy === 'weakens')).toBe(true);
  });

  it('sees a new role through what it may read and do, and a wider row scope', () => {
    const next = withChange((p) => {
      p.roles.push({ id: 'intern', kind: 'staff', rowScope: 'all' });
      p.roles.find((r) => r.id === 'partner')!.rowScope = 'team';
    });
    const diff = diffWorkspacePolicy(base, next);
    expect(diff.changes).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ kind: 'role-added', role: 'intern' }),
        expect.objectContaining({ kind: 'row-scope-widened', role: 'intern', to: 'all' }),
        expect.objectContaining({ kind: 'row-scope-widened', role: 'partner', from: 'own', to: 'team' }),
        expect.objectContaining({ kind: 'access-widened', role: 'intern', relation: 'any', to: 'full' }),
        expect.objectContaining({ kind: 'capability-granted', role: 'intern', capability: 'records.create' }),
      ]),
    );
    expect(diff.weakensPrivacy).toBe(true);
  });

  it('treats an omitted capabilities block as the defaults', () => {
    const { capabilities: _none, ...older } = base;
    expect(diffWorkspacePolicy(older, base).changes).toEqual([]);
  });
});
