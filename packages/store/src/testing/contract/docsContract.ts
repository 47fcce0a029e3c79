import { expect, it } from 'vitest';
import type { SessionDoc } from '../../store.js';
import { audit, type OpenStore, withStore } from './contractKit.js';

const NOW = '2024-01-01T00:00:00.000Z';
const session = (id: string, userId: string, revoked = false): SessionDoc => ({
  id,
  userId,
  createdAt: NOW,
  lastSeenAt: NOW,
  expiresAt: NOW,
  revoked,
});

/** Typed collections: equality filters, insert-only documents, atomic login counters. */
export function docsContract(open: OpenStore): void {
  it('keeps documents in typed collections and filters them by top-level fields', () =>
    withStore(open, async (store) => {
      await store.putDoc('sessions', session('s1', 'u1'));
      await store.putDoc('sessions', session('s2', 'u2'));
      await store.putDoc('sessions', session('s3', 'u1', true));
      expect((await store.listDocs('sessions', { userId: 'u1' })).map((s) => s.id)).toEqual(['s1', 's3']);
      expect((await store.listDocs('sessions', { userId: 'u1', revoked: false })).map((s) => s.id)).toEqual([
        's1',
      ]);
      expect(await store.deleteDoc('sessions', 's1')).toBe(true);
      expect(await store.getDoc('sessions', 's1')).toBeUndefined();
      expect(await store.deleteDoc('sessions', 's1')).toBe(false);
    }));

  it('keeps alerts per recipient', () =>
    withStore(open, async (store) => {
      const alert = (id: string, to: string) => ({
        id,
        to,
        about: 'u9',
        kind: 'read-limit',
        at: NOW,
        details: { count: 6, limit: 5 },
      });
      await store.putDoc('alerts', alert('a1', 'm1'));
      await store.putDoc('alerts', alert('a2', 'm2'));
      await store.putDoc('alerts', alert('a3', 'm1'));
      expect((await store.listDocs('alerts', { to: 'm1' })).map((a) => a.id)).toEqual(['a1', 'a3']);
      expect((await store.getDoc('alerts', 'a2'))?.details).toEqual({ count: 6, limit: 5 });
    }));

  it('changes the docs revision of a collection on every put and delete there, and only there', () =>
    withStore(open, async (store) => {
      const before = await store.docsRevision(['users', 'departments']);
      const sessions = await store.docsRevision(['sessions']);
      await store.putDoc('departments', { id: 'd1', name: 'Sales', parentId: null });
      const afterPut = await store.docsRevision(['users', 'departments']);
      expect(afterPut).not.toBe(before);
      expect(await store.docsRevision(['sessions'])).toBe(sessions);
      expect(await store.docsRevision(['users', 'departments'])).toBe(afterPut);
      await store.deleteDoc('departments', 'd1');
      expect(await store.docsRevision(['users', 'departments'])).not.toBe(afterPut);
    }));

  it('a document put with an audit entry commits both', () =>
    withStore(open, async (store) => {
      await store.putDoc(
        'departments',
        { id: 'd1', name: 'Sales', parentId: null },
        audit('department.create', 'd1'),
      );
      const page = await store.listAudit({ action: 'department.create' });
      expect(page.entries.map((e) => e.target)).toEqual(['d1']);
      expect((await store.getDoc('departments', 'd1'))?.name).toBe('Sales');
    }));

  it('hands out copies: changing a returned document changes nothing stored', () =>
    withStore(open, async (store) => {
      const doc = session('s1', 'u1');
      await store.putDoc('sessions', doc);
      doc.userId = 'changed-after-put';
      const read = await store.getDoc('sessions', 's1');
      expect(read?.userId).toBe('u1');
      if (read) read.userId = 'changed-after-get';
      expect((await store.listDocs('sessions'))[0]?.userId).toBe('u1');
    }));

  it('insertDoc refuses an id that exists, keeps the first document and writes no audit entry', () =>
    withStore(open, async (store) => {
      const published = (by: string) => ({
        id: 'tpl@1',
        templateId: 'tpl',
        version: 1,
        template: {} as never,
        publishedAt: NOW,
        publishedBy: by,
      });
      await store.insertDoc('templates', published('alice'), audit('template.publish', 'tpl@1'));
      await expect(
        store.insertDoc('templates', published('bob'), audit('template.publish', 'tpl@1')),
      ).rejects.toMatchObject({ code: 'CONFLICT' });
      expect((await store.getDoc('templates', 'tpl@1'))?.publishedBy).toBe('alice');
      expect((await store.listAudit({ action: 'template.publish' })).entries).toHaveLength(1);
    }));

  it('concurrent inserts of one id: exactly one wins', () =>
    withStore(open, async (store) => {
      const results = await Promise.allSettled(
        Array.from({ length: 8 }, (_, i) =>
          store.insertDoc('departments', { id: 'd1', name: `Sales ${i}`, parentId: null }),
        ),
      );
      expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
      const rejected = results.filter((r): r is PromiseRejectedResult => r.status === 'rejected');
      expect(rejected.every((r) => (r.reason as { code?: string }).code === 'CONFLICT')).toBe(true);
    }));

  it('counts concurrent failed logins atomically and locks at the threshold', () =>
    withStore(open, async (store) => {
      const at = (s: number) => new Date(Date.UTC(2024, 0, 1, 0, 0, s)).toISOString();
      const input = (s: number) => ({
        id: 'login:k1',
        at: at(s),
        windowMs: 60_000,
        lockAfter: 5,
        lockMs: 900_000,
        audit: {
          actor: 'anonymous',
          target: 'login:k1',
          action: 'auth.login-failed',
          lockedAction: 'auth.locked',
        },
      });
      const docs = await Promise.all(Array.from({ length: 7 }, (_, i) => store.recordLoginFailure(input(i))));
      expect(docs.map((d) => d.failures).sort((a, b) => a - b)).toEqual([1, 2, 3, 4, 5, 6, 7]);
      const stored = await store.getDoc('loginAttempts', 'login:k1');
      expect(stored?.failures).toBe(7);
      expect(stored?.lockedUntil).toBeDefined();
      expect((await store.listAudit({ action: 'auth.login-failed' })).entries).toHaveLength(4);
      expect((await store.listAudit({ action: 'auth.locked' })).entries).toHaveLength(3);
    }));

  it('starts a new failed-login count once the window has passed', () =>
    withStore(open, async (store) => {
      const input = (at: string) => ({
        id: 'login:k2',
        at,
        windowMs: 60_000,
        lockAfter: 3,
        lockMs: 60_000,
        audit: {
          actor: 'anonymous',
          target: 'login:k2',
          action: 'auth.login-failed',
          lockedAction: 'auth.locked',
        },
      });
      await store.recordLoginFailure(input('2024-01-01T00:00:00.000Z'));
      await store.recordLoginFailure(input('2024-01-01T00:00:30.000Z'));
      const later = await store.recordLoginFailure(input('2024-01-01T00:05:00.000Z'));
      expect(later).toMatchObject({ failures: 1, firstFailureAt: '2024-01-01T00:05:00.000Z' });
      expect(later.lockedUntil).toBeUndefined();
    }));

  it('stores erasable notes', () =>
    withStore(open, async (store) => {
      const id = await store.putNote('customer asked to be called back');
      expect(await store.getNote(id)).toBe('customer asked to be called back');
      expect(await store.eraseNote(id)).toBe(true);
      expect(await store.getNote(id)).toBeUndefined();
    }));
}
